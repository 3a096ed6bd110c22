Page({
    faceDetect() {
        swan.chooseImage({
            success: res => {
                let image = res.tempFilePaths[0];
                swan.ai.faceDetect({
                    image:'https://b.bdstatic.com/miniapp/image/faceDetect.png',
                    image_type: 'URL',
                    face_field: 'age,beauty,angle,expression,face_shape,gender,glasses,eye_status,race,quality',
                    max_face_num: '1',
                    face_type: 'LIVE',
                    success: res => {
                        console.log(res.face_list);
                    },
                    fail: err => {
                            console.log( err);
                    }
                });
            }
        })
    }
});
