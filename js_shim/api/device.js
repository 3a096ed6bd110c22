/*
 * device.js: the device's sensors and state, app-level device events, the update manager,
 * third-party ext config, sub-packages, the page's URL query, the AI services and the native
 * pages the client opens (scanner, calendar, contacts, invoice titles, editors ...).
 *
 * Docs (swan-team/swan-docs, program-docs/docs/develop/api/):
 *   device_sys/swan-startAccelerometer.md, swan-onAccelerometerChange.md, swan-onCompassChange.md,
 *   swan-stopCompass.md, swan-onDeviceMotionChange.md, swan-stopDeviceMotionListening.md (and
 *   source/_posts/develop/api/device_sys/swan-startDeviceMotionListening.md), onmemory.md,
 *   swan-onUserCaptureScreen.md, swan-setKeepScreenOn.md, swan-setScreenBrightness.md,
 *   swan-getScreenBrightness.md, swan-getBatteryInfo.md, swan-getBatteryInfoSync.md,
 *   swan-vibrateShort.md, swan-vibrateLong.md, swan-scanCode.md, swan-addEventOnCalendar.md,
 *   swan-deleteEventOnCalendar.md, swan-addPhoneContact.md;
 *   location/swan-startLocationUpdate.md, swan-stopLocationUpdate.md, swan-onLocationChange.md,
 *   swan-offLocationChange.md;
 *   show/background_swan-setBackgroundColor.md, background_swan-setBackgroundTextStyle.md,
 *   menu_info.md, nacomponent.md (showFavoriteGuide);
 *   open/swan-setEnableDebug.md, swan-getUpdateManager.md, UpdateManager-*.md,
 *   swan-loadSubPackage.md, swan-chooseInvoiceTitle.md, community_swan-*CommunityEditor.md,
 *   replyeditor_swan-*ReplyEditor.md, swan-subscribeService.md, swan-getSystemRiskInfo.md;
 *   url_query/swan-setURLQuery.md (getURLQuery: api/url_query.md); source/_posts/develop/api/
 *   getextconfig.md; ai/*.md (one page per swan.ai API).
 *
 * The state lives here (rt.device reads it, command "device"); the host answers each call with
 * the scripted answer or its default (bridge/_app/_device.py), and `perform` applies the call to
 * the state on success, so a scripted failure changes nothing. Events the device would send
 * (sensor readings, a memory warning, a screenshot, the update manager's) come from the test,
 * rt.emit(name, data) (command "emit"), and reach the listeners only while their source runs.
 */
var P = shim.P;
var record = shim.record;
var fw = shim.framework;
var typeName = shim.typeName;

var oneOf = shim.oneOf;

function between(name, low, high) {
  return function (params) {
    var v = params[name];
    if (v !== undefined && !(v >= low && v <= high)) return 'parameter error: ' + name + ' must be from ' + low + ' to ' + high + ', got ' + v;
    return null;
  };
}

var hexColors = shim.hexColors;

function all(checks) {
  return function (params) {
    for (var i = 0; i < checks.length; i++) {
      var problem = checks[i](params);
      if (problem !== null) return problem;
    }
    return null;
  };
}

// Fields the host's answer left out are filled from the state (a scripted answer wins).
function fill(fields) {
  return function (res) {
    var given = fields();
    var keys = P.ObjectKeys(given);
    for (var i = 0; i < keys.length; i++) if (!(keys[i] in res)) res[keys[i]] = given[keys[i]];
    return res;
  };
}

