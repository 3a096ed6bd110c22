/*
 * framework.js: App, Page, Component, Behavior, getApp, getCurrentPages, setData, the page
 * stack and the lifecycle order of the swan client (docs: framework/process_life.md,
 * app_service_route.md; where swan is silent, WeChat's framework, which swan copies).
 *
 * The host sends commands (__swan_command) to launch the app, open a page, call a method, read
 * data, mount a component; the answer to each is one {"op": "reply"} message. Every lifecycle
 * hook, setData and triggerEvent is also posted as {"op": "log"} for the run's ordered log.
 */
var P = shim.P;
var record = shim.record;

var fw = shim.framework = {};
var appConfig = { pages: [], tabBar: null, window: {}, pageConfig: {}, entry: null };
var app = null;
var appRunning = false;
var pageDefs = new P.Map(); // route -> definition object
var componentDefs = new P.Map(); // path -> normalized component definition
var stack = []; // live pages, bottom first
var tabPages = new P.Map(); // route -> live tab page kept by switchTab
var instances = new P.Map(); // id -> page or component instance
var instanceSeq = 0;
var MAX_STACK = shim.spec.limits.pageStack;
var dateNow = P.Date.now; // taken before any script can replace Date.now
function now() { return P.apply(dateNow, P.Date, []); }
fw.now = now;

shim.onConfigure(function (c) {
  if (c.project !== undefined) {
    var keys = P.ObjectKeys(c.project);
    for (var i = 0; i < keys.length; i++) appConfig[keys[i]] = c.project[keys[i]];
  }
});

function log(fields) {
  shim.post(record(fields));
}

function clone(value) {
  return value === undefined ? undefined : P.JSONParse(P.JSONStringify(value));
}

function isTabPage(route) {
  var tab = appConfig.tabBar;
  if (!tab || !P.ArrayIsArray(tab.list)) return false;
  for (var i = 0; i < tab.list.length; i++) if (tab.list[i].pagePath === route) return true;
  return false;
}

function pageExists(route) {
  return P.ArrayPrototypeIndexOf(appConfig.pages, route) !== -1;
}

// Calls target[name](...args) as a lifecycle hook: logged, errors reported, never thrown.
function hook(target, kind, name, args) {
  // A page's components get their pageLifetimes show / hide just before the page's own hook.
  if (kind === 'page' && fw.views && (name === 'onShow' || name === 'onHide')) fw.views.pageLifetime(target, name === 'onShow' ? 'show' : 'hide');
  var fn = target[name];
  log({ op: 'log', type: 'lifecycle', target: kind, route: target.route || target.is || '', hook: name });
  if (typeof fn === 'function') shim.guard(fn, target, args || [], name);
}

// ------------------------------------------------------------------------------------------------
// Data: setData with path keys ('list[0].name', 'a.b.c'); missing levels are created as objects,
// as the swan client does; values are deep copies (what a view would receive).
// ------------------------------------------------------------------------------------------------
function parsePath(key) {
  var normalized = P.StringPrototypeReplace(key, /\[(\d+)\]/g, '.$1');
  var parts = P.StringPrototypeSplit(normalized, '.');
  var out = [];
  for (var i = 0; i < parts.length; i++) if (parts[i] !== '') out[out.length] = parts[i];
  return out;
}

function setPath(data, key, value) {
  var parts = parsePath(key);
  var node = data;
  for (var i = 0; i < parts.length - 1; i++) {
    var next = node[parts[i]];
    if (next === null || typeof next !== 'object') next = node[parts[i]] = {};
    node = next;
  }
  node[parts[parts.length - 1]] = value;
}

function getPath(data, key) {
  var parts = parsePath(key);
  var node = data;
  for (var i = 0; i < parts.length; i++) {
    if (node === null || node === undefined) return undefined;
    node = node[parts[i]];
  }
  return node;
}

var MAX_SETDATA_CHARS = shim.spec.limits.setDataWarnChars; // WeChat's limit for one setData; swan gives none: warn only

