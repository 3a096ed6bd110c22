Page({
    data: {
        showModalStatus: false,
        data: {}
    },
    showModal(e) {
        var currentStatu = e.currentTarget.dataset.statu;
        this.animation(currentStatu);
        this.request();
    },
    animation(currentStatu){
        var animation = swan.createAnimation({
            duration: 1000,  
            timingFunction: "ease",
            delay: 0  
        });
        animation.opacity(0).rotateX(-100).step();
        this.setData({
            animationData: animation.export()
        })
        setTimeout(function () {
            animation.opacity(1).rotateX(0).step();
            this.setData({
                animationData: animation
            }) 
            if (currentStatu == "close") {
                this.setData({showModalStatus: false});
            }
        }.bind(this), 200)
        if (currentStatu == "open") {
            this.setData({showModalStatus: true});
        }
    },
    request() {
        swan.request({
            url: 'https://sfc.baidu.com/shopping/nianhuo/bimai',
            header: {
                'content-type': 'application/json'
            },
            method: 'POST',
            dataType: 'json',
            responseType: 'text',
            data: {
                key: 'value'
            },
            success: res => {
                this.setData({
                    data: res.data.data.couponList
                })
            },
            fail: err => {
                console.log('错误码：' + err.errCode);
                console.log('错误信息：' + err.errMsg);
            }
        });
    }
})
