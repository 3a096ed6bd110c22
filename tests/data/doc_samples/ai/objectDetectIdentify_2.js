Page({
  objectDetectIdentify() {
      swan.chooseImage({
          success: res => {
            let image = res.tempFilePaths[0];
            // AI系列的api有宿主使用限制,只可在百度App中使用,建议使用时加一层判断防止代码报未知错误
            let host = swan.getSystemInfoSync().host;
            if (host === 'baiduboxapp') {
              swan.ai.objectDetectIdentify({
                image,
                with_face: 0,
                success: res => {
                  console.log('objectDetectIdentify res', res.result);
                },
                fail: err => {
                  console.log('objectDetectIdentify fail', err);
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
      })
  }
});
