/*
 * app/views.js: pages and the components their templates place, rendered by the view
 * (js_shim/view/) and kept up to date after setData; events from the test turned into handler
 * calls; the base components' behaviour (forms, navigator, inputs, switches, pickers ...).
 *
 * Templates come from the host once, when the project loads (command "templates"): every
 * `.swan` file parsed, the ones that could not be parsed, the usingComponents of every page and
 * component, and the source of every `.sjs` / `.filter.js` file. Each file is compiled then; a
 * page whose template (or the template of a component it places) is broken does not open. The
 * host keeps what a compile found (errors, warnings) for the process: a later runtime over the
 * same files is given it, and compiles each template at its first use instead.
 *
 * Messages to the host (see bridge/_protocol.py):
 *   {op: "view", page: id, tree: {...}}      the first render of a page
 *   {op: "view", page: id, patches: [...]}   the page's view after setData, as patches
 *   {op: "view", page: id, gone: true}       the page was unloaded
 * A turn that calls setData marks the views it touched; they are brought up to date in one
 * pass at the end of the turn's current microtask checkpoint (a promise job queued at the
 * first setData), or at once where the lifecycle needs it (before components' ready).
 */
var P = shim.P;
var V = shim.view;
var fw = shim.framework;
var commands = fw.commands;

var errors = P.ObjectCreate(null); // template path -> {message, file, line, col}
var using = P.ObjectCreate(null); // page or component path -> {tag: path as written}
var globalUsing = P.ObjectCreate(null); // app.json usingComponents
var moduleSources = P.ObjectCreate(null); // .sjs / .filter.js path -> source
var moduleCache = P.ObjectCreate(null); // module file or inline key -> exports
var viewOf = new P.WeakMap(); // page or placed component -> its View
var hostOf = new P.WeakMap(); // placed component -> its host element instance
var dirty = []; // [{view, paths}] in the order they were first touched
var dirtyIndex = new P.Map(); // view -> entry of dirty
var flushQueued = false;
var readyQueue = [];
var detachQueue = [];
var MAX_ROUNDS = 100; // flush passes per turn: an update loop (ready -> setData -> ready ...) ends

// The route APIs the navigator component calls, taken before any script can replace them.
var ROUTE = {
  navigate: shim.swan.navigateTo, redirect: shim.swan.redirectTo, switchTab: shim.swan.switchTab,
  reLaunch: shim.swan.reLaunch, navigateBack: shim.swan.navigateBack
};
// The APIs a button's open-type asks through (answered as those APIs are), taken the same way.
var OPEN = {
  getUserInfo: shim.swan.getUserInfo, getPhoneNumber: shim.swan.getPhoneNumber, openSetting: shim.swan.openSetting,
  chooseAddress: shim.swan.chooseAddress, openShare: shim.swan.openShare
};

function own(obj, key) { return obj !== null && obj !== undefined && P.ObjectPrototypeHasOwnProperty(obj, key); }

function dirname(path) { return P.StringPrototypeReplace(path, /\/?[^\/]*$/, ''); }
var normalize = V.normalizePath;

// ------------------------------------------------------------------------------------------------
// Templates and components of the project
// ------------------------------------------------------------------------------------------------
commands.templates = function (c) {
  var files = c.files || {};
  var names = P.ObjectKeys(files);
  var i;
  var parserWarnings = c.warnings || {};
  for (i = 0; i < names.length; i++) V.define(names[i], files[names[i]], parserWarnings[names[i]]);
  var given = c.errors || {};
  var keys = P.ObjectKeys(given);
  for (i = 0; i < keys.length; i++) errors[keys[i]] = V.broken[keys[i]] = given[keys[i]];
  keys = P.ObjectKeys(c.usingComponents || {});
  for (i = 0; i < keys.length; i++) using[keys[i]] = c.usingComponents[keys[i]];
  if (c.globalComponents !== null && typeof c.globalComponents === 'object') globalUsing = c.globalComponents;
  keys = P.ObjectKeys(c.sources || {});
  for (i = 0; i < keys.length; i++) moduleSources[keys[i]] = c.sources[keys[i]];
  var faults = c.sjsErrors || [];
  for (i = 0; i < faults.length; i++) P.MapPrototypeSet(sjsErrors, faults[i].code, faults[i].error);
  if (c.compiled) {
    // An earlier runtime of this process compiled these same files: what that found is given
    // again (its warnings, its errors), and each template is compiled at its first use, quietly.
    var said = c.compiled.warnings || [];
    for (i = 0; i < said.length; i++) shim.warn(said[i]);
    keys = P.ObjectKeys(c.compiled.errors || {});
    for (i = 0; i < keys.length; i++) errors[keys[i]] = c.compiled.errors[keys[i]];
    V.compileNotes.quiet = true;
    return { errors: c.compiled.errors || {}, warnings: said };
  }
  compiling = { names: names, at: 0, sliceMs: c.sliceMs || SLICE_MS, found: {}, warnings: [] };
  return compileSome();
};

