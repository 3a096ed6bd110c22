// app.js
App({
    onLaunch() {
        swan.onError(function(errMsg) {
            console.log('catch error');
            console.log(errMsg);
            swan.showModal({
                title: '',
                content: JSON.stringify(errMsg)
            });
        });
    };
});
