/**
 * @file pages/syntax/syntax.js 少了一个右括号
 */
Page({
    data: {
        list: [1, 2, 3
    },
    onLoad() {}
});
