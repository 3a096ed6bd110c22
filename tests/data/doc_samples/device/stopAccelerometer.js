Page({
    onLoad() {
        swan.startAccelerometer({
            interval: 'ui'
        });
    },
    stopAccelerometer() {
        swan.stopAccelerometer({
            success: res => {
                console.log('startAccelerometer success', res);
            },
            fail: err => {
                console.log('startAccelerometer fail', err);
            }
        });
    }
});
