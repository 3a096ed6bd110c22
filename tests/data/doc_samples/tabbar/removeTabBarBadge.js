Page({
    onTabItemTap(item) {
        console.log(item.index);
        if(item.index !== 1){
            swan.removeTabBarBadge({
                index: item.index,
                success: function () {
                    console.log('removeTabBarBadge success');
                },
                fail: function (err) {
                    console.log('removeTabBarBadge fail', err);
                }
            });
        }
        console.log(item.pagePath);
        console.log(item.text);
    }
});
