Page({
    getImageInfo() {
        let that = this;
        swan.chooseImage({
            count: 1,
            sizeType: ['original', 'compressed'], 
            sourceType: ['album'],
            success: res => {
                console.log(res.tempFilePaths);
                this.setData('imageList', res.tempFilePaths);
                swan.getImageInfo({
                    src: res.tempFilePaths[0],
                    success: res => {
                        console.log('getImageInfo success', res);
                        that.updateInfoList(res);
                    },
                    fail: err => {
                        console.log('getImageInfo fail', err);
                    }
                });
            },
            fail: err => {
                console.log('错误码：' + err.errCode);
                console.log('错误信息：' + err.errMsg);
            }
        });
    }
});
