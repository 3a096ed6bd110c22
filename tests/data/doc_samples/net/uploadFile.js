Page({
    data: { },
    uploadfile() {
        swan.chooseImage({
            success: res => {
                swan.uploadFile({
                    url: 'https://smartprogram.baidu.com/mappconsole/api/checkFile',
                    filePath: res.tempFilePaths[0], // 要上传文件资源的路径
                    name: 'myfile',
                    header: {
                        'content-type': 'application/json'
                    },
                    formData: {
                        'user': 'swan'
                    },
                    success: res => {
                        console.log(res.statusCode);
                    },
                    fail: err => {
                        console.log('错误码：' + err.errCode);
                        console.log('错误信息：' + err.errMsg);
                    }
                });
            }
        });
    }
});
