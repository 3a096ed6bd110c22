Page({
    startPullDownRefresh() {
        swan.startPullDownRefresh();
    },
    stopPullDownRefresh() {
        swan.stopPullDownRefresh({
            success: res => {
                console.log('stopPullDownRefresh success');
            },
            fail: err => {
                console.log('stopPullDownRefresh fail', err);
            }
        });
    }
});
