Page({
    startDeviceMotionListening() {
        swan.startDeviceMotionListening({
            interval: 'ui',
            success: res => {
                console.log('startDeviceMotionListening success', res);
            },
            fail: err => {
                console.log('startDeviceMotionListening fail', err);
            }
        });
    }
});
