/*
 * services.js: app services: the tab bar, page events a test drives (pull-down
 * refresh, reach bottom, page scroll, tap, tab tap), the app's show / hide and its event
 * listeners, identity and permissions, location and payment, and the content APIs (previewImage,
 * the page info, navigateTo/BackSmartProgram, openShare, reportAnalytics; see that section).
 *
 * Docs (swan-team/swan-docs, program-docs/docs/develop/api/): show/tabbar (show_tabbar),
 * show/pull_*.md, open/log_swan-login.md, log_swan-isLoginSync.md, userinfo_swan-getUserInfo.md,
 * userinfo_swan-getSwanId.md, authorize_swan-authorize.md, authorize_list.md,
 * setting_swan-openSetting.md, location/swan-getLocation.md, swan-chooseLocation.md,
 * swan-openLocation.md, open/chooseaddress_swan-chooseAddress.md,
 * open/payment_swan-requestPolymerPayment.md, base_app_event/swan-on*.md.
 *
 * The tab bar, the pull-down state, the app's visibility and the host app's login state (for
 * isLoginSync) live here; the host holds the permissions (rt.settings) and answers the
 * identity, location and payment APIs with the scripted answers (bridge/_harness.py Services).
 */
var P = shim.P;
var record = shim.record;
var fw = shim.framework;

var oneOf = shim.oneOf;

function isInteger(v) {
  return typeof v === 'number' && P.MathFloor(v) === v && v === v && v !== Infinity && v !== -Infinity;
}

// ------------------------------------------------------------------------------------------------
// Tab bar (show/tabbar: index counts from the left; iOS errCode 1001 "当前页面不含tabbar")
// ------------------------------------------------------------------------------------------------
var NO_TAB_BAR = '当前页面不含tabbar';
var tabBar = null;

function text(value) {
  return value === undefined || value === null ? '' : P.String(value);
}

function initTabBar(config) {
  tabBar = null;
  if (config === null || typeof config !== 'object' || !P.ArrayIsArray(config.list) || config.list.length === 0) return;
  var list = [];
  for (var i = 0; i < config.list.length; i++) {
    var item = config.list[i] || {};
    list[list.length] = {
      pagePath: text(item.pagePath), text: text(item.text), iconPath: text(item.iconPath),
      selectedIconPath: text(item.selectedIconPath), badge: null, redDot: false
    };
  }
  tabBar = {
    color: text(config.color), selectedColor: text(config.selectedColor), backgroundColor: text(config.backgroundColor),
    borderStyle: config.borderStyle === undefined ? 'black' : text(config.borderStyle), visible: true, list: list
  };
}

shim.onConfigure(function (c) {
  if (c.project !== undefined && c.project !== null && 'tabBar' in c.project) initTabBar(c.project.tabBar);
});

function tabIndex(route) {
  if (tabBar === null) return -1;
  for (var i = 0; i < tabBar.list.length; i++) if (tabBar.list[i].pagePath === route) return i;
  return -1;
}

// The client refuses a tab bar API on a page that shows no tab bar (an app without one, or a
// page that is not a tab page); an index must name an item.
function tabBarProblem(params) {
  var page = fw.top();
  if (tabBar === null || page === null || tabIndex(page.route) === -1) return ['not_found', NO_TAB_BAR];
  if (params.index !== undefined && (!isInteger(params.index) || params.index < 0 || params.index >= tabBar.list.length)) {
    return ['param', 'parameter error: index must be an integer from 0 to ' + (tabBar.list.length - 1) + ', got ' + params.index];
  }
  return null;
}

function tabApi(name, params, apply, prepare) {
  shim.defineApi(name, { family: 'tabbar', params: params, prepare: prepare, check: tabBarProblem, perform: apply });
}

var hexColors = shim.hexColors;

