/**
 * @file app.js
 */
App({
    globalData: {
        errors: []
    },
    onError(msg) {
        this.globalData.errors.push(String(msg));
    }
});
