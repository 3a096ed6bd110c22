Page({
    swan.chooseImage({
        success: res => {
            let image = res.tempFilePaths[0];
            swan.ai.imageAudit({
                image, // 暂不支持识别网络图片
                success: res => {
                    console.log('imageAudit res', res.conclusionType);
                },
                fail: err => {
                    console.log('imageAudit err', err); 
                }
            });
        }
    })
});