// The compile a "templates" command began, while it is not done: it runs in slices of
// `sliceMs` (the host's, else SLICE_MS) of time, the first in that command, each further one in
// a "templatesMore" command, so that each slice has a turn's CPU budget of its own. `stopped`
// (the CPU limit, as the host words it): the slice before was stopped in the template it was
// compiling, which is that template's error.
var SLICE_MS = 1000;
var compiling = null;
commands.templatesMore = function (c) {
  var job = compiling;
  if (job === null) return { unstarted: true };
  if (c.stopped && job.at > 0) {
    var name = job.names[job.at - 1];
    delete V.units[name]; // compiled in part
    errors[name] = job.found[name] = { message: 'cannot compile the template within the CPU limit (' + c.stopped + ')', file: name, line: 1, col: 1 };
  }
  return compileSome();
};

function compileSome() {
  var job = compiling;
  var began = P.DateNow();
  var found = job.found;
  var names = job.names;
  V.compileNotes.kept = job.warnings;
  try {
    while (job.at < names.length) {
      if (P.DateNow() - began >= job.sliceMs) return { more: true };
      var i = job.at++;
      try {
        V.unit(names[i]);
      } catch (e) {
        // A template the compiler cannot take (nested past the engine's stack, or past its
        // memory) is that template's error, as a syntax fault is: the other pages still open.
        var fault = e instanceof V.TemplateFault ? e
          : { message: 'cannot compile the template: ' + shim.describeError(e).message, file: names[i], line: 1, col: 1 };
        errors[names[i]] = found[names[i]] = { message: fault.message, file: fault.file, line: fault.line, col: fault.col };
      }
    }
  } finally {
    V.compileNotes.kept = null;
  }
  compiling = null;
  return { errors: found, warnings: job.warnings };
}

// A component path as usingComponents writes it: from the project root when it starts with
// "/", else from the using file's folder; a folder stands for its index file.
function resolveComponent(owner, path) {
  if (typeof path !== 'string' || path === '' || P.StringPrototypeIndexOf(path, '://') >= 0) return null;
  var out = normalize(path[0] === '/' ? path : dirname(owner) + '/' + path);
  if (P.StringPrototypeSlice(out, -3) === '.js') out = P.StringPrototypeSlice(out, 0, -3);
  if (!shim.modules.has(out + '.js') && shim.modules.has(out + '/index.js')) out += '/index';
  return out;
}

// tag -> component path for a page or component: app.json's global ones, then its own (only
// its own when `ownOnly`).
function componentsOf(owner, ownOnly) {
  var out = P.ObjectCreate(null);
  var lists = [ownOnly ? {} : globalUsing, using[owner] || {}];
  for (var l = 0; l < lists.length; l++) {
    var tags = P.ObjectKeys(lists[l]);
    for (var i = 0; i < tags.length; i++) {
      var path = resolveComponent(l === 0 ? '' : owner, lists[l][tags[i]]);
      if (path !== null) out[tags[i]] = path;
    }
  }
  return out;
}

function fault(e) { return new V.TemplateFault(e.message, e); }

var untemplated = new P.Map(); // components said to have no template -> true

// Throws the first template error of a page or component, its imports and its components. The
// global components are the same for every owner: they are looked at once, from the first.
function check(owner, seen) {
  var first = seen === undefined;
  seen = seen || new P.Map();
  if (P.MapPrototypeHas(seen, owner)) return;
  P.MapPrototypeSet(seen, owner, true);
  var file = owner + '.swan';
  if (errors[file] !== undefined) throw fault(errors[file]);
  if (V.files[file] === undefined && !first && shim.modules.has(owner + '.js') && !P.MapPrototypeHas(untemplated, owner)) {
    // A component the page uses that has a script and no template renders nothing: said once.
    P.MapPrototypeSet(untemplated, owner, true);
    shim.warn('component ' + owner + ' has no template (' + file + ' is not in the project): it renders nothing');
  }
  if (V.files[file] !== undefined) {
    var u = V.unit(file);
    var pending = u === null ? [] : P.ArrayPrototypeSlice(u.imports);
    var visited = [];
    while (pending.length > 0) {
      var imp = pending[pending.length - 1];
      pending.length -= 1;
      if (P.ArrayPrototypeIndexOf(visited, imp.path) >= 0) continue;
      visited[visited.length] = imp.path;
      if (errors[imp.path] !== undefined) throw fault(errors[imp.path]);
      var other = V.unit(imp.path);
      if (other !== null) for (var j = 0; j < other.imports.length; j++) pending[pending.length] = other.imports[j];
    }
  }
  var comps = componentsOf(owner, !first);
  var tags = P.ObjectKeys(comps);
  for (var i = 0; i < tags.length; i++) check(comps[tags[i]], seen);
}

function unitOf(owner) {
  var file = owner + '.swan';
  if (V.files[file] === undefined || errors[file] !== undefined) return null;
  try { return V.unit(file); } catch (e) { return null; }
}

