Page({
    data: {
        swanId: ''
    },
    getSwanId() {
        swan.getSwanId({
            success: res => {
                console.log('getSwanId success', res);
                this.setData({
                    swanId: res.data.swanid
                })
                
            },
            fail: function (err) {
                console.log('getSwanId fail', err);
            }
        });
    }
});