tabApi('setTabBarBadge', [['index', 'number', true], ['text', 'string', true]], function (p) {
  tabBar.list[p.index].badge = p.text;
});
tabApi('removeTabBarBadge', [['index', 'number', true]], function (p) { tabBar.list[p.index].badge = null; });
tabApi('showTabBarRedDot', [['index', 'number', true]], function (p) { tabBar.list[p.index].redDot = true; });
tabApi('hideTabBarRedDot', [['index', 'number', true]], function (p) { tabBar.list[p.index].redDot = false; });
tabApi('setTabBarItem', [['index', 'number', true], ['text', 'string', false], ['iconPath', 'string', false],
  ['selectedIconPath', 'string', false]], function (p) {
  var item = tabBar.list[p.index];
  if (p.text !== undefined) item.text = p.text;
  if (p.iconPath !== undefined) item.iconPath = p.iconPath;
  if (p.selectedIconPath !== undefined) item.selectedIconPath = p.selectedIconPath;
});
var STYLE_FIELDS = ['color', 'selectedColor', 'backgroundColor', 'borderStyle'];
tabApi('setTabBarStyle', [['color', 'string', false], ['selectedColor', 'string', false], ['backgroundColor', 'string', false],
  ['borderStyle', 'string', false]], function (p) {
  for (var i = 0; i < STYLE_FIELDS.length; i++) if (p[STYLE_FIELDS[i]] !== undefined) tabBar[STYLE_FIELDS[i]] = p[STYLE_FIELDS[i]];
}, function (params) {
  return hexColors(['color', 'selectedColor', 'backgroundColor'])(params) || oneOf('borderStyle', ['black', 'white'])(params);
});
tabApi('showTabBar', [['animation', 'boolean', false]], function () { tabBar.visible = true; });
tabApi('hideTabBar', [['animation', 'boolean', false]], function () { tabBar.visible = false; });

function tabBarSnapshot() {
  if (tabBar === null) return null;
  var page = fw.top();
  var out = fw.clone(tabBar);
  out.selectedIndex = page === null ? -1 : tabIndex(page.route);
  return out;
}

// ------------------------------------------------------------------------------------------------
// Page events the test drives, and the pull-down state
// ------------------------------------------------------------------------------------------------
var refreshing = new P.Map(); // page id -> true while its pull-down refresh runs

function topPage(c) {
  var page = fw.instance(c.target);
  if (page !== fw.top()) throw fw.usageError((page.route || page.is) + ' is not the page on top of the stack');
  return page;
}

function pullDownEnabled(route) {
  var config = fw.appConfig();
  var own = config.pageConfig && config.pageConfig[route] ? config.pageConfig[route].enablePullDownRefresh : undefined;
  if (own !== undefined) return own === true;
  return !!(config.window && config.window.enablePullDownRefresh === true);
}

function startRefresh(page) {
  if (page === null || P.MapPrototypeHas(refreshing, page.__id)) return;
  P.MapPrototypeSet(refreshing, page.__id, true);
  fw.hook(page, 'page', 'onPullDownRefresh', []);
}

shim.pageEvents = {
  startRefresh: function () { startRefresh(fw.top()); },
  stopRefresh: function () { var page = fw.top(); if (page !== null) P.MapPrototypeDelete(refreshing, page.__id); },
  scroll: function (top) { var page = fw.top(); if (page !== null) pageScrolled(page, top); }
};

// The event object a tap hands its handler, shaped as the client's (bindtap): the tapped
// element is both target and currentTarget.
function tapEvent(page, c) {
  var dataset = c.dataset === undefined || c.dataset === null ? {} : c.dataset;
  var id = c.elementId === undefined || c.elementId === null ? '' : P.String(c.elementId);
  var element = function () { return { id: id, offsetLeft: 0, offsetTop: 0, dataset: fw.clone(dataset) }; };
  var touch = { clientX: 0, clientY: 0, pageX: 0, pageY: 0, identifier: 0 };
  return {
    type: 'tap',
    timeStamp: P.MathMax(0, fw.now() - page.__loadedAt),
    target: element(),
    currentTarget: element(),
    detail: c.detail === undefined || c.detail === null ? { x: 0, y: 0 } : c.detail,
    touches: [fw.clone(touch)],
    changedTouches: [fw.clone(touch)]
  };
}

// ------------------------------------------------------------------------------------------------
// App show / hide and the app event listeners (base_app_event/swan-on*.md)
// ------------------------------------------------------------------------------------------------
var listeners = { onAppShow: [], onAppHide: [], onError: [], onPageNotFound: [] };
var OFF = { offAppShow: 'onAppShow', offAppHide: 'onAppHide', offError: 'onError', offPageNotFound: 'onPageNotFound' };

