/**
 * @file pages/index/index.js 首页（tab）
 */
const router = require('../../utils/router');
const store = require('/utils/store');

Page({
    data: {
        banners: ['spring', 'summer'],
        cartCount: 0
    },
    onLoad(query) {
        this.setData({from: query.from || 'direct'});
    },
    onShow() {
        this.setData({cartCount: store.count()});
    },
    onReady() {},
    onHide() {},
    onUnload() {},
    onCategoryTap(e) {
        return router.navigateTo('../list/list?cat=' + e.currentTarget.dataset.cat);
    },
    navigate(api, arg) {
        return router[api](arg);
    }
});
