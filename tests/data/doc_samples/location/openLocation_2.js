Page({
    data: {
        locationInfo: {
            latitude: 40.04,
            longitude: 116.27,
            scale: 18
        }
    },
    openLocation () {
        let locationInfo = this.data.locationInfo;
        swan.openLocation({
            latitude: locationInfo.latitude,
            longitude: locationInfo.longitude,
            scale: locationInfo.scale,
            success: res => {
                console.log('openLocation success', res);
            },
            fail : function (err) {
                console.log('openLocation fail', err);
            }
        });
    }
})
