Page({
    data: {
        content: '百度是一家高科技公司',
        result: '',
        hasResult: false,
        sucResult: false
    },
    nlpLexerCustom() {
        const text = this.getData('content');
        let that = this;
        // AI系列的api有宿主使用限制,只可在百度App中使用,建议使用时加一层判断防止代码报未知错误
        let host = swan.getSystemInfoSync().host;
        if (host === 'baiduboxapp') {
            swan.ai.nlpLexerCustom({
                text,
                success(res) {
                    console.log('ai.nlpLexerCustom success', res);
                    that.setData({
                        'result': res.items,
                        'sucResult': true
                    })
                },
                fail(err) {
                    console.log('ai.nlpLexerCustom fail', err);
                    that.setData({
                        'sucResult': false
                    })
                },
                complete() {
                    that.setData('hasResult', true)
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
