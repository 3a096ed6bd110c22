Page({
    data: { },
    getSystemInfo(e) {
        swan.getSystemInfo({
            success: res => {
                console.log('res', res);
                this.setData('screenHeight', res.screenHeight)
                this.setData('windowHeight', res.windowHeight)
                this.setData('safeArea', 
                res.safeArea.height)
            },
            fail: err => {
                swan.showToast({
                    title: '获取失败'
                });
            }
        });
    }
});
