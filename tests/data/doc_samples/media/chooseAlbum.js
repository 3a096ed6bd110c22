Page({
    chooseAlbum() {
        swan.chooseAlbum({
            count: 2,
            mode: 'single',
            compressed: true,
            success: res => {
                // 成功则返回图片的本地文件路径列表 tempFilePaths
                console.log(res.tempFilePaths);
                // 文件列表对象
                console.log(res.tempFiles);
            },
            fail: err => {
                console.log('错误码：' + err.errCode);
                console.log('错误信息：' + err.errMsg);
            }
        });
    }
});
