Page({
    showTabBarRedDot() {
        swan.showTabBarRedDot({
            index: 0
        });
    },
    hideTabBarRedDot() {
        swan.hideTabBarRedDot({
            index: 0,
            success: function () {
                console.log('hideTabBarRedDot success');
            },
            fail: function (err) {
                console.log('hideTabBarRedDot fail', err);
            }
        });
    }
});