// ------------------------------------------------------------------------------------------------
// The device's state, as rt.device shows it
// ------------------------------------------------------------------------------------------------
var INTERVALS = ['game', 'ui', 'normal'];
var state = {
  keepScreenOn: false,
  screenBrightness: 0.5,
  battery: { level: 80, isCharging: false },
  vibrations: [],
  backgroundColor: { backgroundColor: null, backgroundColorTop: null, backgroundColorBottom: null },
  backgroundTextStyle: null,
  enableDebug: false,
  sensors: {
    accelerometer: { running: false, interval: 'normal' },
    compass: { running: false },
    deviceMotion: { running: false, interval: 'normal' },
    location: { running: false }
  },
  subPackages: [],
  update: { hasUpdate: null, ready: false, failed: false, applied: 0 }
};
// The project's ext.json and sub-package roots, from the app's configuration (framework.js).
function projectField(name, otherwise) {
  var config = fw.appConfig();
  return P.ObjectPrototypeHasOwnProperty(config, name) && config[name] ? config[name] : otherwise;
}
function extConfig() { return projectField('extConfig', {}); }
function subPackageRoots() { return projectField('subPackageRoots', []); }

// ------------------------------------------------------------------------------------------------
// Sensors and location updates. Registering a sensor's listener starts the sensor, as the client
// does (swan-js-api src/swan/api/device/index.js; the accelerometer's and the compass's pages say
// so: "接口调用后会自动开始监听"); location updates start only with startLocationUpdate
// (swan-onLocationChange.md: "需结合 startLocationUpdate 使用") and arrive only while the app is in
// the foreground (swan-startLocationUpdate.md: "开启小程序进入前台时接收位置消息"). The stop calls
// end the readings; the listeners stay registered.
// ------------------------------------------------------------------------------------------------
var listeners = record({
  onAccelerometerChange: [], onCompassChange: [], onDeviceMotionChange: [], onLocationChange: [],
  onMemoryWarning: [], onUserCaptureScreen: []
});
// The sensor behind each listener: its events reach the listeners only while it runs.
var SOURCE = record({
  onAccelerometerChange: 'accelerometer', onCompassChange: 'compass', onDeviceMotionChange: 'deviceMotion',
  onLocationChange: 'location'
});
var AUTO_START = record({ onAccelerometerChange: true, onCompassChange: true, onDeviceMotionChange: true });

// A listener that is not a function is left out, as the client does (the sensor still starts).
function addListener(name) {
  return function (callback) {
    var list = listeners[name];
    if (typeof callback === 'function') list[list.length] = callback;
    if (AUTO_START[name] === true) state.sensors[SOURCE[name]].running = true;
  };
}
var ON_NAMES = P.ObjectKeys(listeners);
for (var n = 0; n < ON_NAMES.length; n++) shim.setApi(ON_NAMES[n], addListener(ON_NAMES[n]));
// offLocationChange(callback) removes that listener; without one, all of them.
shim.setApi('offLocationChange', function offLocationChange(callback) {
  var list = listeners.onLocationChange;
  if (callback === undefined) { list.length = 0; return; }
  var i = P.ArrayPrototypeIndexOf(list, callback);
  if (i !== -1) P.ArrayPrototypeSplice(list, i, 1);
});

function sensorApi(name, sensor, running, params) {
  shim.defineApi(name, {
    family: 'device',
    params: params || [],
    prepare: params ? oneOf('interval', INTERVALS) : undefined,
    perform: function (p) {
      var s = state.sensors[sensor];
      s.running = running;
      if (running && 'interval' in s) s.interval = p.interval === undefined ? 'normal' : p.interval;
    }
  });
}
sensorApi('startAccelerometer', 'accelerometer', true, [['interval', 'string', false]]);
sensorApi('stopAccelerometer', 'accelerometer', false);
sensorApi('startCompass', 'compass', true);
sensorApi('stopCompass', 'compass', false);
sensorApi('startDeviceMotionListening', 'deviceMotion', true, [['interval', 'string', false]]);
sensorApi('stopDeviceMotionListening', 'deviceMotion', false);
sensorApi('startLocationUpdate', 'location', true);
sensorApi('stopLocationUpdate', 'location', false);

// Each listener call is logged as a lifecycle hook of "swan" (as the app events are).
function deliver(name, callbacks, args) {
  for (var i = 0; i < callbacks.length; i++) {
    fw.log({ op: 'log', type: 'lifecycle', target: 'swan', route: '', hook: name });
    shim.guard(callbacks[i], undefined, fw.clone(args), 'swan.' + name + ' listener');
  }
  return callbacks.length;
}

