Page({
     onLoad() {
        const innerAudioContext = swan.createInnerAudioContext();
        innerAudioContext.src = 'https://vd3.bdstatic.com/mda-ic7mxzt5cvz6f4y5/mda-ic7mxzt5cvz6f4y5.mp3';
        innerAudioContext.autoplay = false;
        innerAudioContext.onPlay(res => {
            swan.showModal({
                title: 'onplay',
                content: JSON.stringify(res)
            });
            console.log('onPlay', res);
        });
        innerAudioContext.onPause(res => {
            swan.showModal({
                title: 'onPause',
                content: JSON.stringify(res)
            });
            console.log('onPause', res);
        });
        innerAudioContext.play();
        this.innerAudioContext = innerAudioContext;
    },
    pause() {
        this.innerAudioContext.pause();
    },
    offPause(){
        swan.showModal({
            title: 'offPause',
            content: '取消监听成功'
        });
        this.innerAudioContext.offPause();
    }
});
