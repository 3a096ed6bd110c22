Page({
    data: { },
    navigateTo(e) {
        swan.navigateTo({
            url: "/detail/detail?webViewUrl=https://smartprogram.baidu.com&Math.radom()"
        });
    }
});
