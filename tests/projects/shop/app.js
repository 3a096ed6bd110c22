/**
 * @file app.js 小店入口
 */
App({
    globalData: {
        launchOptions: null,
        showCount: 0,
        errors: [],
        notFound: []
    },

    onLaunch(options) {
        this.globalData.launchOptions = options;
    },

    onShow() {
        this.globalData.showCount += 1;
    },

    onError(msg) {
        this.globalData.errors.push(String(msg));
    },

    onPageNotFound(res) {
        this.globalData.notFound.push(res);
    }
});
