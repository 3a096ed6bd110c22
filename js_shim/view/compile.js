/*
 * view/compile.js: a parsed .swan file (the host's tree, see bridge/_view/_parse.py) compiled
 * into a render program.
 *
 * Compiled nodes: {k: 'el', tag, attrs, kids} | {k: 'text', b | value} | {k: 'if', branches:
 * [{b | null, node}]} | {k: 'for', list, item, index, key, body, path} | {k: 'frag', kids} |
 * {k: 'tpl', is, data, unit}. Every node carries `d`, the data its subtree reads ({r, p, v}: a
 * root name, the static keys read below it, whether the root is a loop name), so an update can
 * skip what a change cannot reach.
 *
 * Files are units: {path, modules (name -> key), decls (module declarations), imports,
 * templates (name -> compiled body), root}. `<import>` is transitive, `<include>` is spliced in
 * at compile time and evaluated in the includer's scope (without the included file's template
 * definitions), and a `<template name>` sees only its `data` and the modules of its own file.
 */
var P = shim.P;
var V = shim.view;
var files = P.ObjectCreate(null); // path -> parsed tree (from the host)
var units = P.ObjectCreate(null); // path -> compiled unit
V.files = files;
V.units = units;
V.broken = P.ObjectCreate(null); // path -> the error of a template file that is there but cannot be used (app/views.js)

// Why `path`, named by <import> or <include>, cannot be used (null: it can).
function missing(path) {
  if (files[path] !== undefined) return null;
  var broken = V.broken[path];
  return broken !== undefined ? 'names a template file that cannot be used (' + broken.message + '): ' + path
    : 'names a template file that does not exist: ' + path;
}

var DIRECTIVES = { 's-if': 1, 's-elif': 1, 's-else-if': 1, 's-else': 1, 's-for': 1, 's-for-item': 1, 's-for-index': 1, 's-key': 1 };
var SKIPPED = { 'import-sjs': 1, filter: 1, import: 1 };

// `tree` is a parsed tree, or its JSON text (parsed at its first use); `warnings` are those of
// a tree given as text.
function define(path, tree, warnings) {
  files[normalize(path)] = tree;
  // What the parser let pass as the client's parser does (an element still open at the end).
  warnings = (typeof tree === 'string' ? warnings : tree.warnings) || [];
  for (var w = 0; w < warnings.length; w++) shim.warn(path + ':' + warnings[w].line + ':' + warnings[w].col + ': ' + warnings[w].message);
  // A new or changed file may change every unit that includes or imports it.
  var keys = P.ObjectKeys(units);
  for (var i = 0; i < keys.length; i++) delete units[keys[i]];
}
V.define = define;

function treeOf(path) {
  var tree = files[path];
  if (typeof tree === 'string') tree = files[path] = P.JSONParse(tree);
  return tree;
}

function normalize(path) {
  var parts = P.StringPrototypeSplit(path, '/');
  var out = [];
  for (var i = 0; i < parts.length; i++) {
    var p = parts[i];
    if (p === '' || p === '.') continue;
    if (p === '..') { if (out.length > 0) out.length -= 1; continue; }
    out[out.length] = p;
  }
  return P.ArrayPrototypeJoin(out, '/');
}
V.normalizePath = normalize; // "a/./b/../c" -> "a/c"; also the framework's, for component paths

// `src` of an import or include: from the project root when it starts with "/", else from the
// file's folder; ".swan" may be left out.
function resolve(from, src) {
  var base = dirname(from);
  var path = normalize(src[0] === '/' ? src : base + '/' + src);
  if (!/\.swan$/.test(path)) path += '.swan';
  return path;
}
V.resolve = resolve;

function dirname(path) { return P.StringPrototypeReplace(path, /\/?[^\/]*$/, ''); }
function plus(list, value) { var out = P.ArrayPrototypeSlice(list); out[out.length] = value; return out; }

