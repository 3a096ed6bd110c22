Page({
    data: {
        oldSrc: '',
        newSrc: ''
    },
    compressImage() {
        let that = this;
        swan.chooseImage({
            success: function (res) {
                console.log(res.tempFilePaths[0]);
                that.setData({'oldSrc': res.tempFilePaths[0]});
                swan.compressImage({
                    src: res.tempFilePaths[0],
                    quality: 80,
                    success: function (res) {
                        console.log('compressImage success', res);
                        that.setData('newSrc', res.tempFilePath)
                    },
                    fail: function (err) {
                        console.log('compressImage fail', err);
                    }
                });
            },
            fail: function (err) {
                console.log('错误码：' + err.errCode);
                console.log('错误信息：' + err.errMsg);
            }
        });
    }
});