// Applies one setData payload; returns the keys that were set.
function applyData(target, payload, api) {
  var keys = P.ObjectKeys(payload);
  var applied = [];
  var size = 0;
  for (var i = 0; i < keys.length; i++) {
    var key = keys[i];
    var value = payload[key];
    if (typeof value === 'function') {
      shim.warn(api + ': data field "' + key + '" is a function, which cannot be sent to the view; it was not set');
      continue;
    }
    if (value === undefined) {
      shim.warn(api + ': setting data field "' + key + '" to undefined is invalid; it was not set');
      continue;
    }
    var text;
    try {
      text = P.JSONStringify(value);
    } catch (e) {
      shim.warn(api + ': data field "' + key + '" cannot be sent to the view (' + shim.describeError(e).message + '); it was not set');
      continue;
    }
    size += text.length;
    setPath(target.data, key, P.JSONParse(text));
    applied[applied.length] = key;
  }
  if (size > MAX_SETDATA_CHARS) {
    shim.warn(api + ': the data sent to the view is ' + size + ' characters, over the 1 MB a view update should carry');
  }
  return applied;
}

function setData(target, kind, a, b, c) {
  var payload = a;
  var cb = b;
  if (typeof a === 'string') { // swan's setData(key, value, cb)
    payload = {};
    payload[a] = b;
    cb = c;
  }
  if (payload === null || typeof payload !== 'object' || P.ArrayIsArray(payload)) {
    throw new P.TypeError('setData: the first argument must be an object or a key, got ' + shim.typeName(payload));
  }
  var applied = applyData(target, payload, 'setData');
  var shown = record();
  for (var i = 0; i < applied.length; i++) shown[applied[i]] = getPath(target.data, applied[i]);
  var entry = { op: 'log', type: 'setData', target: kind, route: target.route || target.is || '', data: shown };
  if (fw.twoWay === true) entry.twoWay = true; // a control's {= =} binding wrote it back
  log(entry);
  if (fw.views) fw.views.changed(target, applied);
  if (kind === 'component') runObservers(target, applied);
  if (typeof cb === 'function') shim.later(cb, [], target);
}

// swan's array helpers on data paths (page-prototype.js): each is a setData of the new array.
function arrayOp(target, kind, path, fn, cb) {
  var current = getPath(target.data, path);
  var arr = P.ArrayIsArray(current) ? P.ArrayPrototypeSlice(current) : [];
  fn(arr);
  var payload = {};
  payload[path] = arr;
  setData(target, kind, payload, cb);
}

function dataMethods(target, kind) {
  return {
    setData: function (a, b, c) { setData(target, kind, a, b, c); },
    getData: function (path) { return path === undefined ? target.data : getPath(target.data, path); },
    pushData: function (path, value, cb) { arrayOp(target, kind, path, function (a) { a[a.length] = value; }, cb); },
    popData: function (path, cb) { arrayOp(target, kind, path, function (a) { a.length = P.MathMax(0, a.length - 1); }, cb); },
    unshiftData: function (path, value, cb) { arrayOp(target, kind, path, function (a) { P.ArrayPrototypeSplice(a, 0, 0, value); }, cb); },
    shiftData: function (path, cb) { arrayOp(target, kind, path, function (a) { P.ArrayPrototypeSplice(a, 0, 1); }, cb); },
    removeAtData: function (path, index, cb) { arrayOp(target, kind, path, function (a) { P.ArrayPrototypeSplice(a, index, 1); }, cb); },
    spliceData: function (path, args, cb) {
      arrayOp(target, kind, path, function (a) { P.apply(P.ArrayPrototypeSplice, null, [a].concat(args || [])); }, cb);
    }
  };
}

function defineHidden(obj, methods) {
  var names = P.ObjectKeys(methods);
  for (var i = 0; i < names.length; i++) {
    P.ObjectDefineProperty(obj, names[i], { value: methods[names[i]], writable: true, configurable: true, enumerable: false });
  }
}

// ------------------------------------------------------------------------------------------------
// App
// ------------------------------------------------------------------------------------------------
fw.App = function App(def) {
  if (app !== null) throw new P.Error('App() can only be called once');
  if (def === null || typeof def !== 'object') throw new P.TypeError('App() needs an object');
  app = def;
  return app;
};

fw.getApp = function getApp() {
  return app;
};

shim.onUncaught(function (d) {
  if (app !== null && typeof app.onError === 'function') {
    shim.guard(app.onError, app, [d.message + (d.stack ? '\n' + d.stack : '')], 'App onError');
  }
});

function launch(options) {
  if (appRunning) return;
  appRunning = true;
  fw.launchOptions = clone(options);
  if (shim.modules.has('app.js')) shim.modules.load('app.js');
  if (app !== null) {
    hook(app, 'app', 'onLaunch', [clone(options)]);
    hook(app, 'app', 'onShow', [clone(options)]);
  }
  // swan.onAppShow listeners fire when App.onShow does (services.js), those added in onLaunch too.
  if (fw.appShowListeners) fw.appShowListeners(clone(options));
}

