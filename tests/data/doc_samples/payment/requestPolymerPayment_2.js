// 这里只做字段展示，详细示例请在代码片段中查看
swan.requestPolymerPayment({
    orderInfo: {
        "dealId": "470193086",
        "appKey": "MMMabc",
        "totalAmount": "1",
        "tpOrderId": "3028903626",
        "dealTitle": "智能小程序Demo支付测试",
        "signFieldsRange": "1",
        "rsaSign": '',
        "bizInfo": ''
    },
    success: res => {
        swan.showToast({
            title: '支付成功',
            icon: 'success'
        });
    },
    fail: err => {
        swan.showToast({
            title: JSON.stringify(err)
        });
        console.log('pay fail', err);
    }
});
