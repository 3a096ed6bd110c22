Page({
    data: {
        photoSrc: ''
    },
    onShow() {
        const ARCameraContext = swan.createARCameraContext();
        this.ARCameraContext = ARCameraContext
    },
    takePhoto() {
        this.ARCameraContext.takePhoto({
            quality: 'high',
            success: res => {
                this.setData({
                    photoSrc: res.tempImagePath
                });
            },
            fail: res => {
                swan.showToast({
                    title: '请检查设备',
                    icon: 'none'
                });
            }
        });
    }
