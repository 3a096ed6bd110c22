Page({
    RecorderManagerStart() {
        const recorderManager = swan.getRecorderManager()
        // 可以用背景音频播放返回的录音文件
        // const backgroundAudioManager = swan.getBackgroundAudioManager()
        const options = {
            duration: 10000,
            sampleRate: 44100,
            numberOfChannels: 1,
            encodeBitRate: 96000,
            format: 'aac'
        };
        recorderManager.onStop(function(res) {
            console.log('recorder onStop', res)
            swan.showModal({
                title: 'success',
                content: JSON.stringify(res)
            })
            // backgroundAudioManager.src = res.tempFilePath;
        });
        recorderManager.start(options);
        this.recorderManager = recorderManager;
    },
    RecorderManagerStop() {
        this.recorderManager.stop();
    }
});
