Page({
    data: {
        videoSrc: ''
    },
    startRecord() {
        const cameraContext = swan.createCameraContext();
        cameraContext.startRecord({
            success: res => {
                swan.showToast({
                    title: 'startRecord'
                });
            }
        });
    },
    stopRecord() {
        const cameraContext = swan.createCameraContext();
        cameraContext.stopRecord({
            success: res => {
                swan.showModal({
                    title: '提示',
                    content: res.tempVideoPath
                });
                this.setData({
                    videoSrc: res.tempVideoPath
                });
            }
        });
    }
});
