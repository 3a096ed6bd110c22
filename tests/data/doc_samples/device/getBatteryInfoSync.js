let res = swan.getBatteryInfoSync();
// 基础库 3.140.1 之前，无法判断接口是否调用失败
// 基础库 3.140.1 及以后，通过 instanceof 来判断接口是否调用失败
if (!(res instanceof Error)) {
    console.log('当前设备电量值：', res.level);
    console.log('当前设备是否正在充电：', res.isCharging);
}
else {
    console.log('getBatteryInfoSync fail', res.errMsg || res.message);
}
