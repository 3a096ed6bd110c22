swan.login({
    success: res => {
        swan.request({
            url: 'https://xxx/xxx', // 开发者服务器地址
            data: {
                code: res.code
            }
        });
    },
    fail: err => {
        console.log('login fail', err);
    }
});
