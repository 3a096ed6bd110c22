Page({
    faceDetect() {
        swan.chooseImage({
            success: res => {
                let image = res.tempFilePaths[0];
                swan.ai.faceDetect({
                    image,
                    image_type: 'BASE64',
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
