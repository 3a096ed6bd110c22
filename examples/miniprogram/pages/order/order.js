/**
 * @file pages/order/order.js 支付结果页：支付成功后从商城 navigateTo 过来（?id=订单号）
 */
Page({
    data: {
        orderId: ''
    },
    onLoad(query) {
        this.setData({orderId: query.id || ''});
    },
    // 订单页是 tab 页：只能 switchTab
    viewOrders() {
        swan.switchTab({url: '/pages/orders/orders'});
    },
    goShopping() {
        swan.navigateBack();
    }
});
