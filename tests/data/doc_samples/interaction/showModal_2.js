Page({
    showModalNotitle() {
        swan.showModal({
            content: '提示内容、告知状态、信息和解决方法，可以折行',
            showCancel: false,
            confirmText: '我知道了'
        });
    }
});
