Page({
    data: {
        key: ''
    },
    keyInput(e) {
        this.data.key = e.detail.value;
    },
    measureText() {
        let data = this.data.key;
        const canvasContext = swan.createCanvasContext('myCanvas');
        canvasContext.font = 'italic bold 20px cursive'
        const metrics = canvasContext.measureText(data);
        console.log(metrics.width);
        swan.showModal({
            title: '文本信息长度为',
            content: JSON.stringify(metrics.width)
        }); 
    }
});
