Page({
    data: {
        locationInfo: {
            latitude: 40.04,
            longitude: 116.27,
            scale: 18,
            name: '百度科技园',
            address: '北京市海淀区西北旺东路10号院'
        }
    },
    openLocation () {
        let locationInfo = this.data.locationInfo;
        swan.openLocation({
            latitude: locationInfo.latitude,
            longitude: locationInfo.longitude,
            scale: locationInfo.scale,
            name: locationInfo.name,
            address: locationInfo.address,
            success: res => {
                console.log('openLocation success', res);
            },
            fail : function (err) {
                console.log('openLocation fail', err);
            }
        });
    }
})
