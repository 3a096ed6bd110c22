/**
 * @file utils/util.js 通用工具函数（纯函数，无副作用）
 */
const UNITS = ['B', 'KB', 'MB', 'GB'];

/**
 * 字节数转可读文本：512 -> '512 B'，1536 -> '1.5 KB'
 *
 * @param {number} n 字节数
 * @return {string}
 */
function formatBytes(n) {
    if (typeof n !== 'number' || !isFinite(n) || n <= 0) {
        return '0 B';
    }
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/**
 * 拼接 url：buildUrl('https://a.com/', '/x', {q: 1}) -> 'https://a.com/x?q=1'
 *
 * @param {string} base 域名
 * @param {string} path 路径
 * @param {Object} query 参数，值为 null/undefined 的键会被忽略
 * @return {string}
 */
function buildUrl(base, path, query) {
    let url = String(base || '').replace(/\/+$/, '');
    if (path) {
        url += '/' + String(path).replace(/^\/+/, '');
    }
    const params = query || {};
    const pairs = Object.keys(params)
        .filter(key => params[key] !== undefined && params[key] !== null)
        .map(key => `${encodeURIComponent(key)}=${encodeURIComponent(params[key])}`);
    if (pairs.length) {
        url += (url.indexOf('?') === -1 ? '?' : '&') + pairs.join('&');
    }
    return url;
}

const pad = n => (n < 10 ? '0' + n : String(n));

/**
 * 时间格式化（本地时间）：'2020-01-02 03:04:05'
 *
 * @param {Date|number} date Date 对象或毫秒时间戳
 * @return {string} 无效日期返回 ''
 */
function formatTime(date) {
    const d = date instanceof Date ? date : new Date(date);
    if (isNaN(d.getTime())) {
        return '';
    }
    const day = [d.getFullYear(), d.getMonth() + 1, d.getDate()].map(pad).join('-');
    const time = [d.getHours(), d.getMinutes(), d.getSeconds()].map(pad).join(':');
    return `${day} ${time}`;
}

module.exports = {
    formatBytes,
    buildUrl,
    formatTime
};
