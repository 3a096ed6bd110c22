/**
 * @file pages/me/me.js 我的（tab）
 */
const router = require('../../utils/router');
const auth = require('../../utils/auth');

Page({
    data: {
        token: auth.token
    },
    onLoad() {},
    onShow() {},
    onReady() {},
    onHide() {},
    onUnload() {},
    login(name) {
        const answer = auth.login(name);
        this.setData({token: auth.token});
        return {answer, apiSawAtLoad: auth.apiSawAtLoad};
    },
    navigate(api, arg) {
        return router[api](arg);
    }
});
