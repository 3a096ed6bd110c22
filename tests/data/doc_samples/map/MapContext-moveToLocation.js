
Page({
    data: {
        latitude: 40.048828,
        longitude: 116.280412,  
    },
    onReady() {
        this.mapContext = swan.createMapContext('myMap');
    },
    moveToLocation: function () {
        this.mapContext.moveToLocation();
    }
});

