Page({
    reLaunch() {
        swan.reLaunch({
            url: '/detail/detail?key=value',
            success: res => {
                console.log('reLaunch success', res);
            },
            fail: err => {
                console.log('reLaunch fail', err);
            }
        })
    }
});
