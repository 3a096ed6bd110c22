/**
 * @file app.js 资讯
 */
App({
    globalData: {
        cdn: 'https://cdn.news.example.com'
    }
});
