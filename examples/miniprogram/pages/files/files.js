/**
 * @file pages/files/files.js 下载文件 -> 保存到本地 -> 删除
 */
const app = getApp();
const util = require('../../utils/util.js');

Page({
    data: {
        from: '',
        downloading: false,
        progress: 0,
        sizeText: '',
        savedFilePath: '',
        error: ''
    },
    onLoad(query) {
        this.setData({from: query.from || 'tab'});
    },
    // 下载 url（默认官方示例 pdf）并 saveFile，resolve 保存后的路径
    download(url) {
        const fileUrl = typeof url === 'string' && url ? url : util.buildUrl(app.globalData.apiBase, '/docs/img/file-simple.pdf');
        this.setData({downloading: true, progress: 0, sizeText: '', error: ''});
        return new Promise((resolve, reject) => {
            const fail = message => {
                this.setData({downloading: false, error: message});
                swan.showToast({title: '下载失败', icon: 'none'});
                reject(new Error(message));
            };
            this.downloadTask = swan.downloadFile({
                url: fileUrl,
                header: {'Cache-Control': 'no-cache'},
                success: res => {
                    if (res.statusCode !== 200) {
                        return fail(`download failed: HTTP ${res.statusCode}`);
                    }
                    swan.saveFile({
                        tempFilePath: res.tempFilePath,
                        success: saved => {
                            this.setData({downloading: false, savedFilePath: saved.savedFilePath});
                            swan.showToast({title: '保存成功', icon: 'success'});
                            resolve(saved.savedFilePath);
                        },
                        fail: err => fail(`save failed: ${err.errMsg}`)
                    });
                },
                fail: err => fail(`download failed: ${err.errMsg}`),
                complete: () => {
                    this.downloadTask = null;
                }
            });
            this.downloadTask.onProgressUpdate(res => {
                this.setData({
                    progress: res.progress,
                    sizeText: `${util.formatBytes(res.totalBytesWritten)} / ${util.formatBytes(res.totalBytesExpectedToWrite)}`
                });
            });
        });
    },
    cancelDownload() {
        if (!this.downloadTask) {
            return false;
        }
        this.downloadTask.abort();
        return true;
    },
    // 弹窗确认后删除已保存的文件，resolve 是否删除
    deleteFile(filePath) {
        const path = typeof filePath === 'string' && filePath ? filePath : this.data.savedFilePath;
        if (!path) {
            return Promise.resolve(false);
        }
        return new Promise((resolve, reject) => swan.showModal({
            title: '删除文件',
            content: '确定删除已保存的文件吗？',
            confirmText: '删除',
            success: res => {
                if (!res.confirm) {
                    return resolve(false);
                }
                swan.removeSavedFile({
                    filePath: path,
                    success: () => {
                        if (path === this.data.savedFilePath) {
                            this.setData({savedFilePath: ''});
                        }
                        swan.showToast({title: '已删除', icon: 'none'});
                        resolve(true);
                    },
                    fail: err => {
                        swan.showToast({title: '删除失败', icon: 'none'});
                        reject(new Error(`remove failed: ${err.errMsg}`));
                    }
                });
            },
            fail: err => reject(new Error(`showModal failed: ${err.errMsg}`))
        }));
    }
});
