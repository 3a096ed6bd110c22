const canvasContext = this.createCanvasContext('myCanvas');
const lineRGB = '255,255,0';
const opacity = 0.3;
canvasContext.setFillStyle(`rgba(${lineRGB}, ${opacity})`);
canvasContext.fillRect(30, 30, 150, 75);
canvasContext.draw();
