Page({
    previewImage() {
        swan.previewImage({
            current: 'https://b.bdstatic.com/miniapp/image/swan-preview-image-2-zip.png',
            urls: ['https://b.bdstatic.com/miniapp/image/swan-preview-image-2-zip.png','https://b.bdstatic.com/miniapp/image/swan-preview-image-zip.png'], 
            success: res => {
                console.log('previewImage success', res);
            },
            fail: err => {
                console.log('previewImage fail', err);
            }
        });
    }
});
