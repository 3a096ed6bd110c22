/**
 * @file pages/cycle/cycle.js 引入了一对循环依赖的模块
 */
const price = require('../../utils/price');

Page({
    data: {
        total: price.format(100)
    }
});
