const canvasContext = swan.createCanvasContext('myCanvas');
canvasContext.rect(30, 30, 150, 75);
canvasContext.setFillStyle('blue');
canvasContext.fill();
canvasContext.draw();
