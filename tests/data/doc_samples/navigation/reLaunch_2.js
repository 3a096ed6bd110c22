Page({
    data: { },
    redirectTo(e) {
        swan.redirectTo({
            url: '/detail/detail',
            success: res => {
                console.log('redirectTo success');
            },
            fail: err => {
                console.log('redirectTo fail', err);
            }
        });
    }
});