function attrOf(node, name) {
  for (var i = 0; i < node.attrs.length; i++) if (node.attrs[i].name === name) return node.attrs[i];
  return null;
}
function where(unit, node) { return { file: unit.path, line: node.line, col: node.col }; }
function valueBase(unit, attr) {
  return attr.vline !== undefined ? { file: unit.path, line: attr.vline, col: attr.vcol } : { file: unit.path, line: attr.line, col: attr.col };
}
function fault(message, w) { throw new V.TemplateFault(message, w); }

// ------------------------------------------------------------------------------------------------
// Units
// ------------------------------------------------------------------------------------------------
function unit(path, stack) {
  if (units[path] !== undefined) return units[path];
  var tree = treeOf(path);
  if (tree === undefined) return null;
  stack = stack || [];
  if (P.ArrayPrototypeIndexOf(stack, path) >= 0) return null;
  var u = { path: path, modules: P.ObjectCreate(null), decls: [], imports: [], templates: P.ObjectCreate(null), root: null };
  units[path] = u;
  collect(u, tree);
  var scope = { loops: P.ObjectCreate(null), modules: u.modules };
  var outer = elements;
  var outerTerms = V.countTerms(0);
  elements = 0;
  try {
    u.root = compileKids(u, tree.children, scope, true, plus(stack, path));
  } finally {
    elements = outer;
    V.countTerms(outerTerms);
  }
  return u;
}

// Elements compiled into the unit being compiled, its <include>s spliced in: past
// limits.templateElements, a file that includes others again and again (each level several
// times over) is a template error of its page, before it takes the load's time and memory.
var ELEMENTS = shim.spec.limits.templateElements;
var elements = 0;
V.unit = function (path) { return unit(normalize(path)); };

// First pass: module declarations (anywhere in the file) and imports.
function collect(u, node) {
  for (var i = 0; i < node.children.length; i++) {
    var c = node.children[i];
    if (c.type !== 'element') continue;
    if (c.tag === 'import-sjs' || c.tag === 'filter') {
      var m = attrOf(c, 'module');
      if (m === null || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(m.value || '')) fault('<' + c.tag + '> needs a module="name" (a letter or _, then letters, digits, _)', where(u, c));
      var src = attrOf(c, 'src');
      var code = c.children.length > 0 ? c.children[0].value : '';
      var key = u.path + '#' + m.value;
      u.modules[m.value] = key; // a later declaration of the same name wins
      u.decls[u.decls.length] = { key: key, name: m.value, kind: c.tag === 'filter' ? 'filter' : 'sjs', file: u.path,
        src: src && src.value ? resolveModule(u.path, src.value) : null, code: src && src.value ? null : code, line: c.line, col: c.col };
    } else if (c.tag === 'import') {
      var s = attrOf(c, 'src');
      if (s === null || !s.value) fault('<import> needs a src', where(u, c));
      var imported = resolve(u.path, s.value);
      var why = missing(imported);
      if (why !== null) fault('<import> ' + why, where(u, c));
      u.imports[u.imports.length] = { path: imported, at: where(u, c) };
    } else {
      collect(u, c);
    }
  }
}

function resolveModule(from, src) {
  var base = dirname(from);
  return normalize(src[0] === '/' ? src : base + '/' + src);
}

// The template `name` as seen from unit `u`: its own first, then what its imports see.
function findTemplate(u, name, seen) {
  if (u.templates[name] !== undefined) return u.templates[name];
  seen = seen || [];
  if (P.ArrayPrototypeIndexOf(seen, u.path) >= 0) return null;
  seen[seen.length] = u.path;
  for (var i = u.imports.length - 1; i >= 0; i--) {
    var other = unit(u.imports[i].path);
    if (other === null) continue;
    var t = findTemplate(other, name, seen);
    if (t !== null) return t;
  }
  return null;
}
V.findTemplate = findTemplate;

// ------------------------------------------------------------------------------------------------
// Nodes
// ------------------------------------------------------------------------------------------------
function isBlank(text) { return /^\s*$/.test(text); }

