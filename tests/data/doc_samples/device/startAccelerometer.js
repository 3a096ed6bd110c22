Page({
    startAccelerometer() {
        swan.startAccelerometer({
            interval: 'ui',
            success: res => {
                console.log('startAccelerometer success', res);
            },
            fail: err => {
                console.log('startAccelerometer fail', err);
            }
        });
    }
});
