/**
 * @file pages/list/list.js 商品列表
 */
const router = require('../../utils/router');

Page({
    data: {
        category: '',
        products: []
    },
    onLoad(query) {
        this.setData({
            category: query.cat || 'all',
            products: [{id: 7, name: '跑鞋'}, {id: 8, name: '雨伞'}]
        });
    },
    onShow() {},
    onReady() {},
    onHide() {},
    onUnload() {},
    onProductTap(e) {
        const product = this.data.products[e.currentTarget.dataset.index];
        return router.navigateTo('../detail/detail?id=' + product.id + '&name=' + encodeURIComponent(product.name));
    },
    navigate(api, arg) {
        return router[api](arg);
    }
});
