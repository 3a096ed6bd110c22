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

module.exports = {
    formatBytes,
    formatProgress
};
