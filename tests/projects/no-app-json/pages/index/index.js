/**
 * @file pages/index/index.js 一个忘了写 app.json 的项目
 */
Page({
    data: {}
});
