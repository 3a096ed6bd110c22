// 也可用同步写法
swan.getSystemInfo({
    success: res => {
        console.log('getSystemInfo success', res);
        this.setData({
            'statusBarHeight': res.statusBarHeight
        });
    },
    fail: err => {
        console.log('getSystemInfo fail', err);
    }
});
