Page({
    onReady: function () {
        const canvasContext = swan.createCanvasContext('myCanvas');
        canvasContext.setFillStyle('blue');
        canvasContext.fillRect(10, 10, 150, 100);
        canvasContext.draw();
        canvasContext.setFillStyle('red');
        canvasContext.fillRect(30, 30, 150, 100);
        canvasContext.draw(true);
    }
});
