Page({
    setTabBarStyle() {
        swan.setTabBarStyle({
            color: '#000',// black
            selectedColor: '#FF0000',// red
            backgroundColor: '#FFFFBD',
            borderStyle: 'white',
            success: function () {
                console.log('setTabBarStyle success');
            },
            fail: function (err) {
                console.log('setTabBarStyle fail', err);
            }
        });
    }
});
