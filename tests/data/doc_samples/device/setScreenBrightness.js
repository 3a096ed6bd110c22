Page({
    setScreenBrightness() {
        swan.setScreenBrightness({
            value: 1,
            success: res => {
                console.log('setScreenBrightness success', res);
            },
            fail: err => {
                console.log('scanCode fail', err);
            }
        });
    }
});
