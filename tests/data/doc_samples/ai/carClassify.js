Page({
  carClassify() {
        swan.chooseImage({
            success: res => {
                let image = res.tempFilePaths[0];
                swan.ai.carClassify({
                    image,
                    top_num: 5,
                    success: res => {
                    console.log('carClassify res', res.result);
                    },
                    fail: err => {
                    console.log('carClassify err', err);
                    }
                });
            }
        });
    }
});
