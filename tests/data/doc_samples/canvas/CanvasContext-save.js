const canvasContext = swan.createCanvasContext('myCanvas');
// 保存默认填充样式
canvasContext.save();
canvasContext.setFillStyle('blue');
canvasContext.fillRect(10, 10, 150, 100);

// 恢复到以前保存的状态
canvasContext.restore();
canvasContext.fillRect(50, 50, 150, 100);

canvasContext.draw();
