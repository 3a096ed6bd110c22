Page({
    data: { },
    switchTab() {
        swan.switchTab({
            url: '/api/api',
            success: res => {
                console.log('switchTab success');
            },
            fail: err => {
                console.log('switchTab fail', err);
            }
        })
    }
});
