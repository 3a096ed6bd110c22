/*
 * app/queries.js: swan.createSelectorQuery and swan.createIntersectionObserver, answered from the
 * rendered view (js_shim/app/views.js) and its layout model (js_shim/view/layout.js).
 *
 * Selectors are those the docs list (api/show/query_SelectorQuery-select.md): `#id`, `.a.b`,
 * `.p > .c`, `.a .d`, `#a, .b`, with `>>>` (shown in a comment there) reaching into custom
 * components; a tag name is accepted too. Without `in(component)` a query sees the elements the
 * page's own template wrote (slot content it passes included), none inside custom components;
 * with it, those of the component's template.
 *
 * Answers come in a promise job after exec(), once the view has followed every setData before:
 * each request's own callback in order, then exec's callback with the array of results. A
 * `select` that matches nothing gives null, a `selectAll` an array. exec() empties the queue.
 *
 * Intersections are driven by the test (`node.intersect(ratio)`): each observer that observes the
 * element, and whose thresholds the new ratio crosses, calls back with {id, dataset, time,
 * intersectionRatio, intersectionRect, boundingClientRect, relativeRect}.
 */
var P = shim.P;
var V = shim.view;
var fw = shim.framework;

// ------------------------------------------------------------------------------------------------
// Selectors
// ------------------------------------------------------------------------------------------------
var COMPOUND = /^([A-Za-z][\w-]*)?((?:[#.][\w-]+)*)$/;
var PART = /[#.][\w-]+/g;

// "a > b, c >>> d" -> [[compound, ' ' | '>' | '>>>', compound, ...], ...], or null if unsupported.
function parse(selector) {
  var lists = P.StringPrototypeSplit(P.String(selector), ',');
  var out = [];
  for (var l = 0; l < lists.length; l++) {
    var text = P.StringPrototypeReplace(lists[l], /\s*>>>\s*/g, ' \u0001 ');
    text = P.StringPrototypeReplace(text, /\s*>\s*/g, ' > ');
    var tokens = P.StringPrototypeSplit(P.StringPrototypeTrim(text), /\s+/);
    var chain = [];
    var wantCompound = true;
    for (var i = 0; i < tokens.length; i++) {
      var t = tokens[i];
      if (t === '>' || t === '\u0001') {
        if (wantCompound) return null;
        chain[chain.length] = t === '>' ? '>' : '>>>';
        wantCompound = true;
        continue;
      }
      if (!wantCompound) chain[chain.length] = ' ';
      var m = P.RegExpPrototypeExec(COMPOUND, t);
      if (m === null || t === '') return null;
      var c = { tag: m[1] || null, id: null, classes: [] };
      var parts = P.StringPrototypeReplace(m[2], PART, function (p) { return p + ' '; });
      var list = P.StringPrototypeSplit(P.StringPrototypeTrim(parts), ' ');
      for (var j = 0; j < list.length; j++) {
        if (list[j] === '') continue;
        if (list[j][0] === '#') c.id = P.StringPrototypeSlice(list[j], 1);
        else c.classes[c.classes.length] = P.StringPrototypeSlice(list[j], 1);
      }
      chain[chain.length] = c;
      wantCompound = false;
    }
    if (wantCompound) return null;
    out[out.length] = chain;
  }
  return out;
}

function compoundMatches(inst, c) {
  if (c.tag !== null && inst.tag !== c.tag) return false;
  if (c.id !== null && (inst.attrs.id === undefined || P.String(inst.attrs.id) !== c.id)) return false;
  if (c.classes.length === 0) return true;
  var classes = P.StringPrototypeSplit(' ' + P.String(inst.attrs['class'] === undefined ? '' : inst.attrs['class']) + ' ', /\s+/);
  for (var i = 0; i < c.classes.length; i++) if (P.ArrayPrototypeIndexOf(classes, c.classes[i]) < 0) return false;
  return true;
}

function parentElement(inst) {
  for (var cur = inst.parent; cur !== null && cur !== undefined; cur = cur.parent) if (cur.k === 'el') return cur.id === 0 ? null : cur;
  return null;
}

// Does `inst` match chain[k] (and what is left of it)? An element belongs to the scope's view
// unless a `>>>` stands to the left of the compound it matches.
function matchAt(inst, chain, k, scope) {
  if (!compoundMatches(inst, chain[k])) return false;
  var crossed = false;
  for (var j = 1; j < k; j += 2) if (chain[j] === '>>>') crossed = true;
  if (!crossed && inst.o !== scope) return false;
  if (k === 0) return true;
  var comb = chain[k - 1];
  var up = parentElement(inst);
  if (comb === '>') return up !== null && matchAt(up, chain, k - 2, scope);
  for (; up !== null; up = parentElement(up)) if (matchAt(up, chain, k - 2, scope)) return true;
  return false;
}

function elements(inst, out) {
  if (inst.kids) {
    for (var i = 0; i < inst.kids.length; i++) {
      var k = inst.kids[i];
      if (k.k === 'el') out[out.length] = k;
      elements(k, out);
    }
  }
  return out;
}

// The rendered view of a page or component; undefined in a runtime that does not render (no
// project: the view's files are not loaded, see bridge/_engine/_bundle.py) or before its render.
function viewOf(target) {
  return fw.views === undefined ? undefined : fw.views.viewOf(target);
}

// The view follows every setData made before a query is answered.
function settle() {
  if (fw.views !== undefined) fw.views.settle();
}

// The scope of a query: the page or component, its view, or null once it is gone.
function scopeView(target) {
  if (target === null || target === undefined) return null;
  var view = viewOf(target);
  if (view === undefined || view === null || view.dead || view.sp.dead) return null;
  return view;
}

function select(target, selector, all) {
  var view = scopeView(target);
  var found = [];
  if (view !== null) {
    var chains = parse(selector);
    if (chains === null) {
      shim.warn('SelectorQuery: selector "' + P.String(selector) + '" is not supported (#id, .class, >, descendant, ",", >>>)');
    } else {
      var candidates = elements(view.root, []);
      for (var i = 0; i < candidates.length; i++) {
        for (var c = 0; c < chains.length; c++) {
          if (matchAt(candidates[i], chains[c], chains[c].length - 1, view)) { found[found.length] = candidates[i]; break; }
        }
        if (!all && found.length > 0) break;
      }
    }
  }
  return found;
}

// ------------------------------------------------------------------------------------------------
// Node information
// ------------------------------------------------------------------------------------------------
function idOf(inst) { return inst.attrs.id === undefined || inst.attrs.id === null ? '' : P.String(inst.attrs.id); }

function camel(name) { return P.StringPrototypeReplace(P.String(name), /-([a-z0-9])/g, function (_, ch) { return P.StringPrototypeToUpperCase(ch); }); }
function hyphen(name) { return P.StringPrototypeReplace(P.String(name), /[A-Z]/g, function (ch) { return '-' + P.StringPrototypeToLowerCase(ch); }); }

var NOT_PROPERTIES = shim.record({ id: 1, 'class': 1, style: 1, slot: 1 });

// A property of an element: a custom component's declared property, or a base component's
// attribute (camelCase or hyphen-case); undefined when it has none.
function propertyOf(inst, name) {
  var key = camel(name);
  if (NOT_PROPERTIES[key] === 1 || P.RegExpPrototypeTest(/^(capture-)?(bind|catch)/, key) || P.StringPrototypeSlice(key, 0, 4) === 'data') return undefined;
  if (inst.comp !== undefined) {
    var props = inst.comp.__def.properties;
    return P.ObjectPrototypeHasOwnProperty(props, key) ? fw.clone(inst.comp.data[key]) : undefined;
  }
  if (P.ObjectPrototypeHasOwnProperty(inst.attrs, key)) return fw.clone(inst.attrs[key]);
  var h = hyphen(key);
  return P.ObjectPrototypeHasOwnProperty(inst.attrs, h) ? fw.clone(inst.attrs[h]) : undefined;
}

function fieldsOf(inst, f, page) {
  var out = {};
  var viewport = inst === null;
  if (f.id) out.id = viewport ? '' : idOf(inst);
  if (f.dataset) out.dataset = viewport ? {} : fw.clone(V.dataset(inst));
  var rect;
  if (f.rect || f.size) {
    if (viewport) {
      var w = V.windowSize();
      rect = { left: 0, top: 0, right: w.width, bottom: w.height, width: w.width, height: w.height };
    } else rect = V.rectOf(inst);
  }
  if (f.rect) { out.left = rect.left; out.right = rect.right; out.top = rect.top; out.bottom = rect.bottom; }
  if (f.size) { out.width = rect.width; out.height = rect.height; }
  if (f.scrollOffset) {
    var s = viewport ? { scrollLeft: 0, scrollTop: page !== null && page.__scrollTop !== undefined ? page.__scrollTop : 0 } : V.scrollOf(inst);
    out.scrollLeft = s.scrollLeft;
    out.scrollTop = s.scrollTop;
  }
  if (P.ArrayIsArray(f.properties) && !viewport) {
    for (var i = 0; i < f.properties.length; i++) {
      var value = propertyOf(inst, f.properties[i]);
      if (value !== undefined) out[camel(f.properties[i])] = value;
    }
  }
  if (P.ArrayIsArray(f.computedStyle)) {
    var style = viewport ? P.ObjectCreate(null) : V.styleOf(inst);
    for (var j = 0; j < f.computedStyle.length; j++) {
      var name = P.String(f.computedStyle[j]);
      var lower = P.StringPrototypeToLowerCase(hyphen(name));
      out[name] = P.ObjectPrototypeHasOwnProperty(style, lower) ? style[lower] : '';
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// SelectorQuery and NodesRef
// ------------------------------------------------------------------------------------------------
function pageOf(target) {
  var view = target === null ? undefined : viewOf(target);
  return view !== undefined && view !== null && view.sp.page !== undefined ? view.sp.page : null;
}

function SelectorQuery(target) {
  P.ObjectDefineProperty(this, '_target', { value: target, writable: true });
  P.ObjectDefineProperty(this, '_queue', { value: [], writable: true });
}

function NodesRef(query, selector, kind) {
  P.ObjectDefineProperty(this, '_query', { value: query });
  P.ObjectDefineProperty(this, '_selector', { value: selector });
  P.ObjectDefineProperty(this, '_kind', { value: kind });
  this.selector = selector;
  this.queryType = kind;
}

function request(ref, fields, cb) {
  var q = ref._query;
  q._queue[q._queue.length] = { target: q._target, selector: ref._selector, kind: ref._kind, fields: fields,
    cb: typeof cb === 'function' ? cb : null };
  return q;
}

function copyFields(given) {
  var f = P.ObjectCreate(null);
  if (given === null || typeof given !== 'object') return f;
  var keys = ['id', 'dataset', 'rect', 'size', 'scrollOffset', 'properties', 'computedStyle'];
  for (var i = 0; i < keys.length; i++) {
    var v = given[keys[i]];
    f[keys[i]] = keys[i] === 'properties' || keys[i] === 'computedStyle' ? (P.ArrayIsArray(v) ? P.ArrayPrototypeSlice(v) : null) : !!v;
  }
  return f;
}

var NodesRefMethods = {
  boundingClientRect: function (cb) { return request(this, copyFields({ id: true, dataset: true, rect: true, size: true }), cb); },
  scrollOffset: function (cb) { return request(this, copyFields({ id: true, dataset: true, scrollOffset: true }), cb); },
  fields: function (fields, cb) { return request(this, copyFields(fields), cb); }
};

function answer(req) {
  var page = pageOf(req.target);
  if (req.kind === 'viewport') return page === null ? null : fieldsOf(null, req.fields, page);
  var found = select(req.target, req.selector, req.kind === 'selectAll');
  if (req.kind === 'selectAll') {
    var all = [];
    for (var i = 0; i < found.length; i++) all[i] = fieldsOf(found[i], req.fields, page);
    return all;
  }
  return found.length === 0 ? null : fieldsOf(found[0], req.fields, page);
}

var SelectorQueryMethods = {
  'in': function (component) {
    if (component !== null && typeof component === 'object' && viewOf(component) !== undefined) this._target = component;
    else shim.warn('SelectorQuery.in: the argument is not a component of a rendered view');
    return this;
  },
  select: function (selector) { return new NodesRef(this, P.String(selector), 'select'); },
  selectAll: function (selector) { return new NodesRef(this, P.String(selector), 'selectAll'); },
  selectViewport: function () { return new NodesRef(this, '', 'viewport'); },
  exec: function (cb) {
    var queue = this._queue;
    this._queue = [];
    P.PromisePrototypeThen(P.PromiseResolve(undefined), function () {
      settle();
      var results = [];
      for (var i = 0; i < queue.length; i++) results[i] = answer(queue[i]);
      for (var j = 0; j < queue.length; j++) if (queue[j].cb !== null) shim.guard(queue[j].cb, undefined, [results[j]], 'SelectorQuery callback');
      if (typeof cb === 'function') shim.guard(cb, undefined, [results], 'SelectorQuery.exec');
    });
  }
};

function methods(proto, table) {
  var names = P.ObjectKeys(table);
  for (var i = 0; i < names.length; i++) P.ObjectDefineProperty(proto, names[i], { value: table[names[i]], writable: true, configurable: true });
}
methods(SelectorQuery.prototype, SelectorQueryMethods);
methods(NodesRef.prototype, NodesRefMethods);

// ------------------------------------------------------------------------------------------------
// IntersectionObserver
// ------------------------------------------------------------------------------------------------
var observers = []; // the observing ones, in the order they started

function IntersectionObserver(target, options) {
  options = options !== null && typeof options === 'object' ? options : {};
  var thresholds = P.ArrayIsArray(options.thresholds) ? P.ArrayPrototypeSlice(options.thresholds) : [0];
  var state = {
    target: target, thresholds: thresholds, initialRatio: P.Number(options.initialRatio) || 0, selectAll: !!options.selectAll,
    relative: null, selector: null, cb: null, ratios: new P.WeakMap(), disconnected: false
  };
  P.ObjectDefineProperty(this, '_state', { value: state });
}

function margins(m) {
  var out = { left: 0, right: 0, top: 0, bottom: 0 };
  if (m !== null && typeof m === 'object') {
    var keys = ['left', 'right', 'top', 'bottom'];
    for (var i = 0; i < keys.length; i++) if (typeof m[keys[i]] === 'number') out[keys[i]] = m[keys[i]];
  }
  return out;
}

// How many thresholds a ratio has reached (0 is reached by any intersection at all).
function level(thresholds, ratio) {
  var n = 0;
  for (var i = 0; i < thresholds.length; i++) {
    var t = P.Number(thresholds[i]);
    if (t === 0 ? ratio > 0 : ratio >= t) n++;
  }
  return n;
}

function relativeRect(state) {
  var m = state.relative.margins;
  var r;
  if (state.relative.viewport) {
    var w = V.windowSize();
    r = { left: 0, top: 0, right: w.width, bottom: w.height };
  } else {
    var found = select(state.target, state.relative.selector, false);
    r = found.length === 0 ? { left: 0, top: 0, right: 0, bottom: 0 } : V.rectOf(found[0]);
  }
  var left = r.left - m.left;
  var top = r.top - m.top;
  var right = r.right + m.right;
  var bottom = r.bottom + m.bottom;
  return { left: left, top: top, right: right, bottom: bottom, width: right - left, height: bottom - top };
}

function notify(observer, inst, ratio) {
  var state = observer._state;
  var rect = V.rectOf(inst);
  // The part that shows: the element's top `ratio` of its height (no layout to say which part).
  var height = rect.height * ratio;
  var shown = ratio > 0 ? { left: rect.left, top: rect.top, right: rect.right, bottom: rect.top + height, width: rect.width, height: height }
    : { left: 0, top: 0, right: 0, bottom: 0, width: 0, height: 0 };
  var result = {
    id: idOf(inst), dataset: fw.clone(V.dataset(inst)), time: fw.now(), intersectionRatio: ratio,
    intersectionRect: shown, boundingClientRect: rect, relativeRect: relativeRect(state)
  };
  shim.guard(state.cb, observer, [result], 'IntersectionObserver callback');
}

function targets(state) {
  return select(state.target, state.selector, state.selectAll);
}

function consider(observer, inst, ratio) {
  var state = observer._state;
  var before = P.WeakMapPrototypeGet(state.ratios, inst);
  if (before === undefined) before = state.initialRatio;
  P.WeakMapPrototypeSet(state.ratios, inst, ratio);
  if (level(state.thresholds, before) !== level(state.thresholds, ratio)) notify(observer, inst, ratio);
}

var IntersectionObserverMethods = {
  relativeTo: function (selector, m) {
    var state = this._state;
    if (state.selector !== null) throw new P.Error('IntersectionObserver: relativeTo must be called before observe');
    state.relative = { viewport: false, selector: P.String(selector), margins: margins(m) };
    return this;
  },
  relativeToViewport: function (m) {
    var state = this._state;
    if (state.selector !== null) throw new P.Error('IntersectionObserver: relativeToViewport must be called before observe');
    state.relative = { viewport: true, selector: null, margins: margins(m) };
    return this;
  },
  observe: function (selector, cb) {
    var state = this._state;
    if (state.relative === null) {
      shim.warn('IntersectionObserver: call relativeTo or relativeToViewport before observe');
      return;
    }
    if (state.selector !== null) throw new P.Error('IntersectionObserver: observe can be called only once');
    state.selector = P.String(selector);
    state.cb = typeof cb === 'function' ? cb : function () {};
    observers[observers.length] = this;
    // The first check, as the client makes when it starts observing: what the test made the
    // target's ratio so far (0 if nothing) against initialRatio.
    var self = this;
    P.PromisePrototypeThen(P.PromiseResolve(undefined), function () {
      if (state.disconnected) return;
      settle();
      var found = targets(state);
      for (var i = 0; i < found.length; i++) consider(self, found[i], found[i].ratio === undefined ? 0 : found[i].ratio);
    });
  },
  disconnect: function () {
    var state = this._state;
    state.disconnected = true;
    var at = P.ArrayPrototypeIndexOf(observers, this);
    if (at >= 0) P.ArrayPrototypeSplice(observers, at, 1);
  }
};
methods(IntersectionObserver.prototype, IntersectionObserverMethods);

// The test set an element's intersection ratio (node.intersect(ratio)).
function intersect(inst, ratio) {
  ratio = P.Number(ratio);
  inst.ratio = ratio;
  var live = P.ArrayPrototypeSlice(observers);
  for (var i = 0; i < live.length; i++) {
    var state = live[i]._state;
    if (state.disconnected) continue;
    if (scopeView(state.target) === null) { live[i].disconnect(); continue; } // its page or component is gone
    if (P.ArrayPrototypeIndexOf(targets(state), inst) >= 0) consider(live[i], inst, ratio);
  }
}

// ------------------------------------------------------------------------------------------------
// The APIs
// ------------------------------------------------------------------------------------------------
function isInstance(v) {
  return v !== null && typeof v === 'object' && typeof v.__id === 'number' && viewOf(v) !== undefined;
}

// swan.createSelectorQuery(): the page on top of the stack when it is made.
shim.setApi('createSelectorQuery', function createSelectorQuery() { return new SelectorQuery(fw.top()); });

// swan.createIntersectionObserver(component, options); (options) alone is taken as options, as
// the docs' samples write it; with no component it is the page on top of the stack.
shim.setApi('createIntersectionObserver', function createIntersectionObserver(context, options) {
  if (isInstance(context)) return new IntersectionObserver(context, options);
  if (options === undefined && context !== null && typeof context === 'object') return new IntersectionObserver(fw.top(), context);
  return new IntersectionObserver(fw.top(), options);
});

fw.queries = {
  selectorQuery: function (target) { return new SelectorQuery(target); },
  intersectionObserver: function (target, options) { return new IntersectionObserver(target, options); },
  intersect: intersect
};
