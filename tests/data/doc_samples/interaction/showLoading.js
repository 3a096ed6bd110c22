Page({
    data: { },
    showLoading() {
        swan.showLoading({
            title: '正在加载...',
            mask: false, // 一般设置这个值为false
            success: res => {
                console.log('showLoading success', res);
            },
            fail: err => {
                console.log('showLoading fail', err);
            }
        });
    },
    hideLoading() {
        swan.hideLoading();
    }
});
