/**
 * @file utils/orders.js “订单” tab 的角标：新支付的订单数，存在 storage，看过订单页后清零
 */
const ORDERS_TAB = 3; // app.json tabBar.list 中“订单”的位置
const UNSEEN_KEY = 'unseen_orders';

const unseen = () => Number(swan.getStorageSync(UNSEEN_KEY)) || 0;

// 新订单支付成功：角标 +1，resolve 新的数量（必须在 tab 页上调用）
function markNewOrder() {
    const count = unseen() + 1;
    swan.setStorageSync(UNSEEN_KEY, count);
    swan.setTabBarBadge({index: ORDERS_TAB, text: String(count)});
    return count;
}

// 打开订单页：有角标就去掉
function clearNewOrders() {
    if (unseen() === 0) {
        return false;
    }
    swan.setStorageSync(UNSEEN_KEY, 0);
    swan.removeTabBarBadge({index: ORDERS_TAB});
    return true;
}

module.exports = {
    ORDERS_TAB,
    UNSEEN_KEY,
    markNewOrder,
    clearNewOrders
};