// ------------------------------------------------------------------------------------------------
// Pages
// ------------------------------------------------------------------------------------------------
fw.Page = function Page(def) {
  var path = shim.currentModule;
  if (path === null) throw new P.Error('Page() must be called while a page file loads');
  var route = P.StringPrototypeSlice(path, 0, -3);
  if (P.MapPrototypeHas(pageDefs, route)) throw new P.Error('Page() called twice in ' + path);
  if (def === null || typeof def !== 'object') throw new P.TypeError('Page() needs an object, in ' + path);
  P.MapPrototypeSet(pageDefs, route, def);
};

// A page or component file that threw while loading registered nothing: opening it again
// fails again (the client would not have the page either).
shim.modules.onFailed(function (path) {
  var name = P.StringPrototypeSlice(path, 0, -3);
  P.MapPrototypeDelete(pageDefs, name);
  P.MapPrototypeDelete(componentDefs, name);
});

fw.getCurrentPages = function getCurrentPages() {
  return P.ArrayPrototypeSlice(stack);
};

function pageDefinition(route) {
  if (!P.MapPrototypeHas(pageDefs, route)) {
    if (!shim.modules.has(route + '.js')) throw new P.Error('page "' + route + '" has no file ' + route + '.js in the project');
    shim.modules.load(route + '.js');
    if (!P.MapPrototypeHas(pageDefs, route)) throw new P.Error(route + '.js did not call Page()');
  }
  if (fw.views) fw.views.check(route); // a page whose template is broken does not open
  return P.MapPrototypeGet(pageDefs, route);
}

function createPage(route, query) {
  var def = pageDefinition(route);
  var page = {};
  var keys = P.ObjectKeys(def);
  for (var i = 0; i < keys.length; i++) {
    if (keys[i] !== 'data') page[keys[i]] = def[keys[i]];
  }
  page.data = clone(def.data) || {};
  page.route = route;
  page.options = query;
  page.__id = ++instanceSeq;
  P.ObjectDefineProperty(page, '__loadedAt', { value: now(), enumerable: false });
  defineHidden(page, dataMethods(page, 'page'));
  defineHidden(page, {
    selectComponent: function (sel) { return fw.views ? fw.views.selectComponents(page, sel, false) : null; },
    selectAllComponents: function (sel) { return fw.views ? fw.views.selectComponents(page, sel, true) : []; },
    createSelectorQuery: function () { return fw.queries.selectorQuery(page); },
    createIntersectionObserver: function (options) { return fw.queries.intersectionObserver(page, options); }
  });
  P.MapPrototypeSet(instances, page.__id, page);
  return page;
}

// First render, in the client's order (framework/process_life.md): the view is rendered from
// the page's initial data (its components created and attached), onLoad, the components'
// pageLifetimes.show, onShow; then the view is brought up to date and the components are
// ready; onReady last.
function loadPage(route, query) {
  var page = createPage(route, query);
  stack[stack.length] = page;
  if (fw.views) fw.views.mount(page);
  hook(page, 'page', 'onLoad', [clone(query)]);
  hook(page, 'page', 'onShow', []);
  if (fw.views) fw.views.settle();
  hook(page, 'page', 'onReady', []);
  if (isTabPage(route)) P.MapPrototypeSet(tabPages, route, page);
  return page;
}

function unloadPage(page) {
  hook(page, 'page', 'onUnload', []);
  if (fw.views) fw.views.unmount(page);
  P.MapPrototypeDelete(instances, page.__id);
  if (P.MapPrototypeGet(tabPages, page.route) === page) P.MapPrototypeDelete(tabPages, page.route);
}

function top() {
  return stack.length ? stack[stack.length - 1] : null;
}

function parseQuery(text) {
  var query = {};
  if (!text) return query;
  var pairs = P.StringPrototypeSplit(text, '&');
  for (var i = 0; i < pairs.length; i++) {
    if (pairs[i] === '') continue;
    var eq = P.StringPrototypeIndexOf(pairs[i], '=');
    var k = eq === -1 ? pairs[i] : P.StringPrototypeSlice(pairs[i], 0, eq);
    var v = eq === -1 ? '' : P.StringPrototypeSlice(pairs[i], eq + 1);
    try { query[decodeURIComponent(k)] = decodeURIComponent(v); } catch (e) { query[k] = v; }
  }
  return query;
}

