let res = swan.removeStorageSync('key');
// 基础库 3.140.1 之前，无法判断接口是否调用失败
// 基础库 3.140.1 及以后，通过 instanceof 来判断接口是否调用失败
if (!(res instanceof Error)) {
    console.log('removeStorageSync success');
}
else {
    console.log('removeStorageSync fail', res.message);
}
