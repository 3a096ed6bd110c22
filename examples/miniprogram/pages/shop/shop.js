/**
 * @file pages/shop/shop.js 商城（tab 页）：点“购买” -> 登录 -> 下单 -> 百度收银台支付 -> “订单”角标
 */
const {login, request} = require('../../utils/request.js');
const {formatPrice} = require('../../utils/format.js');
const {markNewOrder} = require('../../utils/orders.js');

const GOODS = [
    {id: 'sticker', title: '智能小程序贴纸', price: 990},
    {id: 'bag', title: '小度帆布袋', price: 3900}
];

// 收银台的失败：用户取消（errMsg 以 cancel 结尾）或真正的支付失败
function payError(err) {
    const error = new Error(err.errMsg);
    error.type = /cancel$/.test(err.errMsg) ? 'cancel' : 'pay';
    return error;
}

Page({
    data: {
        goods: [],
        nickName: '',
        buying: '',
        message: '',
        lastOrderId: ''
    },
    onLoad() {
        this.setData({goods: GOODS.map(item => Object.assign({priceText: formatPrice(item.price)}, item))});
    },
    // 昵称只用来写在订单上：用户拒绝授权也照常下单
    getNickName() {
        if (this.data.nickName) {
            return Promise.resolve(this.data.nickName);
        }
        return new Promise(resolve => swan.getUserInfo({
            success: res => {
                this.setData({nickName: res.userInfo.nickName});
                resolve(res.userInfo.nickName);
            },
            fail: () => resolve('')
        }));
    },
    createOrder(goodsId, nickName) {
        swan.showLoading({title: '正在下单', mask: true});
        return request('/api/orders', {method: 'POST', data: {goodsId, quantity: 1, nickName}}).then(
            order => {
                swan.hideLoading();
                return order;
            },
            err => {
                swan.hideLoading();
                throw err;
            }
        );
    },
    pay(orderInfo) {
        return new Promise((resolve, reject) => swan.requestPolymerPayment({
            orderInfo,
            success: () => resolve(),
            fail: err => reject(payError(err))
        }));
    },
    // “购买”按钮（data-id 是商品 id），resolve 支付成功的订单号，没买成 resolve ''
    buy(e) {
        const id = e.currentTarget.dataset.id;
        const item = GOODS.find(goods => goods.id === id);
        if (!item || this.data.buying) {
            return Promise.resolve('');
        }
        this.setData({buying: id, message: ''});
        let order = null;
        return login()
            .then(() => this.getNickName())
            .then(nickName => this.createOrder(id, nickName))
            .then(created => {
                order = created;
                return this.pay(order.orderInfo);
            })
            .then(() => this.paid(order), err => this.failed(err, order));
    },
    paid(order) {
        markNewOrder();
        this.setData({buying: '', message: '支付成功', lastOrderId: order.orderId});
        swan.showToast({title: '支付成功', icon: 'success'});
        swan.navigateTo({url: `/pages/order/order?id=${order.orderId}`});
        return order.orderId;
    },
    failed(err, order) {
        if (err.type === 'login') {
            this.setData({buying: '', message: '登录后才能购买'});
            swan.showToast({title: '请先登录', icon: 'none'});
            return '';
        }
        if (err.type === 'cancel') {
            this.setData({buying: '', message: '已取消支付'});
            swan.showToast({title: '已取消支付', icon: 'none'});
            // 告诉后端关闭这笔未支付的订单；失败也不打扰用户
            return request(`/api/orders/${order.orderId}/cancel`, {method: 'POST'}).then(() => '', () => '');
        }
        const title = order ? '支付失败' : '下单失败';
        this.setData({buying: '', message: err.message});
        swan.showModal({title, content: err.message, showCancel: false});
        return '';
    }
});
