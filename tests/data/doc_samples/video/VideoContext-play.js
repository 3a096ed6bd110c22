Page({
    data: { },
    onLoad() {
        const videoContext = swan.createVideoContext('myVideo');
        this.videoContext = videoContext;
    },
    play() {
        this.videoContext.play();
    }
});
