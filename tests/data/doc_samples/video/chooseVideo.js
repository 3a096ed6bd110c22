Page({
    chooseVideo() {
        swan.chooseVideo({
            sourceType: ['album', 'camera'],
            compressed: false,
            maxDuration: 60,
            camera: 'back',
            success: res => {
                // 成功返回选定视频的临时文件路径
                console.log('res', res.tempFilePath);
            },
            fail: err => {
                console.log('错误码：' + err.errCode);
                console.log('错误信息：' + err.errMsg);
            }
        });
    }
});