function compileKids(u, nodes, scope, top, stack) {
  var out = [];
  var lastIf = null; // the open if-chain, while only text follows it
  for (var i = 0; i < nodes.length; i++) {
    var n = nodes[i];
    if (n.type === 'text') {
      if (isBlank(n.value)) continue;
      var parts = V.parseText(n.value, where(u, n));
      if (parts.length === 1 && parts[0].s !== undefined) out[out.length] = { k: 'text', value: parts[0].s, d: [] };
      else { var b = V.compileParts(parts, scope, false); out[out.length] = { k: 'text', b: b, d: b.deps }; }
      continue;
    }
    var elif = attrOf(n, 's-elif') || attrOf(n, 's-else-if');
    var els = attrOf(n, 's-else');
    if (elif !== null || els !== null) {
      if (lastIf === null) fault((elif ? elif.name : 's-else') + ' has no s-if before it', where(u, n));
      // San drops the text between the branches of one chain.
      while (out[out.length - 1] !== lastIf) out.length -= 1;
      var cond = elif !== null ? condition(u, elif, scope) : null;
      var branch = compileWithFor(u, n, scope, stack);
      lastIf.branches[lastIf.branches.length] = { b: cond, node: branch };
      merge(lastIf.d, branch.d);
      if (cond !== null) merge(lastIf.d, cond.deps);
      if (els !== null) lastIf = null;
      continue;
    }
    lastIf = null;
    var compiled = compileNode(u, n, scope, top, stack);
    if (compiled === null) continue;
    if (compiled.k === 'splice') { for (var j = 0; j < compiled.kids.length; j++) out[out.length] = compiled.kids[j]; continue; }
    out[out.length] = compiled;
    if (compiled.k === 'if') lastIf = compiled;
  }
  return out;
}

function merge(into, deps) {
  for (var i = 0; i < deps.length; i++) into[into.length] = deps[i];
  return into;
}
function kidsDeps(kids) {
  var d = [];
  for (var i = 0; i < kids.length; i++) merge(d, kids[i].d);
  return d;
}

function stripBraces(value) {
  var m = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(value);
  return m === null ? { text: value, shift: 0 } : { text: m[1], shift: P.StringPrototypeIndexOf(value, '{{') + 2 };
}

function condition(u, attr, scope) {
  if (attr.value === null || isBlank(attr.value)) fault(attr.name + ' needs a condition', { file: u.path, line: attr.line, col: attr.col });
  var s = stripBraces(attr.value);
  var base = V.at(valueBase(u, attr), attr.value, s.shift);
  return V.compileExpr(V.parseExpr(s.text, base), scope);
}

function compileNode(u, n, scope, top, stack) {
  if (SKIPPED[n.tag] === 1) return null;
  if (++elements > ELEMENTS) fault('the template has more than ' + ELEMENTS + ' elements once its <include>s are spliced in', where(u, n));
  if (n.tag === 'template' && attrOf(n, 'name') !== null) {
    if (top) {
      var name = attrOf(n, 'name').value;
      var tscope = { loops: P.ObjectCreate(null), modules: u.modules };
      u.templates[name] = { name: name, unit: u.path, kids: compileKids(u, n.children, tscope, false, stack) };
    }
    return null;
  }
  if (n.tag === 'include') {
    var src = attrOf(n, 'src');
    if (src === null || !src.value) fault('<include> needs a src', where(u, n));
    var path = resolve(u.path, src.value);
    if (P.ArrayPrototypeIndexOf(stack, path) >= 0) fault('<include> of ' + path + ' includes itself', where(u, n));
    var absent = missing(path);
    if (absent !== null) fault('<include> ' + absent, where(u, n));
    var tree = treeOf(path);
    var inc = { path: path, modules: P.ObjectCreate(null), decls: [], imports: [], templates: P.ObjectCreate(null) };
    collect(inc, tree);
    var mods = P.ObjectCreate(null);
    var k;
    var keys = P.ObjectKeys(inc.modules);
    for (k = 0; k < keys.length; k++) mods[keys[k]] = inc.modules[keys[k]];
    keys = P.ObjectKeys(scope.modules);
    for (k = 0; k < keys.length; k++) mods[keys[k]] = scope.modules[keys[k]];
    for (k = 0; k < inc.decls.length; k++) u.decls[u.decls.length] = inc.decls[k];
    var kids = compileKids(inc, tree.children, { loops: scope.loops, modules: mods }, false, plus(stack, path));
    if (attrOf(n, 's-if') !== null || attrOf(n, 's-for') !== null) {
      var frag = { k: 'frag', kids: kids, d: kidsDeps(kids) };
      return wrapDirectives(u, n, scope, function () { return frag; });
    }
    return { k: 'splice', kids: kids };
  }
  return compileWithIf(u, n, scope, stack);
}