// ------------------------------------------------------------------------------------------------
// SJS and filter modules: each file (and each inline module) runs once, at its first use, with
// only the globals SJS documents: its own module, exports and require (of other .sjs files),
// getDate and getRegExp, and the language's built-ins; swan, the app and the framework's
// globals are hidden from it.
// ------------------------------------------------------------------------------------------------
var DateCtor = Date;
var RegExpCtor = RegExp;
var SyntaxErrorCtor = SyntaxError;
var functionText = P.uncurry(Function.prototype.toString);
var consoleLog = global.console.log; // console.js's, taken before any script can replace it
var sjsConsole = { log: function () { P.apply(consoleLog, null, arguments); } };
// The host defines each module's text as the body of a function before the project's pages
// open (bridge/_view/_templates.py, `wrap_sjs`): its parameters after console are the globals
// SJS hides, which it is never given. A text that does not compile, or that closes its function,
// is not defined: its error comes from the host, and using the module throws it.
var sjsFactories = new P.Map(); // module text -> its function
var sjsErrors = new P.Map(); // module text -> {name, message, location}

P.ObjectDefineProperty(global, '__swan_sjs', {
  value: function (code, length, factory) {
    if (functionText(factory).length !== length) throw new SyntaxErrorCtor("unexpected '}': it closes the function the module is loaded in");
    P.MapPrototypeSet(sjsFactories, code, factory);
  }
});

function getDate() {
  var a = arguments;
  if (a.length === 0) return new DateCtor();
  if (a.length === 1) return new DateCtor(a[0]);
  return new DateCtor(a[0], a[1], a[2] === undefined ? 1 : a[2], a[3] || 0, a[4] || 0, a[5] || 0, a[6] || 0);
}
function getRegExp(pattern, flags) { return new RegExpCtor(pattern, flags); }

function factoryOf(key, code) {
  var fn = P.MapPrototypeGet(sjsFactories, code);
  if (fn !== undefined) return fn;
  var fault = P.MapPrototypeGet(sjsErrors, code);
  if (fault === undefined) throw new P.Error('module ' + key + ' was not defined');
  var e = fault.name === 'SyntaxError' ? new SyntaxErrorCtor(fault.message) : new P.Error(fault.message);
  e.stack = fault.location ? '    at ' + fault.location : '';
  throw e;
}

function runModule(key, code, from) {
  if (own(moduleCache, key)) return moduleCache[key];
  var fn = factoryOf(key, code);
  var module = { exports: {} };
  moduleCache[key] = module.exports; // a cycle sees the partial exports
  var require = function (id) {
    var path = normalize(P.String(id)[0] === '/' ? P.String(id) : dirname(from) + '/' + P.String(id));
    if (!own(moduleSources, path)) throw new P.Error('module "' + id + '" is not defined');
    return runModule(path, moduleSources[path], path);
  };
  P.apply(fn, undefined, [module, module.exports, require, getDate, getRegExp, sjsConsole]);
  moduleCache[key] = module.exports;
  return module.exports;
}

function modulesFor(u) {
  var M = P.ObjectCreate(null);
  if (u === null) return M;
  var decls = V.declsOf(u);
  for (var i = 0; i < decls.length; i++) {
    var d = decls[i];
    try {
      if (d.src !== null) {
        if (!own(moduleSources, d.src)) throw new P.Error('<' + (d.kind === 'filter' ? 'filter' : 'import-sjs') + '> src names no file: ' + d.src + ' (' + d.file + ':' + d.line + ':' + d.col + ')');
        M[d.key] = runModule(d.src, moduleSources[d.src], d.src);
      } else if (typeof d.code === 'string') {
        M[d.key] = runModule(d.key, d.code, d.file);
      }
    } catch (e) {
      if (own(moduleCache, d.src || d.key)) delete moduleCache[d.src || d.key];
      shim.reportError(e, 'sjs ' + (d.src || d.key));
    }
  }
  return M;
}

// ------------------------------------------------------------------------------------------------
// Pages' views
// ------------------------------------------------------------------------------------------------
function post(message) { shim.post(shim.record(message)); }

// A page's view, or the view of a component the test mounted on its own (`component`: its
// slots have no content from a parent, so each shows its own children).
function mountView(owner, path, component) {
  var u = unitOf(path);
  var view = new V.View(u, owner.data, modulesFor(u), undefined, componentsOf(path));
  view.owner = owner;
  view.component = component;
  view.sp.page = owner;
  P.WeakMapPrototypeSet(viewOf, owner, view);
  view.render();
  post({ op: 'view', page: owner.__id, tree: V.nodeJSON(view.root) });
}

function unmount(page) {
  var view = P.WeakMapPrototypeGet(viewOf, page);
  if (view === undefined) return;
  view.sp.dead = true;
  view.forget(view.root);
  runDetached();
  post({ op: 'view', page: page.__id, gone: true });
}

function changed(target, keys) {
  var view = P.WeakMapPrototypeGet(viewOf, target);
  if (view === undefined) view = componentView(target);
  if (view === undefined || keys.length === 0) return;
  var entry = P.MapPrototypeGet(dirtyIndex, view);
  if (entry === undefined) {
    entry = { view: view, paths: [] };
    P.MapPrototypeSet(dirtyIndex, view, entry);
    dirty[dirty.length] = entry;
  }
  for (var i = 0; i < keys.length; i++) entry.paths[entry.paths.length] = keys[i];
  if (!flushQueued) {
    flushQueued = true;
    P.PromisePrototypeThen(P.PromiseResolve(undefined), flush);
  }
}

