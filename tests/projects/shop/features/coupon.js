/**
 * @file features/coupon.js 按需加载的优惠券功能
 */
console.log('coupon feature loaded');

module.exports = {
    name: 'coupon',
    discount: price => Math.round(price * 0.9)
};
