Page({
    onLoad() {
        const fs = swan.getFileSystemManager();
        this.fs = fs;
    },
    rename() {
        this.fs.rename({
            oldPath: `${swan.env.USER_DATA_PATH}/demo.txt`,
            newPath: `${swan.env.USER_DATA_PATH}/rename/demo.txt`,
            encoding: 'utf8',
            success: res => {
                console.log('rename success', res);
            },
            fail: err => {
                console.log('rename fail', err)
            }
        });
    }
});
