Page({
    data: {
        currentTime: '',
        duration: '0' 
    },
    onLoad() {
        const innerAudioContext = swan.createInnerAudioContext();
        innerAudioContext.src = 'https://vd3.bdstatic.com/mda-ic7mxzt5cvz6f4y5/mda-ic7mxzt5cvz6f4y5.mp3';
        innerAudioContext.autoplay = false;
        this.innerAudioContext = innerAudioContext;
        this.innerAudioContext.play();
        this.innerAudioContext.onTimeUpdate(res => {
        this.setData('currentTime', res.data.currentTime);
        this.setData('duration', res.data.duration);
        });
    },
    offTimeUpdate() {
        this.innerAudioContext.offTimeUpdate()
    }
});
