Page({
    data: { },
    onReady() {
       this.ARCameraContext = swan.createARCameraContext();
    }
})
