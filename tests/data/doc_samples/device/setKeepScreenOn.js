Page({
    setKeepScreenOn() {
        swan.setKeepScreenOn({
            keepScreenOn: true,
            success: res => {
                console.log('keepScreenOn success', res);
            },
            fail: err => {
                console.log('keepScreenOn fail', err);
            }
        });
    }
});