// An event from the test: each listener gets its own copy. Returns how many listeners got it:
// none while its sensor is stopped (or, for a location, while the app is in the background).
fw.commands.emit = function (c) {
  var name = c.event;
  if (P.StringPrototypeSlice(name, 0, 14) === 'UpdateManager.') return updateEvent(P.StringPrototypeSlice(name, 14), c.data);
  var list = listeners[name];
  if (list === undefined) throw fw.usageError('unknown device event ' + name);
  var source = SOURCE[name];
  if (source !== undefined && !state.sensors[source].running) return 0;
  if (source === 'location' && fw.appHidden()) return 0;
  return deliver(name, P.ArrayPrototypeSlice(list), [c.data]);
};

// ------------------------------------------------------------------------------------------------
// Screen, battery, vibration, window background, debug switch
// ------------------------------------------------------------------------------------------------
shim.defineApi('setKeepScreenOn', {
  family: 'device', params: [['keepScreenOn', 'boolean', true]],
  perform: function (p) { state.keepScreenOn = p.keepScreenOn; }
});
shim.defineApi('setScreenBrightness', {
  family: 'device', params: [['value', 'number', true]], prepare: between('value', 0, 1),
  perform: function (p) { state.screenBrightness = p.value; }
});
shim.defineApi('getScreenBrightness', {
  family: 'device', params: [], result: fill(function () { return { value: state.screenBrightness }; })
});

// The level is a string from 1 to 100 (its page's type); iOS has no Sync form and answers 100,
// charging (swan-getBatteryInfoSync.md Bug & Tip).
function battery(platform) {
  if (platform === 'ios') return { level: '100', isCharging: true };
  return { level: P.String(state.battery.level), isCharging: state.battery.isCharging };
}
shim.defineApi('getBatteryInfo', {
  family: 'device', params: [],
  result: fill(function () { return { level: P.String(state.battery.level), isCharging: state.battery.isCharging }; })
});
shim.setApi('getBatteryInfoSync', function getBatteryInfoSync() { return battery(shim.config.platform); });

shim.defineApi('vibrateShort', {
  family: 'device', params: [], perform: function () { state.vibrations[state.vibrations.length] = 'short'; }
});
shim.defineApi('vibrateLong', {
  family: 'device', params: [], perform: function () { state.vibrations[state.vibrations.length] = 'long'; }
});

var BACKGROUND_FIELDS = ['backgroundColor', 'backgroundColorTop', 'backgroundColorBottom'];
shim.defineApi('setBackgroundColor', {
  family: 'device',
  params: [['backgroundColor', 'string', false], ['backgroundColorTop', 'string', false], ['backgroundColorBottom', 'string', false]],
  prepare: hexColors(BACKGROUND_FIELDS),
  perform: function (p) {
    for (var i = 0; i < BACKGROUND_FIELDS.length; i++) {
      if (p[BACKGROUND_FIELDS[i]] !== undefined) state.backgroundColor[BACKGROUND_FIELDS[i]] = p[BACKGROUND_FIELDS[i]];
    }
  }
});
shim.defineApi('setBackgroundTextStyle', {
  family: 'device', params: [['textStyle', 'string', true]], prepare: oneOf('textStyle', ['light', 'dark']),
  perform: function (p) { state.backgroundTextStyle = p.textStyle; }
});
shim.defineApi('setEnableDebug', {
  family: 'device', params: [['enableDebug', 'boolean', true]],
  perform: function (p) { state.enableDebug = p.enableDebug; }
});

// The menu button (the capsule at the top right), from the device profile (system.js): 87 x 32,
// 7 px from the right edge, centred in the navigation bar, so that its page's formula
// height + (top - statusBarHeight) * 2 gives navigationBarHeight.
var MENU_WIDTH = 87;
var MENU_HEIGHT = 32;
var MENU_MARGIN = 7;
shim.setApi('getMenuButtonBoundingClientRect', function getMenuButtonBoundingClientRect() {
  var info = shim.systemInfo();
  var top = info.statusBarHeight + (info.navigationBarHeight - MENU_HEIGHT) / 2;
  var right = info.windowWidth - MENU_MARGIN;
  return { width: MENU_WIDTH, height: MENU_HEIGHT, top: top, right: right, bottom: top + MENU_HEIGHT, left: right - MENU_WIDTH };
});

