/**
 * @file pages/secret/secret.js 还没有登记到 app.json 的页面
 */
Page({
    data: {
        hidden: true
    }
});
