Page({
    data: { },
    navigateTo(e) {
        swan.navigateTo({
            url: '/detail/detail?id=新页面'
        });
    }
});
