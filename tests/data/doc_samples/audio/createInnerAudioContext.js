Page({
    onLoad() {
        const innerAudioContext = swan.createInnerAudioContext();
    }
});