// {route, query} of a navigation url: "/pages/a/a?x=1", or relative to the current page.
function parseUrl(url) {
  var q = P.StringPrototypeIndexOf(url, '?');
  var path = q === -1 ? url : P.StringPrototypeSlice(url, 0, q);
  var query = parseQuery(q === -1 ? '' : P.StringPrototypeSlice(url, q + 1));
  var base = '';
  var current = top();
  if (path[0] !== '/' && current !== null) {
    var parts = P.StringPrototypeSplit(current.route, '/');
    parts.length = parts.length - 1;
    base = P.ArrayPrototypeJoin(parts, '/') + '/';
  }
  var segments = P.StringPrototypeSplit(base + path, '/');
  var out = [];
  for (var i = 0; i < segments.length; i++) {
    if (segments[i] === '' || segments[i] === '.') continue;
    if (segments[i] === '..') { if (out.length) out.length = out.length - 1; continue; }
    out[out.length] = segments[i];
  }
  var route = P.ArrayPrototypeJoin(out, '/');
  if (P.StringPrototypeSlice(route, -3) === '.js') route = P.StringPrototypeSlice(route, 0, -3);
  return { route: route, query: query };
}

function pageNotFound(route, query) {
  var isEntryPage = stack.length === 0;
  if (app !== null && typeof app.onPageNotFound === 'function') {
    hook(app, 'app', 'onPageNotFound', [{ path: route, query: clone(query), isEntryPage: isEntryPage }]);
  }
  // swan.onPageNotFound listeners (services.js), after App.onPageNotFound, with the same object.
  if (fw.pageNotFoundListeners) fw.pageNotFoundListeners({ path: route, query: clone(query) || {}, isEntryPage: isEntryPage });
}

// Navigation checks made when the call is made: [kind, reason] or null.
// The resolved route and query of a navigation call, kept beside its params (which are what the
// page passed, and what the host records).
var navTargets = new P.WeakMap();

function navigationProblem(params, api) {
  if (api === 'navigateBack') return null;
  if (api === 'reLaunch' && params.url === undefined) return null;
  var target = parseUrl(params.url);
  P.WeakMapPrototypeSet(navTargets, params, { url: params.url, delta: params.delta, route: target.route, query: target.query });
  if (!pageExists(target.route)) {
    // As every event the client sends, after the call returns (a listener that navigates to
    // another missing page then loops through the event loop, not the stack).
    shim.later(pageNotFound, [target.route, target.query], null);
    return ['not_found', 'page "' + target.route + '" is not found'];
  }
  var tab = isTabPage(target.route);
  if ((api === 'navigateTo' || api === 'redirectTo') && tab) return ['param', 'can not ' + api + ' a tabbar page'];
  if (api === 'switchTab' && !tab) return ['param', 'can not switch to no-tabBar page'];
  if (api === 'navigateTo' && stack.length >= MAX_STACK) return ['limit', 'page stack limit exceeded (' + MAX_STACK + ' pages)'];
  return null;
}
fw.navigationProblem = navigationProblem;

// Carries out a navigation whose call succeeded, in the client's lifecycle order.
function navigate(api, params) {
  var current = top();
  var i;
  var target = P.WeakMapPrototypeGet(navTargets, params);
  if (target !== undefined) { params = target; }
  // The new page's file runs first: one that does not load leaves the stack as it was.
  if (api === 'navigateTo' || api === 'redirectTo') pageDefinition(params.route);
  if (api === 'reLaunch') pageDefinition(params.url === undefined && current !== null ? current.route : params.route);
  if (api === 'navigateTo') {
    if (current !== null) hook(current, 'page', 'onHide', []);
    loadPage(params.route, params.query);
  } else if (api === 'redirectTo') {
    if (current !== null) { stack.length = stack.length - 1; unloadPage(current); }
    loadPage(params.route, params.query);
  } else if (api === 'navigateBack') {
    var delta = typeof params.delta === 'number' && params.delta >= 1 ? P.MathFloor(params.delta) : 1;
    var keep = P.MathMax(1, stack.length - delta);
    while (stack.length > keep) {
      var gone = stack[stack.length - 1];
      stack.length = stack.length - 1;
      unloadPage(gone);
    }
    if (top() !== null && top() !== current) hook(top(), 'page', 'onShow', []);
  } else if (api === 'reLaunch') {
    var route = params.url === undefined && current !== null ? current.route : params.route;
    var query = params.url === undefined && current !== null ? current.options : params.query;
    for (i = stack.length - 1; i >= 0; i--) unloadPage(stack[i]);
    stack.length = 0;
    P.MapPrototypeForEach(tabPages, function (page) { unloadPage(page); });
    tabPages = new P.Map();
    loadPage(route, query || {});
  } else if (api === 'switchTab') {
    var kept = P.MapPrototypeGet(tabPages, params.route);
    if (current !== null && current === kept) return;
    if (kept === undefined) pageDefinition(params.route); // a page that does not load changes nothing
    for (i = stack.length - 1; i >= 0; i--) {
      // Only the visible page is shown, so only it is hidden; a tab page below it already was.
      if (!isTabPage(stack[i].route)) unloadPage(stack[i]);
      else if (stack[i] === current) hook(stack[i], 'page', 'onHide', []);
    }
    stack.length = 0;
    if (kept !== undefined) {
      stack[0] = kept;
      hook(kept, 'page', 'onShow', []);
    } else {
      loadPage(params.route, {});
    }
  }
}
fw.navigate = navigate;