function emit(name, payload) {
  var snapshot = P.ArrayPrototypeSlice(listeners[name]);
  for (var i = 0; i < snapshot.length; i++) {
    fw.log({ op: 'log', type: 'lifecycle', target: 'swan', route: '', hook: name });
    shim.guard(snapshot[i], undefined, [fw.clone(payload)], 'swan.' + name + ' listener');
  }
}

function addListener(list) {
  return function (callback) {
    if (typeof callback === 'function') list[list.length] = callback;
  };
}
// off...(callback) removes that listener; off...() removes them all.
function removeListener(list) {
  return function (callback) {
    if (callback === undefined) { list.length = 0; return; }
    var i = P.ArrayPrototypeIndexOf(list, callback);
    if (i !== -1) P.ArrayPrototypeSplice(list, i, 1);
  };
}
var onNames = P.ObjectKeys(listeners);
for (var n = 0; n < onNames.length; n++) shim.setApi(onNames[n], addListener(listeners[onNames[n]]));
var offNames = P.ObjectKeys(OFF);
for (n = 0; n < offNames.length; n++) shim.setApi(offNames[n], removeListener(listeners[OFF[offNames[n]]]));

fw.appShowListeners = function (options) { emit('onAppShow', options); };
fw.pageNotFoundListeners = function (res) { emit('onPageNotFound', res); };
// After App.onError (framework.js registered its hook first), with the same message.
shim.onUncaught(function (d) { emit('onError', d.message + (d.stack ? '\n' + d.stack : '')); });

var appHidden = false;
fw.appHidden = function () { return appHidden; };

function hideApp() {
  if (!fw.appRunning()) throw fw.usageError('the app is not running: open a page first');
  if (appHidden) throw fw.usageError('the app is already in the background');
  appHidden = true;
  var page = fw.top();
  if (page !== null) fw.hook(page, 'page', 'onHide', []);
  if (fw.app() !== null) fw.hook(fw.app(), 'app', 'onHide', []);
  emit('onAppHide', {});
}

function showApp(given) {
  if (!appHidden) throw fw.usageError('the app is not in the background: hide_app() first');
  appHidden = false;
  var page = fw.top();
  var options = { scene: 1001, path: page === null ? '' : page.route, query: page === null ? {} : fw.clone(page.options) || {},
    referrerInfo: {}, entryType: 'user' };
  var keys = P.ObjectKeys(given || {});
  for (var i = 0; i < keys.length; i++) options[keys[i]] = given[keys[i]];
  if (fw.app() !== null) fw.hook(fw.app(), 'app', 'onShow', [fw.clone(options)]);
  emit('onAppShow', options);
  if (page !== null) fw.hook(page, 'page', 'onShow', []);
}

// ------------------------------------------------------------------------------------------------
// Identity and permissions (open/log_*.md, userinfo_*.md, authorize_*.md, setting_*.md). The
// host keeps the settings and the session; the login state of the host app is mirrored here
// for isLoginSync.
// ------------------------------------------------------------------------------------------------
var loggedIn = true;

function byPlatform(android, ios) {
  return function (kind, config) {
    if (kind !== 'cancel') return undefined;
    return config.platform === 'ios' ? ios : android;
  };
}
// A scope the user refused: 10003 "user deny" (open/authorize_list.md, on both platforms).
var denied = byPlatform(10003, 10003);

var SCOPES = shim.spec.scopes;

// login: cancel is the user leaving the login dialog: Android 1001, iOS 10004 "user not login".
shim.defineApi('login', {
  family: 'identity', params: [['timeout', 'number', false]], errCode: byPlatform(1001, 10004),
  perform: function () { loggedIn = true; }
});
shim.defineApi('getLoginCode', {
  family: 'identity', params: [['timeout', 'number', false]], errCode: byPlatform(1001, 10004),
  perform: function () { loggedIn = true; }
});
shim.defineApi('checkSession', {
  family: 'identity', params: [],
  errCode: function (kind, config) { return kind === 'not_found' && config.platform === 'ios' && !loggedIn ? 10004 : undefined; }
});
shim.setApi('isLoginSync', function isLoginSync() { return { isLogin: loggedIn }; });
shim.defineApi('getUserInfo', { family: 'identity', params: [], errCode: denied });
// What a `<button open-type="getPhoneNumber">` asks the user; the swan docs document it only
// through the button (component/formlist_button.md), the client also has it as an API.
shim.defineApi('getPhoneNumber', { family: 'identity', params: [], errCode: denied });
shim.defineApi('getSwanId', { family: 'identity', params: [], errCode: byPlatform(1001, 10004) });
// authorize refused: Android 11003 "用户取消授权" (authorize_swan-authorize.md), iOS 10003.
shim.defineApi('authorize', {
  family: 'identity', params: [['scope', 'nonEmptyString', true]], prepare: oneOf('scope', SCOPES),
  errCode: byPlatform(11003, 10003)
});
shim.defineApi('getSetting', { family: 'identity', params: [] });
shim.defineApi('openSetting', { family: 'identity', params: [] });

