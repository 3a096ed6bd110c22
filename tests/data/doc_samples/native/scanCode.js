Page({
    /* eslint-enable */
    data: {
        result: true,
        infoList: [{
            engName: 'result',
            chinaName: '内容',
            value: ''
        }, {
            engName: 'scanType',
            chinaName: '类型',
            value: ''
        },
        {
            engName: 'charSet',
            chinaName: '字符集',
            value: ''
        }
        ]
    },
    scanCode() {
        swan.scanCode({
            success: res => {
                this.setData('result', false);
                console.log('scanCode success', res);
                this.updateInfoList(res);
            },
            fail: err => {
                console.log('scanCode fail', err);
            }
        });
    },
    updateInfoList(res) {
        let infoList = this.getData('infoList');
        for (let i = 0; i < infoList.length; ++i) {
            if (res[infoList[i].engName] === '') {
                infoList[i].value = '暂无';
            } else {
                infoList[i].value = res[infoList[i].engName];
            }
        }
        // 兼容ios逻辑
        if(swan.getSystemInfoSync().platform === 'ios'){
            infoList[2].value = '暂无';
        }
        this.setData('infoList', infoList);
    }
});
