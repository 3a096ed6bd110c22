/**
 * @file utils/format.js 页面展示用的格式化函数
 */
const {formatBytes} = require('./util.js');

/**
 * 进度文本：formatProgress(512, 2048) -> '512 B / 2.0 KB'
 * 总长度未知（<= 0）时只显示已传输的部分：'512 B'
 *
 * @param {number} done 已传输字节数
 * @param {number} total 总字节数
 * @return {string}
 */
function formatProgress(done, total) {
    return total > 0 ? `${formatBytes(done)} / ${formatBytes(total)}` : formatBytes(done);
}

/**
 * 价格（分）转文本：formatPrice(990) -> '¥9.90'
 *
 * @param {number} fen 金额，单位分
 * @return {string}
 */
function formatPrice(fen) {
    const n = typeof fen === 'number' && isFinite(fen) ? Math.round(fen) : 0;
    return `¥${(n / 100).toFixed(2)}`;
}

module.exports = {
    formatBytes,
    formatProgress,
    formatPrice
};
