Page({
    onShow() {
        swan.connectSocket({
            url: 'wss://echo.websocket.org',
            header: {},
            success: res => {
                console.log('connectSocket success', res);
            },
            fail: err => {
                console.log('connectSocket fail', err);
            }
        });
    },
    onSocketClose() {
        swan.closeSocket({
            code: '1001',
            reason: 'close reason',
            success: res => {
                console.log('WebSocket链接关闭成功', res);
            },
            fail: err => {
                console.log('WebSocket链接关闭失败', err);
            }
        });
        swan.onSocketClose(function (res) {
            swan.showModal({
                title: '',
                content: '监听到WebSocket已关闭'
            });
            console.log('WebSocket 已关闭！');
        })
    } 
});
