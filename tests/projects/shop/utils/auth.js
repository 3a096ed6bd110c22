/**
 * @file utils/auth.js 登录态；与 utils/api.js 互相引用
 */
exports.token = 'guest';

const api = require('./api');

exports.login = function (name) {
    exports.token = 'token-' + name;
    return api.get('/user');
};

exports.apiSawAtLoad = api.authKeysAtLoad;