// ------------------------------------------------------------------------------------------------
// Components and behaviors
// ------------------------------------------------------------------------------------------------
var LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached', 'error'];

fw.Behavior = function Behavior(def) {
  if (def === null || typeof def !== 'object') throw new P.TypeError('Behavior() needs an object');
  return normalizeComponent(def);
};

function propertySpec(spec) {
  if (spec === null || typeof spec === 'function') return { type: spec, value: defaultFor(spec), observer: undefined };
  var type = spec.type === undefined ? null : spec.type;
  return { type: type, value: 'value' in spec ? spec.value : defaultFor(type), observer: spec.observer };
}

function defaultFor(type) {
  if (type === String) return '';
  if (type === Number) return 0;
  if (type === Boolean) return false;
  if (type === Array) return [];
  if (type === Object) return null;
  return null;
}

// A definition merged with its behaviors: data, properties, methods, lifetime lists.
function normalizeComponent(def) {
  var out = { data: {}, properties: {}, methods: {}, lifetimes: {}, pageLifetimes: {}, observers: [], behaviors: [] };
  var behaviors = P.ArrayIsArray(def.behaviors) ? def.behaviors : [];
  var i, k, keys;
  for (i = 0; i < behaviors.length; i++) {
    var b = behaviors[i];
    if (b === null || typeof b !== 'object' || !b.__behavior) continue;
    out.behaviors[out.behaviors.length] = b;
    mergeInto(out, b);
  }
  var own = { data: clone(def.data) || {}, properties: {}, methods: def.methods || {}, lifetimes: {}, pageLifetimes: {}, observers: [] };
  keys = P.ObjectKeys(def.properties || {});
  for (k = 0; k < keys.length; k++) own.properties[keys[k]] = propertySpec(def.properties[keys[k]]);
  for (k = 0; k < LIFETIMES.length; k++) {
    var name = LIFETIMES[k];
    var fn = def.lifetimes && typeof def.lifetimes[name] === 'function' ? def.lifetimes[name] : def[name];
    if (typeof fn === 'function') own.lifetimes[name] = [fn];
  }
  keys = P.ObjectKeys(def.pageLifetimes || {});
  for (k = 0; k < keys.length; k++) own.pageLifetimes[keys[k]] = [def.pageLifetimes[keys[k]]];
  keys = P.ObjectKeys(def.observers || {});
  for (k = 0; k < keys.length; k++) own.observers[own.observers.length] = { fields: parseObserverKey(keys[k]), fn: def.observers[keys[k]] };
  mergeInto(out, own);
  // Any other field of the definition (`attr: {...}`, a function outside `methods`) is the
  // instance's own, copied for each instance (swan 2019's component factory); behaviours'
  // other fields are not.
  var extras = {};
  keys = P.ObjectKeys(def);
  for (k = 0; k < keys.length; k++) {
    if (P.ObjectPrototypeHasOwnProperty(COMPONENT_OPTIONS, keys[k])) continue;
    extras[keys[k]] = def[keys[k]];
  }
  P.ObjectDefineProperty(out, '__extras', { value: extras });
  P.ObjectDefineProperty(out, '__behavior', { value: true });
  return out;
}

