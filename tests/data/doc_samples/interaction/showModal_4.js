Page({
    showModal() {
        swan.showModal({
            title: 'title',
            content: 'content',
            success(res) {
                console.log(res)
                if (res.confirm) {
                    console.log('用户点击了确定');
                }
                else if(res.cancel) {
                    console.log('用户点击了取消');
                }
            }
        });
    }
});
