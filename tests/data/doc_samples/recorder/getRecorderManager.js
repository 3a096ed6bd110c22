Page({
    onShow() {
        swan.getRecorderManager()
    }
});