// Definition fields the framework reads, and the instance's own fields, which an extra field
// must not replace.
var ObjectPrototype = Object.prototype;
var COMPONENT_OPTIONS = { data: 1, properties: 1, methods: 1, behaviors: 1, lifetimes: 1, pageLifetimes: 1, observers: 1,
  is: 1, id: 1, dataset: 1 };

// A copy of a definition's field for one instance: arrays and plain objects copied (to a
// depth of 32), functions and everything else shared.
function copyField(value, depth) {
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  var proto = P.ObjectGetPrototypeOf(value);
  if (P.ArrayIsArray(value)) {
    var arr = [];
    for (var i = 0; i < value.length; i++) arr[i] = copyField(value[i], depth + 1);
    return arr;
  }
  if (proto !== ObjectPrototype && proto !== null) return value;
  var out = {};
  var keys = P.ObjectKeys(value);
  for (var k = 0; k < keys.length; k++) out[keys[k]] = copyField(value[keys[k]], depth + 1);
  return out;
}

function mergeInto(out, b) {
  var keys, k;
  keys = P.ObjectKeys(b.data || {});
  for (k = 0; k < keys.length; k++) out.data[keys[k]] = clone(b.data[keys[k]]);
  keys = P.ObjectKeys(b.properties || {});
  for (k = 0; k < keys.length; k++) out.properties[keys[k]] = b.properties[keys[k]];
  keys = P.ObjectKeys(b.methods || {});
  for (k = 0; k < keys.length; k++) out.methods[keys[k]] = b.methods[keys[k]];
  var lists = ['lifetimes', 'pageLifetimes'];
  for (var l = 0; l < lists.length; l++) {
    keys = P.ObjectKeys(b[lists[l]] || {});
    for (k = 0; k < keys.length; k++) {
      var list = out[lists[l]][keys[k]] || (out[lists[l]][keys[k]] = []);
      var add = b[lists[l]][keys[k]];
      for (var j = 0; j < add.length; j++) list[list.length] = add[j];
    }
  }
  for (k = 0; k < (b.observers || []).length; k++) out.observers[out.observers.length] = b.observers[k];
}

function parseObserverKey(key) {
  var parts = P.StringPrototypeSplit(key, ',');
  var out = [];
  for (var i = 0; i < parts.length; i++) {
    var f = P.StringPrototypeReplace(P.StringPrototypeReplace(parts[i], /^\s+|\s+$/g, ''), /\[(\d+)\]/g, '.$1');
    if (f !== '') out[out.length] = f;
  }
  return out;
}

fw.Component = function Component(def) {
  var path = shim.currentModule;
  if (path === null) throw new P.Error('Component() must be called while a component file loads');
  if (def === null || typeof def !== 'object') throw new P.TypeError('Component() needs an object, in ' + path);
  P.MapPrototypeSet(componentDefs, P.StringPrototypeSlice(path, 0, -3), normalizeComponent(def));
};

function componentLifetime(comp, name, args) {
  var list = comp.__def.lifetimes[name] || [];
  log({ op: 'log', type: 'lifecycle', target: 'component', route: comp.is, hook: name });
  for (var i = 0; i < list.length; i++) shim.guard(list[i], comp, args || [], 'component ' + name);
}

function fieldMatches(field, changed) {
  if (field === '**') return true;
  var deep = P.StringPrototypeSlice(field, -3) === '.**';
  var base = deep ? P.StringPrototypeSlice(field, 0, -3) : field;
  var c = P.StringPrototypeReplace(changed, /\[(\d+)\]/g, '.$1');
  // A change at, above or (for ".**") below the observed field.
  return c === base || P.StringPrototypeIndexOf(base, c + '.') === 0 || P.StringPrototypeIndexOf(c, base + '.') === 0;
}

// Each observer fires at most once per setData, with the current values of its fields.
function runObservers(comp, changedKeys) {
  var observers = comp.__def.observers;
  for (var i = 0; i < observers.length; i++) {
    var ob = observers[i];
    var hit = false;
    for (var f = 0; f < ob.fields.length && !hit; f++) {
      for (var c = 0; c < changedKeys.length && !hit; c++) hit = fieldMatches(ob.fields[f], changedKeys[c]);
    }
    if (!hit) continue;
    var args = [];
    for (f = 0; f < ob.fields.length; f++) {
      var field = ob.fields[f];
      args[args.length] = field === '**' ? comp.data : getPath(comp.data, P.StringPrototypeSlice(field, -3) === '.**' ? P.StringPrototypeSlice(field, 0, -3) : field);
    }
    shim.guard(ob.fn, comp, args, 'observer');
  }
}