// ------------------------------------------------------------------------------------------------
// Location (location/swan-*.md, open/chooseaddress_swan-chooseAddress.md)
// ------------------------------------------------------------------------------------------------
function range(name, low, high, integer) {
  return function (params) {
    var v = params[name];
    if (v === undefined) return null;
    if (integer && !isInteger(v)) return 'parameter error: ' + name + ' must be an integer, got ' + v;
    if (!(v >= low && v <= high)) return 'parameter error: ' + name + ' must be from ' + low + ' to ' + high + ', got ' + v;
    return null;
  };
}

shim.defineApi('getLocation', {
  family: 'location', params: [['type', 'string', false], ['altitude', 'boolean', false]],
  prepare: oneOf('type', ['wgs84', 'gcj02']), errCode: denied
});
shim.defineApi('chooseLocation', { family: 'location', params: [], errCode: denied });
shim.defineApi('openLocation', {
  family: 'location',
  params: [['latitude', 'number', true], ['longitude', 'number', true], ['scale', 'number', false], ['name', 'string', false],
    ['address', 'string', false], ['ignoredApps', 'array', false]],
  prepare: function (params) {
    return range('latitude', -90, 90, false)(params) || range('longitude', -180, 180, false)(params) ||
      range('scale', 5, 18, true)(params);
  }
});
shim.defineApi('chooseAddress', { family: 'location', params: [], errCode: denied });

// ------------------------------------------------------------------------------------------------
// Payment (open/payment_swan-requestPolymerPayment.md): orderInfo's eight fields are required;
// totalAmount is in fen, signFieldsRange is 1, bizInfo a string holding a JSON object (the docs'
// own sample sends '', which is let through).
// ------------------------------------------------------------------------------------------------
var ORDER_STRINGS = ['dealId', 'appKey', 'tpOrderId', 'dealTitle', 'rsaSign', 'bizInfo'];
var ORDER_FIELDS = ['dealId', 'appKey', 'totalAmount', 'tpOrderId', 'dealTitle', 'signFieldsRange', 'rsaSign', 'bizInfo'];
var CHANNELS = ['Alipay', 'BDWallet', 'WeChat'];

function orderProblem(params) {
  var order = params.orderInfo;
  var i;
  for (i = 0; i < ORDER_FIELDS.length; i++) {
    var v = order[ORDER_FIELDS[i]];
    if (v === undefined || v === null) return 'parameter error: orderInfo.' + ORDER_FIELDS[i] + ' is required';
  }
  for (i = 0; i < ORDER_STRINGS.length; i++) {
    var name = ORDER_STRINGS[i];
    var value = order[name];
    // Ids may be numbers in the app's code; the client sends them as text.
    if (typeof value !== 'string' && !(typeof value === 'number' && name !== 'bizInfo' && name !== 'rsaSign')) {
      return 'parameter error: orderInfo.' + name + ' must be a string, got ' + shim.typeName(value);
    }
  }
  var amount = typeof order.totalAmount === 'string' && /^\d+$/.test(order.totalAmount) ? P.Number(order.totalAmount) : order.totalAmount;
  if (!isInteger(amount) || amount < 0) {
    return 'parameter error: orderInfo.totalAmount must be a whole number of fen, got ' + P.String(order.totalAmount);
  }
  if (P.String(order.signFieldsRange) !== '1') return 'parameter error: orderInfo.signFieldsRange must be 1, got ' + P.String(order.signFieldsRange);
  if (order.bizInfo !== '') {
    var biz;
    try { biz = P.JSONParse(order.bizInfo); } catch (e) { biz = undefined; }
    if (biz === null || typeof biz !== 'object' || P.ArrayIsArray(biz)) {
      return 'parameter error: orderInfo.bizInfo must be a string holding a JSON object';
    }
  }
  var banned = params.bannedChannels || [];
  for (i = 0; i < banned.length; i++) {
    if (P.ArrayPrototypeIndexOf(CHANNELS, banned[i]) === -1) {
      return 'parameter error: bannedChannels must hold ' + P.ArrayPrototypeJoin(CHANNELS, ', ') + ', got ' + banned[i];
    }
  }
  return null;
}

