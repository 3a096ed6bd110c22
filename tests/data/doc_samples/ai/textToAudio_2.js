Page({
    data: {
    },
    textToAudio(){
        // AI系列的api有宿主使用限制,只可在百度App中使用,建议使用时加一层判断防止代码报未知错误
        let host = swan.getSystemInfoSync().host;
        if (host === 'baiduboxapp') {
            swan.ai.textToAudio({
                tex: 'hello，这是一段测试语音合成的文字',
                ctp: '1',
                lan: 'zh',
                spd: '5',
                pit: '5',
                vol: '5',
                per: '0',
                success: res => {
                    console.log('ai.textToAudio success', res);
                    swan.showToast({
                        title: '合成成功',
                        icon: 'none'
                    });
                },
                fail: err => {
                    console.log('ai.textToAudio fail', err);
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
});
