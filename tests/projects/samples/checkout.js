Page({
    data: {
        items: []
    },
    checkout() {
        if (this.data.items.length === 0) {
            throw new Error('nothing to check out');
        }
        swan.showToast({title: '下单成功'});
    }
})
