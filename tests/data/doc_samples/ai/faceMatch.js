Page({
    faceMatch() {
        swan.ai.faceMatch({
            data: [{
                    "image": "https://www.downloadImage.com/xxxx.jpg",
                    "image_type": "URL",
                    "face_type": "LIVE",
                    "quality_control": "LOW",
                    "liveness_control": "HIGH"
                },
                {
                    "image": "https://www.downloadImage.com/xxxx.jpg",
                    "image_type": "URL",
                    "face_type": "IDCARD",
                    "quality_control": "LOW",
                    "liveness_control": "HIGH"
            }],
            success: res => {
                console.log('res');
            },
            fail: err => {
                console.log('err');
            }
        });
    }
});
