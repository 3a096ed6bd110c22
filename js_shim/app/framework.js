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
var objectProto = Object.prototype;
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
  key = '' + key; // (getData may be given anything)
  var parts = P.StringPrototypeSplit(P.StringPrototypeIndexOf(key, '[') === -1 ? key : indexesAsFields(key), '.');
  var out = [];
  for (var i = 0; i < parts.length; i++) if (parts[i] !== '') out[out.length] = parts[i];
  return out;
}

// "a[1].b[20]" as "a.1.b.20": each "[digits]" becomes ".digits" (a "[" not followed by digits
// and "]" stays as it is).
function indexesAsFields(key) {
  var out = '';
  var i = 0;
  while (i < key.length) {
    var c = key[i];
    if (c === '[') {
      var j = i + 1;
      while (j < key.length && key[j] >= '0' && key[j] <= '9') j++;
      if (j > i + 1 && key[j] === ']') {
        out += '.' + P.StringPrototypeSlice(key, i + 1, j);
        i = j + 1;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

// A path walks and sets the data's own properties only: `a.__proto__.x` or `a.constructor.x`
// makes keys of those names in `a`, and never reaches a prototype the app's objects share.
function setPath(data, key, value) {
  var parts = parsePath(key);
  var node = data;
  for (var i = 0; i < parts.length - 1; i++) {
    var next = P.ObjectPrototypeHasOwnProperty(node, parts[i]) ? node[parts[i]] : undefined;
    if (next === null || typeof next !== 'object') next = shim.putOwn(node, parts[i], {});
    node = next;
  }
  shim.putOwn(node, parts[parts.length - 1], value);
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
var MAX_DATA_DEPTH = shim.spec.limits.dataDepth; // what the host can read back (page.data, the log)


// A Page() or Component() definition's `data` nested deeper than the view takes (what setData
// refuses, see prepareData) is refused where it is defined: the host could not read it back.
// (Data JSON cannot hold, a cycle, fails where the instance is made, as before.)
function checkInitialData(data, what) {
  if (data === null || typeof data !== 'object') return;
  var text;
  try {
    text = P.JSONStringify(data);
  } catch (e) {
    // A stack too deep to walk is too deep for the view; anything else (a cycle) fails where the
    // instance is made.
    if (!(e instanceof P.RangeError) || e.message !== 'Maximum call stack size exceeded') return;
    text = null;
  }
  if (text === null || (text !== undefined && shim.nestedDeeper(text, MAX_DATA_DEPTH))) {
    throw new P.RangeError(what + ': its data nests objects and arrays more than ' + MAX_DATA_DEPTH +
      ' levels deep, which the view cannot take');
  }
}

// The payload's values as the view would receive them: {key, text, value} for each field that
// can be sent. A function, undefined or a value JSON cannot hold (a cycle) is left out with a
// warning, as the client drops them. A symbol, or nesting deeper than the host can read back,
// throws at the caller's setData before anything is set.
function prepareData(target, payload, api) {
  var keys = P.ObjectKeys(payload);
  var out = [];
  var size = 0;
  for (var i = 0; i < keys.length; i++) {
    var key = keys[i];
    var value = payload[key];
    if (typeof value === 'symbol') {
      throw new P.TypeError(api + ': data field "' + key + '" is a symbol, which cannot be sent to the view');
    }
    if (typeof value === 'function') {
      shim.warn(api + ': data field "' + key + '" is a function, which cannot be sent to the view; it was not set');
      continue;
    }
    if (value === undefined) {
      shim.warn(api + ': setting data field "' + key + '" to undefined is invalid; it was not set');
      continue;
    }
    var spec = propertyOf(target, key);
    if (spec !== undefined) value = coerceProperty(target, key, spec, value);
    var text;
    try {
      text = P.JSONStringify(value);
    } catch (e) {
      shim.warn(api + ': data field "' + key + '" cannot be sent to the view (' + shim.describeError(e).message + '); it was not set');
      continue;
    }
    // The levels the value may add below its path (each segment past the first is one level);
    // below zero the path alone is too deep.
    var allowed = MAX_DATA_DEPTH - parsePath(key).length + 1;
    if (allowed < 0 || shim.nestedDeeper(text, allowed)) {
      throw new P.RangeError(api + ': data field "' + key + '" nests objects and arrays more than ' + MAX_DATA_DEPTH +
        ' levels deep in data, which the view cannot take');
    }
    var parsed = P.JSONParse(text);
    size += text.length;
    out[out.length] = { key: key, text: text, value: parsed };
  }
  if (size > MAX_SETDATA_CHARS) {
    shim.warn(api + ': the data sent to the view is ' + size + ' characters, over the 1 MB a view update should carry');
  }
  return out;
}

// The property spec of a component's data key that is a property's own name, or undefined (a
// path inside a property is not converted to its type).
function propertyOf(target, key) {
  if (target.__def === undefined) return undefined;
  var spec = target.__def.properties[key];
  return spec !== undefined && P.ObjectPrototypeHasOwnProperty(target.__def.properties, key) ? spec : undefined;
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
  var fields = prepareData(target, payload, 'setData');
  var isComponent = kind === 'component' && target.__def !== undefined;
  var before = isComponent ? propertiesBefore(target, fields) : null;
  var applied = [];
  var changed = [];
  for (var i = 0; i < fields.length; i++) {
    var key = fields[i].key;
    if (isComponent && P.JSONStringify(getPath(target.data, key)) !== fields[i].text) changed[changed.length] = key;
    setPath(target.data, key, fields[i].value);
    applied[applied.length] = key;
  }
  var shown = record();
  for (i = 0; i < applied.length; i++) shown[applied[i]] = getPath(target.data, applied[i]);
  var entry = { op: 'log', type: 'setData', target: kind, route: target.route || target.is || '', data: shown };
  if (fw.twoWay === true) entry.twoWay = true; // a control's {= =} binding wrote it back
  log(entry);
  if (fw.views) fw.views.changed(target, applied);
  if (isComponent) {
    queueObservers(target, changed);
    propertyObservers(target, before);
  }
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
  checkInitialData(def.data, 'Page() in ' + path);
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
    createIntersectionObserver: function (options) { return fw.queries.intersectionObserver(page, options); },
    // The docs' recommended form in a page (canvas_swan-createCanvasContext.md): the canvas is
    // looked up in this page, where swan.createCanvasContext looks in the page on top.
    createCanvasContext: function (canvasId) { return shim.swan.createCanvasContext(canvasId, page); }
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

// A page leaves in two steps: its onUnload hook, then its view (the components' detached) and
// its place among the live instances.
function unloadPage(page) {
  step(function () { hook(page, 'page', 'onUnload', []); });
  step(function () {
    if (fw.views) fw.views.unmount(page);
    P.MapPrototypeDelete(instances, page.__id);
    if (P.MapPrototypeGet(tabPages, page.route) === page) P.MapPrototypeDelete(tabPages, page.route);
  });
}

// A navigation is carried out as a list of steps, each taken off the list before it runs. A hook
// the host stops (the CPU limit, the run's timeout) ends the whole turn, past any catch: a
// macrotask queued before the steps run carries out the ones left, as they go on after a hook
// that threw, and the next navigation finishes them first if the run ended before it came.
var steps = [];

function step(fn) {
  steps[steps.length] = fn;
}

function runSteps() {
  if (steps.length === 0) return;
  var resume = shim.later(runSteps, []);
  try {
    while (steps.length) P.ArrayPrototypeSplice(steps, 0, 1)[0]();
  } catch (e) { // (a page whose view cannot be built): the navigation goes no further
    steps = [];
    throw e;
  } finally {
    shim.clearTimer(resume);
  }
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

// App.onPageNotFound and the swan.onPageNotFound listeners. A navigation they make to another
// missing page fails without calling them again (WeChat docs, wx.onPageNotFound.md: "不再第二次
// 回调"; swan copies its framework and says nothing).
var inPageNotFound = false;

function pageNotFound(route, query) {
  var isEntryPage = stack.length === 0;
  var was = inPageNotFound;
  inPageNotFound = true;
  try {
    if (app !== null && typeof app.onPageNotFound === 'function') {
      hook(app, 'app', 'onPageNotFound', [{ path: route, query: clone(query), isEntryPage: isEntryPage }]);
    }
    // swan.onPageNotFound listeners (services.js), after App.onPageNotFound, with the same object.
    if (fw.pageNotFoundListeners) fw.pageNotFoundListeners({ path: route, query: clone(query) || {}, isEntryPage: isEntryPage });
  } finally {
    inPageNotFound = was;
  }
}

// Navigation checks made when the call is made: [kind, reason] or null.
// The resolved route and query of a navigation call, kept beside its params (which are what the
// page passed, and what the host records).
var navTargets = new P.WeakMap();

function routeProblem(params, api) {
  if (api === 'navigateBack') return null;
  if (api === 'reLaunch' && params.url === undefined) return null;
  var target = parseUrl(params.url);
  P.WeakMapPrototypeSet(navTargets, params, { url: params.url, delta: params.delta, route: target.route, query: target.query });
  if (!pageExists(target.route)) {
    // As every event the client sends, after the call returns; not for a call the listeners
    // make themselves.
    if (!inPageNotFound) shim.later(pageNotFound, [target.route, target.query], null);
    return ['not_found', 'page "' + target.route + '" is not found'];
  }
  var tab = isTabPage(target.route);
  if ((api === 'navigateTo' || api === 'redirectTo') && tab) return ['param', 'can not ' + api + ' a tabbar page'];
  if (api === 'switchTab' && !tab) return ['param', 'can not switch to no-tabBar page'];
  return null;
}

// The page-stack limit holds for each navigation in the order the calls were made: calls that
// passed their checks wait for the host's answer in `navQueue` (oldest at `navHead`), and
// `projectedDepth` is the stack's length once they are all carried out. A navigateTo that would
// go over the limit fails when it is called, however many calls one turn makes.
var navQueue = []; // [api, params] of the calls not carried out yet
var navHead = 0;
var projectedDepth = 0;

function depthAfter(api, params, depth) {
  if (api === 'navigateTo') return depth + 1;
  if (api === 'redirectTo') return depth === 0 ? 1 : depth;
  if (api === 'navigateBack') {
    var delta = typeof params.delta === 'number' && params.delta >= 1 ? P.MathFloor(params.delta) : 1;
    return depth === 0 ? 0 : P.MathMax(1, depth - delta);
  }
  return 1; // reLaunch, switchTab: one page (a tab page can only be at the bottom)
}

function reproject() {
  var depth = stack.length;
  for (var i = navHead; i < navQueue.length; i++) depth = depthAfter(navQueue[i][0], navQueue[i][1], depth);
  projectedDepth = depth;
}

function navigationProblem(params, api) {
  var problem = routeProblem(params, api);
  if (problem !== null) return problem;
  if (navHead === navQueue.length) {
    navQueue = [];
    navHead = 0;
    projectedDepth = stack.length;
  }
  if (api === 'navigateTo' && projectedDepth >= MAX_STACK) return ['limit', 'page stack limit exceeded (' + MAX_STACK + ' pages)'];
  projectedDepth = depthAfter(api, params, projectedDepth);
  navQueue[navQueue.length] = [api, params];
  return null;
}
fw.navigationProblem = navigationProblem;

// Takes a navigation out of the queue as it is carried out; false when the projection must be
// made again (the navigation was not queued, or calls before it were never carried out).
function dequeueNavigation(params) {
  if (navHead < navQueue.length && navQueue[navHead][1] === params) {
    navHead++;
    return true;
  }
  for (var i = navHead; i < navQueue.length; i++) {
    if (navQueue[i][1] === params) { navHead = i + 1; break; }
  }
  return false;
}

// Carries out a navigation whose call succeeded, in the client's lifecycle order.
function navigate(api, params) {
  var inOrder = dequeueNavigation(params);
  var done = false;
  try {
    carryOut(api, params);
    done = true;
  } finally {
    if (!inOrder || !done) reproject();
  }
}

function carryOut(api, params) {
  runSteps(); // what a navigation the host stopped left undone
  var current = top();
  var i;
  var target = P.WeakMapPrototypeGet(navTargets, params);
  if (target !== undefined) { params = target; }
  // The new page's file runs first: one that does not load leaves the stack as it was.
  if (api === 'navigateTo' || api === 'redirectTo') pageDefinition(params.route);
  if (api === 'reLaunch') pageDefinition(params.url === undefined && current !== null ? current.route : params.route);
  if (api === 'navigateTo') {
    if (current !== null) step(function () { hook(current, 'page', 'onHide', []); });
    step(function () { loadPage(params.route, params.query); });
  } else if (api === 'redirectTo') {
    if (current !== null) { stack.length = stack.length - 1; unloadPage(current); }
    step(function () { loadPage(params.route, params.query); });
  } else if (api === 'navigateBack') {
    var delta = typeof params.delta === 'number' && params.delta >= 1 ? P.MathFloor(params.delta) : 1;
    var keep = P.MathMax(1, stack.length - delta);
    while (stack.length > keep) {
      var gone = stack[stack.length - 1];
      stack.length = stack.length - 1;
      unloadPage(gone);
    }
    step(function () { if (top() !== null && top() !== current) hook(top(), 'page', 'onShow', []); });
  } else if (api === 'reLaunch') {
    var route = params.url === undefined && current !== null ? current.route : params.route;
    var query = params.url === undefined && current !== null ? current.options : params.query;
    for (i = stack.length - 1; i >= 0; i--) unloadPage(stack[i]);
    step(function () { stack.length = 0; });
    P.MapPrototypeForEach(tabPages, function (page) { if (P.ArrayPrototypeIndexOf(stack, page) === -1) unloadPage(page); });
    step(function () { tabPages = new P.Map(); });
    step(function () { loadPage(route, query || {}); });
  } else if (api === 'switchTab') {
    var kept = P.MapPrototypeGet(tabPages, params.route);
    if (current !== null && current === kept) return;
    if (kept === undefined) pageDefinition(params.route); // a page that does not load changes nothing
    for (i = stack.length - 1; i >= 0; i--) {
      // Only the visible page is shown, so only it is hidden; a tab page below it already was.
      if (!isTabPage(stack[i].route)) unloadPage(stack[i]);
      else if (stack[i] === current) step(function () { hook(current, 'page', 'onHide', []); });
    }
    step(function () { stack.length = 0; });
    if (kept !== undefined) {
      step(function () { stack[0] = kept; hook(kept, 'page', 'onShow', []); });
    } else {
      step(function () { loadPage(params.route, {}); });
    }
  }
  runSteps();
}
fw.navigate = navigate;

// ------------------------------------------------------------------------------------------------
// Components and behaviors
// ------------------------------------------------------------------------------------------------
var LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached', 'error'];

// A behavior keeps its own definition and the behaviors it includes; a component gathers them
// all when it is defined (normalizeComponent).
fw.Behavior = function Behavior(def) {
  if (def === null || typeof def !== 'object') throw new P.TypeError('Behavior() needs an object');
  var b = {};
  P.ObjectDefineProperty(b, '__behavior', { value: true });
  P.ObjectDefineProperty(b, '__own', { value: ownDefinition(def) });
  P.ObjectDefineProperty(b, '__includes', { value: behaviorList(def) });
  return b;
};

function isBehavior(b) {
  return b !== null && typeof b === 'object' && b.__behavior === true;
}

// The Behavior() objects a definition lists (built-in ones named by a string are not modelled).
function behaviorList(def) {
  var list = P.ArrayIsArray(def.behaviors) ? def.behaviors : [];
  var out = [];
  for (var i = 0; i < list.length; i++) if (isBehavior(list[i])) out[out.length] = list[i];
  return out;
}

// Every behavior reached from `list`, each once, those a behavior includes before it (swan
// docs, custom-component_behaviors.md: a behavior referenced several times runs its lifetimes
// once).
function gatherBehaviors(list, out) {
  for (var i = 0; i < list.length; i++) {
    if (P.ArrayPrototypeIndexOf(out, list[i]) !== -1) continue;
    gatherBehaviors(list[i].__includes, out);
    if (P.ArrayPrototypeIndexOf(out, list[i]) === -1) out[out.length] = list[i];
  }
  return out;
}

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

// What one Component() or Behavior() definition declares itself.
function ownDefinition(def) {
  var own = { data: clone(def.data) || {}, properties: {}, methods: def.methods || {}, lifetimes: {}, pageLifetimes: {}, observers: [] };
  var k, keys;
  keys = P.ObjectKeys(def.properties || {});
  for (k = 0; k < keys.length; k++) own.properties[keys[k]] = propertySpec(def.properties[keys[k]]);
  for (k = 0; k < LIFETIMES.length; k++) {
    var name = LIFETIMES[k];
    var fn = def.lifetimes && typeof def.lifetimes[name] === 'function' ? def.lifetimes[name] : def[name];
    if (typeof fn === 'function') own.lifetimes[name] = [fn];
  }
  keys = P.ObjectKeys(def.pageLifetimes || {});
  for (k = 0; k < keys.length; k++) {
    if (typeof def.pageLifetimes[keys[k]] === 'function') own.pageLifetimes[keys[k]] = [def.pageLifetimes[keys[k]]];
  }
  keys = P.ObjectKeys(def.observers || {});
  for (k = 0; k < keys.length; k++) own.observers[own.observers.length] = { fields: parseObserverKey(keys[k]), fn: def.observers[keys[k]] };
  return own;
}

// A component definition merged with every behavior it reaches: data (objects merged), properties,
// methods, lifetime lists, observers.
function normalizeComponent(def) {
  var out = { data: {}, properties: {}, methods: {}, lifetimes: {}, pageLifetimes: {}, observers: [], behaviors: [] };
  var k, keys;
  out.behaviors = gatherBehaviors(behaviorList(def), []);
  for (var i = 0; i < out.behaviors.length; i++) mergeInto(out, out.behaviors[i].__own);
  mergeInto(out, ownDefinition(def));
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
  return out;
}

// Definition fields the framework reads, and the instance's own fields, which an extra field
// must not replace.
var ObjectPrototype = Object.prototype;
var COMPONENT_OPTIONS = { data: 1, properties: 1, methods: 1, behaviors: 1, lifetimes: 1, pageLifetimes: 1, observers: 1,
  is: 1, id: 1, dataset: 1 };

function isPlainObject(value) {
  if (value === null || typeof value !== 'object' || P.ArrayIsArray(value)) return false;
  var proto = P.ObjectGetPrototypeOf(value);
  return proto === ObjectPrototype || proto === null;
}

// A copy of a definition's field for one instance: arrays and plain objects copied (to a
// depth of 32), functions and everything else shared.
function copyField(value, depth) {
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (P.ArrayIsArray(value)) {
    var arr = [];
    for (var i = 0; i < value.length; i++) arr[i] = copyField(value[i], depth + 1);
    return arr;
  }
  if (!isPlainObject(value)) return value;
  var out = {};
  var keys = P.ObjectKeys(value);
  for (var k = 0; k < keys.length; k++) out[keys[k]] = copyField(value[keys[k]], depth + 1);
  return out;
}

// A data field defined twice: two objects are merged (recursively), anything else is replaced
// by the later definition (swan docs, custom-component_behaviors.md).
function mergeData(into, from) {
  var keys = P.ObjectKeys(from);
  for (var k = 0; k < keys.length; k++) {
    var key = keys[k];
    if (isPlainObject(into[key]) && isPlainObject(from[key])) mergeData(into[key], from[key]);
    else into[key] = clone(from[key]);
  }
}

function mergeInto(out, part) {
  var keys, k;
  mergeData(out.data, part.data);
  keys = P.ObjectKeys(part.properties);
  for (k = 0; k < keys.length; k++) out.properties[keys[k]] = part.properties[keys[k]];
  keys = P.ObjectKeys(part.methods);
  for (k = 0; k < keys.length; k++) out.methods[keys[k]] = part.methods[keys[k]];
  var lists = ['lifetimes', 'pageLifetimes'];
  for (var l = 0; l < lists.length; l++) {
    keys = P.ObjectKeys(part[lists[l]]);
    for (k = 0; k < keys.length; k++) {
      var list = out[lists[l]][keys[k]] || (out[lists[l]][keys[k]] = []);
      var add = part[lists[l]][keys[k]];
      for (var j = 0; j < add.length; j++) list[list.length] = add[j];
    }
  }
  for (k = 0; k < part.observers.length; k++) out.observers[out.observers.length] = part.observers[k];
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
  checkInitialData(def.data, 'Component() in ' + path);
  var normalized = normalizeComponent(def);
  checkInitialData(normalized.data, 'Component() in ' + path); // with its behaviors' data
  P.MapPrototypeSet(componentDefs, P.StringPrototypeSlice(path, 0, -3), normalized);
};

function alive(comp) {
  return P.MapPrototypeGet(instances, comp.__id) === comp;
}

function componentLifetime(comp, name, args) {
  var list = comp.__def.lifetimes[name] || [];
  log({ op: 'log', type: 'lifecycle', target: 'component', route: comp.is, hook: name });
  for (var i = 0; i < list.length; i++) shim.guard(list[i], comp, args || [], 'component ' + name);
}

// pageLifetimes.show / hide of one component, logged only where it has one.
function componentPageLifetime(comp, name) {
  var list = comp.__def.pageLifetimes[name] || [];
  if (list.length === 0) return;
  log({ op: 'log', type: 'lifecycle', target: 'component', route: comp.is, hook: 'pageLifetimes.' + name });
  for (var j = 0; j < list.length; j++) shim.guard(list[j], comp, [], 'component pageLifetimes.' + name);
}

// A component leaves: detached runs, and nothing of it runs after (observers still queued).
function detachComponent(comp) {
  if (!alive(comp)) return;
  componentLifetime(comp, 'detached');
  P.MapPrototypeDelete(instances, comp.__id);
  P.MapPrototypeDelete(pendingObservers, comp);
  var at = P.ArrayPrototypeIndexOf(mounted, comp);
  if (at !== -1) P.ArrayPrototypeSplice(mounted, at, 1);
}

// Whether an observer's field sees a change at `changed` (both with "[n]" written ".n"): a change
// of the field itself or of a field above it; only "field.**" (and "**") also sees a change below
// it (swan docs, custom-component_observers.md).
function fieldMatches(field, changed) {
  if (field === '**') return true;
  var deep = P.StringPrototypeSlice(field, -3) === '.**';
  var base = deep ? P.StringPrototypeSlice(field, 0, -3) : field;
  var c = P.StringPrototypeReplace(changed, /\[(\d+)\]/g, '.$1');
  if (c === base || P.StringPrototypeIndexOf(base, c + '.') === 0) return true;
  return deep && P.StringPrototypeIndexOf(c, base + '.') === 0;
}

// `observers` run once for all the setData calls of one synchronous run, after it (at its
// microtask checkpoint), for the fields those calls changed, with the values then current (swan
// docs, custom-component_observers.md: only a change of a watched field triggers; several
// synchronous setData calls run the observers once).
var pendingObservers = new P.Map(); // component -> changed keys, in the order first changed
var observersQueued = false;

function queueObservers(comp, keys) {
  if (keys.length === 0 || comp.__def.observers.length === 0) return;
  var pending = P.MapPrototypeGet(pendingObservers, comp);
  if (pending === undefined) P.MapPrototypeSet(pendingObservers, comp, pending = []);
  for (var i = 0; i < keys.length; i++) pending[pending.length] = keys[i];
  if (!observersQueued) {
    observersQueued = true;
    P.PromisePrototypeThen(P.PromiseResolve(undefined), runQueuedObservers);
  }
}

function runQueuedObservers() {
  observersQueued = false;
  var batch = [];
  P.MapPrototypeForEach(pendingObservers, function (keys, comp) { batch[batch.length] = [comp, keys]; });
  pendingObservers = new P.Map();
  for (var i = 0; i < batch.length; i++) if (alive(batch[i][0])) runObservers(batch[i][0], batch[i][1]);
}

function runObservers(comp, changedKeys) {
  var observers = comp.__def.observers;
  for (var i = 0; i < observers.length; i++) {
    var ob = observers[i];
    var hit = false;
    for (var f = 0; f < ob.fields.length && !hit; f++) {
      for (var c = 0; c < changedKeys.length && !hit; c++) hit = fieldMatches(ob.fields[f], changedKeys[c]);
    }
    if (!hit || typeof ob.fn !== 'function') continue;
    var args = [];
    for (f = 0; f < ob.fields.length; f++) {
      var field = ob.fields[f];
      args[args.length] = field === '**' ? comp.data : getPath(comp.data, P.StringPrototypeSlice(field, -3) === '.**' ? P.StringPrototypeSlice(field, 0, -3) : field);
    }
    shim.guard(ob.fn, comp, args, 'observer');
  }
}

// A property's `observer(newVal, oldVal)` runs after the update, as a later task, and only when
// the value changed, however it changed: set by the parent, by the component's own setData (at
// its name or a path inside it) or by its initial value (swan changelog 1.11.25: the first value
// runs the observer, with the old value as second argument).
function queuePropertyObserver(comp, name, value, old) {
  var ob = comp.__def.properties[name].observer;
  if (typeof ob === 'string') ob = comp[ob];
  if (typeof ob !== 'function') return;
  shim.later(function () { if (alive(comp)) P.apply(ob, comp, [value, old]); }, [], undefined);
}

// {name: JSON text} of the properties a setData's fields touch, before it applies them.
function propertiesBefore(comp, fields) {
  var before = P.ObjectCreate(null);
  for (var i = 0; i < fields.length; i++) {
    var name = parsePath(fields[i].key)[0];
    if (name === undefined || before[name] !== undefined) continue;
    if (!P.ObjectPrototypeHasOwnProperty(comp.__def.properties, name)) continue;
    before[name] = P.JSONStringify(comp.data[name]);
    if (before[name] === undefined) before[name] = 'undefined';
  }
  return before;
}

function propertyObservers(comp, before) {
  var names = P.ObjectKeys(before);
  for (var i = 0; i < names.length; i++) {
    var now = P.JSONStringify(comp.data[names[i]]);
    if (now === before[names[i]]) continue;
    queuePropertyObserver(comp, names[i], clone(comp.data[names[i]]), before[names[i]] === 'undefined' ? undefined : P.JSONParse(before[names[i]]));
  }
}

var TYPE_NAMES = [[String, 'String'], [Number, 'Number'], [Boolean, 'Boolean'], [Array, 'Array'], [Object, 'Object']];
function typeLabel(type) {
  for (var i = 0; i < TYPE_NAMES.length; i++) if (TYPE_NAMES[i][0] === type) return TYPE_NAMES[i][1];
  return null;
}

// A property's value converted to its type, as WeChat's framework does (which swan copies; the
// swan docs say nothing): String(v); a finite Number(v), else 0; !!v; an array, else []; an
// object (or array), else null. A value that does not fit is replaced with a warning; null and
// undefined give the type's default quietly.
function coerceProperty(comp, name, spec, value) {
  var type = spec.type;
  var label = typeLabel(type);
  if (label === null) return value === undefined ? null : value;
  if (value === null || value === undefined) return defaultFor(type);
  var out = value;
  var replaced = false;
  if (type === String) out = typeof value === 'symbol' ? '' : P.String(value);
  else if (type === Number) {
    var n = typeof value === 'symbol' ? NaN : P.Number(value);
    replaced = !(n === n && n !== Infinity && n !== -Infinity);
    out = replaced ? 0 : n;
  } else if (type === Boolean) out = !!value;
  else if (type === Array) { replaced = !P.ArrayIsArray(value); if (replaced) out = []; }
  else if (type === Object) { replaced = typeof value !== 'object'; if (replaced) out = null; }
  if (replaced) {
    shim.warn('property "' + name + '" of ' + comp.is + ' expects <' + label + '> and was given ' + shim.typeName(value) + '; ' +
      P.JSONStringify(out) + ' was used instead');
  }
  return out;
}

// A parent (a page's template, or the test) sets properties: the same path as the component's
// own setData.
function setProperties(comp, props) {
  var names = P.ObjectKeys(props);
  var payload = {};
  for (var i = 0; i < names.length; i++) {
    var spec = comp.__def.properties[names[i]];
    if (spec === undefined || !P.ObjectPrototypeHasOwnProperty(comp.__def.properties, names[i])) continue;
    payload[names[i]] = coerceProperty(comp, names[i], spec, props[names[i]]);
  }
  setData(comp, 'component', payload);
}

function componentDefinition(path) {
  if (!P.MapPrototypeHas(componentDefs, path)) {
    if (!shim.modules.has(path + '.js')) throw new P.Error('component "' + path + '" has no file ' + path + '.js in the project');
    shim.modules.load(path + '.js');
    if (!P.MapPrototypeHas(componentDefs, path)) throw new P.Error(path + '.js did not call Component()');
  }
  return P.MapPrototypeGet(componentDefs, path);
}

// A component instance: created runs, then the initial properties are set; each that differs
// from its default runs its observer and counts as a change for `observers` (WeChat runs both
// for the values a parent gives at creation; swan fixed "the observer does not fire the first
// time" in 1.11.25). attached and ready are the caller's.
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
    var given = P.ObjectKeys(props);
    var changed = [];
    for (i = 0; i < given.length; i++) {
      var name = given[i];
      var spec = def.properties[name];
      if (spec === undefined || !P.ObjectPrototypeHasOwnProperty(def.properties, name) || props[name] === undefined) continue;
      var value = clone(coerceProperty(comp, name, spec, props[name]));
      var old = comp.data[name];
      comp.data[name] = value;
      if (P.JSONStringify(old) === P.JSONStringify(value)) continue;
      changed[changed.length] = name;
      queuePropertyObserver(comp, name, clone(value), old);
    }
    queueObservers(comp, changed);
  }
  return comp;
}

// Components the test mounted (outside any page), in the order they were mounted.
var mounted = [];

function mountComponent(path, props) {
  if (fw.views) fw.views.check(path); // a component whose template is broken is not created
  var comp = newComponent(path, props);
  mounted[mounted.length] = comp;
  componentLifetime(comp, 'attached');
  if (fw.views) fw.views.mountAlone(comp, path); // rendered between attached and ready, as a placed one is
  componentLifetime(comp, 'ready');
  if (fw.views) fw.views.settle(); // the lifetimes of the components its template placed
  return comp;
}

// The app goes to the background or comes back: mounted components get their pageLifetimes
// hide / show after the app's own hooks and listeners, as if they sat on a page that stays on
// top (a placed component follows its page instead: see hook).
function mountedPageLifetime(name) {
  var list = P.ArrayPrototypeSlice(mounted);
  for (var i = 0; i < list.length; i++) {
    if (!alive(list[i])) continue;
    componentPageLifetime(list[i], name);
    if (fw.views) fw.views.pageLifetime(list[i], name); // and the components its template placed
  }
}

// ------------------------------------------------------------------------------------------------
// Host commands (see bridge/_protocol.py)
// ------------------------------------------------------------------------------------------------
function reply(id, ok, value) {
  if (ok) shim.post(record({ op: 'reply', id: id, ok: true, value: value === undefined ? null : value }));
  else shim.post(record({ op: 'reply', id: id, ok: false, error: value }));
}

// The reply to a method the test called, whose value is already JSON text (see jsonText): one
// JSON.stringify per call, the envelope written around it. `id` is the host's number.
function replyJson(id, text) {
  shim.postText('{"op":"reply","id":' + P.JSONStringify(id) + ',"ok":true,"value":' + text + '}');
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
  // The heap ran out (the engine throws a bare null when it cannot even make the error object).
  if (e === null || (e instanceof P.InternalError && P.StringPrototypeIndexOf(P.String(e.message), 'out of memory') !== -1)) error.memory = true;
  if (shim.view && e instanceof shim.view.TemplateFault) error.template = { message: e.message, file: e.file, line: e.line, col: e.col };
  reply(id, false, error);
}

function instance(id) {
  var target = P.MapPrototypeGet(instances, id);
  if (target === undefined) throw usageError('this page or component is no longer alive (closed or detached)');
  return target;
}

function describePage(page) {
  return { id: page.__id, route: page.route, query: clone(page.options) };
}

// A value as the host reads it: JSON text, "null" for what JSON cannot hold (undefined, a
// function, a cycle, a BigInt, a value nested deeper than the stack, a throwing toJSON). The
// heap running out on the way is thrown, for the caller to report: the value was not the problem.
function jsonText(value) {
  try {
    var text = P.JSONStringify(value);
    return text === undefined ? 'null' : text;
  } catch (e) {
    if (e instanceof P.InternalError) throw e;
    return 'null';
  }
}

// The reply to a method the test called: its value, or the error that kept it from the host
// (out of memory), reported as the script's own errors are.
function replyValue(id, value, where) {
  try {
    replyJson(id, jsonText(value));
  } catch (e) {
    shim.reportError(e, where);
    replyError(id, e);
  }
}

function safeJson(value) {
  try {
    return P.JSONParse(jsonText(value));
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
    // What every object has (constructor, toString, hasOwnProperty ...) is no method of the page's.
    if (fn === objectProto[c.method]) fn = undefined;
    if (typeof fn !== 'function') throw usageError((target.route || target.is) + ' has no method "' + c.method + '"');
    var owner = target.route || target.is; // (as it was called: the method may change it)
    var result;
    try {
      result = P.apply(fn, target, c.args || []);
    } catch (e) {
      shim.reportError(e, owner + ' ' + c.method); // as an event handler's error on a phone (App.onError too)
      replyError(id, e);
      return undefined;
    }
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      P.PromisePrototypeThen(P.PromiseResolve(result), function (v) { replyValue(id, v, owner + ' ' + c.method); }, function (e) {
        shim.reportError(e, owner + ' ' + c.method);
        replyError(id, e);
      });
      return undefined; // answered when the promise settles
    }
    replyValue(id, result, owner + ' ' + c.method);
    return undefined;
  },
  // A component the test mounts lives in a running app: the app launches first, as for the
  // entry page of app.json, so getApp() answers inside the component.
  mount: function (c) {
    var entry = appConfig.pages.length > 0 ? appConfig.pages[0] : '';
    launch({ path: entry, query: {}, scene: 1001, referrerInfo: {} });
    var comp = mountComponent(c.path, c.properties);
    return { id: comp.__id };
  },
  detach: function (c) {
    var comp = instance(c.target);
    if (comp.__def === undefined) throw usageError('detach() needs a component, not the page ' + comp.route);
    if (P.ArrayPrototypeIndexOf(mounted, comp) === -1) {
      throw usageError(comp.is + ' was placed by a template: it is detached when the template removes it (s-if, s-for) or its page unloads');
    }
    detachComponent(comp);
    if (fw.views) fw.views.unmount(comp); // its view goes, and the components it placed are detached
    return null;
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
fw.componentPageLifetime = componentPageLifetime;
fw.detachComponent = detachComponent;
fw.navigate = navigate;
fw.stack = function () { return stack; };
fw.appConfig = function () { return appConfig; };
fw.app = function () { return app; };
fw.appRunning = function () { return appRunning; };

shim.entry('command', function (text) {
  var c = P.JSONParse(text);
  try {
    var handler = COMMANDS[c.op];
    if (handler === undefined) {
      shim.loadAllLazy(); // a command of a file loaded at first use (device.js's "emit")
      handler = COMMANDS[c.op];
    }
    if (handler === undefined) throw new P.Error('unknown command ' + c.op);
    var out = handler(c, c.id);
    if (c.op === 'hideApp' || c.op === 'showApp') mountedPageLifetime(c.op === 'hideApp' ? 'hide' : 'show');
    if (out !== undefined) reply(c.id, true, out);
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
