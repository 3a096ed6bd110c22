Page({
    clearStorage() {
        swan.clearStorage({
            success: res => {
                console.log('clearStorage success', res);
            },
            fail: err => {
                console.log('clearStorage fail', err);
            }
        })
    }
});
