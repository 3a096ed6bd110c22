Page({
    loadSubPackage() {
        swan.loadSubPackage({
            root: 'packageA/pages',
            success: res => {
                console.log('loadSubPackage success', res);
            },
            fail: err => {
                console.log('loadSubPackage fail', err);
            }
        });
    }
});
