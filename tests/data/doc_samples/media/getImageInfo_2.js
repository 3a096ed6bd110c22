Page({
    getImageInfo() {
        swan.getImageInfo({
            src: '../images/ai.png',
            success: res => {
                console.log('getImageInfo success', res);
            },
            fail: err => {
                console.log('getImageInfo fail', err);
            }
        });
    }
});