function coerceProperty(spec, value) {
  var type = spec.type;
  if (value === null || value === undefined) return defaultFor(type);
  if (type === String) return P.String(value);
  if (type === Number) { var n = P.Number(value); return n === n ? n : 0; }
  if (type === Boolean) return !!value;
  return value;
}

function setProperties(comp, props) {
  var names = P.ObjectKeys(props);
  var payload = {};
  var changed = [];
  for (var i = 0; i < names.length; i++) {
    var spec = comp.__def.properties[names[i]];
    if (spec === undefined) continue;
    var old = comp.data[names[i]];
    var value = coerceProperty(spec, props[names[i]]);
    payload[names[i]] = value;
    if (P.JSONStringify(old) !== P.JSONStringify(value)) changed[changed.length] = [spec, value, old];
  }
  setData(comp, 'component', payload);
  // A property observer runs after the update, only for a real change (swan's rule).
  for (var c = 0; c < changed.length; c++) {
    var ob = changed[c][0].observer;
    if (typeof ob === 'string') ob = comp[ob];
    if (typeof ob === 'function') shim.later(ob, [clone(changed[c][1]), clone(changed[c][2])], comp);
  }
}

function componentDefinition(path) {
  if (!P.MapPrototypeHas(componentDefs, path)) {
    if (!shim.modules.has(path + '.js')) throw new P.Error('component "' + path + '" has no file ' + path + '.js in the project');
    shim.modules.load(path + '.js');
    if (!P.MapPrototypeHas(componentDefs, path)) throw new P.Error(path + '.js did not call Component()');
  }
  return P.MapPrototypeGet(componentDefs, path);
}

// A component instance: created runs, then the initial properties are set (no observer
// fires); attached and ready are the caller's.
function newComponent(path, props) {
  var def = componentDefinition(path);
  var comp = { is: path, id: '', dataset: {}, data: clone(def.data) || {} };
  var names = P.ObjectKeys(def.properties);
  for (var i = 0; i < names.length; i++) comp.data[names[i]] = clone(def.properties[names[i]].value);
  comp.properties = comp.data;
  comp.__def = def;
  comp.__id = ++instanceSeq;
  comp.__events = [];
  var extras = P.ObjectKeys(def.__extras);
  for (i = 0; i < extras.length; i++) comp[extras[i]] = copyField(def.__extras[extras[i]], 0);
  var methods = P.ObjectKeys(def.methods);
  for (i = 0; i < methods.length; i++) comp[methods[i]] = def.methods[methods[i]];
  defineHidden(comp, dataMethods(comp, 'component'));
  defineHidden(comp, {
    triggerEvent: function (name, detail, options) {
      log({ op: 'log', type: 'triggerEvent', target: 'component', route: path, instance: comp.__id, name: P.String(name),
        detail: clone(detail) });
      if (fw.views) fw.views.trigger(comp, P.String(name), detail);
    },
    hasBehavior: function (b) { return P.ArrayPrototypeIndexOf(def.behaviors, b) !== -1; },
    selectComponent: function (sel) { return fw.views ? fw.views.selectComponents(comp, sel, false) : null; },
    selectAllComponents: function (sel) { return fw.views ? fw.views.selectComponents(comp, sel, true) : []; },
    // swan.createSelectorQuery().in(this) (framework/custom-component_comp.md)
    createSelectorQuery: function () { return fw.queries.selectorQuery(comp); },
    createIntersectionObserver: function (options) { return fw.queries.intersectionObserver(comp, options); }
  });
  P.MapPrototypeSet(instances, comp.__id, comp);
  componentLifetime(comp, 'created');
  if (props) {
    // Initial properties are in place before attached, without observers firing.
    var given = P.ObjectKeys(props);
    for (i = 0; i < given.length; i++) {
      var spec = def.properties[given[i]];
      if (spec !== undefined && props[given[i]] !== undefined) comp.data[given[i]] = clone(coerceProperty(spec, props[given[i]]));
    }
  }
  return comp;
}

function mountComponent(path, props) {
  var comp = newComponent(path, props);
  componentLifetime(comp, 'attached');
  componentLifetime(comp, 'ready');
  return comp;
}

// ------------------------------------------------------------------------------------------------
// Host commands (see bridge/_protocol.py)
// ------------------------------------------------------------------------------------------------
function reply(id, ok, value) {
  if (ok) shim.post(record({ op: 'reply', id: id, ok: true, value: value === undefined ? null : value }));
  else shim.post(record({ op: 'reply', id: id, ok: false, error: value }));
}

