Page({
    faceDetect() {
        swan.chooseImage({
            success: res => {
                let image = res.tempFilePaths[0];
                swan.ai.faceDetect({
                    image:'4160b708a826b18de95fe5c9a098a436', //可由之前图片检测的返回值中获得
                    image_type: 'FACE_TOKEN',
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
