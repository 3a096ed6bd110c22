Page({
    getSystemInfo(e) {
        swan.getSystemInfo({
            success: systemInfo => {
                console.log('systemInfo', systemInfo);
                // 针对适配某一机型和模拟器
                if (systemInfo.model 
                && (systemInfo.model.indexOf('iPhone X') > -1)
                || (systemInfo.model === 'iPhone Simulator <x86-64>' 
                && systemInfo.screenWidth === 375)) {
                    this.setData({
                        isIPhoneX: true
                    })
                }
            },
            fail: err => {
                swan.showToast({
                    title: '获取失败'
                });
            }
        });
    }
});
