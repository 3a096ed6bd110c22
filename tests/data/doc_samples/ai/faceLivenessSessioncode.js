Page({
    faceLivenessSessioncode() {
        // AI系列的api有宿主使用限制,只可在百度App中使用,建议使用时加一层判断防止代码报未知错误
        let host = swan.getSystemInfoSync().host;
        if (host === 'baiduboxapp') {
            swan.ai.faceLivenessSessioncode({
                appid: 'xxx', // 百度云创建应用时的唯一标识 ID
                success(res) {
                    console.log('ai.faceLivenessSessioncode success', res);
                    swan.showModal({
                        title: '五分钟内语音验证码会失效',
                        content: 'session_id为' + JSON.stringify(res.result.session_id)+ '，语音校验码为' + JSON.stringify(res.result.code)
                    });
                },
                fail(err) {
                    console.log('ai.faceLivenessSessioncode fail', err);
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
