Page({
    data: {
        imageSrc: '',
        videoSrc: ''
    },
    startRecord() {
        const ctx = swan.createCameraContext();
        ctx.startRecord({
            success: res => {
                swan.showToast({
                    title: 'startRecord'
                });
            }
        });
    },
    stopRecord() {
        const ctx = swan.createCameraContext();
        ctx.stopRecord({
            success: res => {
                console.log(res)
                swan.showModal({
                    title: '提示',
                    content: res.tempThumbPath
                });
                this.setData({
                    imageSrc: res.tempThumbPath,
                    videoSrc: res.tempVideoPath
                });
            }
        });
    }
});
