Page({
    data: {
        url: ''
    },
    onShow() {
        swan.request({
            url: 'https://sfc.baidu.com/shopping/nianhuo/bimai',
            header: {
                'content-type': 'application/json'
            },
            method: 'POST',
            dataType: 'json',
            responseType: 'text',
            data: {
                key: 'value'
            },
            success: res => {
                this.setData('url', res.data.data.goodsList.goods[0].title)
            },
            fail: err => {
                console.log('错误码：' + err.errCode);
                console.log('错误信息：' + err.errMsg);
            }
        });
    },
    setClipboardData() {  
        swan.setClipboardData({
            data: this.getData('url'),
            success: () => {
                swan.showToast({
                    title: '一键复制成功',
                    icon: 'none'
                });
            },
            fail: err => {
                swan.showToast({
                    title: '一键复制失败',
                    icon: 'none'
                });
                console.log('setClipboardData fail', err);
            }
        });
    }
});
