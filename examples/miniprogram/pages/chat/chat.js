/**
 * @file pages/chat/chat.js 聊天室：一个 WebSocket 连接，发送的消息由服务器回显，服务器也可以主动推送
 */
const CHAT_URL = 'wss://chat.smartprogram.example.com/chat/ws';

Page({
    data: {
        room: '',
        status: 'connecting',
        messages: [],
        draft: '',
        error: '',
        closeCode: 0
    },
    onLoad(query) {
        const room = query.room || 'lobby';
        this.setData({room});
        this.connect(room);
    },
    connect(room) {
        this.setData({status: 'connecting', error: ''});
        const task = swan.connectSocket({
            url: `${CHAT_URL}?room=${encodeURIComponent(room)}`,
            protocols: ['chat'],
            fail: err => this.setData({status: 'failed', error: err.errMsg})
        });
        task.onOpen(() => this.setData({status: 'open'}));
        task.onMessage(res => this.receive(res.data));
        task.onError(err => this.setData({error: err.errMsg}));
        task.onClose(res => this.setData({status: 'closed', closeCode: res.code}));
        this.socketTask = task;
    },
    receive(data) {
        const text = typeof data === 'string' ? data : `[${data.byteLength} 字节]`;
        this.setData({messages: this.data.messages.concat([{from: 'server', text}])});
    },
    onInput(e) {
        this.setData({draft: e.detail.value});
    },
    // 发送输入框里的文字，resolve 是否发送成功
    send() {
        const text = this.data.draft.trim();
        if (!text || this.data.status !== 'open') {
            return Promise.resolve(false);
        }
        return new Promise(resolve => this.socketTask.send({
            data: text,
            success: () => {
                this.setData({draft: '', messages: this.data.messages.concat([{from: 'me', text}])});
                resolve(true);
            },
            fail: err => {
                this.setData({error: err.errMsg});
                resolve(false);
            }
        }));
    },
    reconnect() {
        if (this.data.status === 'closed' || this.data.status === 'failed') {
            this.connect(this.data.room);
        }
    },
    onUnload() {
        if (this.socketTask && this.data.status !== 'closed') {
            this.socketTask.close({code: 1000, reason: 'page unloaded'});
        }
    }
});