shim.defineApi('requestPolymerPayment', {
  family: 'payment', params: [['orderInfo', 'object', true], ['bannedChannels', 'stringArray', false]],
  prepare: orderProblem,
  // Not documented for a cancel: 1001 ("执行失败", Android's one code); iOS 10002 for the network.
  errCode: function (kind, config) { return kind === 'network' && config.platform === 'ios' ? 10002 : undefined; }
});

// ------------------------------------------------------------------------------------------------
// Content: previewImage, the page's info for search and favourites
// (setPageInfo, and the older web-only setDocumentTitle / setMetaDescription / setMetaKeywords),
// navigateToSmartProgram / navigateBackSmartProgram, openShare, reportAnalytics.
// Docs (swan-docs, program-docs/docs/develop/api/): media/image_swan-previewImage.md,
// open/swan-setPageInfo.md, open/swan-navigateToSmartProgram.md, open/share_swan-openShare.md; the
// pages swan-navigateBackSmartProgram, swan-setDocumentTitle, swan-setMetaDescription,
// swan-setMetaKeywords and swan-reportAnalytics (smartprogram.baidu.com/docs/develop/api/open/<page>/).
// Nothing is shown: the host records each call and answers it with the scripted answer or {}
// (bridge/_harness.py Services).
// ------------------------------------------------------------------------------------------------
var typeName = shim.typeName;
var pageInfos = new P.WeakMap(); // page -> what setPageInfo & co. set for it
var PAGE_KEY = '__swanBridgePage'; // a hidden field of the checked params: the page the call was made on

function isFiniteNumber(v) {
  return typeof v === 'number' && v === v && v !== Infinity && v !== -Infinity;
}

// A count or a duration: the docs type it String; a number is let through (the client sends
// both as text, and apps pass the numbers their server gave).
function countProblem(label, v) {
  if (v === undefined || v === null || typeof v === 'string' || isFiniteNumber(v)) return null;
  return 'parameter error: ' + label + ' must be a string, got ' + typeName(v);
}

function requiredString(label, v) {
  if (v === undefined || v === null) return 'parameter error: ' + label + ' is required';
  return typeof v === 'string' ? null : 'parameter error: ' + label + ' must be a string, got ' + typeName(v);
}

// The calls that set the page's info apply to the page on top when they are made (the client's
// "current page"); none is open before the first page (App.onLaunch).
function onCurrentPage(params) {
  var page = fw.top();
  if (page === null) return ['not_found', 'no page is open'];
  P.ObjectDefineProperty(params, PAGE_KEY, { value: page, enumerable: false });
  return null;
}

function pageInfo(page) {
  var info = P.WeakMapPrototypeGet(pageInfos, page);
  if (info === undefined) {
    info = {};
    P.WeakMapPrototypeSet(pageInfos, page, info);
  }
  return info;
}

var PAGE_INFO_FIELDS = ['title', 'keywords', 'description', 'articleTitle', 'releaseDate', 'image', 'video', 'visit',
  'likes', 'comments', 'collects', 'shares', 'followers'];
var COUNTS = ['likes', 'comments', 'collects', 'shares', 'followers'];
var VISIT_FIELDS = ['pv', 'uv', 'sessionDuration'];

