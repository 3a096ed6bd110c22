swan.downloadFile({
    url: 'https://smartprogram.baidu.com/xxx', //仅为示例，并非真实的资源
    header: {
        'content-type': 'application/json'
    },
    success: res => {
        //下载成功
        if (res.statusCode === 200) {
            console.log("临时文件路径" + res.tempFilePath);
        }
    },
    fail: err => {
        console.log('错误码：' + err.errCode);
        console.log('错误信息：' + err.errMsg);
    }
});