// A mistake in the test's request (not in the app's code): the host raises ValueError.
function usageError(message) {
  var e = new P.Error(message);
  P.ObjectDefineProperty(e, 'usage', { value: true });
  return e;
}

function replyError(id, e) {
  var d = shim.describeError(e);
  var error = { message: d.message, stack: d.stack, usage: e !== null && typeof e === 'object' && e.usage === true };
  if (shim.view && e instanceof shim.view.TemplateFault) error.template = { message: e.message, file: e.file, line: e.line, col: e.col };
  reply(id, false, error);
}

function instance(id) {
  var target = P.MapPrototypeGet(instances, id);
  if (target === undefined) throw new P.Error('this page or component is no longer alive');
  return target;
}

function describePage(page) {
  return { id: page.__id, route: page.route, query: clone(page.options) };
}

function safeJson(value) {
  try {
    var text = P.JSONStringify(value);
    return text === undefined ? null : P.JSONParse(text);
  } catch (e) {
    return null;
  }
}

var COMMANDS = {
  launch: function (c) {
    launch(c.options || {});
    return null;
  },
  open: function (c) {
    launch({ path: c.route, query: c.query, scene: c.scene === undefined ? 1001 : c.scene, referrerInfo: {} });
    if (!pageExists(c.route)) {
      pageNotFound(c.route, c.query);
      throw usageError('page "' + c.route + '" is not in app.json pages');
    }
    navigate('reLaunch', { url: '/' + c.route, route: c.route, query: c.query || {} });
    return describePage(top());
  },
  stack: function () {
    var out = [];
    for (var i = 0; i < stack.length; i++) out[out.length] = describePage(stack[i]);
    return out;
  },
  data: function (c) {
    return safeJson(instance(c.target).data);
  },
  appData: function () {
    return app === null ? null : safeJson(app.globalData === undefined ? null : app.globalData);
  },
  call: function (c, id) {
    var target = instance(c.target);
    var fn = target[c.method];
    if (typeof fn !== 'function') throw usageError((target.route || target.is) + ' has no method "' + c.method + '"');
    var where = (target.route || target.is) + ' ' + c.method;
    var result;
    try {
      result = P.apply(fn, target, c.args || []);
    } catch (e) {
      shim.reportError(e, where); // as an event handler's error on a phone (App.onError too)
      replyError(id, e);
      return undefined;
    }
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      P.PromisePrototypeThen(P.PromiseResolve(result), function (v) { reply(id, true, safeJson(v)); }, function (e) {
        shim.reportError(e, where);
        replyError(id, e);
      });
      return undefined; // answered when the promise settles
    }
    return { value: safeJson(result) };
  },
  mount: function (c) {
    var comp = mountComponent(c.path, c.properties);
    return { id: comp.__id };
  },
  setProperties: function (c) {
    setProperties(instance(c.target), c.properties || {});
    return null;
  }
};

// What services.js needs of the framework (tab bar, page events, app show/hide).
fw.commands = COMMANDS;
fw.top = top;
fw.hook = hook;
fw.log = log;
fw.clone = clone;
fw.isTabPage = isTabPage;
fw.instance = instance;
fw.usageError = usageError;
fw.safeJson = safeJson;
fw.setData = setData;
fw.setProperties = setProperties;
fw.newComponent = newComponent;
fw.componentLifetime = componentLifetime;
fw.navigate = navigate;
fw.forget = function (id) { P.MapPrototypeDelete(instances, id); };
fw.stack = function () { return stack; };
fw.appConfig = function () { return appConfig; };
fw.app = function () { return app; };
fw.appRunning = function () { return appRunning; };

shim.entry('command', function (text) {
  var c = P.JSONParse(text);
  try {
    var handler = COMMANDS[c.op];
    if (handler === undefined) throw new P.Error('unknown command ' + c.op);
    var out = handler(c, c.id);
    if (out !== undefined) reply(c.id, true, c.op === 'call' || c.op === 'tap' ? out.value : out);
  } catch (e) {
    replyError(c.id, e);
  }
  return shim.drain();
});

global.App = fw.App;
global.Page = fw.Page;
global.Component = fw.Component;
global.Behavior = fw.Behavior;
global.getApp = fw.getApp;
global.getCurrentPages = fw.getCurrentPages;
