Page({
    data: {
        key: '示例Key',
        value: '示例Value',
        disabled: true
    },
    keyInput(e) {
        this.setData('key', e.detail.value);
    },
    valueFocus() {
        this.setData('value', '');
    },
    keyFocus() {
        this.setData('key', '');
    },
    valueInput(e) {
        this.setData('value', e.detail.value);
    },
    setStorageSync() {
        let key = this.hasKey();
        if (!key) {
            return;
        }
 let res = swan.setStorageSync(key, this.getData('value'));
        // 基础库 3.140.1 之前，无法判断接口是否调用失败
        // 基础库 3.140.1 及以后，通过 instanceof 来判断接口是否调用失败
        if (!(res instanceof Error)) {
            this.toast('存储成功', 'none');
            this.setData('disabled', false);
        }
        else {
            swan.showModal({
                title: '存储失败',
                content: res.message
            });
        }
    },
    getStorageSync() {
        let key = this.hasKey();
        if (!key) {
            return;
        }
        let res = swan.getStorageSync(key);
        // 基础库 3.140.1 之前，无法判断接口是否调用失败
        // 基础库 3.140.1 及以后，通过 instanceof 来判断接口是否调用失败
        if (!(res instanceof Error)) {
            console.log('getStorageSync success:', res);
            swan.showModal({
                title: '数据信息',
                content: res,
                showCancel: false
            });
        }
        else {
            this.toast('找不到key对应的值');
        }
    },
    hasKey() {
        let key = this.getData('key');
        if (key) {
            return key;
        }
        this.toast('key不能为空');
    },
    toast(title, icon = 'none') {
        swan.showToast({title, icon});
    }
});
