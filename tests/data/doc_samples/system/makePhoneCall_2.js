Page({
    makePhoneCall(e) {
        swan.makePhoneCall({
            phoneNumber: '157XXXX8026',
            fail: err => {
                swan.showModal({
                    title: '拨打失败',
                    content: '请稍后再试',
                    showCancel: false
                });
            }
        });
    }
});
