Page({
    getBatteryInfo() {
        swan.getBatteryInfo({
            success: res => {
                console.log('当前设备电量值：', res.level);
                console.log('当前设备是否正在充电：', res.isCharging);
            },
            fail: err => {
                console.log('getBatteryInfo fail', err);
            }
        });
    }
});
