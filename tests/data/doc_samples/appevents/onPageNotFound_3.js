Page({
    data: {},
    onTap() {
        swan.onPageNotFound(function(res) {
            console.log(res);
            swan.showModal({
                title: '',
                content: JSON.stringify(res)
            });
            // 页面不存在时，默认跳转到首页，如果是 tabbar 页面，请使用 swan.switchTab 进行跳转
            swan.navigateTo({
                url: '/home/home',
                success: res => {
                    swan.offPageNotFound();
                },
                fail: err => {
                    console.log('navigateTo fail');
                }
            });
        });
        swan.navigateTo({
            url: '/path/to/otherPage'
        });
    }
});