// Every view touched since the last pass brought up to date; each page's patches posted as one
// message; then the lifetimes this caused (detached, ready of new components).
function flush() {
  flushQueued = false;
  for (var round = 0; round < MAX_ROUNDS && (dirty.length > 0 || readyQueue.length > 0 || detachQueue.length > 0); round++) {
    var batch = dirty;
    dirty = [];
    dirtyIndex = new P.Map();
    var spaces = [];
    for (var i = 0; i < batch.length; i++) {
      var view = batch[i].view;
      if (view.dead || view.sp.dead) continue;
      if (view.sp.out === undefined) { view.sp.out = []; spaces[spaces.length] = view.sp; }
      try {
        view.update(batch[i].paths, view.sp.out);
      } catch (e) {
        shim.reportError(e, 'view');
      }
    }
    for (var j = 0; j < spaces.length; j++) {
      var sp = spaces[j];
      if (sp.out.length > 0 && !sp.dead) post({ op: 'view', page: sp.page.__id, patches: sp.out });
      sp.out = undefined;
    }
    runDetached();
    runReady();
  }
}

function runDetached() {
  while (detachQueue.length > 0) {
    var comp = detachQueue[0];
    P.ArrayPrototypeSplice(detachQueue, 0, 1);
    var at = P.ArrayPrototypeIndexOf(readyQueue, comp);
    if (at >= 0) P.ArrayPrototypeSplice(readyQueue, at, 1);
    fw.detachComponent(comp);
  }
}

function runReady() {
  while (readyQueue.length > 0) {
    var comp = readyQueue[0];
    P.ArrayPrototypeSplice(readyQueue, 0, 1);
    fw.componentLifetime(comp, 'ready');
  }
}

// Components of a page, in document order.
function hostsIn(inst, out) {
  if (inst.comp !== undefined) out[out.length] = inst;
  if (inst.kids) for (var i = 0; i < inst.kids.length; i++) hostsIn(inst.kids[i], out);
  return out;
}

function pageLifetime(page, name) {
  var view = P.WeakMapPrototypeGet(viewOf, page);
  if (view === undefined) return;
  var hosts = hostsIn(view.root, []);
  for (var i = 0; i < hosts.length; i++) fw.componentPageLifetime(hosts[i].comp, name);
}

// The framework's side of the view's custom components (see render.js).
V.setHooks({
  create: function (path, props, host, parentView) {
    var comp;
    try {
      comp = fw.newComponent(path, props);
    } catch (e) {
      shim.reportError(e, 'component ' + path);
      return null;
    }
    P.WeakMapPrototypeSet(hostOf, comp, host);
    var id = host.attrs.id;
    comp.id = id === undefined || id === null ? '' : P.String(id);
    comp.dataset = V.dataset(host);
    fw.componentLifetime(comp, 'attached');
    readyQueue[readyQueue.length] = comp;
    var u = unitOf(path);
    // The component's view is made right after this returns; it is found through its host.
    return { comp: comp, unit: u, M: modulesFor(u), comps: componentsOf(path) };
  },
  props: function (host, props) {
    fw.setProperties(host.comp, props);
  },
  detach: function (host) {
    host.cv.dead = true;
    detachQueue[detachQueue.length] = host.comp;
  }
});

// The view of a placed component is its host's child view (made once `create` returned).
function componentView(comp) {
  var host = P.WeakMapPrototypeGet(hostOf, comp);
  return host === undefined ? undefined : host.cv;
}

// ------------------------------------------------------------------------------------------------
// Handlers: an event's calls, on the page or the component that owns the bound element
// ------------------------------------------------------------------------------------------------
function ownerName(owner) { return owner.route || owner.is || ''; }

function callHandler(owner, handler, event, type) {
  var fn = owner[handler];
  if (typeof fn !== 'function') {
    shim.warn('Component "' + ownerName(owner) + '" does not have a method "' + handler + '" to handle event "' + type + '".');
    return;
  }
  fw.log({ op: 'log', type: 'event', route: ownerName(owner), event: type, handler: handler });
  try {
    P.apply(fn, owner, [event]);
  } catch (e) {
    shim.reportError(e, ownerName(owner) + ' ' + handler);
  }
}

function timeStamp(view) {
  var page = view.sp.page;
  return page && page.__loadedAt !== undefined ? P.MathMax(0, fw.now() - page.__loadedAt) : 0;
}

// Dispatch `type` at element `node` of `view`; returns the number of handlers called.
function fire(view, node, type, detail) {
  var calls = V.dispatch(view, node.id, type, { detail: detail, timeStamp: timeStamp(view) });
  if (calls === null) return 0;
  for (var i = 0; i < calls.length; i++) {
    var owner = calls[i].owner !== undefined && calls[i].owner !== null ? calls[i].owner.owner : null;
    if (owner === null) continue;
    callHandler(owner, calls[i].handler, calls[i].event, type);
  }
  return calls.length;
}

// The event a component's triggerEvent hands its owner, as swan's createEvent builds it: a
// plain-object detail also has its keys at the top (an older form apps still read, as in
// `handler({value})`), and its own type / target / currentTarget win over the generated ones.
function componentEvent(name, detail, info, stamp) {
  var event = {};
  if (P.ObjectPrototypeToString(detail) === '[object Object]') {
    var keys = P.ObjectKeys(detail);
    for (var k = 0; k < keys.length; k++) event[keys[k]] = detail[keys[k]];
  }
  event.type = event.type || name;
  event.detail = detail;
  event.timeStamp = stamp;
  event.currentTarget = event.currentTarget || fw.clone(info);
  event.target = event.target || fw.clone(info);
  return event;
}

