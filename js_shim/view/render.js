/*
 * view/render.js: a compiled unit rendered from data into a tree of nodes with stable ids, and
 * brought up to date after setData with a list of patches for the host's mirror.
 *
 * Instances: elements {k: 'el', id, tag, attrs, model, kids} and texts {k: 'text', id, text}
 * are nodes of the output; 'if', 'for', 'row', 'frag' and 'tpl' instances only hold nodes.
 * Every instance has `parent` and `s`, the scope it was rendered in ({v: names, p: parent}).
 *
 * Output node JSON: {id, tag, attrs: {name: value}, children: [...], model?: {attr: path}} or
 * {id, text}; the root is {id: 0, tag: "root"}. Patches, in the order they apply:
 *   {op: "insert", parent, index, node}   index among the parent's children
 *   {op: "remove", id}
 *   {op: "move", id, parent, index}       index once the node is taken out
 *   {op: "attrs", id, set: {name: value}, remove: [name]}
 *   {op: "text", id, text}
 *   {op: "model", id, model}
 * An attribute whose value is undefined is left out.
 *
 * An update is given the changed data paths ("list[3].name", "count"). A binding is evaluated
 * again only when a change can reach what it reads; a change below one row of a list that is a
 * plain data path (`s-for="item in list"`) reaches only that row.
 *
 * Custom components: a view may be given `comps` (tag -> component path). An element whose tag
 * is there is a host: its attributes are evaluated here, `V.hooks.create` (the framework) makes
 * the component, and the component's own template is rendered below the host by a child View
 * that shares this view's node ids (`space`) and patch list, from the component's data. The
 * host's children fill the child's `<slot>` (default) and `<slot name>` elements; they stay
 * instances of the parent view, evaluated in the parent's scope, and are refreshed by it. A
 * `<slot>` with nothing to show renders its own children. Element instances carry `o`, the view
 * that made them, so an event knows which page or component handles it. The output JSON of a
 * host carries "component": {id, path}.
 */
var P = shim.P;
var V = shim.view;
var H = V.H;
var ALL = 1; // a loop name whose whole value may have changed

function View(u, data, modules, space, comps) {
  this.unit = u;
  this.data = data;
  this.M = modules;
  this.sp = space || { next: 1, nodes: P.ObjectCreate(null) };
  this.nodes = this.sp.nodes; // id -> element or text instance (shared with child views)
  this.patches = null;
  this.comps = comps || null;
  this.owner = null; // the page or component whose data this is (set by the framework)
  this.host = null; // for a component's view: its host element in the parent view
  this.component = false; // a component's view (placed, or mounted on its own with no host)
  this.parentView = null;
  this.fills = null; // slot name -> the host's compiled children that fill it
  this.slots = []; // the live <slot> instances of this view
  if (space === undefined) {
    this.root = { k: 'el', id: 0, tag: 'root', attrs: P.ObjectCreate(null), kids: [], parent: null, s: null, o: this };
    this.nodes[0] = this.root;
  } else {
    this.root = null;
  }
}
V.View = View;
V.hooks = null; // the framework's: {create(path, props, host, view), props(host, props), detach(host)}
V.setHooks = function (hooks) { V.hooks = hooks; };

// ------------------------------------------------------------------------------------------------
// Evaluation
// ------------------------------------------------------------------------------------------------
View.prototype.ev = function (b, s) {
  try {
    return b.fn(s, this.M, H);
  } catch (e) {
    shim.reportError(e, 'view');
    return undefined;
  }
};

// A text binding that threw shows nothing.
function textOf(v) { return v === undefined || v === null ? '' : '' + v; }

function classValue(v) {
  if (v !== null && typeof v === 'object' && P.ArrayIsArray(v)) {
    var out = [];
    for (var i = 0; i < v.length; i++) if (v[i] !== null && v[i] !== undefined && v[i] !== '' && v[i] !== false) out[out.length] = v[i];
    return P.ArrayPrototypeJoin(out, ' ');
  }
  return v;
}
function styleValue(v) {
  if (v !== null && typeof v === 'object' && !P.ArrayIsArray(v)) {
    var keys = P.ObjectKeys(v);
    var out = '';
    for (var i = 0; i < keys.length; i++) if (v[keys[i]] !== null && v[keys[i]] !== undefined && v[keys[i]] !== '') out += keys[i] + ':' + v[keys[i]] + ';';
    return out;
  }
  return v;
}

