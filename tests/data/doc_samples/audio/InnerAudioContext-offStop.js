Page({
    onLoad() {
        let that = this;
        const innerAudioContext = swan.createInnerAudioContext();
        innerAudioContext.src = 'https://vd3.bdstatic.com/mda-ic7mxzt5cvz6f4y5/mda-ic7mxzt5cvz6f4y5.mp3';
        innerAudioContext.autoplay = false;
        innerAudioContext.onStop(res => {
            swan.showModal({
                title: 'onStop',
                content: JSON.stringify(res)
            });
            console.log('onStop', res);
        });
        innerAudioContext.onEnded(res => {
            innerAudioContext.offStop();
        });
        this.innerAudioContext = innerAudioContext;
        this.innerAudioContext.play();
    },
    offStop(){
        swan.showModal({
            title: 'offStop',
            content: '取消监听成功'
        });
        this.innerAudioContext.offStop();
    }
});
