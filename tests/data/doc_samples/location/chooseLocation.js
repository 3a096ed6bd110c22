Page({
    chooseLocation() {
         swan.authorize({
            scope: 'scope.userLocation',
            success: res => {
                console.log(res);
            },
            fail: function () {
                swan.openSetting({})
            }
        });
        let that = this;
        swan.chooseLocation({
            success: res => {
                console.log('success', res);
                let longitude = 'E:' + that.formatLocation(res.longitude) + '′';
                let latitude =  'N:' + that.formatLocation(res.latitude) + '′';
                that.setData({
                    'name': res.name,
                    'address': res.address,
                    'longitude': longitude,
                    'latitude': latitude
                });
            },
            fail: err => {
                console.log('错误码：' + err.errCode);
                console.log('错误信息：' + err.errMsg);
            }
        });
    },
    formatLocation(data) {
        return data.toFixed(2).replace('.', '°');
    }
})
