Page({
    data: {
        phoneNumber: ''
    },
    phoneNumberInput(e) {
        this.setData('phoneNumber', e.detail.value);
    },
    makePhoneCall() {
        swan.makePhoneCall({
            phoneNumber: this.data.phoneNumber,
            success: res => {
                console.log('makePhoneCall success');
            },
            fail: err => {
                swan.showModal({
                    title: '拨打失败',
                    content: '请检查是否输入了正确的电话号码',
                    showCancel: false
                });
            }
        });
    }
});
