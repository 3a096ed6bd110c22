Page({
    plantClassify() {
        swan.chooseImage({
            success: res => {
                let image = res.tempFilePaths[0];
                swan.ai.plantClassify({
                    image,
                    success: res => {
                        console.log('plantClassify res', res.result);
                    },
                    fail: err => {
                        console.log('plantClassify err', err);
                    }
                });
            }
        });
    }
});