function pageInfoProblem(params) {
  var i, problem;
  var image = params.image;
  if (image !== undefined && typeof image !== 'string') {
    if (!P.ArrayIsArray(image)) return 'parameter error: image must be a string or an array of strings, got ' + typeName(image);
    if (image.length > 3) return 'parameter error: image must have at most 3 items, got ' + image.length;
    for (i = 0; i < image.length; i++) {
      if (typeof image[i] !== 'string') return 'parameter error: image[' + i + '] must be a string, got ' + typeName(image[i]);
    }
  }
  var video = params.video;
  if (video !== undefined) {
    var list = P.ArrayIsArray(video) ? video : [video];
    for (i = 0; i < list.length; i++) {
      var label = P.ArrayIsArray(video) ? 'video[' + i + ']' : 'video';
      var item = list[i];
      if (!shim.isPlainObject(item)) return 'parameter error: ' + label + ' must be an object, got ' + typeName(item);
      problem = requiredString(label + '.url', item.url) || requiredString(label + '.image', item.image);
      if (problem === null && (item.duration === undefined || item.duration === null)) problem = 'parameter error: ' + label + '.duration is required';
      problem = problem || countProblem(label + '.duration', item.duration);
      if (problem !== null) return problem;
    }
  }
  if (params.visit !== undefined) {
    for (i = 0; i < VISIT_FIELDS.length; i++) {
      problem = countProblem('visit.' + VISIT_FIELDS[i], params.visit[VISIT_FIELDS[i]]);
      if (problem !== null) return problem;
    }
  }
  for (i = 0; i < COUNTS.length; i++) {
    problem = countProblem(COUNTS[i], params[COUNTS[i]]);
    if (problem !== null) return problem;
  }
  return null;
}

// setPageInfo sets the whole of the page's info (a field it leaves out is gone); the three older
// calls each set one field of it.
shim.defineApi('setPageInfo', {
  family: 'content',
  params: [['title', 'string', true], ['keywords', 'string', true], ['description', 'string', true],
    ['releaseDate', 'string', false], ['articleTitle', 'string', false], ['image', 'any', false], ['video', 'any', false],
    ['visit', 'object', false], ['likes', 'any', false], ['comments', 'any', false], ['collects', 'any', false],
    ['shares', 'any', false], ['followers', 'any', false]],
  prepare: pageInfoProblem,
  check: onCurrentPage,
  perform: function (p) {
    var info = {};
    for (var i = 0; i < PAGE_INFO_FIELDS.length; i++) {
      if (p[PAGE_INFO_FIELDS[i]] !== undefined) info[PAGE_INFO_FIELDS[i]] = fw.clone(p[PAGE_INFO_FIELDS[i]]);
    }
    P.WeakMapPrototypeSet(pageInfos, p[PAGE_KEY], info);
  }
});
function pageField(name, param, field) {
  shim.defineApi(name, {
    family: 'content',
    params: [[param, 'string', true]],
    check: onCurrentPage,
    perform: function (p) { pageInfo(p[PAGE_KEY])[field] = p[param]; }
  });
}
pageField('setDocumentTitle', 'title', 'title');
pageField('setMetaDescription', 'content', 'description');
pageField('setMetaKeywords', 'content', 'keywords');

// previewImage (media/image_swan-previewImage.md): urls is required; images pairs a url with its
// origin_url (the original-size image).
shim.defineApi('previewImage', {
  family: 'content',
  params: [['urls', 'stringArray', true], ['current', 'string', false], ['images', 'array', false]],
  prepare: function (params) {
    if (params.urls.length === 0) return 'parameter error: urls must not be empty';
    var images = params.images || [];
    for (var i = 0; i < images.length; i++) {
      var item = images[i];
      if (!shim.isPlainObject(item)) return 'parameter error: images[' + i + '] must be an object, got ' + typeName(item);
      var problem = requiredString('images[' + i + '].url', item.url);
      if (problem === null && item.origin_url !== undefined && item.origin_url !== null && typeof item.origin_url !== 'string') {
        problem = 'parameter error: images[' + i + '].origin_url must be a string, got ' + typeName(item.origin_url);
      }
      if (problem !== null) return problem;
    }
    return null;
  }
});

// openShare (open/share_swan-openShare.md): the share panel; the user shares (success) or
// closes it (fail "cancel"). path must be a full path, from "/".
shim.defineApi('openShare', {
  family: 'content',
  params: [['title', 'string', false], ['content', 'string', false], ['imageUrl', 'string', false], ['path', 'string', false]],
  prepare: function (params) {
    var path = params.path;
    if (path !== undefined && path !== '' && path[0] !== '/') {
      return 'parameter error: path must start with /, got ' + path;
    }
    return null;
  }
});

