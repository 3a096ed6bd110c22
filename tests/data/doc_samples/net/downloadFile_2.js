Page({
    data: { },
    downloadFile() {
        swan.downloadFile({
            url: 'https://smartprogram.baidu.com/docs/img/file-simple.pdf',
            header: {
                'content-type': 'application/json'
            },
            filePath: 'bdfile://usr/办理指南文档.pdf',
            success: res => {
                console.log(res);
                let filePath = res.filePath;
                swan.showModal({
                    title: '文件下载完成',
                    content: '是否需要打开？',
                    confirmText: '打开',
                    success: res => {
                        if (res.confirm) {
                            swan.openDocument({
                                filePath: filePath,
                                fileType: 'pdf',
                                fail: err => {
                                    this.toast('打开失败');
                                }
                            });
                        }
                    }
                });
            },
            fail: err => {
                this.toast('下载文件失败');
            },
            complete: () => {
                swan.hideToast();
            }
        });
    }
});
