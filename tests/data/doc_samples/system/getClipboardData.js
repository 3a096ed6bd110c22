Page({
    data: {
        clipboardData: ''
    },
    getClipboardData() {
        swan.getClipboardData({
            success: res => {
                console.log('getClipboardData success');
                this.setData('clipboardData', res.data);
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
