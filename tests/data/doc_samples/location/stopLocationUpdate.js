Page({
    startLocationUpdate() {
        swan.stopLocationUpdate({
            success: res => console.log('关闭小程序接收位置消息成功'),
            fail: err => console.error('关闭小程序接收位置消息失败：', err),
            complete: msg => console.log('调用关闭小程序接收位置消息API完成')
        });
    }
})
