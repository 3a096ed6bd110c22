Page({
    startLocationUpdate() {
        swan.startLocationUpdate({
            success: res => console.log('开启小程序接收位置消息成功'),
            fail: err => console.error('开启小程序接收位置消息失败：', err),
            complete: msg => console.log('调用开启小程序接收位置消息API完成')
        });
    }
})
