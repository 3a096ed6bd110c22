Page({
    data: {
        id: 'detail'
    },
    onLoad(options) {
        this.setData({
            'id': options.id
        });
    },
    navigateBack(e) {
        swan.navigateBack({
            delta: 2
        });
    }
});
