Page({
    onLoad() {
        const webSocket = swan.connectSocket({
            url: 'wss://echo.websocket.org'
        });

        webSocket.onOpen(function (res) {
            console.log('WebSocket连接已打开！', res);
        });

        webSocket.onError(function (err) {
            console.log('WebSocket连接错误！', err);
        });

        webSocket.onMessage(function (res) {
            console.log('WebSocket接受到服务器的消息', res);
        });

        webSocket.onClose(function (res) {
            console.log('WebSocket连接已关闭！', res);
        });

        this.webSocket = webSocket;
    },
    send() {
        this.webSocket.send({
            data: 'baidu',
            success: res => {
                console.log('WebSocket发送数据成功', res);
            },
            fail: err => {
                console.log('WebSocket发送数据失败', err);
            }
        });
    },
    close() {
        this.webSocket.close({
            code: '1001',
            reason: 'close reason',
            success: res => {
                console.log('WebSocket链接关闭成功', res);
            },
            fail: err => {
                console.log('WebSocket链接关闭失败', err);
            }
        });
    }
});
