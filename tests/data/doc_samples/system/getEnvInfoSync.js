let res = swan.getEnvInfoSync();
// 基础库 3.140.1 之前，无法判断接口是否调用失败
// 基础库 3.140.1 及以后，通过 instanceof 来判断接口是否调用失败
if (!(res instanceof Error)) {
    console.log('getEnvInfoSync success', res);
}
else {
    console.log('getEnvInfoSync fail', res.message);
}
