Page({
    primary() {
        swan.showModal({
            title: '提示标题',
            content: '提示内容、告知状态、信息和解决方法，描述尽量控制在两行内',
            showCancel: true,
            cancelText: '辅助操作',
            confirmText: '主要操作'
        });
    }
});
