/**
 * @file utils/price.js 价格格式化；引用 utils/currency.js，后者反过来引用本文件
 */
const currency = require('./currency');

module.exports = {
    format: n => currency.symbol + n.toFixed(2)
};
