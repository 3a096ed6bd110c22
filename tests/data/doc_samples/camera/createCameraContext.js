Page({
    data: { },
    onLoad() {
        swan.createCameraContext();
    }
});