// The data path a {= =} binding writes back to, or null when it cannot be named.
View.prototype.modelPath = function (m, s) {
  var head;
  if (s !== null && isLoopName(s, m.root)) {
    head = loopPath(s, m.root);
    if (head === null) return null;
  } else head = m.root;
  var out = head;
  for (var i = 0; i < m.segs.length; i++) {
    var seg = m.segs[i];
    var key = seg.b !== undefined ? this.ev(seg.b, s) : seg.v;
    if (typeof key === 'number' || /^[0-9]+$/.test(P.String(key))) out += '[' + key + ']';
    else out += '.' + key;
  }
  return out;
};
function isLoopName(s, name) {
  for (; s !== null; s = s.p) if (s.paths !== undefined && P.ObjectPrototypeHasOwnProperty(s.v, name)) return true;
  return false;
}
function loopPath(s, name) {
  for (; s !== null; s = s.p) if (s.paths !== undefined && P.ObjectPrototypeHasOwnProperty(s.v, name)) return s.paths[name] === undefined ? null : s.paths[name];
  return null;
}

// ------------------------------------------------------------------------------------------------
// First render
// ------------------------------------------------------------------------------------------------
View.prototype.render = function () {
  var scope = { v: this.data, p: null };
  this.root.s = scope;
  this.root.kids = this.unit === null ? [] : this.build(this.unit.root, scope, this.root);
  return this.root;
};

View.prototype.build = function (cs, s, parent) {
  var out = [];
  for (var i = 0; i < cs.length; i++) out[out.length] = this.make(cs[i], s, parent);
  return out;
};

View.prototype.make = function (c, s, parent) {
  var inst;
  switch (c.k) {
    case 'el':
      if (c.tag === 'slot' && this.component) return this.makeSlot(c, s, parent);
      inst = { k: 'el', c: c, id: this.sp.next++, tag: c.tag, attrs: P.ObjectCreate(null), model: null, kids: null, parent: parent, s: s, o: this };
      this.nodes[inst.id] = inst;
      for (var i = 0; i < c.attrs.length; i++) this.attr(inst, c.attrs[i], NO_RECORD);
      if (this.comps !== null && V.hooks !== null && P.ObjectPrototypeHasOwnProperty(this.comps, c.tag)) {
        this.makeHost(inst, this.comps[c.tag]);
        return inst;
      }
      inst.kids = this.build(c.kids, s, inst);
      return inst;
    case 'text':
      inst = { k: 'text', c: c, id: this.sp.next++, text: c.b ? textOf(this.ev(c.b, s)) : c.value, parent: parent, s: s };
      this.nodes[inst.id] = inst;
      return inst;
    case 'if':
      inst = { k: 'if', c: c, branch: -1, kids: [], parent: parent, s: s };
      inst.branch = this.pick(c, s);
      if (inst.branch >= 0) inst.kids = [this.make(c.branches[inst.branch].node, s, inst)];
      return inst;
    case 'frag':
      inst = { k: 'frag', c: c, kids: null, parent: parent, s: s };
      inst.kids = this.build(c.kids, s, inst);
      return inst;
    case 'for':
      inst = { k: 'for', c: c, kids: [], parent: parent, s: s, keys: null };
      this.rows(inst, this.ev(c.list, s));
      return inst;
    case 'tpl':
      inst = { k: 'tpl', c: c, name: null, kids: [], parent: parent, s: s };
      this.fillTemplate(inst);
      return inst;
  }
  throw new P.Error('internal: unknown compiled node ' + c.k);
};

View.prototype.pick = function (c, s) {
  for (var i = 0; i < c.branches.length; i++) {
    var b = c.branches[i].b;
    if (b === null || this.ev(b, s)) return i;
  }
  return -1;
};

// Set one attribute of an element (during an update, `changes` gathers what changed).
// Evaluate one attribute into `inst.attrs`; what changed is added to `changes` (made at the first
// change, so that refreshing an unchanged element allocates nothing), which is returned.
View.prototype.attr = function (inst, a, changes) {
  var value;
  if (a.b === undefined) value = a.value;
  else {
    value = this.ev(a.b, inst.s);
    if (a.name === 'class') value = classValue(value);
    else if (a.name === 'style') value = styleValue(value);
    else if (a.show) value = !!value;
  }
  var old = inst.attrs[a.name];
  var had = old !== undefined || P.ObjectPrototypeHasOwnProperty(inst.attrs, a.name);
  if (value === undefined) {
    if (had) {
      delete inst.attrs[a.name];
      if (changes !== NO_RECORD) { changes = changes || newChanges(); changes.remove[changes.remove.length] = a.name; }
    }
  } else if (!had || (old !== value && !same(old, value))) {
    inst.attrs[a.name] = value;
    if (changes !== NO_RECORD) { changes = changes || newChanges(); changes.set[a.name] = value; changes.any = true; }
  }
  if (a.model !== undefined) {
    var path = this.modelPath(a.model, inst.s);
    if (inst.model === null) inst.model = P.ObjectCreate(null);
    if (inst.model[a.name] !== path) {
      inst.model[a.name] = path;
      if (changes !== NO_RECORD) { changes = changes || newChanges(); changes.model = true; }
    }
  }
  return changes;
};

