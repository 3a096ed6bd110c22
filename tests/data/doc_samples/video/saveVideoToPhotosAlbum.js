Page({
    saveVideoToPhotosAlbum() {
        swan.chooseVideo({
            sourceType: ['album', 'camera'],
            compressed: false,
            success: res => {
                swan.saveVideoToPhotosAlbum({
                    filePath: res.tempFilePath,
                    success: res => {
                        swan.showToast({
                            title: 'success',
                            icon: 'none'
                        });
                        console.log('saveVideoToPhotosAlbum success', res);
                    },
                    fail: err => {
                        swan.showToast({
                            title: 'fail',
                            icon: 'none'
                        });
                        console.log('saveVideoToPhotosAlbum fail', err);
                    }
                });
            },
            fail: err => {
                console.log('fail', err);
            }
        });
    }
});
