Page({
    getScreenBrightness() {
        swan.getScreenBrightness({
            success: res => {
                console.log('屏幕亮度值', res.value);
            },
            fail: err => {
                console.log('scanCode fail', err);
            }
        });
    }
});
