Page({
    vibrateLong() {
        swan.vibrateLong({
            success: res => {
                console.log('vibrateLong success', res);
            },
            fail: err => {
                console.log('vibrateLong fail', err);
            }
        });
    }
});
