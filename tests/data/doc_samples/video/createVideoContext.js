Page({
    data: { },
    onLoad() {
        swan.createVideoContext('myVideo');  
    }
});
