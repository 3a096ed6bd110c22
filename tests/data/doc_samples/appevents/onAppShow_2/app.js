// app.js
App({
    onLaunch: function () {
        swan.onAppShow(function(res) {
            console.warn('请在真机中进行中进行验证,在工具中点击工具栏的刷新按钮也可模拟onShow触发事件，开发者按照自己的业务逻辑进行监听，被触发时机和App.onShow一致。');
            swan.showModal({
                title: 'res',
                content: JSON.stringify(res),
                showCancel: false
            });
            console.log('scene', res.scene);
            console.log('path', res.path);
            console.log('query', res.query);
            console.log('shareTicket', res.shareTicket);
            console.log('referrerInfo', res.referrerInfo);
            console.log('entryType', res.entryType);
            console.log('appURL', res.appURL);
        });
    }
});
