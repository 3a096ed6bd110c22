// app.js
App({
    onLaunch(res) {

    },
    onError(err) {
        console.log('catch error');
        swan.showModal({
            title: '',
            content: JSON.stringify(err)
        });
    }
});

