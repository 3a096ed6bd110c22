/**
 * @file pages/tools/tools.js 小工具：图片信息、扫一扫、试听
 */
Page({
    data: {
        image: null,
        scan: null,
        audio: 'idle',
        plays: 0
    },
    // 选一张图片，读出它的宽高和类型
    pickImage() {
        return new Promise((resolve, reject) => swan.chooseImage({
            count: 1,
            success: res => swan.getImageInfo({
                src: res.tempFilePaths[0],
                success: info => {
                    const image = {size: `${info.width} × ${info.height}`, type: info.type};
                    this.setData({image});
                    resolve(image);
                },
                fail: err => reject(new Error(err.errMsg))
            }),
            fail: err => reject(new Error(err.errMsg))
        }));
    },
    scan() {
        swan.scanCode({
            success: res => this.setData({scan: {text: res.result, type: res.scanType}}),
            fail: err => this.setData({scan: {text: err.errMsg, type: 'error'}})
        });
    },
    // 试听一段提示音，播完显示“播放完毕”
    play() {
        if (!this.audio) {
            this.audio = swan.createInnerAudioContext();
            this.audio.src = 'https://smartprogram.baidu.com/docs/audio/ding.mp3';
            this.audio.onPlay(() => this.setData({audio: 'playing'}));
            this.audio.onEnded(() => this.setData({audio: 'ended', plays: this.data.plays + 1}));
        }
        this.audio.play();
    },
    onUnload() {
        if (this.audio) {
            this.audio.destroy();
        }
    }
});
