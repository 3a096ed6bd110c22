Page({
    setTabBarBadge() {
        swan.setTabBarBadge({
            index: 0,
            text: '文本'
        });
    },
    removeTabBarBadge() {
        swan.removeTabBarBadge({
            index: 0,
            success: function () {
                console.log('removeTabBarBadge success');
            },
            fail: function (err) {
                console.log('removeTabBarBadge fail', err);
            }
        });
    }
});
