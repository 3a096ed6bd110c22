Page({
    onLoad() {
        const innerAudioContext = swan.createInnerAudioContext();
        innerAudioContext.src = 'https://vd3.bdstatic.com/mda-ic7mxzt5cvz6f4y5/mda-ic7mxzt5cvz6f4y5.mp3';
        innerAudioContext.autoplay = false;
        innerAudioContext.onPlay(res => {
            console.log('onPlay', res);
        });
        innerAudioContext.onEnded(res => {
            swan.showModal({
                title: 'onEnded',
                content: JSON.stringify(res)
            });
        });
        this.innerAudioContext = innerAudioContext;
        this.innerAudioContext.play();
    },
    seekEnded() {
        this.innerAudioContext.onTimeUpdate(res => {
            this.innerAudioContext.seek(res.data.duration) 
        });
    }
});
