Page({
    data: { },
    onLoad() {
        const videoContext = swan.createVideoContext('myVideo');
        this.videoContext = videoContext;
        this.videoContext.play();
    },
    requestFullScreen() {
        this.videoContext.requestFullScreen({direction: 90});
    }
});
