// app.js
App({
    onLaunch: function () {
        swan.onAppHide(function(res) {
            swan.showModal({
                title: 'res',
                content: JSON.stringify(res),
                showCancel: false  
            });
            console.log('App hide');
        });
    }
});

