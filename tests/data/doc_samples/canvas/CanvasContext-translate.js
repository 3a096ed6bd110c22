const canvasContext = swan.createCanvasContext('myCanvas');

canvasContext.strokeRect(10, 10, 150, 100);
canvasContext.translate(20, 20);
canvasContext.strokeRect(10, 10, 150, 100);
canvasContext.translate(20, 20);
canvasContext.strokeRect(10, 10, 150, 100);

canvasContext.draw();
