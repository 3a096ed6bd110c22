Page({
    data: {
        count: 0
    },
    onLoad() {
        swan.onUserCaptureScreen(res => {
            const count = this.getData('count');
            this.setData('count', count + 1);
        });
    }
});
