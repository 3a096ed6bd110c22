Page({
    onLoad() {
        swan.onDeviceMotionChange(function (res) {
            console.log('请在真机中预览效果');
            console.log('onDeviceMotionChange', res);
        });
    }
});
