// app.js
App({
    onShow: function (res) {
        console.log('onShow', res)
        swan.showModal({
            title: 'res',
            content: JSON.stringify(res),
            showCancel: false
        });
    }
});

