/**
 * @file pages/feed/feed.js 信息流：下载封面图
 */
const app = getApp();

Page({
    data: {
        articles: [{id: 1, title: '早报'}],
        cover: ''
    },
    onLoad() {
        console.log('feed loaded with ' + this.data.articles.length + ' article');
    },
    loadCover(size) {
        return new Promise((resolve, reject) => {
            swan.downloadFile({
                url: app.globalData.cdn + '/covers/1.jpg?size=' + size,
                success: res => {
                    this.setData({cover: res.tempFilePath});
                    resolve(res.statusCode);
                },
                fail: err => reject(new Error(err.errMsg))
            });
        });
    }
});
