Page({
    onReady: function () {
        const canvasContext = swan.createCanvasContext('myCanvas');
        canvasContext.setGlobalAlpha(0.2);
        canvasContext.setFillStyle('red');
        canvasContext.fillRect(10, 10, 150, 100);   
        canvasContext.setGlobalAlpha(1);
        canvasContext.setFillStyle('blue');
        canvasContext.fillRect(50, 50, 150, 100);  
        canvasContext.setFillStyle('yellow');
        canvasContext.fillRect(100, 100, 150, 100);
        canvasContext.draw();
    }
});
