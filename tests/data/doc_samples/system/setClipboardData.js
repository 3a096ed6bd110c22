Page({
    setClipboardData() {
        swan.setClipboardData({
            data: 'xxxxxx',
            success: () => {
                swan.showToast({
                    title: '设置成功'
                });
            },
            fail: err => {
                swan.showToast({
                    title: '设置失败'
                });
                console.log('setClipboardData fail', err);
            }
        });
    }
});
