swan.checkSession({
    success: function (res) {
        swan.showModal({
            title: '',
            content: '用户在小程序中 登录态有效'
        });
        if(!res.result){
            swan.showModal({
                title: '',
                content: '用户在小程序中 登录态无效,调用swan.login可获取有效Session Key',
            });
            swan.login({
                success: res => {
                    console.log('login success', res);
                },
                fail: err => {
                    console.log('login fail', err);
                }
            });
        }
    },
    fail: function (err) {
        swan.showModal({
            title: '',
            content: '用户在小程序中 登录态无效,请先 登录百度APP',
        });
        swan.login({
            success: res => {
                console.log('login success', res);
            },
            fail: err => {
                console.log('login fail', err);
            }
        });
    }
});