// ------------------------------------------------------------------------------------------------
// The update manager: one object; its events come from the test. As the client does (swan-js-api
// src/swan/api/update-manager.js): each callback is called once, by the next such event, or at
// once if the event came already (onCheckForUpdate with its {hasUpdate}, onUpdateReady and
// onUpdateFailed with nothing); applyUpdate() before a new version is ready logs
// "applyUpdate:fail update is not ready" and returns undefined (UpdateManager-applyUpdate.md).
// An applied update is counted (rt.device): the app is not restarted.
// ------------------------------------------------------------------------------------------------
var UPDATE_EVENTS = record({ onCheckForUpdate: 'hasUpdate', onUpdateReady: 'ready', onUpdateFailed: 'failed' });
var waiting = record({ onCheckForUpdate: [], onUpdateReady: [], onUpdateFailed: [] });

function updateArgs(event) {
  return event === 'onCheckForUpdate' ? [{ hasUpdate: state.update.hasUpdate }] : [];
}

function updateEvent(event, data) {
  if (UPDATE_EVENTS[event] === undefined) throw fw.usageError('unknown device event UpdateManager.' + event);
  state.update[UPDATE_EVENTS[event]] = event === 'onCheckForUpdate' ? data.hasUpdate : true;
  var callbacks = waiting[event];
  waiting[event] = [];
  return deliver('UpdateManager.' + event, callbacks, updateArgs(event));
}

function onUpdateEvent(event) {
  return function (callback) {
    if (typeof callback !== 'function') return;
    var seen = event === 'onCheckForUpdate' ? state.update.hasUpdate !== null : state.update[UPDATE_EVENTS[event]];
    if (seen) deliver('UpdateManager.' + event, [callback], updateArgs(event));
    else waiting[event][waiting[event].length] = callback;
  };
}

var updateManager = null;
shim.setApi('getUpdateManager', function getUpdateManager() {
  if (updateManager !== null) return updateManager;
  updateManager = {};
  var methods = {
    onCheckForUpdate: onUpdateEvent('onCheckForUpdate'),
    onUpdateReady: onUpdateEvent('onUpdateReady'),
    onUpdateFailed: onUpdateEvent('onUpdateFailed'),
    applyUpdate: function applyUpdate() {
      if (!state.update.ready) {
        shim.post(record({ op: 'console', level: 'error', text: 'applyUpdate:fail update is not ready' }));
        return undefined;
      }
      state.update.applied += 1;
      fw.log({ op: 'log', type: 'lifecycle', target: 'swan', route: '', hook: 'UpdateManager.applyUpdate' });
      return undefined;
    }
  };
  var names = P.ObjectKeys(methods);
  for (var i = 0; i < names.length; i++) P.ObjectDefineProperty(updateManager, names[i], { value: methods[names[i]], enumerable: false });
  return updateManager;
});

// ------------------------------------------------------------------------------------------------
// ext.json's "ext" (when "extEnable" is true), sub-packages of app.json
// ------------------------------------------------------------------------------------------------
shim.defineApi('getExtConfig', {
  family: 'device', params: [], result: fill(function () { return { extConfig: fw.clone(extConfig()) }; })
});
shim.setApi('getExtConfigSync', function getExtConfigSync() { return { extConfig: fw.clone(extConfig()) }; });

shim.defineApi('loadSubPackage', {
  family: 'device', params: [['root', 'nonEmptyString', true]],
  check: function (params) {
    var root = P.StringPrototypeReplace(params.root, /^\/+|\/+$/g, '');
    if (P.ArrayPrototypeIndexOf(subPackageRoots(), root) === -1) return ['not_found', 'no sub-package with root ' + params.root + ' in app.json'];
    return null;
  },
  perform: function (p) {
    var root = P.StringPrototypeReplace(p.root, /^\/+|\/+$/g, '');
    if (P.ArrayPrototypeIndexOf(state.subPackages, root) === -1) state.subPackages[state.subPackages.length] = root;
  }
});

