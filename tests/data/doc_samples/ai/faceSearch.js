Page({
    faceSearch() {
        swan.chooseImage({
            success: res => {
                let imageTop = res.tempFilePaths[0];
                // let imageLeft = res.tempFilePaths[1];
                // let imageMid = res.tempFilePaths[2];
                // let imageRight = res.tempFilePaths[3];
                // AI系列的api有宿主使用限制,只可在百度App中使用,建议使用时加一层判断防止代码报未知错误
                let host = swan.getSystemInfoSync().host;
                if (host === 'baiduboxapp') {
                    swan.ai.faceSearch({
                        image,
                        image_type: 'BASE64',
                        group_id_list: 'imageLeft,imageMid,imageRight',
                        quality_control: 'NONE',
                        liveness_control: 'NONE',
                        face_type: 'LIVE',
                        user_id: 'xxxxxx',
                        max_user_num: 20,
                        success: res => {
                            console.log(res);
                        },
                        fail: err => {
                            console.log(err);
                        }
                    });
                }
                else {
                    swan.showToast({
                        title: '此api目前仅可在百度App上使用',
                        icon: 'none'
                    });
                }
            }
        });
    }
});
