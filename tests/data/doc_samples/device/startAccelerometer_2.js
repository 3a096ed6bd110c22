Page({
    startAccelerometer() {
        swan.startAccelerometer({
            interval: 'normal',
            success: res => {
                console.log('startAccelerometer success', res);
            },
            fail: err => {
                console.log('startAccelerometer fail', err);
            }
        });
    }
});