// ------------------------------------------------------------------------------------------------
// The page's URL query: the query it opened with, merged with each setURLQuery; a change calls
// the page's onURLQueryChange({newURLQuery, oldURLQuery}) at once (url_query/swan-setURLQuery.md).
// ------------------------------------------------------------------------------------------------
var urlQueries = new P.WeakMap();

function urlQuery(page) {
  var query = P.WeakMapPrototypeGet(urlQueries, page);
  if (query === undefined) {
    query = fw.clone(page.options || {});
    P.WeakMapPrototypeSet(urlQueries, page, query);
  }
  return query;
}

shim.setApi('getURLQuery', function getURLQuery() {
  var page = fw.top();
  return page === null ? {} : fw.clone(urlQuery(page));
});
shim.setApi('setURLQuery', function setURLQuery(newURLQuery) {
  if (!shim.isPlainObject(newURLQuery)) throw new P.TypeError('swan.setURLQuery: the argument must be an object, got ' + typeName(newURLQuery));
  var keys = P.ObjectKeys(newURLQuery);
  for (var i = 0; i < keys.length; i++) {
    if (typeof newURLQuery[keys[i]] !== 'string') {
      throw new P.TypeError('swan.setURLQuery: ' + keys[i] + ' must be a string, got ' + typeName(newURLQuery[keys[i]]));
    }
  }
  var page = fw.top();
  if (page === null) throw new P.Error('swan.setURLQuery: no page is open');
  var old = urlQuery(page);
  var merged = fw.clone(old);
  var changed = false;
  for (i = 0; i < keys.length; i++) {
    if (merged[keys[i]] !== newURLQuery[keys[i]]) changed = true;
    merged[keys[i]] = newURLQuery[keys[i]];
  }
  P.WeakMapPrototypeSet(urlQueries, page, merged);
  if (changed) fw.hook(page, 'page', 'onURLQueryChange', [{ newURLQuery: fw.clone(merged), oldURLQuery: fw.clone(old) }]);
});

// ------------------------------------------------------------------------------------------------
// Native pages and services the test answers (family "native"), and the AI services (family
// "ai"): the host answers with the documented success shape, or the test's answer.
// ------------------------------------------------------------------------------------------------
var MODULES = ['title', 'image', 'emoji', 'target'];
function moduleList(allowed) {
  return function (params) {
    var list = params.moduleList || [];
    for (var i = 0; i < list.length; i++) {
      if (P.ArrayPrototypeIndexOf(allowed, list[i]) === -1) {
        return 'parameter error: moduleList must hold ' + P.ArrayPrototypeJoin(allowed, ', ') + ', got ' + list[i];
      }
    }
    return null;
  };
}

function timeOrder(params) {
  if (params.endTime < params.startTime) return 'parameter error: endTime must not be before startTime';
  return null;
}

shim.defineApi('scanCode', { family: 'native', params: [] });
shim.defineApi('addEventOnCalendar', {
  family: 'native',
  params: [['title', 'string', true], ['startTime', 'number', true], ['endTime', 'number', true], ['url', 'string', false],
    ['location', 'string', false], ['remindMinutesBefore', 'number', false]],
  prepare: timeOrder
});
shim.defineApi('deleteEventOnCalendar', { family: 'native', params: [['eventId', 'nonEmptyString', true]] });
var CONTACT_FIELDS = ['photoFilePath', 'nickName', 'lastName', 'middleName', 'remark', 'mobilePhoneNumber', 'weChatNumber',
  'addressCountry', 'addressState', 'addressCity', 'addressStreet', 'addressPostalCode', 'organization', 'title',
  'workFaxNumber', 'workPhoneNumber', 'hostNumber', 'email', 'url', 'workAddressCountry', 'workAddressState',
  'workAddressCity', 'workAddressStreet', 'workAddressPostalCode', 'homeFaxNumber', 'homePhoneNumber',
  'homeAddressCountry', 'homeAddressState', 'homeAddressCity', 'homeAddressStreet', 'homeAddressPostalCode'];
