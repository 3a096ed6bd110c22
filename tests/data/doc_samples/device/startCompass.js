Page({
    startCompass() {
        swan.startCompass({
            success: res => {
                console.log('startCompass success', res);
            },
            fail: err => {
                console.log('startCompass fail', err);
            }
        });
    }
});
