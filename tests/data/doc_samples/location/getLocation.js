Page({
    getLocation() {
        swan.getLocation({
            type: 'wgs84',
            altitude: true,
            success: res => {
                console.log('getLocation success', res)
            },
            fail: err => {
                console.log('getLocation fail', err)
            }
        });
    }
});
