Page({
    data: { },
    onLoad() {
        // 用户首次登录  小程序，同步百度APP登录  态
        swan.login({
            success: res => {
                console.log('login success', res);
            },
            fail: err => {
                console.log('login fail', err);
            }
        });
    },
    onShow() {
        let that = this;
        // 用户进入小程序检测小程序在百度APP的登录  态是否有效
        swan.checkSession({
            success: function (res) {
                // 有效，获取用户信息
                swan.getUserInfo({
                    success: res => {
                        console.log(res)
                        let userInfo = res.userInfo;
                    },
                    fail: err => {
                        console.log(err);
                        swan.showToast({
                            title: '请先授权'
                        });
                    }
                });
            },
            fail: function (err) {
                // 无效，同步百度APP登录  态
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
    }
});
