Page({
    startAccelerometer() {
        swan.startAccelerometer({
            interval: 'game',
            success: res => {
                console.log('startAccelerometer success', res);
            },
            fail: err => {
                console.log('startAccelerometer fail', err);
            }
        });
    }
});
