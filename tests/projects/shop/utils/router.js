/**
 * @file utils/router.js 路由 API 的 Promise 封装：resolve {errMsg, errCode}，成功失败都 resolve
 */
function route(api, params) {
    return new Promise(resolve => {
        swan[api](Object.assign({}, params, {
            complete: res => resolve({errMsg: res.errMsg, errCode: res.errCode})
        }));
    });
}

module.exports = {
    navigateTo: url => route('navigateTo', {url}),
    redirectTo: url => route('redirectTo', {url}),
    switchTab: url => route('switchTab', {url}),
    reLaunch: url => route('reLaunch', url === undefined ? {} : {url}),
    navigateBack: delta => route('navigateBack', delta === undefined ? {} : {delta})
};
