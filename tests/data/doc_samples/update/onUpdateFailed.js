Page({
    data: { },
    onLoad() {
        const updateManager = swan.getUpdateManager();
        updateManager.onUpdateFailed(function (res) {
            // 请求完新版本信息的回调
            console.log("res", res);
            if(!res.hasUpdate){
                swan.showModal({
                    title: '更新提示',
                    content: '版本更新失败，请重试',
                });
            }
        });
    }
});
