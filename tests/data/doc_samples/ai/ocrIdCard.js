Page({
    ocrIdCard() {
        swan.chooseImage({
            success: res => {
                let image = res.tempFilePaths[0];
                // AI系列的api有宿主使用限制,只可在百度App中使用,建议使用时加一层判断防止代码报未知错误
                let host = swan.getSystemInfoSync().host;
                if (host === 'baiduboxapp') {
                    swan.ai.ocrIdCard({
                        detect_direction: true,
                        id_card_side: 'front',
                        image, // 暂不支持识别网络图片
                        detect_risk: true,
                        success: res => {
                            console.log('ocrIdCard res', res.words_result);
                        },
                        fail: err => {
                            console.log('ocrIdCard err', err);
                        }
                    });
                }
                else {
                    swan.showToast({
                        title: '此api目前仅可在百度App上使用',
                        icon: 'none'
                    });
                }
            }
        })
    }
});
