Page({
    getAvailableAudioSources() {
        swan.getAvailableAudioSources({
            success: res => {
                console.log('当前支持的音频输入源:', res.audioSources);
            },
            fail: err => {
                console.log('错误码：' + err.errCode);
                console.log('错误信息：' + err.errMsg);
            }
        });
    }
})