// What a refresh changed on one element (see View.prototype.attr).
var NO_RECORD = {}; // attr()'s `changes` when nothing is recorded: the element's first render
function newChanges() { return { set: P.ObjectCreate(null), remove: [], model: false, any: false }; }

// Values are compared as the mirror would see them: by JSON for objects and arrays.
function same(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return typeof a === 'number' && a !== a && b !== b;
  try { return P.JSONStringify(a) === P.JSONStringify(b); } catch (_) { return false; }
}

// Iteration: arrays by index, plain objects by own key (null and undefined entries skipped),
// anything else gives no rows (San).
function entries(list) {
  var out = [];
  if (P.ArrayIsArray(list)) {
    for (var i = 0; i < list.length; i++) out[i] = { i: i, item: list[i] };
  } else if (list !== null && typeof list === 'object') {
    var keys = P.ObjectKeys(list);
    for (var k = 0; k < keys.length; k++) if (list[keys[k]] !== null && list[keys[k]] !== undefined) out[out.length] = { i: keys[k], item: list[keys[k]] };
  }
  return out;
}

// The absolute data path of a loop's list, when it is a plain path.
function listPath(c, s) {
  if (c.path === null) return null;
  var head;
  if (c.path.v) { head = loopPath(s, c.path.r); if (head === null) return null; } else head = c.path.r;
  for (var i = 0; i < c.path.p.length; i++) head += /^[0-9]+$/.test(c.path.p[i]) ? '[' + c.path.p[i] + ']' : '.' + c.path.p[i];
  return head;
}

View.prototype.rowScope = function (inst, e, base) {
  var c = inst.c;
  var v = P.ObjectCreate(null);
  v[c.item] = e.item;
  v[c.index] = e.i;
  var paths = P.ObjectCreate(null);
  if (base !== null) paths[c.item] = base + (typeof e.i === 'number' ? '[' + e.i + ']' : '.' + e.i);
  return { v: v, p: inst.s, paths: paths };
};

View.prototype.keyOf = function (inst, s) {
  var k = this.ev(inst.c.key, s);
  return typeof k === 'string' || typeof k === 'number' ? typeof k + ':' + k : null;
};

View.prototype.rows = function (inst, list) {
  var es = entries(list);
  var base = listPath(inst.c, inst.s);
  for (var i = 0; i < es.length; i++) {
    var s = this.rowScope(inst, es[i], base);
    var row = { k: 'row', kids: [], parent: inst, s: s, key: inst.c.key !== null ? this.keyOf(inst, s) : null };
    row.kids = [this.make(inst.c.body, s, row)];
    inst.kids[inst.kids.length] = row;
  }
};

// How deep `<template is>` and custom components may nest inside each other while a view is
// built: past it, one that uses itself (directly or through others) without end is a template
// error at its own tag, instead of the engine's stack overflowing with no place named.
var NESTING = shim.spec.limits.templateNesting;
function nest(view, at, what) {
  var sp = view.sp;
  sp.nesting = (sp.nesting || 0) + 1;
  if (sp.nesting > NESTING) {
    sp.nesting = 0;
    throw new V.TemplateFault(what + ' is nested in itself more than ' + NESTING + ' deep', at);
  }
}
function unnest(view) { if (view.sp.nesting > 0) view.sp.nesting--; }

View.prototype.fillTemplate = function (inst) {
  var c = inst.c;
  var name = this.ev(c.is, inst.s);
  inst.name = name;
  var u = V.units[c.unit];
  var t = u ? V.findTemplate(u, name) : null;
  if (t === null) {
    shim.post(shim.record({ op: 'console', level: 'warn', text: 'swan-bridge: <template is="' + name + '"> names no template (' + c.at.file + ':' + c.at.line + ':' + c.at.col + ')' }));
    inst.kids = [];
    return;
  }
  var data = c.data === null ? undefined : this.ev(c.data, inst.s);
  var scope = { v: data !== null && typeof data === 'object' ? data : P.ObjectCreate(null), p: null };
  inst.ts = scope;
  nest(this, c.at, '<template is="' + name + '">');
  try {
    inst.kids = this.build(t.kids, scope, inst);
  } finally {
    unnest(this);
  }
};

// ------------------------------------------------------------------------------------------------
// Custom components and slots
// ------------------------------------------------------------------------------------------------
var NOT_PROPS = { id: 1, 'class': 1, style: 1, slot: 1, hidden: 1 };
var BINDING_NAME = /^(capture-)?(bind|catch):?[A-Za-z]/;