var contactParams = [['firstName', 'string', true]];
for (n = 0; n < CONTACT_FIELDS.length; n++) contactParams[contactParams.length] = [CONTACT_FIELDS[n], 'string', false];
shim.defineApi('addPhoneContact', { family: 'native', params: contactParams });
// Behind scope.invoiceTitle (open/authorize_list.md): a refused scope is 10003 "user deny".
shim.defineApi('chooseInvoiceTitle', {
  family: 'native', params: [], errCode: function (kind) { return kind === 'cancel' ? 10003 : undefined; }
});
shim.defineApi('openCommunityEditor', {
  family: 'native',
  params: [['contentPlaceholder', 'string', false], ['titlePlaceholder', 'string', false], ['moduleList', 'stringArray', false],
    ['imageConf', 'object', false], ['navBarTitleText', 'string', false], ['navBarTextStyle', 'string', false],
    ['navBarBackgroundColor', 'string', false], ['confirmText', 'string', false], ['confirmColor', 'string', false],
    ['cancelText', 'string', false], ['cancelColor', 'string', false], ['targetText', 'string', false], ['emojiPath', 'string', false]],
  prepare: all([moduleList(MODULES), oneOf('navBarTextStyle', ['black', 'white']),
    hexColors(['navBarBackgroundColor', 'confirmColor', 'cancelColor'])])
});
shim.defineApi('closeCommunityEditor', { family: 'native', params: [] });
shim.defineApi('openReplyEditor', {
  family: 'native',
  params: [['sendBackgroundColor', 'string', false], ['sendTextColor', 'string', false], ['sendText', 'string', false],
    ['contentPlaceholder', 'string', false], ['moduleList', 'stringArray', false], ['emojiPath', 'string', false]],
  prepare: all([moduleList(['image', 'emoji']), hexColors(['sendBackgroundColor', 'sendTextColor'])])
});
shim.defineApi('closeReplyEditor', { family: 'native', params: [] });
shim.defineApi('subscribeService', {
  family: 'native',
  params: [['templateId', 'nonEmptyString', true], ['subscribeId', 'nonEmptyString', true], ['type', 'string', false]],
  prepare: oneOf('type', ['query', 'cancel'])
});
shim.defineApi('showFavoriteGuide', {
  family: 'native', params: [['type', 'string', false], ['content', 'string', false]],
  prepare: oneOf('type', ['bar', 'bar-autohide', 'tip'])
});
shim.defineApi('getSystemRiskInfo', { family: 'native', params: [] });

// The AI services: the image (a local path from chooseImage) or the text is required.
var IMAGE_TYPES = ['BASE64', 'URL', 'FACE_TOKEN'];
var CONTROLS = ['NONE', 'LOW', 'NORMAL', 'HIGH'];
var FACE_TYPES = ['LIVE', 'IDCARD', 'WATERMARK', 'CERT'];
function aiApi(name, params, prepare) {
  shim.defineApi('ai.' + name, { family: 'ai', params: params, prepare: prepare });
}
var IMAGE = ['image', 'nonEmptyString', true];
aiApi('ocrIdCard', [IMAGE, ['detect_direction', 'boolean', false], ['id_card_side', 'string', false], ['detect_risk', 'boolean', false]],
  oneOf('id_card_side', ['front', 'back']));
