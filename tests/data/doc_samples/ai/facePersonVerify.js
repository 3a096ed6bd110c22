Page({
    facePersonVerify() {
        swan.ai.facePersonVerify({
            image: 'https://www.downloadImage.com/xxxx.jpg',
            image_type: 'URL',
            quality_control: 'NONE',
            liveness_control: 'NONE',
            id_card_number: '',
            name: '',
            success: res => {
                console.log('success', res);
            },
            fail: err => {
                console.log('fail', err);
            }
        });
    }
});
