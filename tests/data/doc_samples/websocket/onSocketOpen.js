Page({
    onSocketOpen(){
        swan.onSocketOpen(function (res) {
            swan.showToast({
                title: '监听到WebSocket连接已打开',
                content: JSON.stringify(res)
            })
            console.log('WebSocket连接已打开！', res);
        });

        swan.connectSocket({
            url: 'wss://echo.websocket.org',
            header: {},
            protocols: [''],
            success: res => {
                console.log('connectSocket success', res);
            },
            fail: err => {
                console.log('connectSocket fail', err);
            }
        });
    }
});
