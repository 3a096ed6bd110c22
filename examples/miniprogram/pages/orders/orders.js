/**
 * @file pages/orders/orders.js 我的订单（tab 页）：每次显示时去掉角标并刷新列表
 */
const {request} = require('../../utils/request.js');
const {formatPrice} = require('../../utils/format.js');
const {clearNewOrders} = require('../../utils/orders.js');

const STATUS_TEXT = {created: '待支付', paid: '已支付', cancelled: '已取消'};

Page({
    data: {
        orders: [],
        loading: false,
        error: ''
    },
    onShow() {
        clearNewOrders();
        this.load();
    },
    onPullDownRefresh() {
        this.load().then(() => swan.stopPullDownRefresh());
    },
    // GET /api/orders，resolve 订单数量（失败 resolve -1，错误显示在页面上）
    load() {
        this.setData({loading: true, error: ''});
        return request('/api/orders').then(
            orders => {
                this.setData({
                    loading: false,
                    orders: orders.map(order => ({
                        orderId: order.orderId,
                        title: order.title,
                        priceText: formatPrice(order.totalAmount),
                        statusText: STATUS_TEXT[order.status] || order.status
                    }))
                });
                return orders.length;
            },
            err => {
                this.setData({loading: false, error: err.message});
                return -1;
            }
        );
    }
});
