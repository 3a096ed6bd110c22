Page({
    data: {
        result: ''
    },
    voiceRecognizerStart() {
        // AI系列的api有宿主使用限制,只可在百度App中使用,建议使用时加一层判断防止代码报未知错误
        let host = swan.getSystemInfoSync().host;
        if (host === 'baiduboxapp') {
            swan.showToast({
                title: '开始识别',
                icon: 'none'
            });
            const voiceRecognizer = swan.ai.getVoiceRecognizer();
            voiceRecognizer.onRecognize(res => {
                console.log('voice recognize', res.result);
                this.setData('result', res.result);
            });
            
            const options = {
                mode: 'dnn',
                // mode: 'touch',
                longSpeech: true
            };

            voiceRecognizer.start(options);
            this.voiceRecognizer = voiceRecognize;
        }
        else {
            swan.showToast({
                title: '此api目前仅可在百度App上使用',
                icon: 'none'
            });
        }
    },
    voiceRecognizerStop() {
        let host = swan.getSystemInfoSync().host;
        if (host === 'baiduboxapp') {
            this.voiceRecognizer.stop();
            swan.showToast({
                title: '已停止识别'
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

