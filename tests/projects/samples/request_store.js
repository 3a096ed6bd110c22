// A page as the swan docs write their samples (api/net/request.md, api/storage/save_swan-setStorage.md):
// fetch JSON with swan.request, keep it with swan.setStorage, read it back with swan.getStorageSync.
Page({
    data: {
        list: []
    },
    fetchAndStore() {
        swan.request({
            url: 'https://smartprogram.baidu.com/xxx',
            header: {
                'content-type': 'application/json'
            },
            method: 'GET',
            dataType: 'json',
            responseType: 'text',
            success: res => {
                console.log('request success', res.statusCode);
                swan.setStorage({
                    key: 'list',
                    data: res.data.list,
                    success: () => {
                        const list = swan.getStorageSync('list');
                        console.log('stored', JSON.stringify(list));
                        this.setData({list});
                    },
                    fail: err => {
                        console.log('setStorage fail', err.errCode);
                    }
                });
            },
            fail: err => {
                console.log('request fail', err.errCode, err.errMsg);
            }
        });
    }
});
