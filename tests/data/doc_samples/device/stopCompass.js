Page({
    onLoad() {
        swan.startCompass();
    },
    stopCompass() {
        swan.stopCompass({
            success: res => {
                console.log('stopCompass success', res);
            },
            fail: err => {
                console.log('stopCompass fail', err);
            }
        });
    }
});
