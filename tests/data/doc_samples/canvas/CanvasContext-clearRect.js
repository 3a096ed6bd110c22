const canvasContext = swan.createCanvasContext('myCanvas');
canvasContext.setFillStyle('blue');
canvasContext.fillRect(0, 0, 150, 200);
canvasContext.setFillStyle('blue');
canvasContext.fillRect(150, 0, 150, 200);
canvasContext.clearRect(30, 30, 150, 75);
canvasContext.draw();
