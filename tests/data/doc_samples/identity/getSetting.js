Page({
    getSetting() {
        swan.getSetting({
            success: res => {
                console.log('getSetting success, authSetting:', res.authSetting);
            },
            fail: err => {
                console.log('getSetting fail', err);
            }
        });
    }
});
