Page({
    data: {
        content: '这里是粘贴内容'
    },
    getClipboardData() {  
        swan.getClipboardData({
            success: res => {
                console.log('getClipboardData success');
                this.setData('content', res.data);
            },
            fail: err => {
                swan.showToast({
                    title: '获取剪贴板内容失败',
                    icon: 'none'
                });
                console.log('getClipboardData fail', err);
            }
        });
    }
});
