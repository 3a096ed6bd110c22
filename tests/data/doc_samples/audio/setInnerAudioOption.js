Page({
    onLoad() {
        const innerAudioContext = swan.createInnerAudioContext();
        innerAudioContext.src = 'https://vd3.bdstatic.com/mda-ic7mxzt5cvz6f4y5/mda-ic7mxzt5cvz6f4y5.mp3';
        innerAudioContext.autoplay = false;

        innerAudioContext.onPlay(() => {
            swan.showToast({
                title: 'play',
                icon: 'none'
            });
        });

        this.innerAudioContext = innerAudioContext;
    },
    play() {
        this.innerAudioContext.play();
    },
    stop() {
        this.innerAudioContext.stop();
    },
    setInnerAudioOption() {
        swan.setInnerAudioOption({
            mixWithOther: true,
            success: res => {
                swan.showToast({
                    title: 'success',
                    icon: 'none'
                });
                console.log('setInnerAudioOption success', res);
            },
            fail: err => {
                swan.showToast({
                    title: 'fail',
                    icon: 'none'
                });
                console.log('setInnerAudioOption fail', err);
            }
        });
    }
});
