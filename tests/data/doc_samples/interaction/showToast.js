Page({
    data: {
        num: 5
    },
    tapHandle(e) {
        this.toast(e.currentTarget.dataset.title, e.currentTarget.dataset.icon);
    },
    toast(title, icon) {
        swan.showToast({
            title, 
            icon,
            mask: false, // 此属性设置为true不能打断toast
            success: res => {
                console.log('showToast success', res);
            },
            fail: err => {
                console.log('showToast fail', err);
            }
        })
    },
    tapHandleDuration() {
        let that = this;
        swan.showToast({
            title: '延时5s', 
            icon: 'none',
            mask: false,
            duration: 5000,
            success: res => {
                console.log('showToast success', res);
                let num = 5;
                let interval = setInterval(function() {
                    num = num - 1;
                    that.setData({num: num});
                    if(num === 0) {
                        clearInterval(interval);
                    }
                }, 1000);
                console.log('num', num);
            },
            fail: err => {
                console.log('showToast fail', err);
            }
        })
    }
});
