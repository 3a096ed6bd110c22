Page({
    chooseAddress() {
        swan.chooseAddress({
            success: res => {
                console.log('chooseAddress success', res);
            },
            fail: err => {
                if(errCode == 10003){
                    swan.openSetting({});
                }
                console.log('chooseAddress fail', err);
            }
        });
    }
});
