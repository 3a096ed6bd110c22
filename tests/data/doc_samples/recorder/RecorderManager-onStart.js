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
        recorderManager.onStart(function(res) {
            console.log('recorder onStart', res)
            swan.showModal({
                title: 'success',
                content: 'recorder onStart'
            })
        });
        recorderManager.start(options);
        this.recorderManager = recorderManager;
    }
});
