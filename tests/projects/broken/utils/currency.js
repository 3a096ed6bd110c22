/**
 * @file utils/currency.js 加载时就调用 price.format，而此时 price.js 还没执行完
 */
const price = require('./price');

module.exports = {
    symbol: '¥',
    sample: price.format(1)
};
