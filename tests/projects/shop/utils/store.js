/**
 * @file utils/store.js 全局购物车（单例：模块只执行一次）
 */
console.log('store created');

const items = [];

module.exports = {
    add(item) {
        items.push(item);
        return items.length;
    },
    count() {
        return items.length;
    }
};
