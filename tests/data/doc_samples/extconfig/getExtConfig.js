Page({
    getExtConfig() {
        swan.getExtConfig({
            success: res => {
                console.log('自定义的数据', res.extConfig);
                swan.showToast({
                    title: JSON.stringify(res),
                    icon: 'none'
                })
            },
            fail: err => {
                console.log('scanCode fail', err);
            }
        });
    }
});