// A host's attributes as component properties: hyphen-case to camelCase (`prop-a` -> `propA`;
// San's `prop-` prefix dropped), leaving out id, class, style, slot, data-* and event bindings.
function propsOf(attrs) {
  var out = P.ObjectCreate(null);
  var names = P.ObjectKeys(attrs);
  for (var i = 0; i < names.length; i++) {
    var name = names[i];
    if (NOT_PROPS[name] === 1 || P.StringPrototypeSlice(name, 0, 5) === 'data-' || P.StringPrototypeSlice(name, 0, 2) === 's-' || BINDING_NAME.test(name)) continue;
    var key = P.StringPrototypeSlice(name, 0, 5) === 'prop-' ? P.StringPrototypeSlice(name, 5) : name;
    key = P.StringPrototypeReplace(key, /-([a-zA-Z0-9])/g, function (_, ch) { return P.StringPrototypeToUpperCase(ch); });
    out[key] = attrs[name];
  }
  return out;
}
V.propsOf = propsOf;

function staticAttr(c, name) {
  if (c.k !== 'el') return undefined;
  for (var i = 0; i < c.attrs.length; i++) if (c.attrs[i].name === name && c.attrs[i].b === undefined) return c.attrs[i].value;
  return undefined;
}
// The slot a host's child fills: its static slot="name" ('' for the default slot).
function slotOf(c) {
  if (c.k === 'if') return slotOf(c.branches[0].node);
  if (c.k === 'for') return slotOf(c.body);
  var v = staticAttr(c, 'slot');
  return typeof v === 'string' ? v : '';
}

View.prototype.makeHost = function (inst, path) {
  var made = V.hooks.create(path, propsOf(inst.attrs), inst, this);
  if (made === null) { inst.kids = this.build(inst.c.kids, inst.s, inst); return; }
  var child = new View(made.unit, made.comp.data, made.M, this.sp, made.comps);
  child.owner = made.comp;
  child.component = true;
  child.host = inst;
  child.parentView = this;
  child.fills = P.ObjectCreate(null);
  var kids = inst.c.kids;
  for (var i = 0; i < kids.length; i++) {
    var name = slotOf(kids[i]);
    if (child.fills[name] === undefined) child.fills[name] = [];
    child.fills[name][child.fills[name].length] = kids[i];
  }
  child.root = { k: 'frag', c: { d: [] }, kids: [], parent: inst, s: { v: made.comp.data, p: null } };
  inst.kids = [child.root];
  inst.cv = child;
  inst.comp = made.comp;
  inst.path = path;
  if (made.unit !== null) {
    nest(this, inst.c.at, '<' + inst.tag + '> (' + path + ')');
    try {
      child.root.kids = child.build(made.unit.root, child.root.s, child.root);
    } finally {
      unnest(this);
    }
  }
};

View.prototype.makeSlot = function (c, s, parent) {
  var name = staticAttr(c, 'name');
  name = typeof name === 'string' ? name : '';
  var slot = { k: 'slot', c: c, name: name, kids: [], parent: parent, s: s, view: this, owner: this };
  this.slots[this.slots.length] = slot;
  var fill = this.fills !== null ? this.fills[name] : undefined;
  if (fill !== undefined && fill.length > 0) {
    slot.owner = this.parentView;
    slot.kids = this.parentView.build(fill, this.host.s, slot);
  } else {
    slot.kids = this.build(c.kids, s, slot);
  }
  return slot;
};

// ------------------------------------------------------------------------------------------------
// JSON of the output
// ------------------------------------------------------------------------------------------------
function nodeJSON(inst, out) {
  if (inst.k === 'text') { out[out.length] = { id: inst.id, text: inst.text }; return out; }
  if (inst.k === 'el') {
    var children = [];
    for (var i = 0; i < inst.kids.length; i++) nodeJSON(inst.kids[i], children);
    var n = { id: inst.id, tag: inst.tag, attrs: inst.attrs, children: children };
    if (inst.model !== null) n.model = inst.model;
    if (inst.comp !== undefined) n.component = { id: inst.comp.__id, path: inst.path };
    out[out.length] = n;
    return out;
  }
  for (var j = 0; j < inst.kids.length; j++) nodeJSON(inst.kids[j], out);
  return out;
}
V.nodeJSON = function (inst) { return nodeJSON(inst, [])[0]; };

// ------------------------------------------------------------------------------------------------
// Positions in the output, for patches
// ------------------------------------------------------------------------------------------------
function size(inst) {
  if (inst.k === 'el' || inst.k === 'text') return 1;
  var n = 0;
  for (var i = 0; i < inst.kids.length; i++) n += size(inst.kids[i]);
  return n;
}
// The element that holds `inst` in the output, and how many output nodes come before it there.
function place(inst) {
  var index = 0;
  var cur = inst;
  for (;;) {
    var parent = cur.parent;
    var kids = parent.kids;
    for (var i = 0; i < kids.length && kids[i] !== cur; i++) index += size(kids[i]);
    if (parent.k === 'el') return { parent: parent, index: index };
    cur = parent;
  }
}
function realNodes(inst, out) {
  if (inst.k === 'el' || inst.k === 'text') { out[out.length] = inst; return out; }
  for (var i = 0; i < inst.kids.length; i++) realNodes(inst.kids[i], out);
  return out;
}

