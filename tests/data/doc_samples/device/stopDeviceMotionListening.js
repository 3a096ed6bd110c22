Page({
    onLoad() {
        swan.startDeviceMotionListening({
            interval: 'ui'
        });
    },
    stopDeviceMotionListening() {
        swan.stopDeviceMotionListening({
            success: res => {
                console.log('stopDeviceMotionListening success', res);
            },
            fail: err => {
                console.log('stopDeviceMotionListening fail', err);
            }
        });
    }
});
