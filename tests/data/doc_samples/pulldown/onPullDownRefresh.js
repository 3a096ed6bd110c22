Page({
    data: { },
    onPullDownRefresh(){
        swan.showModal({
            title: 'success',
            content: '已触发页面刷新'
        });
    }
});
