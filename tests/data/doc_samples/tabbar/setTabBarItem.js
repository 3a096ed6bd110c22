Page({
    setTabBarItem() {
        swan.setTabBarItem({
            index: 0,
            text: '替换文本',
            iconPath: '/images/API_normal.png',
            selectedIconPath: '/images/API_selected.png',
            success: function () {
                console.log('setTabBarItem success');
            },
            fail: function (err) {
                console.log('setTabBarItem fail', err);
            }
        });
    }
});
