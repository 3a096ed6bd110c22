/*
 * modules.js: CommonJS modules of a mini-program, as the swan client loads them.
 *
 * The host evaluates every .js file of the project once, wrapped in
 * __swan_define(path, length, function (require, module, exports, define, swan, getApp, App,
 * Page, Component, Behavior, getCurrentPages) { ... }); a module's body runs at its first require
 * and is cached. `length` is the length the function's source text has when the module's text is
 * its whole body: a text that closes the function early (`}); ...; (function () {`) makes it
 * shorter, and the definition throws a SyntaxError before the rest of its script runs. For a
 * file the host could not read, `length` is the error ({name, message, location}) instead. Ids are resolved relative to the requiring file ("/x" from the project root),
 * ".js" is optional, cycles return the partial exports as in Node, and a path that leaves the
 * project fails. Error texts follow the client: "require args must be a string",
 * 'module "<id>" is not defined'.
 */
var P = shim.P;
var factories = new P.Map(); // "utils/util.js" -> factory
var cache = new P.Map(); // "utils/util.js" -> module
var loadErrors = new P.Map(); // path -> error describing why the file did not load

function normalize(parts) {
  var out = [];
  for (var i = 0; i < parts.length; i++) {
    var part = parts[i];
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null; // outside the project
      out.length = out.length - 1;
    } else {
      out[out.length] = part;
    }
  }
  return P.ArrayPrototypeJoin(out, '/');
}

function dirname(path) {
  var parts = P.StringPrototypeSplit(path, '/');
  parts.length = parts.length - 1;
  return P.ArrayPrototypeJoin(parts, '/');
}

function withJs(path) {
  return P.StringPrototypeSlice(path, -3) === '.js' ? path : path + '.js';
}

// The module path an id names from `fromDir`, or null when it leaves the project.
function resolve(id, fromDir) {
  if (id[0] === '/') return normalize(P.StringPrototypeSplit(withJs(id), '/'));
  return normalize(P.StringPrototypeSplit((fromDir ? fromDir + '/' : '') + withJs(id), '/'));
}

function moduleError(message) {
  var e = new P.Error(message);
  return e;
}

function makeRequire(fromPath) {
  var fromDir = dirname(fromPath);
  return function require(id) {
    if (typeof id !== 'string') throw moduleError('require args must be a string');
    var path = resolve(id, fromDir);
    if (path === null) throw moduleError('module "' + id + '" is outside the project (required from ' + fromPath + ')');
    if (!P.MapPrototypeHas(factories, path) && id[0] !== '.' && id[0] !== '/') {
      // The client's "normal" compile mode also takes `util/a.js` from the project root.
      var rooted = resolve('/' + id, '');
      if (rooted !== null && P.MapPrototypeHas(factories, rooted)) path = rooted;
    }
    return load(path, id);
  };
}

var failedHooks = []; // told when a module's body threw

function load(path, id) {
  var cached = P.MapPrototypeGet(cache, path);
  if (cached !== undefined) return cached.exports;
  var failed = P.MapPrototypeGet(loadErrors, path);
  if (failed !== undefined) {
    var e = moduleError('module "' + (id || path) + '" failed to load: ' + failed.message);
    if (failed.location) e.stack = '    at ' + failed.location; // the file's own line, not the loader's
    P.ObjectDefineProperty(e, 'reported', { value: true }); // reported when the runtime started
    throw e;
  }
  var factory = P.MapPrototypeGet(factories, path);
  if (factory === undefined) throw moduleError('module "' + (id || path) + '" is not defined');
  var module = { exports: {}, id: path };
  P.MapPrototypeSet(cache, path, module);
  var previous = shim.currentModule;
  shim.currentModule = path;
  try {
    var fw = shim.framework;
    factory.call(module.exports, makeRequire(path), module, module.exports, undefined, shim.swan, fw.getApp,
      fw.App, fw.Page, fw.Component, fw.Behavior, fw.getCurrentPages);
  } catch (e) {
    P.MapPrototypeDelete(cache, path); // a module that threw is not cached, as in Node
    for (var i = 0; i < failedHooks.length; i++) failedHooks[i](path);
    throw e;
  } finally {
    shim.currentModule = previous;
  }
  return module.exports;
}

shim.modules = {
  has: function (path) { return P.MapPrototypeHas(factories, path) || P.MapPrototypeHas(loadErrors, path); },
  load: load,
  loaded: function (path) { return P.MapPrototypeHas(cache, path); },
  onFailed: function (fn) { failedHooks[failedHooks.length] = fn; }
};
shim.currentModule = null;

var functionText = P.uncurry(Function.prototype.toString);
var SyntaxErrorCtor = SyntaxError;

// An error as the host reports a file's fault: `location` (file:line:col) as its only frame.
function fileError(name, message, location) {
  var e = name === 'SyntaxError' ? new SyntaxErrorCtor(message) : new P.Error(message);
  e.stack = location ? '    at ' + location : '';
  return e;
}

// The module's text closed its function: where that '}' is (the source's line 1 is the line
// after the function's head).
function escapeError(path, text) {
  var line = 0;
  var lineStart = 0;
  for (var at = P.StringPrototypeIndexOf(text, '\n'); at !== -1; at = P.StringPrototypeIndexOf(text, '\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return fileError('SyntaxError', "unexpected '}': it closes the function the module is loaded in",
    path + ':' + line + ':' + (text.length - lineStart));
}

P.ObjectDefineProperty(global, '__swan_define', {
  value: function (path, length, factory) {
    if (typeof length !== 'number') throw fileError(length.name, length.message, length.location);
    var text = functionText(factory);
    if (text.length !== length) throw escapeError(path, text);
    P.MapPrototypeSet(factories, path, factory);
  }
});

// The host could not evaluate a file (a syntax error): requiring it says so.
shim.onConfigure(function (c) {
  if (c.moduleErrors !== undefined) {
    var paths = P.ObjectKeys(c.moduleErrors);
    for (var i = 0; i < paths.length; i++) P.MapPrototypeSet(loadErrors, paths[i], c.moduleErrors[paths[i]]);
  }
});