View.prototype.emitInsert = function (inst) { this.emitInsertRun([inst]); };

// Inserts for instances that are next to each other in the output (new rows of a list): their
// place is found once, so a list that grows by n rows costs n, not n times its length.
View.prototype.emitInsertRun = function (insts) {
  var at = null;
  var index = 0;
  for (var r = 0; r < insts.length; r++) {
    var nodes = realNodes(insts[r], []);
    for (var i = 0; i < nodes.length; i++) {
      if (at === null) { at = place(nodes[i]); index = at.index; }
      this.patches[this.patches.length] = { op: 'insert', parent: at.parent.id, index: index++, node: V.nodeJSON(nodes[i]) };
    }
  }
};

View.prototype.forget = function (inst) {
  if (inst.k === 'el' || inst.k === 'text') delete this.nodes[inst.id];
  if (inst.comp !== undefined && V.hooks !== null) V.hooks.detach(inst);
  if (inst.k === 'slot') {
    var at = P.ArrayPrototypeIndexOf(inst.view.slots, inst);
    if (at >= 0) P.ArrayPrototypeSplice(inst.view.slots, at, 1);
  }
  if (inst.kids) for (var i = 0; i < inst.kids.length; i++) this.forget(inst.kids[i]);
};

View.prototype.emitRemove = function (inst) {
  var nodes = realNodes(inst, []);
  for (var i = 0; i < nodes.length; i++) this.patches[this.patches.length] = { op: 'remove', id: nodes[i].id };
  this.forget(inst);
};

