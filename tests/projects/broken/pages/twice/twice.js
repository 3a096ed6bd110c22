/**
 * @file pages/twice/twice.js 复制粘贴时多留了一个 Page()
 */
Page({
    data: {
        version: 1
    }
});

Page({
    data: {
        version: 2
    }
});