aiApi('ocrBankCard', [IMAGE]);
aiApi('ocrDrivingLicense', [IMAGE, ['detect_direction', 'boolean', false], ['unified_valid_period', 'boolean', false]]);
aiApi('ocrVehicleLicense', [IMAGE, ['detect_direction', 'boolean', false], ['accuracy', 'string', false]]);
aiApi('advancedGeneralIdentify', [IMAGE]);
aiApi('animalClassify', [IMAGE, ['top_num', 'number', false]]);
aiApi('carClassify', [IMAGE, ['top_num', 'number', false]]);
// filter_threshold: the page marks it required but gives it a default (0.95): optional here.
aiApi('dishClassify', [IMAGE, ['top_num', 'number', false], ['filter_threshold', 'number', false]]);
aiApi('logoClassify', [IMAGE, ['custom_lib', 'boolean', false]]);
aiApi('objectDetectIdentify', [IMAGE, ['with_face', 'number', false]]);
aiApi('plantClassify', [IMAGE]);
aiApi('imageAudit', [['image', 'nonEmptyString', false], ['imgUrl', 'nonEmptyString', false]], function (params) {
  // image is required, unless the request names a web image instead (never both).
  if (params.image !== undefined && params.imgUrl !== undefined) return 'parameter error: image and imgUrl must not be given together';
  if (params.image === undefined && params.imgUrl === undefined) return 'parameter error: image is required';
  return null;
});
aiApi('textReview', [['content', 'nonEmptyString', true]]);
aiApi('textToAudio', [['tex', 'nonEmptyString', true], ['ctp', 'string', false], ['lan', 'string', false], ['spd', 'string', false],
  ['pit', 'string', false], ['vol', 'string', false], ['per', 'string', false]]);
aiApi('nlpLexerCustom', [['text', 'nonEmptyString', true]]);
var FACE_IMAGE = [IMAGE, ['image_type', 'string', true]];
var faceImage = function (params) {
  return oneOf('image_type', IMAGE_TYPES)(params) || oneOf('quality_control', CONTROLS)(params) ||
    oneOf('liveness_control', CONTROLS)(params) || oneOf('face_type', FACE_TYPES)(params);
};
aiApi('faceDetect', P.ArrayPrototypeConcat(FACE_IMAGE, [['face_field', 'string', false], ['max_face_num', 'string', false], ['face_type', 'string', false]]),
  faceImage);
aiApi('faceSearch', P.ArrayPrototypeConcat(FACE_IMAGE, [['group_id_list', 'nonEmptyString', true], ['quality_control', 'string', false],
  ['liveness_control', 'string', false], ['max_face_num', 'string', false], ['user_id', 'string', false]]), faceImage);
aiApi('facePersonVerify', P.ArrayPrototypeConcat(FACE_IMAGE, [['id_card_number', 'string', true], ['name', 'string', true],
  ['quality_control', 'string', false], ['liveness_control', 'string', false]]), faceImage);
aiApi('facePersonIdmatch', [['id_card_number', 'string', true], ['name', 'string', true]]);
aiApi('faceLivenessSessioncode', [['appid', 'nonEmptyString', true]]);
// faceMatch compares the images of `data`, each {image, image_type, ...} as for faceDetect.
aiApi('faceMatch', [['data', 'array', true]], function (params) {
  var data = params.data;
  if (data.length < 2) return 'parameter error: data must hold two images, got ' + data.length;
  for (var i = 0; i < data.length; i++) {
    var item = data[i];
    if (!shim.isPlainObject(item)) return 'parameter error: data[' + i + '] must be an object, got ' + typeName(item);
    if (typeof item.image !== 'string' || item.image === '') return 'parameter error: data[' + i + '].image is required';
    if (P.ArrayPrototypeIndexOf(IMAGE_TYPES, item.image_type) === -1) {
      return 'parameter error: data[' + i + '].image_type must be one of ' + P.ArrayPrototypeJoin(IMAGE_TYPES, ', ');
    }
    var problem = faceImage({ quality_control: item.quality_control, liveness_control: item.liveness_control, face_type: item.face_type });
    if (problem !== null) return 'parameter error: data[' + i + '].' + P.StringPrototypeSlice(problem, 17);
  }
  return null;
});

// ------------------------------------------------------------------------------------------------
// Host commands
// ------------------------------------------------------------------------------------------------
fw.commands.device = function () { return fw.clone(state); };
fw.commands.setBattery = function (c) {
  state.battery = { level: c.level, isCharging: c.isCharging };
  return null;
};
