Page({
    previewOriginImage() {
        swan.previewImage({
            current: 'https://b.bdstatic.com/miniapp/image/swan-preview-image-zip.png',
            urls: ['https://b.bdstatic.com/miniapp/image/swan-preview-image-zip.png','https://b.bdstatic.com/miniapp/image/swan-preview-image-2-zip.png'], 
            images: [
                {
                    "url": 'https://b.bdstatic.com/miniapp/image/swan-preview-image-zip.png', // 顺序需与urls中一致
                    "origin_url": 'https://b.bdstatic.com/miniapp/image/swan-preview-image-origin.png'
                },{
                    "url": 'https://b.bdstatic.com/miniapp/image/swan-preview-image-2-zip.png', // 顺序需与urls中一致
                    "origin_url": 'https://b.bdstatic.com/miniapp/image/swan-preview-image-2-zip.png'
                }
            ],
            success: res => {
                console.log('previewImage success', res);
            },
            fail: err => {
                console.log('previewImage fail', err);
            }
        });
    }
});
