Page({
    onLoad() {
        const innerAudioContext = swan.createInnerAudioContext();
        innerAudioContext.src = 'https://vd3.bdstatic.com/mda-ic7mxzt5cvz6f4y5/mda-ic7mxzt5cvz6f4y5.mp3';
        innerAudioContext.autoplay = false;
        innerAudioContext.onWaiting(res => {
            swan.showModal({
                title: 'onWaiting',
                content: '正在加载，请耐心等待'
            });
            console.log('onWaiting', res);
        });
        innerAudioContext.onEnded(res => {
            innerAudioContext.offWaiting();
        });
        this.innerAudioContext = innerAudioContext;
        this.innerAudioContext.play();
    },
    offWaiting(){
        swan.showModal({
            title: 'offWaiting',
            content: '取消监听成功'
        });
        this.innerAudioContext.offWaiting();
    }
});
