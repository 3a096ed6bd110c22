Page({
    data: {
        nickname: '百度网友',
        imageSrc: '../images/avator.png',
        nameColor: 'default'
    },
    getUserInfo(e) {
        swan.getUserInfo({
            success: res => {
                // 用户在首次使用小程序时拒绝授权，可使用此api在合适的业务时机提醒用户再次授权
                // swan.openSetting({});
                let userInfo = res.userInfo;
                this.setData({
                    nickname: userInfo.nickName,
                    imageSrc: userInfo.avatarUrl,
                    nameColor: 'active'
                });
            },
            fail: err => {
                console.log(err);
                swan.showToast({
                    title: '请先授权'
                });
            }
        });
    },
    clearUserInfo(e) {
        this.setData({
            nickname: '百度网友',
            imageSrc: '../images/avator.png',
            nameColor: 'default'
        });
    }
});
