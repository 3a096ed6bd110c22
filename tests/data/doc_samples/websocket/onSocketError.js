Page({
    onSocketError() {
        swan.onSocketError(function (res) {
            swan.showToast({
                title: 'WebSocket连接打开出错',
                content: JSON.stringify(res)
            })
            console.log('WebSocket连接打开出错，请检查！', res);
        });

        swan.connectSocket({
            url: 'wss://xxx.websocket.org',
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
