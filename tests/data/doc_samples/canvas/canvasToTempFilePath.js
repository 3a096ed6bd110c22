Page({
     data: {
        src: ''
    },
    onReady: function () {
        const canvasContext = this.createCanvasContext('myCanvas');
        canvasContext.setFillStyle('#ff0000');
        canvasContext.arc(100, 50, 50, 0, 2 * Math.PI);
        canvasContext.fill();
        canvasContext.draw();
    },
    canvasToTempFilePath (){
        const that = this;
        swan.canvasToTempFilePath({
            x: 0,
            y: 0,
            width: 300,
            height: 225,
            destWidth: 300,
            destHeight: 225,
            canvasId: 'myCanvas',
            success: function(res){
                that.setData("src", res.tempFilePath);
                swan.showModal({
                    title: '图片路径',
                    content: JSON.stringify(res.tempFilePath)
                })
            }
        })
    }
})
