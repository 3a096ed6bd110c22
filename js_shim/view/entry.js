/*
 * view/entry.js: the view's host entry point, `__swan_view(json) -> json`. Every answer is
 * {ok: true, ...} or {ok: false, error: {message, file?, line?, col?}}; nothing is thrown out.
 *
 * Commands:
 *   {op: "define", files: {path: tree}}                    parsed .swan trees (bridge/_view)
 *   {op: "mount", file, data, modules?: {name: source}}    -> {view, tree, modules: [decl]}
 *   {op: "update", view, paths: ["list[3].name"]}          -> {patches}  (data changed in JS)
 *   {op: "setData", view, set: {path: value}}              -> {patches}  (as setData: set, then update)
 *   {op: "dispatch", view, id, type, x?, y?, timeStamp?, detail?}  -> {calls}
 *   {op: "tree", view}                                     -> {tree}
 *   {op: "unmount", view}
 *
 * SJS and filter modules: an object given in JS (`V.mount(..., {modules: {name: object}})`), or
 * source text given by the host, or the inline code of the template, run as a CommonJS body
 * (`module.exports` or `export default`). Running them isolated, with only the globals SJS
 * documents, belongs to the framework.
 */
var P = shim.P;
var V = shim.view;
var FunctionCtor = Function;
var views = P.ObjectCreate(null);
var nextView = 1;

function loadModule(code) {
  var module = { exports: {} };
  var body = P.StringPrototypeReplace(code, /(^|[;\s])export\s+default\s/, '$1module.exports = ');
  var fn = new FunctionCtor('module', 'exports', 'require', "'use strict';" + body + '\n');
  fn(module, module.exports, function (id) { throw new P.Error('require("' + id + '") is not available to this module in swan-bridge yet'); });
  return module.exports;
}
V.loadModule = loadModule;

// Every module declaration a unit can reach: its own, its includes', its imports'.
function declsOf(u, out, seen) {
  if (P.ArrayPrototypeIndexOf(seen, u.path) >= 0) return out;
  seen[seen.length] = u.path;
  for (var i = 0; i < u.decls.length; i++) out[out.length] = u.decls[i];
  for (var j = 0; j < u.imports.length; j++) {
    var other = V.unit(u.imports[j].path);
    if (other !== null) declsOf(other, out, seen);
  }
  return out;
}

V.declsOf = function (u) { return declsOf(u, [], []); };

// Render `file` from `data` (a live object: the view reads it at every update).
V.mount = function (file, data, options) {
  options = options || {};
  var u = V.unit(file);
  if (u === null) throw new V.TemplateFault('no template file ' + file, { file: file, line: 0, col: 0 });
  var given = options.modules || {};
  var sources = options.moduleSources || {};
  var decls = declsOf(u, [], []);
  var M = P.ObjectCreate(null);
  for (var i = 0; i < decls.length; i++) {
    var d = decls[i];
    if (P.ObjectPrototypeHasOwnProperty(given, d.key)) M[d.key] = given[d.key];
    else if (P.ObjectPrototypeHasOwnProperty(given, d.name)) M[d.key] = given[d.name];
    else {
      var code = P.ObjectPrototypeHasOwnProperty(sources, d.key) ? sources[d.key] : P.ObjectPrototypeHasOwnProperty(sources, d.name) ? sources[d.name] : d.code;
      if (typeof code === 'string') {
        try { M[d.key] = loadModule(code); } catch (e) { shim.reportError(e, 'view'); }
      }
    }
  }
  var view = new V.View(u, data, M);
  view.decls = decls;
  view.render();
  return view;
};

function fail(e) {
  if (e instanceof V.TemplateFault) return { ok: false, error: { message: e.message, file: e.file, line: e.line, col: e.col, template: true } };
  var d = shim.describeError(e);
  return { ok: false, error: { message: d.message, stack: d.stack } };
}

// Own properties only, as the app's setData (app/framework.js, setPath).
function setPath(data, path, value) {
  var keys = V.splitPath(path);
  var node = data;
  for (var i = 0; i < keys.length - 1; i++) {
    var next = P.ObjectPrototypeHasOwnProperty(node, keys[i]) ? node[keys[i]] : undefined;
    if (next === null || typeof next !== 'object') next = shim.putOwn(node, keys[i], {});
    node = next;
  }
  shim.putOwn(node, keys[keys.length - 1], value);
}

function viewOf(cmd) {
  var view = views[cmd.view];
  if (view === undefined) throw new P.Error('no view ' + cmd.view);
  return view;
}

function run(cmd) {
  switch (cmd.op) {
    case 'define': {
      var names = P.ObjectKeys(cmd.files);
      for (var i = 0; i < names.length; i++) V.define(names[i], cmd.files[names[i]]);
      return { ok: true };
    }
    case 'mount': {
      var data = cmd.data !== null && typeof cmd.data === 'object' ? cmd.data : {};
      var view = V.mount(cmd.file, data, { moduleSources: cmd.modules || {} });
      var id = nextView++;
      views[id] = view;
      var decls = [];
      for (var j = 0; j < view.decls.length; j++) {
        var d = view.decls[j];
        decls[j] = { key: d.key, name: d.name, kind: d.kind, file: d.file, src: d.src, line: d.line, col: d.col };
      }
      return { ok: true, view: id, tree: V.nodeJSON(view.root), modules: decls };
    }
    case 'update':
      return { ok: true, patches: viewOf(cmd).update(cmd.paths) };
    case 'setData': {
      var v = viewOf(cmd);
      var paths = P.ObjectKeys(cmd.set);
      for (var k = 0; k < paths.length; k++) setPath(v.data, paths[k], cmd.set[paths[k]]);
      return { ok: true, patches: v.update(paths) };
    }
    case 'dispatch': {
      var calls = V.dispatch(viewOf(cmd), cmd.id, cmd.type, cmd);
      if (calls === null) return { ok: false, error: { message: 'node ' + cmd.id + ' is not in the view' } };
      return { ok: true, calls: calls };
    }
    case 'tree':
      return { ok: true, tree: V.nodeJSON(viewOf(cmd).root) };
    case 'unmount':
      delete views[cmd.view];
      return { ok: true };
  }
  return { ok: false, error: { message: 'unknown view command ' + P.String(cmd.op) } };
}

shim.entry('view', function (text) {
  var answer;
  try {
    answer = run(P.JSONParse(text));
  } catch (e) {
    answer = fail(e);
  }
  try {
    return P.JSONStringify(answer);
  } catch (e2) {
    return P.JSONStringify(fail(e2));
  }
});
