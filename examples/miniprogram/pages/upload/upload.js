/**
 * @file pages/upload/upload.js 选择图片并上传
 */
const app = getApp();
const format = require('/utils/format');

const UPLOAD_URL = 'https://smartprogram.baidu.com/mappconsole/api/upload';

// uploadFile 返回的 data 是字符串，能解析成 JSON 就解析
const parseData = data => {
    try {
        return typeof data === 'string' ? JSON.parse(data) : data;
    }
    catch (e) {
        return data;
    }
};

Page({
    data: {
        source: '',
        imagePath: '',
        uploading: false,
        progress: 0,
        sentText: '',
        result: null,
        error: ''
    },
    onLoad(query) {
        this.setData({source: query.source || 'direct'});
    },
    chooseImage() {
        return new Promise((resolve, reject) => swan.chooseImage({
            count: 1,
            sizeType: ['compressed'],
            sourceType: ['album', 'camera'],
            success: res => {
                this.setData({imagePath: res.tempFilePaths[0]});
                resolve(res.tempFilePaths[0]);
            },
            fail: err => reject(new Error(`chooseImage failed: ${err.errMsg}`))
        }));
    },
    // 上传 filePath（默认已选图片；还没选就先 chooseImage），resolve 服务器返回的数据
    upload(filePath) {
        const path = typeof filePath === 'string' && filePath ? filePath : this.data.imagePath;
        if (!path) {
            return this.chooseImage().then(chosen => this.upload(chosen));
        }
        swan.showLoading({title: '上传中', mask: true});
        this.setData({uploading: true, progress: 0, sentText: '', result: null, error: ''});
        return new Promise((resolve, reject) => {
            const fail = (message, showModal) => {
                swan.hideLoading();
                this.setData({uploading: false, error: message});
                if (showModal) {
                    swan.showModal({title: '上传失败', content: message, showCancel: false});
                }
                else {
                    swan.showToast({title: '上传失败', icon: 'none'});
                }
                reject(new Error(message));
            };
            this.uploadTask = swan.uploadFile({
                url: UPLOAD_URL,
                filePath: path,
                name: 'file',
                formData: {user: app.globalData.userName || 'guest', source: this.data.source},
                success: res => {
                    if (res.statusCode !== 200) {
                        return fail(`upload failed: HTTP ${res.statusCode}`, true);
                    }
                    const result = parseData(res.data);
                    swan.hideLoading();
                    this.setData({uploading: false, result});
                    swan.showToast({title: '上传成功', icon: 'success'});
                    resolve(result);
                },
                fail: err => fail(`upload failed: ${err.errMsg}`, false),
                complete: () => {
                    this.uploadTask = null;
                }
            });
            this.uploadTask.onProgressUpdate(res => {
                this.setData({
                    progress: res.progress,
                    sentText: format.formatProgress(res.totalBytesSent, res.totalBytesExpectedToSend)
                });
            });
        });
    },
    cancelUpload() {
        if (!this.uploadTask) {
            return false;
        }
        this.uploadTask.abort();
        return true;
    }
});