// s-if outside s-for, as San nests them: the condition is read once, outside the loop.
function compileWithIf(u, n, scope, stack) {
  return wrapDirectives(u, n, scope, function (inner) { return compileBare(u, n, inner, stack); });
}

function compileWithFor(u, n, scope, stack) {
  return forNode(u, n, scope, function (inner) { return compileBare(u, n, inner, stack); });
}

function wrapDirectives(u, n, scope, body) {
  var ifAttr = attrOf(n, 's-if');
  var inner = forNode(u, n, scope, body);
  if (ifAttr === null) return inner;
  var cond = condition(u, ifAttr, scope);
  return { k: 'if', branches: [{ b: cond, node: inner }], d: merge(P.ArrayPrototypeSlice(cond.deps), inner.d) };
}

var FOR_SYNTAX = /^\s*([A-Za-z_$][\w$]*)(?:\s*,\s*([A-Za-z_$][\w$]*))?\s+in\s+([\s\S]+)$/;

function forNode(u, n, scope, body) {
  var attr = attrOf(n, 's-for');
  if (attr === null) return body(scope);
  if (attr.value === null || isBlank(attr.value)) fault('s-for needs a list', { file: u.path, line: attr.line, col: attr.col });
  var stripped = stripBraces(attr.value);
  var text = stripped.text;
  var item = 'item';
  var index = 'index';
  var itemAttr = attrOf(n, 's-for-item');
  var indexAttr = attrOf(n, 's-for-index');
  if (itemAttr !== null && itemAttr.value) item = P.StringPrototypeReplace(itemAttr.value, /^\s+|\s+$/g, '');
  if (indexAttr !== null && indexAttr.value) index = P.StringPrototypeReplace(indexAttr.value, /^\s+|\s+$/g, '');
  var m = FOR_SYNTAX.exec(text);
  var listText = text;
  if (m !== null) { item = m[1]; if (m[2] !== undefined) index = m[2]; listText = m[3]; }
  var trackBy = null;
  var t = /^([\s\S]*?)\s+trackBy\s+([\s\S]+)$/.exec(listText);
  if (t !== null) { listText = t[1]; trackBy = t[2]; }
  var offset = stripped.shift + P.MathMax(0, P.StringPrototypeIndexOf(text, listText));
  var base = V.at(valueBase(u, attr), attr.value, offset);
  var listExpr = V.parseExpr(listText, base);
  var list = V.compileExpr(listExpr, scope);
  var loops = P.ObjectCreate(null);
  var names = P.ObjectKeys(scope.loops);
  for (var i = 0; i < names.length; i++) loops[names[i]] = true;
  loops[item] = true;
  loops[index] = true;
  var inner = { loops: loops, modules: scope.modules };
  var key = null;
  var keyAttr = attrOf(n, 's-key');
  if (trackBy !== null) {
    key = V.compileExpr(V.parseExpr(trackBy, V.at(valueBase(u, attr), attr.value, P.StringPrototypeIndexOf(attr.value, trackBy))), inner);
  } else if (keyAttr !== null && keyAttr.value) {
    var kv = P.StringPrototypeReplace(keyAttr.value, /^\s+|\s+$/g, '');
    if (kv === '*this') key = V.compileExpr({ t: 'path', root: item, segs: [] }, inner);
    else if (P.StringPrototypeIndexOf(kv, '{{') >= 0) key = V.compileParts(V.parseText(kv, valueBase(u, keyAttr)), inner, true);
    else key = V.compileExpr(V.parseExpr(item + '.' + kv, valueBase(u, keyAttr)), inner);
  }
  var node = body(inner);
  var path = null;
  if (listExpr.t === 'path' && !(P.ObjectPrototypeHasOwnProperty(scope.modules, listExpr.root) && !scope.loops[listExpr.root])) {
    var p = [];
    for (var j = 0; j < listExpr.segs.length && listExpr.segs[j].t === 'lit'; j++) p[p.length] = P.String(listExpr.segs[j].v);
    if (j === listExpr.segs.length) path = { r: listExpr.root, p: p, v: scope.loops[listExpr.root] === true };
  }
  // What the rows read besides their own item and index.
  var outer = [];
  var bodyDeps = node.d;
  if (key !== null) bodyDeps = merge(P.ArrayPrototypeSlice(bodyDeps), key.deps);
  for (var q = 0; q < bodyDeps.length; q++) {
    var dep = bodyDeps[q];
    if (dep.v && (dep.r === item || dep.r === index)) continue;
    outer[outer.length] = dep;
  }
  return { k: 'for', list: list, item: item, index: index, key: key, body: node, path: path, outer: outer,
    d: merge(P.ArrayPrototypeSlice(list.deps), outer), at: where(u, n) };
}

