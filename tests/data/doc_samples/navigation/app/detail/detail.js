// 目标页面
Page({
    onLoad(options) {
        this.setData({
            'id': options.id
        });
    },
    onShow() {
        console.log(getCurrentPages()); // [{uri: 'index/index'}]
    },
    navigateBack(e) {
        swan.navigateBack({
            delta: 2
        });
    }
});

