this.socketTask.close({
    code: 1000,
    reason: '正常关闭',
    success: res => {
        that.setData('disabled', false)
        console.log('关闭WebSocket成功', res);
        swan.showToast({
            title: '关闭WebSocket成功',
            icon: 'none'
        });
    },
    fail: err => {
        console.log('关闭WebSocket失败', err);
    }
});
