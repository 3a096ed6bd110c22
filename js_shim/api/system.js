/*
 * system.js: getSystemInfo / getSystemInfoSync, getNetworkType and getEnvInfoSync (docs:
 * api/device_sys/swan-getSystemInfo*.md, swan-getNetworkType.md, swan-getEnvInfoSync.md).
 *
 * The device is a fixed profile per platform (SwanRuntime(platform=...)), so a test gets the same
 * answer every time; SwanRuntime(system_info={...}) is merged over it (a shallow merge, as given:
 * fields derived from others, such as windowHeight, are not recomputed). Of its keys,
 * `networkType` sets what getNetworkType reports (default 'wifi') and appName, env, lastAppURL,
 * scheme and sdkVersion set getEnvInfoSync's fields; every other key is a getSystemInfo field.
 *
 * The profiles (CSS pixels; windowHeight = screenHeight - statusBarHeight - navigationBarHeight,
 * the window of a page with the default navigation bar; safeArea in portrait):
 *   android  Xiaomi "Mi 10", Android 10, 393 x 851 at pixelRatio 2.75, status bar 32, navigation
 *            bar 48
 *   ios      Apple "iPhone 12", iOS 14.4, 390 x 844 at pixelRatio 3, status bar 47, navigation
 *            bar 44, home indicator 34
 * Both: the Baidu App (host "baiduboxapp", version 13.30.0.10), base library (SDKVersion)
 * 3.340.3, language "zh_CN", fontSizeSetting 16, every permission and switch on.
 *
 * The asynchronous forms are declared in family "system": the host answers at once and the
 * result is filled in here, from the same profile as the Sync forms.
 */
var P = shim.P;
var record = shim.record;

var SDK_VERSION = '3.340.3';
var ENV_FIELDS = ['appName', 'env', 'lastAppURL', 'scheme', 'sdkVersion'];

function device(platform) {
  var ios = platform === 'ios';
  var screenWidth = ios ? 390 : 393;
  var screenHeight = ios ? 844 : 851;
  var statusBarHeight = ios ? 47 : 32;
  var navigationBarHeight = ios ? 44 : 48;
  var bottomInset = ios ? 34 : 0;
  var pixelRatio = ios ? 3 : 2.75;
  var info = {
    brand: ios ? 'Apple' : 'Xiaomi',
    model: ios ? 'iPhone 12' : 'Mi 10',
    pixelRatio: pixelRatio,
    screenWidth: screenWidth,
    screenHeight: screenHeight,
    windowWidth: screenWidth,
    windowHeight: screenHeight - statusBarHeight - navigationBarHeight,
    statusBarHeight: statusBarHeight,
    navigationBarHeight: navigationBarHeight,
    language: 'zh_CN',
    version: '13.30.0.10',
    system: ios ? 'iOS 14.4' : 'Android 10',
    platform: ios ? 'ios' : 'android',
    fontSizeSetting: 16,
    SDKVersion: SDK_VERSION,
    host: 'baiduboxapp',
    cacheLocation: {},
    swanNativeVersion: SDK_VERSION,
    devicePixelRatio: pixelRatio,
    notificationAuthorized: true,
    cameraAuthorized: true,
    locationAuthorized: true,
    microphoneAuthorized: true,
    locationEnabled: true,
    wifiEnabled: true,
    safeArea: {
      left: 0, right: screenWidth, top: statusBarHeight, bottom: screenHeight - bottomInset,
      width: screenWidth, height: screenHeight - statusBarHeight - bottomInset
    }
  };
  if (ios) { // the iOS-only switches
    info.albumAuthorized = true;
    info.notificationAlertAuthorized = true;
    info.notificationBadgeAuthorized = true;
    info.notificationSoundAuthorized = true;
  }
  return info;
}

var systemOverrides = record();
var envOverrides = record();
var networkType = 'wifi';
var appKey = 'swan-bridge';

shim.onConfigure(function (c) {
  if (c.appKey !== undefined) appKey = c.appKey;
  if (c.systemInfo === undefined) return;
  var keys = P.ObjectKeys(c.systemInfo);
  for (var i = 0; i < keys.length; i++) {
    var key = keys[i];
    var value = c.systemInfo[key];
    if (key === 'networkType') networkType = value;
    else if (P.ArrayPrototypeIndexOf(ENV_FIELDS, key) !== -1) envOverrides[key] = value;
    else systemOverrides[key] = value;
  }
});

// A fresh copy every time: what a script changes in one answer is not in the next.
function fresh(value) {
  return P.JSONParse(P.JSONStringify(value));
}

function systemInfo() {
  var info = device(shim.config.platform);
  var keys = P.ObjectKeys(systemOverrides);
  for (var i = 0; i < keys.length; i++) info[keys[i]] = systemOverrides[keys[i]];
  return fresh(info);
}
shim.systemInfo = systemInfo; // the device as getSystemInfoSync reports it (the view's sizes use it)

function envInfo() {
  var info = {
    appKey: appKey,
    appName: appKey,
    lastAppURL: 'baiduboxapp://swan/' + appKey + '/',
    sdkVersion: systemInfo().SDKVersion,
    scheme: 'baiduboxapp',
    env: 'development'
  };
  var keys = P.ObjectKeys(envOverrides);
  for (var i = 0; i < keys.length; i++) info[keys[i]] = envOverrides[keys[i]];
  return fresh(info);
}

function copyInto(res, fields) {
  var keys = P.ObjectKeys(fields);
  for (var i = 0; i < keys.length; i++) res[keys[i]] = fields[keys[i]];
  return res;
}

shim.defineApi('getSystemInfo', {
  family: 'system',
  params: [],
  result: function (res) { return copyInto(res, systemInfo()); }
});

shim.defineApi('getNetworkType', {
  family: 'system',
  params: [],
  result: function (res) { res.networkType = networkType; return res; }
});

shim.setApi('getSystemInfoSync', function getSystemInfoSync() { return systemInfo(); });
shim.setApi('getEnvInfoSync', function getEnvInfoSync() { return envInfo(); });

// ---- swan.onNetworkStatusChange(cb) (api/device_sys/swan-onNetworkStatusChange.md): cb gets
// {isConnected, networkType} each time the network changes, which a test makes happen with
// rt.set_network(type) (the "networkStatus" command); getNetworkType then reports the new type.
// swan documents no off form (WeChat's offNetworkStatusChange(cb) is there too, as in WeChat).
var networkListeners = [];
shim.setApi('onNetworkStatusChange', function onNetworkStatusChange(callback) {
  if (typeof callback !== 'function') throw new P.TypeError('swan.onNetworkStatusChange: the argument must be a function');
  networkListeners[networkListeners.length] = callback;
});
shim.setApi('offNetworkStatusChange', function offNetworkStatusChange(callback) {
  var kept = [];
  for (var i = 0; i < networkListeners.length; i++) {
    if (callback !== undefined && networkListeners[i] !== callback) kept[kept.length] = networkListeners[i];
  }
  networkListeners = kept;
});
shim.framework.commands.networkStatus = function (c) {
  networkType = c.networkType;
  var list = P.ArrayPrototypeSlice(networkListeners);
  for (var i = 0; i < list.length; i++) {
    shim.guard(list[i], undefined, [{ isConnected: networkType !== 'none', networkType: networkType }], 'swan.onNetworkStatusChange');
  }
  return null;
};
