/**
 * @file pages/detail/detail.js 商品详情
 */
const router = require('../../utils/router');
const store = require('../../utils/store.js');

Page({
    data: {
        id: '',
        name: ''
    },
    onLoad(query) {
        this.setData({id: query.id, name: query.name || ''});
    },
    onShow() {},
    onReady() {},
    onHide() {},
    onUnload() {},
    addToCart() {
        return store.add({id: this.data.id});
    },
    openRelated(id) {
        return router.navigateTo('/pages/detail/detail?id=' + id);
    },
    navigate(api, arg) {
        return router[api](arg);
    }
});
