/**
 * @file pages/index/index.js 正常的首页
 */
Page({
    data: {
        ok: true
    },
    go(url) {
        return new Promise(resolve => swan.navigateTo({url, complete: res => resolve(res.errMsg)}));
    }
});
