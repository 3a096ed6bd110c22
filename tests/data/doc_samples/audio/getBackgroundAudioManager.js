
Page({
    onShow() {
        swan.getBackgroundAudioManager();
    }
});

