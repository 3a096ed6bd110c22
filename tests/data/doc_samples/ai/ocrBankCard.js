Page({
    ocrBankCard() {
        swan.chooseImage({
            success: res => {
                let image = res.tempFilePaths[0];
                swan.ai.ocrBankCard({
                    image, // 暂不支持识别网络图片
                    success: res => {
                        console.log('ocrBankCard res', res.result);
                    }，
                    fail: err => {
                        console.log('ocrBankCard err', err);
                    }
                });
            }
        })
    }
});
