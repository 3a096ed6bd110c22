// app.js
App({
    onHide: function (res) {
        console.log('onHide', res)
        swan.showModal({
            title: 'res',
            content: JSON.stringify(res),
            showCancel: false
        });
    }
});

