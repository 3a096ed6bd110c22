Page({
    RecorderManagerStart() {
        const recorderManager = swan.getRecorderManager()
        const options = {
            duration: 10000,
            sampleRate: 44100,
            numberOfChannels: 1,
            encodeBitRate: 96000,
            format: 'aac'
        };
        recorderManager.start(options);
        setTimeout(function() {
            recorderManager.pause();
            swan.showModal({
                title: 'recorder pause success',
                content: '点击RecorderManagerResume可恢复播放'
            })

        }, 3000);
        this.recorderManager = recorderManager;
    },
    RecorderManagerResume() {
        this.recorderManager.resume()
    }
});