var MODEL = /^\s*\{=([\s\S]*)=\}\s*$/;

function compileBare(u, n, scope, stack) {
  var isAttr = n.tag === 'template' ? attrOf(n, 'is') : null;
  if (isAttr !== null) {
    if (!isAttr.value) fault('<template> needs a name or an is', where(u, n));
    var is = V.compileParts(V.parseText(isAttr.value, valueBase(u, isAttr)), scope, false);
    var dataAttr = attrOf(n, 'data');
    var data = dataAttr !== null && dataAttr.value ? V.compileParts(V.parseText(dataAttr.value, valueBase(u, dataAttr)), scope, true) : null;
    return { k: 'tpl', is: is, data: data, unit: u.path, at: where(u, n), d: merge(P.ArrayPrototypeSlice(is.deps), data ? data.deps : []) };
  }
  var kids = compileKids(u, n.children, scope, false, stack);
  // A <template> with neither name nor is holds its content without an element of its own, as
  // <block> does (San renders it as a fragment).
  if (n.tag === 'block' || n.tag === 'template') return { k: 'frag', kids: kids, d: kidsDeps(kids) };
  var attrs = [];
  var d = kidsDeps(kids);
  for (var i = 0; i < n.attrs.length; i++) {
    var a = n.attrs[i];
    if (DIRECTIVES[a.name] === 1) continue;
    // San's s-show: a condition as s-if's, written with or without {{ }}; the element stays in
    // the view, its `s-show` attribute true or false (San hides it with display: none).
    var compiled = a.name === 's-show' ? { name: a.name, b: condition(u, a, scope), show: true } : compileAttr(u, a, scope);
    attrs[attrs.length] = compiled;
    if (compiled.b) merge(d, compiled.b.deps);
  }
  return { k: 'el', tag: n.tag, attrs: attrs, kids: kids, d: d, at: where(u, n) };
}

function compileAttr(u, a, scope) {
  if (a.value === null) return { name: a.name, value: true };
  var model = MODEL.exec(a.value);
  if (model !== null) {
    var base = V.at(valueBase(u, a), a.value, P.StringPrototypeIndexOf(a.value, '{=') + 2);
    var expr = V.parseExpr(model[1], base);
    if (expr.t !== 'path') fault('{= =} needs a data path, such as {= form.name =}', base);
    var segs = [];
    for (var i = 0; i < expr.segs.length; i++) segs[i] = expr.segs[i].t === 'lit' ? { v: P.String(expr.segs[i].v) } : { b: V.compileExpr(expr.segs[i], scope) };
    return { name: a.name, b: V.compileExpr(expr, scope), model: { root: expr.root, segs: segs } };
  }
  if (P.StringPrototypeIndexOf(a.value, '{{') < 0) return { name: a.name, value: V.decodeEntities(a.value) };
  var parts = V.parseText(a.value, valueBase(u, a));
  if (parts.length === 1 && parts[0].s !== undefined) return { name: a.name, value: parts[0].s };
  return { name: a.name, b: V.compileParts(parts, scope, true) };
}
