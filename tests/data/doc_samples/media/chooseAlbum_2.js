Page({
    chooseAlbum() {
        swan.chooseAlbum({
            count: 3,
            mode: 'both',
            compressed: false,
            success: res => {
                console.log(res.tempFilePaths);
                console.log(res.tempFiles);
            },
            fail: err => {
                console.log('错误码：' + err.errCode);
                console.log('错误信息：' + err.errMsg);
            }
        });
    }
});
