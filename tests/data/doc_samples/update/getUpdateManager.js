Page({
    onLoad(){
        const updateManager = swan.getUpdateManager();
        this.updateManager =  updateManager;
    },
    applyUpdate() {
        this.updateManager.onCheckForUpdate(function (res) {
            // 请求完新版本信息的回调
            console.log("res", res.hasUpdate);
            if(!res.hasUpdate){
                swan.showModal({
                    title: '更新提示',
                    content: '无可用更新版本',
                });
            }
            else {
                this.updateManager.onUpdateReady(function (res) {  
                    swan.showModal({
                        title: '更新提示',
                        content: '新版本已经准备好，是否重启应用？',
                        success(res) {
                            if (res.confirm) {
                                // 新的版本已经下载好，调用 applyUpdate 应用新版本并重启
                                updateManager.applyUpdate();
                            }
                        }
                    });
                });
                this.updateManager.onUpdateFailed(function (err) {
                    // 新的版本下载失败
                    swan.showModal({
                        title: '更新提示',
                        content: '新版本下载失败，请稍后再试'
                    });
                });
            }
        }); 
    }
});
