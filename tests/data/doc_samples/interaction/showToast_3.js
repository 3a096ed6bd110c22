Page({
    data: { },
    showToast(e) {
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
    showModal(){
       swan.showModal({
           title: 'title',
           content: 'content'
       });
    }
});
