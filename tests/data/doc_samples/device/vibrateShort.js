Page({
    vibrateShort() {
        swan.vibrateShort({
            success: res => {
                console.log('vibrateShort success', res);
            },
            fail: err => {
                console.log('vibrateShort fail', err);
            }
        });
    }
});
