Page({
    data: {
        animationData: "",
        showModalStatus: false
    },
    showModal() {
        var animation = swan.createAnimation({ 
            duration: 200,  
            timingFunction: "linear",  
            delay: 0  
        })  
        animation.translateY(200).step()
        this.setData({
            animationData: animation.export(),
            showModalStatus: true
        })
        let that = this;
        setTimeout(function () { 
            animation.translateY(0).step()  
            that.setData({
                animationData: animation.export()  
            })  
        }, 200)  
        setTimeout(function () {
            if(that.data.showModalStatus){ 
                that.hideModal();
            }  
        }, 5000)  
    },  
    clickbtn() {  
        if(this.data.showModalStatus){  
            this.hideModal();  
        }
        else {  
            this.showModal();  
        }  
    },  
    hideModal() {  
        this.setData({
            showModalStatus: false
        })
    },  
})
