// app.js
App({
    onLaunch() {
        swan.onPageNotFound(function(res) {
            console.log(res);
            swan.showModal({
                title: '',
                content: '找不到页面，将跳转到首页'
            });
            swan.navigateTo({
                url: '/index/index'
            });
        });
    },
    onShow() {
        // 在App onShow后约3秒取消事件监听（仅做功能示例，开发者可根据业务逻辑选择取消监听时机）
        setTimeout(() => {
            swan.offPageNotFound();
            swan.showModal({
                title: '',
                content: '此后将不再触发swan.onPageNotFound回调'
            });
        }, 3000)
    }
});
