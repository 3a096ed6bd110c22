Page({
    getUserInfo(e) {
        console.log(e.detail.userInfo.nickName)
        console.log(e.detail.userInfo.avatarUrl)
        console.log(e.detail.userInfo.gender)
    }
});
