Page({
    chooseAddress() {
        swan.chooseAddress({
            success: res => {
                console.log('chooseAddress success', res);
            },
            fail: err => {
                console.log('chooseAddress fail', err);
            }
        });
    }
});