// ------------------------------------------------------------------------------------------------
// Updates
// ------------------------------------------------------------------------------------------------
// A change context: `changes` (arrays of keys), `dirty` (loop name -> ALL or [keys below it]),
// `all` (everything is evaluated again: a template whose data changed).
function related(a, b) {
  var n = a.length < b.length ? a.length : b.length;
  for (var i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
// related(a.slice(1), b), without the copy.
function relatedBelow(a, b) {
  var n = a.length - 1 < b.length ? a.length - 1 : b.length;
  for (var i = 0; i < n; i++) if (a[i + 1] !== b[i]) return false;
  return true;
}

// A context shared by many rows keeps its answers on the compiled deps themselves, marked with
// the context's `memo` number: every row asks the same questions of the same deps, and a
// property read is cheaper than a map lookup.
var nextMemo = 1;
function hit(deps, ctx) {
  if (ctx.all) return true;
  if (ctx.memo !== undefined) {
    if (deps.memo === ctx.memo) return deps.known;
    var answer = hitNow(deps, ctx);
    deps.memo = ctx.memo;
    deps.known = answer;
    return answer;
  }
  return hitNow(deps, ctx);
}

function hitNow(deps, ctx) {
  for (var i = 0; i < deps.length; i++) {
    var d = deps[i];
    if (d.v) {
      var rests = ctx.dirty[d.r];
      if (rests === undefined) continue;
      if (rests === ALL) return true;
      for (var j = 0; j < rests.length; j++) if (related(rests[j], d.p)) return true;
    } else {
      var changes = ctx.changes;
      for (var k = 0; k < changes.length; k++) {
        var c = changes[k];
        if (c[0] === d.r && relatedBelow(c, d.p)) return true;
      }
    }
  }
  return false;
}

// "list[3].name" -> ["list", "3", "name"]
function splitPath(path) {
  var out = [];
  var parts = P.StringPrototypeSplit(P.StringPrototypeReplace(P.String(path), /\[\s*([^\]]*?)\s*\]/g, '.$1'), '.');
  for (var i = 0; i < parts.length; i++) if (parts[i] !== '') out[out.length] = parts[i];
  return out;
}
V.splitPath = splitPath;

View.prototype.update = function (paths, out) {
  var changes = [];
  for (var i = 0; i < paths.length; i++) changes[i] = splitPath(paths[i]);
  this.patches = out || [];
  if (this.owner !== null && this.owner.data !== null && typeof this.owner.data === 'object') this.data = this.owner.data;
  var ctx = { changes: changes, dirty: P.ObjectCreate(null), all: false };
  this.root.s.v = this.data;
  this.updateKids(this.root, ctx);
  var out = this.patches;
  this.patches = null;
  return out;
};

// The attributes of a compiled element that a shared context's changes reach, worked out once per
// context (kept on the compiled element, marked with the context's memo number): every row of a
// long list then evaluates just those.
function attrsHit(c, ctx) {
  if (c.memo !== ctx.memo) {
    var out = [];
    for (var i = 0; i < c.attrs.length; i++) {
      var a = c.attrs[i];
      if (a.b !== undefined && (ctx.all || hit(a.b.deps, ctx) || (a.model !== undefined))) out[out.length] = a;
    }
    c.memo = ctx.memo;
    c.attrsHit = out;
  }
  return c.attrsHit;
}

View.prototype.updateKids = function (inst, ctx) {
  var kids = inst.kids;
  for (var i = 0; i < kids.length; i++) if (hit(kids[i].c.d, ctx)) this.refresh(kids[i], ctx);
};

View.prototype.refresh = function (inst, ctx) {
  var c = inst.c;
  switch (inst.k) {
    case 'el': {
      var changes = null;
      var attrs = ctx.memo === undefined ? null : attrsHit(c, ctx);
      if (attrs !== null) {
        for (var h = 0; h < attrs.length; h++) changes = this.attr(inst, attrs[h], changes);
      } else {
        for (var i = 0; i < c.attrs.length; i++) {
          var a = c.attrs[i];
          if (a.b !== undefined && (ctx.all || hit(a.b.deps, ctx) || (a.model !== undefined))) changes = this.attr(inst, a, changes);
        }
      }
      if (changes === null) {
        if (inst.cv === undefined) {
          if (inst.kids.length > 0) this.updateKids(inst, ctx);
          return;
        }
        changes = newChanges();
      }
      if (changes.any || changes.remove.length > 0) {
        var p = { op: 'attrs', id: inst.id, set: changes.set, remove: changes.remove };
        this.patches[this.patches.length] = p;
      }
      if (changes.model) this.patches[this.patches.length] = { op: 'model', id: inst.id, model: inst.model };
      if (inst.cv !== undefined) {
        // A host: changed attributes go to the component as properties; slot content written
        // here is refreshed here (the component's own nodes are its view's).
        if (changes.any) V.hooks.props(inst, propsOf(changes.set));
        var slots = P.ArrayPrototypeSlice(inst.cv.slots);
        for (var sl = 0; sl < slots.length; sl++) if (slots[sl].owner === this) this.updateKids(slots[sl], ctx);
        return;
      }
      this.updateKids(inst, ctx);
      return;
    }
    case 'slot':
      if (inst.owner === this) this.updateKids(inst, ctx);
      return;
    case 'text': {
      var text = textOf(this.ev(c.b, inst.s));
      if (text !== inst.text) { inst.text = text; this.patches[this.patches.length] = { op: 'text', id: inst.id, text: text }; }
      return;
    }
    case 'if': {
      var branch = this.pick(c, inst.s);
      if (branch !== inst.branch) {
        for (var k = 0; k < inst.kids.length; k++) this.emitRemove(inst.kids[k]);
        inst.branch = branch;
        inst.kids = branch >= 0 ? [this.make(c.branches[branch].node, inst.s, inst)] : [];
        for (var m = 0; m < inst.kids.length; m++) this.emitInsert(inst.kids[m]);
      } else this.updateKids(inst, ctx);
      return;
    }
    case 'frag':
      this.updateKids(inst, ctx);
      return;
    case 'tpl':
      this.refreshTemplate(inst, ctx);
      return;
    case 'for':
      this.refreshFor(inst, ctx);
      return;
  }
};

View.prototype.refreshTemplate = function (inst, ctx) {
  var name = this.ev(inst.c.is, inst.s);
  if (name !== inst.name) {
    for (var i = 0; i < inst.kids.length; i++) this.emitRemove(inst.kids[i]);
    this.fillTemplate(inst);
    for (var j = 0; j < inst.kids.length; j++) this.emitInsert(inst.kids[j]);
    return;
  }
  var data = inst.c.data === null ? undefined : this.ev(inst.c.data, inst.s);
  if (inst.ts === undefined) return;
  inst.ts.v = data !== null && typeof data === 'object' ? data : P.ObjectCreate(null);
  var inner = { changes: ctx.changes, dirty: ctx.dirty, all: true };
  for (var k = 0; k < inst.kids.length; k++) this.refresh(inst.kids[k], inner);
};

// What the changes do to a loop's list: "whole" (the list itself may have changed) or, for
// changes below single rows, {rowKey: [keys below the row]}.
function listChanges(c, ctx) {
  if (ctx.all) return 'whole';
  if (c.path === null) return hit(c.list.deps, ctx) ? 'whole' : null;
  var rests;
  if (c.path.v) {
    var d = ctx.dirty[c.path.r];
    if (d === undefined) return null;
    if (d === ALL) return 'whole';
    rests = d;
  } else {
    rests = [];
    for (var i = 0; i < ctx.changes.length; i++) if (ctx.changes[i][0] === c.path.r) rests[rests.length] = P.ArrayPrototypeSlice(ctx.changes[i], 1);
  }
  var p = c.path.p;
  var rows = null;
  for (var j = 0; j < rests.length; j++) {
    var r = rests[j];
    if (!related(r, p)) continue;
    if (r.length <= p.length) return 'whole';
    if (rows === null) rows = P.ObjectCreate(null);
    var key = r[p.length];
    if (rows[key] === undefined) rows[key] = [];
    rows[key][rows[key].length] = P.ArrayPrototypeSlice(r, p.length + 1);
  }
  return rows;
}

// The context a row is refreshed in: the loop's names are dirty as `rests` says (ALL, keys
// below the item, or undefined: untouched).
function rowContext(inst, ctx, rests) {
  var dirty = P.ObjectCreate(null);
  var names = P.ObjectKeys(ctx.dirty);
  for (var i = 0; i < names.length; i++) dirty[names[i]] = ctx.dirty[names[i]];
  if (rests === ALL) { dirty[inst.c.item] = ALL; dirty[inst.c.index] = ALL; } else {
    if (rests === undefined) delete dirty[inst.c.item]; else dirty[inst.c.item] = rests;
    delete dirty[inst.c.index];
  }
  return { changes: ctx.changes, dirty: dirty, all: ctx.all };
}

View.prototype.refreshRow = function (inst, row, item, ctx, rests, shared) {
  row.s.v[inst.c.item] = item;
  var inner = shared !== undefined && rests === undefined ? shared : rowContext(inst, ctx, rests);
  if (hit(row.kids[0].c.d, inner)) this.refresh(row.kids[0], inner);
};

View.prototype.refreshFor = function (inst, ctx) {
  var c = inst.c;
  var lc = listChanges(c, ctx);
  var list = this.ev(c.list, inst.s);
  if (lc === 'whole') { this.reconcile(inst, list, ctx); return; }
  var outer = hit(c.outer, ctx);
  var rowsChanged = lc;
  if (!outer && rowsChanged === null) return;
  // An array's rows are read in place (a refresh of a long list allocates nothing per row).
  var array = P.ArrayIsArray(list);
  var es = array ? null : entries(list);
  var n = array ? list.length : es.length;
  if (n !== inst.kids.length) { this.reconcile(inst, list, ctx); return; }
  if (c.key !== null && rowsChanged !== null) {
    // A change inside a row may change its key: then the rows are matched again.
    var ks = P.ObjectKeys(rowsChanged);
    for (var q = 0; q < ks.length; q++) {
      var pos = array ? P.Number(ks[q]) : -1;
      if (pos < 0 || pos >= n) { this.reconcile(inst, list, ctx); return; }
      var probe = this.rowScope(inst, { i: pos, item: list[pos] }, null);
      if (this.keyOf(inst, probe) !== inst.kids[pos].key) { this.reconcile(inst, list, ctx); return; }
    }
  }
  if (outer) {
    // Every row reads what changed outside the loop; the rows no change reaches inside share
    // one context.
    var shared = rowContext(inst, ctx, undefined);
    shared.memo = nextMemo++;
    for (var i = 0; i < n; i++) {
      var rests = rowsChanged === null ? undefined : rowsChanged[array ? P.String(i) : P.String(es[i].i)];
      this.refreshRow(inst, inst.kids[i], array ? list[i] : es[i].item, ctx, rests, shared);
    }
    return;
  }
  var keys = P.ObjectKeys(rowsChanged);
  for (var k = 0; k < keys.length; k++) {
    var at = -1;
    if (array) at = P.Number(keys[k]);
    else for (var j = 0; j < n; j++) if (es[j].i === keys[k]) { at = j; break; }
    if (at >= 0 && at < n && inst.kids[at] !== undefined) this.refreshRow(inst, inst.kids[at], array ? list[at] : es[at].item, ctx, rowsChanged[keys[k]]);
  }
};

// The list as a whole may have changed: rows are matched by key (trackBy / s-key) or by
// position, kept rows are updated, the others removed or made, and moved rows are moved.
View.prototype.reconcile = function (inst, list, ctx) {
  var c = inst.c;
  var es = entries(list);
  var base = listPath(c, inst.s);
  var old = inst.kids;
  var next = [];
  var i;
  if (c.key === null) {
    for (i = 0; i < es.length; i++) {
      if (i < old.length) {
        var row = old[i];
        row.s.v[c.index] = es[i].i;
        if (base !== null) row.s.paths[c.item] = base + (typeof es[i].i === 'number' ? '[' + es[i].i + ']' : '.' + es[i].i);
        next[i] = row;
        this.refreshRow(inst, row, es[i].item, ctx, ALL);
      } else {
        next[i] = this.newRow(inst, es[i], base);
      }
    }
    for (i = es.length; i < old.length; i++) this.emitRemove(old[i]);
    inst.kids = next;
    if (es.length > old.length) this.emitInsertRun(P.ArrayPrototypeSlice(next, old.length));
    return;
  }
  var byKey = P.ObjectCreate(null);
  for (i = 0; i < old.length; i++) if (old[i].key !== null && byKey[old[i].key] === undefined) byKey[old[i].key] = old[i];
  var fresh = [];
  for (i = 0; i < es.length; i++) {
    var probe = this.rowScope(inst, es[i], base);
    var key = this.keyOf(inst, probe);
    var kept = key !== null ? byKey[key] : undefined;
    if (kept !== undefined) {
      delete byKey[key];
      kept.s.v[c.index] = es[i].i;
      kept.s.paths = probe.paths;
      next[i] = kept;
    } else {
      var made = { k: 'row', kids: [], parent: inst, s: probe, key: key, fresh: true };
      next[i] = made;
      fresh[fresh.length] = made;
    }
  }
  var inNext = new P.Map();
  for (i = 0; i < next.length; i++) if (next[i].fresh !== true) P.MapPrototypeSet(inNext, next[i], true);
  for (i = 0; i < old.length; i++) if (!P.MapPrototypeHas(inNext, old[i])) this.emitRemove(old[i]);
  // Kept rows in their new order first (moves), then new rows made and inserted in place.
  var keptRows = [];
  for (i = 0; i < next.length; i++) if (next[i].fresh !== true) keptRows[keptRows.length] = next[i];
  inst.kids = keptRows;
  var current = [];
  for (i = 0; i < old.length; i++) if (P.MapPrototypeHas(inNext, old[i])) current[current.length] = old[i];
  if (keptRows.length - keptInOrder(current, keptRows) > MOVES_ONE_BY_ONE) {
    // Many rows moved (a sort, a reverse): every kept row is put in place in the new order, each
    // right after the ones before it, which costs each row a step.
    var start = place(inst);
    var offset = 0;
    for (i = 0; i < keptRows.length; i++) {
      var all = realNodes(keptRows[i], []);
      for (var a = 0; a < all.length; a++) {
        this.patches[this.patches.length] = { op: 'move', id: all[a].id, parent: start.parent.id, index: start.index + offset++ };
      }
    }
    current = keptRows;
  }
  for (i = 0; i < keptRows.length; i++) {
    if (current[i] !== keptRows[i]) {
      var nodes = realNodes(keptRows[i], []);
      for (var n = 0; n < nodes.length; n++) {
        var at = place(nodes[n]);
        this.patches[this.patches.length] = { op: 'move', id: nodes[n].id, parent: at.parent.id, index: at.index };
      }
      var from = P.ArrayPrototypeIndexOf(current, keptRows[i]);
      P.ArrayPrototypeSplice(current, from, 1);
      P.ArrayPrototypeSplice(current, i, 0, keptRows[i]);
    }
  }
  for (i = 0; i < next.length; i++) if (next[i].fresh !== true) this.refreshRow(inst, next[i], es[i].item, ctx, ALL);
  inst.kids = next;
  for (i = 0; i < fresh.length; i++) fresh[i].kids = [this.make(c.body, fresh[i].s, fresh[i])];
  var run = [];
  for (i = 0; i <= next.length; i++) { // each run of new rows next to each other, in order
    if (i < next.length && next[i].fresh === true) { next[i].fresh = false; run[run.length] = next[i]; continue; }
    if (run.length > 0) { this.emitInsertRun(run); run = []; }
  }
};

// Above this many rows out of their order, a reordered list moves every row (see reconcile).
var MOVES_ONE_BY_ONE = 32;

// How many of `rows` (the new order) are in the order they had in `before`: the longest
// increasing run of their old positions (patience sorting, n log n).
function keptInOrder(before, rows) {
  var at = new P.Map();
  for (var i = 0; i < before.length; i++) P.MapPrototypeSet(at, before[i], i);
  var tails = [];
  for (var j = 0; j < rows.length; j++) {
    var x = P.MapPrototypeGet(at, rows[j]);
    var lo = 0, hi = tails.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (tails[mid] < x) lo = mid + 1; else hi = mid; }
    tails[lo] = x;
  }
  return tails.length;
}

View.prototype.newRow = function (inst, e, base) {
  var s = this.rowScope(inst, e, base);
  var row = { k: 'row', kids: [], parent: inst, s: s, key: null };
  row.kids = [this.make(inst.c.body, s, row)];
  return row;
};
