const canvasContext = swan.createCanvasContext('myCanvas');

canvasContext.strokeRect(10, 10, 25, 15);
canvasContext.scale(2, 2);
canvasContext.strokeRect(10, 10, 25, 15);
canvasContext.scale(2, 2);
canvasContext.strokeRect(10, 10, 25, 15);

canvasContext.draw();
