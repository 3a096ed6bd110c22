Page({
    RecorderManagerStart() {
        swan.getAvailableAudioSources({
            success: res => {
                that.setData({'audioSources': res.audioSources});
                console.log('当前支持的音频输入源:', res.audioSources);
            },
            fail: err => {
                console.log('错误码：' + err.errCode);
                console.log('错误信息：' + err.errMsg);
            }
        });
        const recorderManager = swan.getRecorderManager()
        const options = {
            duration: 10000,
            sampleRate: 44100,
            numberOfChannels: 1,
            encodeBitRate: 96000,
            format: 'aac',
            audioSource: that.getData('audioSources')
        };
        recorderManager.start(options);
        this.recorderManager = recorderManager;
    }
});
