/**
 * @file pages/download/download.js 下载发票 PDF，超时 5 秒放弃
 */
Page({
    data: {
        status: 'idle'
    },
    download(url) {
        this.setData({status: 'downloading'});
        return new Promise((resolve, reject) => {
            const guard = setTimeout(() => {
                this.setData({status: 'timed out'});
                reject(new Error('gave up after 5 s'));
            }, 5000);
            swan.downloadFile({
                url,
                success: res => {
                    clearTimeout(guard);
                    swan.getFileInfo({
                        filePath: res.tempFilePath,
                        success: info => {
                            this.setData({status: 'done', size: info.size});
                            resolve({statusCode: res.statusCode, size: info.size});
                        },
                        fail: err => reject(new Error(err.errMsg))
                    });
                },
                fail: err => {
                    clearTimeout(guard);
                    reject(new Error(err.errMsg));
                }
            });
        });
    }
});
