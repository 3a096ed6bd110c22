/**
 * @file pages/editor/editor.js 编辑收货信息：setData 的各种写法
 */
Page({
    data: {
        list: [{name: 'a'}, {name: 'b'}],
        profile: {nick: ''},
        tags: ['new', 'hot'],
        order: []
    },
    renameFirst(name) {
        this.setData({
            'list[0].name': name,
            'profile.address.city': 'Beijing',
            'matrix[1].row': 'created'
        });
        return this.data.list[0].name;
    },
    saveDraft(text) {
        const order = [];
        this.setData({draft: text}, () => {
            order.push('callback sees ' + this.data.draft);
            this.setData({order});
        });
        order.push('after setData sees ' + this.data.draft);
        Promise.resolve().then(() => order.push('microtask'));
        setTimeout(() => order.push('timeout 0'), 0);
        return order.slice();
    },
    setNick(nick) {
        this.setData('profile.nick', nick, () => console.log('nick saved: ' + this.data.profile.nick));
    },
    editTags() {
        this.pushData('tags', 'sale');
        this.unshiftData('tags', 'top');
        this.popData('tags');
        this.shiftData('tags');
        this.pushData('tags', 'last');
        this.removeAtData('tags', 0);
        this.spliceData('tags', [1, 0, 'x', 'y']);
        return this.getData('tags');
    },
    setHandler() {
        this.setData({onTap: function () {}, saved: true});
        return Object.keys(this.data);
    },
    setHuge() {
        this.setData({huge: new Array(10 * 1024 * 1024 + 1).join('x')});
        return this.data.huge.length;
    },
    submit() {
        this.setData({submitting: true}, () => {
            if (!this.data.profile.nick) {
                throw new Error('nick is required');
            }
        });
        return 'submitted';
    },
    setAddress() {
        const address = {city: 'Shanghai', lines: ['Road 1']};
        this.setData({address});
        address.city = 'mutated';
        address.lines.push('mutated');
        return this.data.address;
    }
});
