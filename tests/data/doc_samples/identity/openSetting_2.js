Page({
    openSetting(){
        swan.showToast({
            title: '打开回调',
            icon: 'none'
        });
    }
});
