Page({
    data: {
        res: ''
    },
    openReplyEditor() {
        const that = this;
        swan.openReplyEditor({
            sendBackgroundColor: '#3388ff',
            sendTextColor: '#FFFFFF',
            sendText: '发送',
            contentPlaceholder: '请输入评论内容',
            moduleList: ['emoji'],
            emojiPath: '../../emojidata',
            success: function (res) {
                that.setData({
                    res: 'openReplyEditor success' + JSON.stringify(res)
                })
                console.log('openReplyEditor success', res);
            },
            fail: function (res) {
                console.log('openReplyEditor fail', res);
                that.setData({
                    res: 'openReplyEditor fail' + JSON.stringify(res)
                })
            },
            complete: function (res) {
                console.log('openReplyEditor complete', res);
            }
        });
        // 3s后自动关闭评论发布器
        setTimeout(() => {
            swan.closeReplyEditor({
                success: function () {
                    console.log('closeReplyEditor success');
                }
            });
        }, 3000);
    }
});
