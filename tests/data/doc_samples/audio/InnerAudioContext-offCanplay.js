Page({
    onLoad() {
        const innerAudioContext = swan.createInnerAudioContext();
        innerAudioContext.src = 'https://vd3.bdstatic.com/mda-ic7mxzt5cvz6f4y5/mda-ic7mxzt5cvz6f4y5.mp3';
        innerAudioContext.autoplay = false;
        innerAudioContext.onCanplay(res => {
            swan.showModal({
                title: 'onCanplay',
                content: JSON.stringify(res)
            });
            console.log('onPlay', res);
        });
        innerAudioContext.offCanplay();
        this.innerAudioContext = innerAudioContext;
        this.innerAudioContext.play();
    },
    offCanplay(){
        swan.showModal({
            title: 'offCanplay',
            content: '取消监听成功'
        });
        this.innerAudioContext.offCanplay();
    }
});
