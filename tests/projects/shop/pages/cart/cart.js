/**
 * @file pages/cart/cart.js 购物车（tab）
 */
const router = require('../../utils/router');

const PAYMENTS = ['百度钱包', '微信', '支付宝'];

Page({
    data: {
        items: [{id: 7, count: 1}, {id: 8, count: 2}],
        payment: ''
    },
    onLoad() {},
    onShow() {},
    onReady() {},
    onHide() {},
    onUnload() {},
    clear() {
        swan.showModal({
            title: '清空购物车',
            content: '确定要清空购物车吗？',
            success: res => {
                if (res.confirm) {
                    this.setData({items: []});
                    swan.showToast({title: '已清空'});
                }
                else if (res.cancel) {
                    swan.showToast({title: '已取消', icon: 'none'});
                }
            }
        });
    },
    choosePayment() {
        swan.showActionSheet({
            itemList: PAYMENTS,
            success: res => this.setData({payment: PAYMENTS[res.tapIndex]}),
            fail: err => this.setData({payment: 'none: ' + err.errMsg})
        });
    },
    checkout() {
        if (this.data.items.length === 0) {
            throw new Error('cart is empty');
        }
        return this.data.items.length;
    },
    navigate(api, arg) {
        return router[api](arg);
    }
});