// Opening another smart program, or going back to the one that opened this one, sends this app
// to the background (page onHide, App.onHide, swan.onAppHide listeners) before success, as the
// user leaving it does; rt.show_app() brings it back.
function leaveApp() {
  if (fw.appRunning() && !appHidden) hideApp();
}
// Android documents 501 for a network error (iOS none: 1001); a parameter the client refuses is 202.
shim.defineApi('navigateToSmartProgram', {
  family: 'content',
  params: [['appKey', 'nonEmptyString', true], ['path', 'string', false], ['extraData', 'object', false],
    ['envVersion', 'string', false]],
  prepare: oneOf('envVersion', ['develop', 'trial', 'release']),
  errCode: function (kind, config) { return kind === 'network' && config.platform !== 'ios' ? 501 : undefined; },
  perform: leaveApp
});
shim.defineApi('navigateBackSmartProgram', {
  family: 'content',
  params: [['extraData', 'object', false]],
  perform: leaveApp
});

// reportAnalytics(eventName, data) takes two arguments and no callbacks; the call is recorded as
// {eventName, data} (rt.calls), and a refused one ends in fail (202) in rt.log and rt.tasks.
shim.defineApi('reportAnalytics', {
  family: 'content',
  params: [['eventName', 'nonEmptyString', true], ['data', 'object', true]]
});
var reportAnalyticsCall = shim.swan.reportAnalytics;
shim.setApi('reportAnalytics', function reportAnalytics(eventName, data) {
  reportAnalyticsCall({ eventName: eventName, data: data });
});

// ------------------------------------------------------------------------------------------------
// Host commands (see framework.js)
// ------------------------------------------------------------------------------------------------
var commands = fw.commands;
commands.tabBar = function () { return tabBarSnapshot(); };
commands.tapTab = function (c) {
  var page = fw.top();
  if (tabBar === null) throw fw.usageError('this app has no tab bar (app.json tabBar)');
  if (page === null || tabIndex(page.route) === -1) throw fw.usageError('the tab bar is not shown on ' + (page === null ? 'an empty stack' : page.route));
  if (!tabBar.visible) throw fw.usageError('the tab bar is hidden (swan.hideTabBar)');
  if (!isInteger(c.index) || c.index < 0 || c.index >= tabBar.list.length) {
    throw fw.usageError('tab index must be from 0 to ' + (tabBar.list.length - 1) + ', got ' + c.index);
  }
  var item = tabBar.list[c.index];
  if (page.route !== item.pagePath) fw.navigate('switchTab', { url: '/' + item.pagePath, route: item.pagePath, query: {} });
  fw.hook(fw.top(), 'page', 'onTabItemTap', [{ index: c.index, pagePath: item.pagePath, text: item.text }]);
  return null;
};
commands.pullDownRefresh = function (c) {
  var page = topPage(c);
  if (!pullDownEnabled(page.route)) {
    throw fw.usageError('pull-down refresh is not enabled on ' + page.route +
      ': set "enablePullDownRefresh": true in its .json (or in app.json window)');
  }
  startRefresh(page);
  return null;
};
commands.reachBottom = function (c) {
  var page = topPage(c);
  if (typeof page.onReachBottom !== 'function') {
    throw fw.usageError(page.route + ' has no onReachBottom: scrolling to the bottom does nothing there');
  }
  fw.hook(page, 'page', 'onReachBottom', []);
  return null;
};
// The page's scroll position is kept for the viewport's scrollOffset (SelectorQuery).
function pageScrolled(page, top) {
  P.ObjectDefineProperty(page, '__scrollTop', { value: top, writable: true, configurable: true, enumerable: false });
  fw.hook(page, 'page', 'onPageScroll', [{ scrollTop: top }]);
}
commands.pageScroll = function (c) {
  pageScrolled(topPage(c), c.scrollTop);
  return null;
};
commands.pageState = function (c) {
  var page = fw.instance(c.target);
  return { refreshing: P.MapPrototypeHas(refreshing, page.__id) };
};
commands.tap = function (c, id) {
  var page = fw.instance(c.target);
  return commands.call({ target: c.target, method: c.method, args: [tapEvent(page, c)] }, id);
};
commands.hideApp = function () { hideApp(); return null; };
commands.showApp = function (c) { showApp(c.options); return null; };
commands.setLogin = function (c) { loggedIn = c.loggedIn === true; return null; };
commands.pageInfo = function (c) {
  var info = P.WeakMapPrototypeGet(pageInfos, fw.instance(c.target));
  return info === undefined ? {} : fw.clone(info);
};
