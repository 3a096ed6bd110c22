Page({
    openEnableDebug() {
        swan.setEnableDebug({
            enableDebug: true
        })
    },
    closeEnableDebug() {
        swan.setEnableDebug({
            enableDebug: false
        })
    }
});
