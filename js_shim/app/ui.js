/*
 * ui.js: navigation and the interface APIs a page calls (toast, loading, modal, action sheet,
 * navigation bar, pull-down, scroll, phone, clipboard) and swan.canIUse.
 *
 * Nothing is drawn: the host records every call (rt.calls(api)) and answers it, with the answer
 * a test scripted (rt.answer(api, ...)) or the documented default. Navigation changes the page
 * stack here, in the client's lifecycle order, when the host's answer arrives.
 */
var P = shim.P;
var fw = shim.framework;

function lengthAtMost(name, max) {
  return function (params) {
    var v = params[name];
    if (v !== undefined && v.length > max) return 'parameter error: ' + name + ' must be at most ' + max + ' characters';
    return null;
  };
}

var oneOf = shim.oneOf;

function all() {
  var checks = arguments;
  return function (params) {
    for (var i = 0; i < checks.length; i++) {
      var problem = checks[i](params);
      if (problem !== null) return problem;
    }
    return null;
  };
}

// ---- interface (docs: api/show/toast_swan-*.md, navigationbar_swan-*.md, ...) ----
shim.defineApi('showToast', {
  family: 'ui',
  params: [['title', 'string', true], ['icon', 'string', false], ['image', 'string', false], ['duration', 'number', false],
    ['mask', 'boolean', false]],
  prepare: oneOf('icon', ['success', 'loading', 'none'])
});
shim.defineApi('hideToast', { family: 'ui', params: [] });
shim.defineApi('showLoading', { family: 'ui', params: [['title', 'string', true], ['mask', 'boolean', false]] });
shim.defineApi('hideLoading', { family: 'ui', params: [] });
shim.defineApi('showModal', {
  family: 'ui',
  params: [['title', 'string', true], ['content', 'string', true], ['showCancel', 'boolean', false],
    ['cancelText', 'string', false], ['cancelColor', 'string', false], ['confirmText', 'string', false],
    ['confirmColor', 'string', false]],
  prepare: all(lengthAtMost('cancelText', 4), lengthAtMost('confirmText', 4))
});
shim.defineApi('showActionSheet', {
  family: 'ui',
  params: [['itemList', 'stringArray', true], ['itemColor', 'string', false]],
  prepare: function (params) {
    if (params.itemList.length === 0) return 'parameter error: itemList must not be empty';
    if (params.itemList.length > 6) return 'parameter error: itemList must have at most 6 items';
    return null;
  }
});
shim.defineApi('setNavigationBarTitle', { family: 'ui', params: [['title', 'string', true]] });
shim.defineApi('setNavigationBarColor', {
  family: 'ui',
  params: [['frontColor', 'string', true], ['backgroundColor', 'string', true], ['animation', 'object', false]],
  prepare: oneOf('frontColor', ['#ffffff', '#000000'])
});
shim.defineApi('showNavigationBarLoading', { family: 'ui', params: [] });
shim.defineApi('hideNavigationBarLoading', { family: 'ui', params: [] });
// startPullDownRefresh "works as if the user pulled" (show/pull_swan-startPullDownRefresh.md): the
// page's onPullDownRefresh runs, whatever enablePullDownRefresh says; the state is services.js's.
shim.defineApi('startPullDownRefresh', {
  family: 'ui',
  params: [],
  perform: function () { shim.pageEvents.startRefresh(); }
});
shim.defineApi('stopPullDownRefresh', {
  family: 'ui',
  params: [],
  perform: function () { shim.pageEvents.stopRefresh(); }
});
// A scroll to a scrollTop is a page scroll: onPageScroll({scrollTop}) runs (no layout, so a
// selector alone scrolls nothing the harness can measure).
shim.defineApi('pageScrollTo', {
  family: 'ui',
  params: [['scrollTop', 'number', false], ['duration', 'number', false], ['selector', 'string', false]],
  perform: function (p) { if (p.scrollTop !== undefined) shim.pageEvents.scroll(p.scrollTop); }
});
shim.defineApi('makePhoneCall', { family: 'ui', params: [['phoneNumber', 'nonEmptyString', true]] });
shim.defineApi('setClipboardData', { family: 'ui', params: [['data', 'string', true]] });
shim.defineApi('getClipboardData', { family: 'ui', params: [] });

// ---- navigation (docs: api/show/tab_swan-*.md); the stack changes when the call succeeds ----
function route(name, params) {
  shim.defineApi(name, {
    family: 'route',
    params: params,
    check: fw.navigationProblem,
    perform: function (p, api) { fw.navigate(api, p); }
  });
}
route('navigateTo', [['url', 'nonEmptyString', true]]);
route('redirectTo', [['url', 'nonEmptyString', true]]);
route('switchTab', [['url', 'nonEmptyString', true]]);
route('reLaunch', [['url', 'nonEmptyString', false]]);
route('navigateBack', [['delta', 'number', false]]);

// ---- swan.canIUse: true for what this shim carries out (an API, or "api.object.param"): the
// declared APIs and the Sync / listener functions; false for the "not supported" placeholders ----
shim.swan.canIUse = function canIUse(schema) {
  if (typeof schema !== 'string' || schema === '') return false;
  var parts = P.StringPrototypeSplit(schema, '.');
  var name = parts[0];
  // An object's method ("FileSystemManager.readFile") is declared under its dotted name.
  var method = parts.length > 1 ? shim.apiFamily(name + '.' + parts[1]) : undefined;
  if (method !== undefined) return method !== 'unsupported';
  var family = shim.apiFamily(name);
  if (family !== undefined) return family !== 'unsupported';
  // A dotted factory ("ai.getVoiceRecognizer") is implemented under its whole name.
  return shim.isImplemented(name) || (parts.length > 1 && shim.isImplemented(name + '.' + parts[1])) || name === 'canIUse';
};
