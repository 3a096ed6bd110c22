Page({
    getImageInfo() {
        swan.getImageInfo({
            src: 'https://b.bdstatic.com/miniapp/image/getImageInfo.png',
            success: res => {
                console.log('getImageInfo success', res);
            },
            fail: err => {
                console.log('getImageInfo fail', err);
            }
        });
    }
});