function trigger(comp, name, detail) {
  var host = P.WeakMapPrototypeGet(hostOf, comp);
  // (host.cv is made once `attached` has run: an event from `attached` still reaches the parent)
  if (host === undefined || (host.cv !== undefined && host.cv.dead) || host.o.owner === null) return;
  var names = P.ObjectKeys(host.attrs);
  var info = { id: comp.id, dataset: V.dataset(host) };
  for (var i = 0; i < names.length; i++) {
    var b = V.binding(names[i]);
    if (b === null || b.capture || b.type !== name || typeof host.attrs[names[i]] !== 'string') continue;
    callHandler(host.o.owner, host.attrs[names[i]], componentEvent(name, detail, info, timeStamp(host.o)), name);
  }
}

// ------------------------------------------------------------------------------------------------
// selectComponent: `#id`, `.class`, `tag` and their compounds, descendant chains (spaces) and
// lists (commas); from a page, any component of it; from a component, those its template places.
// ------------------------------------------------------------------------------------------------
function compound(text) {
  var m = /^([A-Za-z][\w-]*)?((?:[#.][\w-]+)*)$/.exec(text);
  if (m === null) return null;
  var out = { tag: m[1] || null, id: null, classes: [] };
  var parts = m[2].match(/[#.][\w-]+/g) || [];
  for (var i = 0; i < parts.length; i++) {
    if (parts[i][0] === '#') out.id = P.StringPrototypeSlice(parts[i], 1);
    else out.classes[out.classes.length] = P.StringPrototypeSlice(parts[i], 1);
  }
  return out;
}
function matches(inst, c) {
  if (c.tag !== null && inst.tag !== c.tag) return false;
  if (c.id !== null && P.String(inst.attrs.id) !== c.id) return false;
  var classes = P.StringPrototypeSplit(' ' + P.String(inst.attrs['class'] === undefined ? '' : inst.attrs['class']) + ' ', /\s+/);
  for (var i = 0; i < c.classes.length; i++) if (P.ArrayPrototypeIndexOf(classes, c.classes[i]) < 0) return false;
  return true;
}
function matchesChain(inst, chain) {
  if (!matches(inst, chain[chain.length - 1])) return false;
  var k = chain.length - 2;
  for (var cur = inst.parent; cur !== null && k >= 0; cur = cur.parent) if (cur.k === 'el' && matches(cur, chain[k])) k--;
  return k < 0;
}

function selectComponents(from, selector, all) {
  var view = P.WeakMapPrototypeGet(viewOf, from);
  if (view === undefined) view = componentView(from);
  if (view === undefined) return all ? [] : null;
  var hosts = hostsIn(view.root, []);
  var lists = P.StringPrototypeSplit(P.String(selector), ',');
  var out = [];
  for (var h = 0; h < hosts.length; h++) {
    if (view.host !== null && hosts[h].o !== view) continue;
    for (var l = 0; l < lists.length; l++) {
      var parts = P.StringPrototypeSplit(P.StringPrototypeReplace(lists[l], /^\s+|\s+$/g, ''), /\s+/);
      var chain = [];
      var ok = parts.length > 0;
      for (var p = 0; p < parts.length && ok; p++) { chain[p] = compound(parts[p]); ok = chain[p] !== null; }
      if (ok && matchesChain(hosts[h], chain)) { out[out.length] = hosts[h].comp; break; }
    }
    if (!all && out.length > 0) return out[0];
  }
  return all ? out : null;
}

// ------------------------------------------------------------------------------------------------
// Base components: what a control holds, forms, and the user's actions
// ------------------------------------------------------------------------------------------------
var CONTROLS = { input: 1, textarea: 1, 'switch': 1, slider: 1, picker: 1, 'checkbox-group': 1, 'radio-group': 1 };

function attrFlag(node, name) { return own(node.attrs, name) && V.flag(node.attrs[name]); }

function descendants(inst, out) {
  if (inst.kids) for (var i = 0; i < inst.kids.length; i++) {
    var k = inst.kids[i];
    if (k.k === 'el') out[out.length] = k;
    descendants(k, out);
  }
  return out;
}

function checked(node) { return node.st !== undefined && own(node.st, 'checked') ? node.st.checked : attrFlag(node, 'checked'); }

// The value a control holds now: what the user entered, else what its attributes say.
function valueOf(node) {
  var st = node.st || {};
  switch (node.tag) {
    case 'input': case 'textarea':
      return own(st, 'value') ? st.value : node.attrs.value === undefined || node.attrs.value === null ? '' : P.String(node.attrs.value);
    case 'switch':
      return checked(node);
    case 'slider':
      return own(st, 'value') ? st.value : P.Number(node.attrs.value === undefined ? node.attrs.min || 0 : node.attrs.value);
    case 'picker':
      return own(st, 'value') ? st.value : node.attrs.value;
    case 'checkbox-group': {
      var boxes = descendants(node, []);
      var out = [];
      for (var i = 0; i < boxes.length; i++) if (boxes[i].tag === 'checkbox' && checked(boxes[i])) out[out.length] = valueText(boxes[i]);
      return out;
    }
    case 'radio-group': {
      var radios = descendants(node, []);
      for (var j = 0; j < radios.length; j++) if (radios[j].tag === 'radio' && checked(radios[j])) return valueText(radios[j]);
      return '';
    }
  }
  return undefined;
}
function valueText(node) { return node.attrs.value === undefined || node.attrs.value === null ? '' : P.String(node.attrs.value); }

// A {= =} binding of `attr` on the node: the new value goes back into the owner's data.
function writeBack(node, attr, value) {
  if (node.model === null || node.model === undefined || typeof node.model[attr] !== 'string') return;
  var owner = node.o.owner;
  if (owner === null) return;
  var payload = {};
  payload[node.model[attr]] = value;
  fw.twoWay = true;
  try {
    fw.setData(owner, owner.route !== undefined && P.WeakMapPrototypeGet(hostOf, owner) === undefined ? 'page' : 'component', payload);
  } finally {
    fw.twoWay = false;
  }
}

function setState(node, key, value) {
  if (node.st === undefined) node.st = P.ObjectCreate(null);
  node.st[key] = value;
}

function enclosing(node, tag) {
  for (var cur = node.parent; cur !== null; cur = cur.parent) if (cur.k === 'el' && cur.tag === tag) return cur;
  return null;
}

function formValue(form) {
  var value = {};
  var controls = descendants(form, []);
  for (var i = 0; i < controls.length; i++) {
    var c = controls[i];
    if (CONTROLS[c.tag] !== 1 || c.attrs.name === undefined || c.attrs.name === null || c.attrs.name === '') continue;
    value[P.String(c.attrs.name)] = valueOf(c);
  }
  return value;
}

function submit(view, form, button) {
  var detail = { value: formValue(form), formId: '' };
  if (button !== null) detail.target = V.describe(button);
  fire(view, form, 'submit', detail);
}

function reset(view, form) {
  var controls = descendants(form, []);
  for (var i = 0; i < controls.length; i++) {
    var c = controls[i];
    if (c.st !== undefined) c.st = undefined;
    if ((c.tag === 'input' || c.tag === 'textarea') && c.model && typeof c.model.value === 'string') writeBack(c, 'value', '');
  }
  fire(view, form, 'reset', undefined);
}

function usage(message) { return fw.usageError(message); }

function describeNode(node) { return '<' + node.tag + (node.attrs.id !== undefined ? ' id="' + node.attrs.id + '"' : '') + '>'; }

// A tap, with what the base component the user tapped does after its handlers.
function tap(view, node) {
  var dis = V.disabled(node);
  fire(view, node, 'tap', undefined);
  if (dis) return;
  if (node.tag === 'button') {
    var type = node.attrs['form-type'] !== undefined ? node.attrs['form-type'] : node.attrs.formType;
    if (type === 'submit' || type === 'reset') {
      var form = enclosing(node, 'form');
      if (form !== null) { if (type === 'submit') submit(view, form, node); else reset(view, form); }
    }
    openType(view, node);
  } else if (node.tag === 'navigator') {
    navigator(node);
  } else if (node.tag === 'switch') {
    change(view, node, !checked(node));
  } else if (node.tag === 'checkbox') {
    setState(node, 'checked', !checked(node));
    var group = enclosing(node, 'checkbox-group');
    if (group !== null) fire(view, group, 'change', { value: valueOf(group) });
  } else if (node.tag === 'radio') {
    var rgroup = enclosing(node, 'radio-group');
    if (rgroup !== null && !checked(node)) {
      var radios = descendants(rgroup, []);
      for (var i = 0; i < radios.length; i++) if (radios[i].tag === 'radio') setState(radios[i], 'checked', radios[i] === node);
      fire(view, rgroup, 'change', { value: valueText(node) });
    }
  } else if (node.tag === 'label') {
    var forId = node.attrs['for'];
    var target = null;
    var all = descendants(view.sp.page === undefined ? node : P.WeakMapPrototypeGet(viewOf, view.sp.page).root, []);
    for (var j = 0; j < all.length && forId !== undefined; j++) if (all[j].attrs.id === forId) { target = all[j]; break; }
    if (target === null) {
      var inside = descendants(node, []);
      for (var k = 0; k < inside.length; k++) if (/^(checkbox|radio|switch|button)$/.test(inside[k].tag)) { target = inside[k]; break; }
    }
    if (target !== null && target !== node) tap(view, target);
  }
}

function alive(view, node) { return !view.sp.dead && view.nodes[node.id] === node; }

// What a button's open-type does after its tap handlers (component/formlist_button.md): the
// client asks the user through the matching API, answered as that API is (rt.answer), then the
// button fires its event. getuserinfo's detail is what getUserInfo gives (the docs) with its
// `data` also as `encryptedData` (the 2019 button); a refusal is "<api>:fail auth deny".
function openType(view, node) {
  var type = node.attrs['open-type'];
  if (typeof type !== 'string' || type === '') return;
  function later(event, detail) { if (alive(view, node)) fire(view, node, event, detail); }
  function denied(api, event) { return function () { later(event, { errMsg: api + ':fail auth deny' }); }; }
  function failed(event) { return function (err) { later(event, { errMsg: err.errMsg }); }; }
  switch (type) {
    case 'getUserInfo':
      OPEN.getUserInfo({
        success: function (res) {
          later('getuserinfo', { errMsg: 'getUserInfo:ok', userInfo: res.userInfo, data: res.data, encryptedData: res.data, iv: res.iv });
        },
        fail: denied('getUserInfo', 'getuserinfo')
      });
      break;
    case 'getPhoneNumber':
      OPEN.getPhoneNumber({
        success: function (res) { later('getphonenumber', { errMsg: 'getPhoneNumber:ok', encryptedData: res.encryptedData, iv: res.iv }); },
        fail: denied('getPhoneNumber', 'getphonenumber')
      });
      break;
    case 'openSetting':
      OPEN.openSetting({
        success: function (res) { later('opensetting', { errMsg: 'openSetting:ok', authSetting: res.authSetting }); },
        fail: failed('opensetting')
      });
      break;
    case 'chooseAddress':
      OPEN.chooseAddress({ success: function (res) { later('chooseaddress', res); }, fail: failed('chooseaddress') });
      break;
    case 'contact':
      fire(view, node, 'contact', { errMsg: 'enterContact:ok' });
      break;
    case 'share':
      share(view, node);
      break;
    default:
      shim.warn('button: open-type "' + type + '" is not supported by swan-bridge');
  }
}

// A share button: the page's onShareAppMessage({from: 'button', target}) says what to share,
// and the share panel opens with it (as swan.openShare, so rt.calls("openShare") shows it and
// rt.answer("openShare", {"fail": True}) closes it).
function share(view, node) {
  var page = view.sp.page;
  var content = {};
  if (page !== undefined && page !== null) {
    fw.log({ op: 'log', type: 'lifecycle', target: 'page', route: page.route, hook: 'onShareAppMessage' });
    var fn = page.onShareAppMessage;
    var given;
    if (typeof fn === 'function') {
      try {
        given = P.apply(fn, page, [{ from: 'button', target: V.describe(node) }]);
      } catch (e) {
        shim.reportError(e, page.route + ' onShareAppMessage');
      }
    }
    if (given !== null && typeof given === 'object') {
      var keys = ['title', 'content', 'imageUrl', 'path', 'success', 'fail', 'complete'];
      for (var i = 0; i < keys.length; i++) if (given[keys[i]] !== undefined) content[keys[i]] = given[keys[i]];
    }
  }
  OPEN.openShare(content);
}

function navigator(node) {
  var type = node.attrs['open-type'] === undefined ? 'navigate' : P.String(node.attrs['open-type']);
  if (type === 'exit') return;
  var fn = ROUTE[type];
  if (fn === undefined) { shim.warn('navigator: open-type "' + type + '" is not supported by swan-bridge'); return; }
  if (type === 'navigateBack') {
    var delta = node.attrs.delta === undefined ? 1 : P.Number(node.attrs.delta);
    fn({ delta: delta });
  } else {
    fn({ url: node.attrs.url === undefined ? '' : P.String(node.attrs.url) });
  }
}

// The user sets a control's value (switch: bool, slider: number, picker: index or value,
// checkbox-group / radio-group: values, input / textarea: text).
function change(view, node, value) {
  var tag = node.tag;
  if (V.disabled(node)) return;
  if (tag === 'switch' || tag === 'checkbox') {
    var on = value === true || value === 'true';
    setState(node, 'checked', on);
    writeBack(node, 'checked', on);
    fire(view, node, 'change', { checked: on });
  } else if (tag === 'slider') {
    var n = P.Number(value);
    setState(node, 'value', n);
    writeBack(node, 'value', n);
    fire(view, node, 'change', { value: n });
  } else if (tag === 'picker') {
    var mode = node.attrs.mode === undefined ? 'selector' : node.attrs.mode;
    var v = mode === 'selector' && typeof value === 'string' && /^\d+$/.test(value) ? P.Number(value) : value;
    setState(node, 'value', v);
    writeBack(node, 'value', v);
    fire(view, node, 'change', { value: v });
  } else if (tag === 'checkbox-group' || tag === 'radio-group') {
    var wanted = P.ArrayIsArray(value) ? value : [value];
    var texts = [];
    for (var w = 0; w < wanted.length; w++) texts[w] = P.String(wanted[w]);
    var boxes = descendants(node, []);
    var kind = tag === 'checkbox-group' ? 'checkbox' : 'radio';
    for (var i = 0; i < boxes.length; i++) if (boxes[i].tag === kind) setState(boxes[i], 'checked', P.ArrayPrototypeIndexOf(texts, valueText(boxes[i])) >= 0);
    fire(view, node, 'change', { value: valueOf(node) });
  } else if (tag === 'input' || tag === 'textarea') {
    var text = P.String(value);
    setState(node, 'value', text);
    writeBack(node, 'value', text);
    fire(view, node, 'change', { value: text, cursor: text.length, keyCode: 0 });
  } else if (tag === 'swiper') {
    swipe(view, node, value, 'touch');
  } else {
    fire(view, node, 'change', { value: value });
  }
}

function input(view, node, text) {
  if (node.tag !== 'input' && node.tag !== 'textarea') throw usage('input() needs an <input> or a <textarea>, not ' + describeNode(node));
  if (V.disabled(node)) return;
  text = P.String(text);
  setState(node, 'value', text);
  writeBack(node, 'value', text);
  var detail = { value: text, cursor: text.length, keyCode: 0 };
  fire(view, node, 'input', detail);
  fire(view, node, 'change', fw.clone(detail));
}

var SCROLL_DETAIL = { scrollLeft: 0, scrollTop: 0, scrollHeight: 0, scrollWidth: 0, deltaX: 0, deltaY: 0 };

// A scroll-view scrolled by the test: its offset is kept (SelectorQuery's scrollOffset reads it),
// then `scroll` with the client's detail; scrollHeight and scrollWidth come from its rect.
function scroll(view, node, top, left) {
  if (node.tag !== 'scroll-view') throw usage('scroll() needs a <scroll-view>, not ' + describeNode(node));
  var before = V.scrollOf(node);
  var now = { scrollTop: top === null || top === undefined ? before.scrollTop : P.Number(top),
    scrollLeft: left === null || left === undefined ? before.scrollLeft : P.Number(left) };
  node.scrolled = now;
  var rect = V.rectOf(node);
  fire(view, node, 'scroll', { scrollLeft: now.scrollLeft, scrollTop: now.scrollTop, scrollHeight: rect.height, scrollWidth: rect.width,
    deltaX: now.scrollLeft - before.scrollLeft, deltaY: now.scrollTop - before.scrollTop });
}

// A swiper moved to item `index` (component/view_swiper.md): `change`, then `animationfinish`,
// both with {current, currentItemId, source}; currentItemId is the swiper-item's item-id.
function swipe(view, node, index, source) {
  if (node.tag !== 'swiper') throw usage('swipe_to() needs a <swiper>, not ' + describeNode(node));
  var current = P.Number(index);
  var items = [];
  var all = descendants(node, []);
  for (var i = 0; i < all.length; i++) if (all[i].tag === 'swiper-item' && enclosing(all[i], 'swiper') === node) items[items.length] = all[i];
  if (!(current >= 0 && current < items.length && current === P.MathFloor(current))) {
    throw usage('swipe_to(' + index + '): the swiper has ' + items.length + ' swiper-item elements');
  }
  var itemId = items[current].attrs['item-id'];
  var detail = { current: current, currentItemId: itemId === undefined || itemId === null ? '' : P.String(itemId), source: P.String(source) };
  setState(node, 'current', current);
  fire(view, node, 'change', detail);
  if (alive(view, node)) fire(view, node, 'animationfinish', fw.clone(detail));
}

function image(view, node, action, c) {
  if (node.tag !== 'image') throw usage(action + '() needs an <image>, not ' + describeNode(node));
  if (action === 'load') fire(view, node, 'load', { width: P.Number(c.width), height: P.Number(c.height) });
  else fire(view, node, 'error', { errMsg: P.String(c.message) });
}

commands.viewAction = function (c) {
  var page = fw.instance(c.target);
  var view = P.WeakMapPrototypeGet(viewOf, page);
  if (view === undefined) throw usage(ownerName(page) + ' has no view');
  flush();
  var node = view.nodes[c.node];
  if (node === undefined || node.k !== 'el') throw usage('this element is no longer in the view of ' + page.route);
  switch (c.action) {
    case 'tap': tap(view, node); break;
    case 'longpress': fire(view, node, 'longpress', undefined); break;
    case 'input': input(view, node, c.value); break;
    case 'change': change(view, node, c.value); break;
    case 'submit':
      if (node.tag !== 'form') throw usage('submit() needs a <form>, not ' + describeNode(node));
      submit(view, node, null);
      break;
    case 'reset':
      if (node.tag !== 'form') throw usage('reset() needs a <form>, not ' + describeNode(node));
      reset(view, node);
      break;
    case 'scrollToLower': fire(view, node, 'scrolltolower', fw.clone(SCROLL_DETAIL)); break;
    case 'scrollToUpper': fire(view, node, 'scrolltoupper', fw.clone(SCROLL_DETAIL)); break;
    case 'scroll': scroll(view, node, c.top, c.left); break;
    case 'swipe': swipe(view, node, c.index, c.source); break;
    case 'load': case 'loadError': image(view, node, c.action === 'load' ? 'load' : 'load_error', c); break;
    case 'setRect': V.setRect(node, c.rect); break;
    case 'intersect': fw.queries.intersect(node, c.ratio); break;
    case 'trigger': fire(view, node, P.String(c.type), c.detail === null ? undefined : c.detail); break;
    default: throw usage('unknown view action ' + c.action);
  }
  return null;
};

fw.views = {
  check: function (route) { check(route); },
  mount: function (page) { mountView(page, page.route, false); },
  mountAlone: function (comp, path) { mountView(comp, path, true); },
  unmount: unmount,
  changed: function (target, keys) { changed(target, keys); },
  settle: flush,
  pageLifetime: pageLifetime,
  trigger: trigger,
  selectComponents: selectComponents,
  viewOf: function (target) {
    var view = P.WeakMapPrototypeGet(viewOf, target);
    return view === undefined ? componentView(target) : view;
  }
};
