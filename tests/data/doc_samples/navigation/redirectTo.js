Page({
    data: { },
    redirectTo(e) {
        swan.redirectTo({
            url: '/detail/detail?id=当前页',
            success: res => {
                console.log('redirectTo success');
            },
            fail: err => {
                console.log('redirectTo fail', err);
            }
        });
    }
});
