Page({
    getSystemRiskInfo() {
        swan.getSystemRiskInfo({
            success: res => {
                console.log('getSystemRiskInfo success', res);
                // res：{"key":"xxxx","value":"xxxx"}
            },
            fail: err => {
                console.log('getSystemRiskInfo fail', err);
            }
        });
    }
});
