Page({
    onLoad() {
        const fs = swan.getFileSystemManager();
        this.fs = fs;
    },
    rmdir() {
        this.fs.rmdir({
            dirPath: `${swan.env.USER_DATA_PATH}/rmdir`,
            success: res => {
                console.log('rmdir success', res);
            },
            fail: err => {
                console.log('rmdir fail', err)
            }
        });
    }
});
