/**
 * @file app.js 智能小程序入口
 */
App({
    globalData: {
        apiBase: 'https://smartprogram.baidu.com',
        userName: null,
        launchCount: 0,
        launchPath: '',
        launchQuery: {},
        showCount: 0,
        errors: []
    },

    // options: {scene, path, query, shareTicket, referrerInfo}
    onLaunch(options) {
        const opts = options || {};
        this.globalData.launchCount += 1;
        this.globalData.launchPath = opts.path || '';
        this.globalData.launchQuery = Object.assign({}, opts.query);
    },

    onShow(options) {
        this.globalData.showCount += 1;
    },

    onError(msg) {
        console.error('[app] onError:', msg);
        this.globalData.errors.push(String(msg));
    }
});
