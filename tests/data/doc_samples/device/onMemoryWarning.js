Page({
    data: {
        data: '内存充足',
        hasMemory: true
    },
    onShow() {
        let that = this;
        swan.onMemoryWarning(function (res) {
            console.log('onMemoryWarningReceive', res);
            if(res.level === 10){
                that.setData('data', '内存不足')
            }
            else{
                that.setData('data', '内存充足')
            }
        });
    }
});
