storageQuery(value) {
    let queryArr = this.getData('queryArr');
    if (value) {
        const index = queryArr.findIndex(item => item === value);
        if (index > -1) {
            queryArr.splice(index, 1);
        }
        queryArr.unshift(value);
    }
    const storeArr = queryArr.slice(0, 20);
    swan.setStorageSync('queryData', storeArr);
},
clearQuery() {
    swan.removeStorageSync('queryData');
    this.setData('queryArr', []);
    console.log('搜索历史清空成功');
}
