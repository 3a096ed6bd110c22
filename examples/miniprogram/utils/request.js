/**
 * @file utils/request.js 商城后端接口：登录态 + swan.request 的 Promise 封装
 *
 * 登录：swan.checkSession 有效且本地存有 token 时直接用；否则 swan.login 拿 code，
 * POST /api/login 换 token，存到 storage。接口返回 401（token 过期）时重新登录并重试一次。
 * 后端约定：HTTP 200 且 {code: 0, data} 为成功，其余为失败（msg 是给用户看的原因）。
 */
const API_BASE = 'https://shop.smartprogram.example.com';
const TOKEN_KEY = 'shop_token';

/**
 * 带类型的错误：type 为 'login' | 'http' | 'api' | 'network'
 *
 * @param {string} type 错误类型
 * @param {string} message 错误信息
 * @return {Error}
 */
function apiError(type, message) {
    const error = new Error(message);
    error.type = type;
    return error;
}

// 发一个请求，resolve {statusCode, data}（任何 HTTP 状态），网络失败 reject
function send(path, method, data, token) {
    return new Promise((resolve, reject) => swan.request({
        url: API_BASE + path,
        method,
        data,
        header: token ? {Authorization: `Bearer ${token}`} : {},
        success: res => resolve(res),
        fail: err => reject(apiError('network', `网络异常：${err.errMsg}`))
    }));
}

// 后端回复 -> data 或错误
function unwrap(res) {
    if (res.statusCode !== 200) {
        const msg = res.data && res.data.msg;
        throw apiError('http', msg ? `${msg}（HTTP ${res.statusCode}）` : `服务器错误（HTTP ${res.statusCode}）`);
    }
    const body = res.data;
    if (!body || typeof body !== 'object' || body.code !== 0) {
        throw apiError('api', (body && body.msg) || '服务器返回了无法识别的数据');
    }
    return body.data;
}

// swan.login -> code -> POST /api/login -> token
function freshLogin() {
    return new Promise((resolve, reject) => swan.login({
        success: res => resolve(res.code),
        fail: err => reject(apiError('login', `登录失败：${err.errMsg}`))
    }))
        .then(code => send('/api/login', 'POST', {code}))
        .then(unwrap)
        .then(data => {
            swan.setStorageSync(TOKEN_KEY, data.token);
            return data.token;
        });
}

/**
 * 确保已登录，resolve token
 *
 * @return {Promise<string>}
 */
function login() {
    const token = swan.getStorageSync(TOKEN_KEY);
    if (!token) {
        return freshLogin();
    }
    return new Promise(resolve => swan.checkSession({
        success: () => resolve(token),
        fail: () => resolve(null)
    })).then(valid => valid || freshLogin());
}

/**
 * 带登录态的请求，resolve 后端的 data
 *
 * @param {string} path 接口路径，如 '/api/orders'
 * @param {Object} options {method = 'GET', data}
 * @return {Promise<*>}
 */
function request(path, options) {
    const {method = 'GET', data} = options || {};
    const attempt = retried => login()
        .then(token => send(path, method, data, token))
        .then(res => {
            if (res.statusCode === 401 && !retried) {
                swan.removeStorageSync(TOKEN_KEY);
                return attempt(true);
            }
            return unwrap(res);
        });
    return attempt(false);
}

module.exports = {
    API_BASE,
    TOKEN_KEY,
    login,
    request
};
