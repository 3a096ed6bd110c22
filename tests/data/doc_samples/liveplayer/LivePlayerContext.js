Page({
    data: {
        src: 'https://vd3.bdstatic.com/mda-ia8e6q3g23py8qdh/hd/mda-ia8e6q3g23py8qdh.mp4?playlist=%5B%22hd%22%5D&auth_key=1521549485-0-0-d5d042ba3555b2d23909d16a82916ebc&bcevod_channel=searchbox_feed&pd=share'
    },
    onShow(){
        console.log('目前此组件在真机双端不能播放，请在开发者工具中查看完整效果');
    },
    onReady(e) {
        const livePlayerContext = swan.createLivePlayerContext('myLive');
        console.log('livePlayerContext:', livePlayerContext)
        this.livePlayerContext = livePlayerContext;
    },
    livePlay(e) {
        this.livePlayerContext.play();
    },
    livePause(e) {
        this.livePlayerContext.pause();
    },
    liveStop(e) {
        this.livePlayerContext.stop();
    },
    liveMute(e) {
        this.livePlayerContext.mute();
    },
    liveResume(e) {
        this.livePlayerContext.resume();
    },
    requestFullScreen(e) {
        this.livePlayerContext.requestFullScreen();
    }
});
