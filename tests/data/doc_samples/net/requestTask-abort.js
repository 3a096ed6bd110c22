Page({
    data: { },
    request() {
        const requestTask = swan.request({
            url: 'https://sfc.baidu.com/shopping/nianhuo/bimai',
            header: {
                'content-type': 'application/json'
            },
            method: 'POST',
            dataType: 'json',
            responseType: 'text',
            success: res => {
                swan.showToast({
                    title: '已请求',
                    icon: 'none'
                });
                console.log(res.data);
                this.setData('disabled', false)
            },
            fail: err => {
                console.log('错误码：' + err.errCode);
                console.log('错误信息：' + err.errMsg);
            }
        })
        this.requestTask = requestTask;
    },
    abortRequest() {
        this.requestTask.abort();
        swan.showToast({
            title: '已断掉',
            icon: 'none'
        });
    }
});

