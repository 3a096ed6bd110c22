Page({
    data: {
        textStyle: 'dark',
    },
    onShow() {
        swan.startPullDownRefresh();
    },
    setBackgroundTextStyle(e) {
        console.log('e', e.target.dataset.set);
        let textStyle = e.target.dataset.set;
        let that = this;
        swan.setBackgroundTextStyle({
            textStyle: textStyle,
            success: function () {
                console.log('setBackgroundTextStyle success');
                if(textStyle == 'dark') {
                    that.setData('textStyle', 'light')
                }
                else {
                    that.setData('textStyle', 'dark')
                }
            },
            fail: err => {
                console.log('setBackgroundTextStyle fail', err);
            }
        });
    }
});
