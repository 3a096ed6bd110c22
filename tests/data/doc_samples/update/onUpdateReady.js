Page({
    data: { },
    onLoad() {
        const updateManager = swan.getUpdateManager();
        updateManager.onUpdateReady(function (res) {
            // 请求完新版本信息的回调
            console.log("res", res);
            if(!res.hasUpdate){
                swan.showModal({
                    title: '更新提示',
                    content: '新版本下载完成啦， 是否应用',
                });
            }
        });
    }
});
