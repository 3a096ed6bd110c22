Page({
    showModalColor() {
        swan.showModal({
            title: '提示标题',
            content: '提示内容、告知状态、信息和解决方法，描述尽量控制在两行内',
            showCancel: true,
            confirmText: '操作',
            cancelText: '警示操作',
            cancelColor: '#FF0000'
        });
    }
});
