/**
 * @file utils/api.js 接口地址；加载时 utils/auth.js 还没有执行完
 */
const auth = require('./auth');

exports.authKeysAtLoad = Object.keys(auth);

exports.get = function (path) {
    return 'GET ' + path + ' as ' + auth.token;
};
