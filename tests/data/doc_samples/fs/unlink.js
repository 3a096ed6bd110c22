Page({
    onLoad() {
        const fs = swan.getFileSystemManager();
        this.fs = fs;
    },
    unlink() {
        this.fs.unlink({
            filePath: `${swan.env.USER_DATA_PATH}/demo.txt`,
            success: res => {
                console.log('unlink success', res);
            },
            fail: err => {
                console.log('unlink fail', err)
            }
        });
    }
});
