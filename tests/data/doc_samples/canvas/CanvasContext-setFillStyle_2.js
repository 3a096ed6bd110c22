const canvasContext = this.createCanvasContext('myCanvas');
canvasContext.setFillStyle('#ffff00');
canvasContext.fillRect(30, 30, 150, 75);
canvasContext.draw();
