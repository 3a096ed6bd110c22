Page({
    data: {},
    onTap() {
        swan.showToast({
            title: '已触发',
            icon: 'none'
        });
        swan.onError(function(errMsg) {
            console.log('catch error', errMsg);
            swan.showModal({
                title: '',
                content: JSON.stringify(errMsg),
                success: res => {
                    swan.offError();
                },
                fail: err => {
                    
                }
            })
        });
    }
});

