/*
 * view/expr.js: swan's expression language (San 3.7's grammar) parsed into a tree, and that tree
 * compiled into one JS function per binding.
 *
 * Grammar, from lowest precedence: `c ? a : b`; `||`; `&&`; one equality operator (== != ===
 * !==, not chained); one relational operator (< > <= >=, not chained); + -; * / %; unary ! and -;
 * primaries: strings ('' or "" with JS escapes), numbers (digits[.digits]), true / false,
 * identifiers with `.name` / `[expr]` member access and calls, (expr), arrays and object
 * literals with `...` spread and shorthand keys. `null` and `undefined` are not keywords: they
 * are looked up as data, as in San. A `|` after an interpolation's expression starts a filter.
 *
 * Lookups are null-safe (reading through null or undefined gives undefined), and a name that is
 * null or undefined in a loop's scope is looked up again in the scope around it (San's rule).
 * A call is evaluated only when its callee belongs to an SJS or filter module; any other call
 * gives undefined, as San resolves callees on the component, never on the data.
 *
 * The generated source is built from the parsed tree only: names are checked identifiers and
 * every literal is re-encoded with JSON.stringify, so no template text reaches it verbatim.
 */
var P = shim.P;
var V = shim.view = shim.view || {};
var FunctionCtor = Function;
var encodeURIComponentFn = encodeURIComponent;
var StringFromCodePoint = String.fromCodePoint;
var ParseInt = parseInt;

// An error in a template: file, line and column, reported by the host as file.swan:LINE:COL.
function TemplateFault(message, where) {
  this.templateError = true;
  this.message = message;
  this.file = where ? where.file : '';
  this.line = where ? where.line : 0;
  this.col = where ? where.col : 0;
}
V.TemplateFault = TemplateFault;

// The position `offset` characters into `text`, when `text` starts at base {file, line, col}.
function at(base, text, offset) {
  var line = base.line;
  var col = base.col;
  for (var i = 0; i < offset && i < text.length; i++) {
    if (P.StringPrototypeCharCodeAt(text, i) === 10) { line++; col = 1; } else col++;
  }
  return { file: base.file, line: line, col: col };
}
V.at = at;

// Positions in one text, asked for in increasing order: each step counts only the characters
// since the last one, so a text's interpolations are placed in one pass over it.
function Cursor(base, text) {
  this.text = text;
  this.i = 0;
  this.where = { file: base.file, line: base.line, col: base.col };
}
Cursor.prototype.to = function (offset) {
  var text = this.text;
  var line = this.where.line;
  var col = this.where.col;
  for (var i = this.i; i < offset && i < text.length; i++) {
    if (P.StringPrototypeCharCodeAt(text, i) === 10) { line++; col = 1; } else col++;
  }
  this.i = i;
  this.where = { file: this.where.file, line: line, col: col };
  return this.where;
};

// ------------------------------------------------------------------------------------------------
// Parser
// ------------------------------------------------------------------------------------------------
function Reader(src, base) {
  this.src = src;
  this.i = 0;
  this.base = base;
}

Reader.prototype.fail = function (message, offset) {
  throw new TemplateFault(message + ' in {{ ' + this.src + ' }}', at(this.base, this.src, offset === undefined ? this.i : offset));
};
Reader.prototype.ws = function () {
  var s = this.src;
  while (this.i < s.length) {
    var c = P.StringPrototypeCharCodeAt(s, this.i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 160) this.i++;
    else break;
  }
};
Reader.prototype.peek = function (text) {
  this.ws();
  return P.StringPrototypeSlice(this.src, this.i, this.i + text.length) === text;
};
Reader.prototype.eat = function (text) {
  if (this.peek(text)) { this.i += text.length; return true; }
  return false;
};
Reader.prototype.expect = function (text) {
  if (!this.eat(text)) this.fail(this.i >= this.src.length ? 'expected ' + text + ' before the end' : 'expected ' + text);
};
Reader.prototype.atEnd = function () { this.ws(); return this.i >= this.src.length; };
// The next character after white space (undefined at the end): each level of the grammar looks
// at it once before it tries its operators.
Reader.prototype.next = function () { this.ws(); return this.src[this.i]; };

// Terms (values, names, member keys) parsed into the unit being compiled: past
// limits.templateTerms a template is an error at the term, found before it takes the load's
// time and memory (a text of a million interpolations fits in the size cap).
var TERMS = shim.spec.limits.templateTerms;
var terms = 0;
// Starts a new count at `n` and gives back the one it replaces (view/compile.js, per unit).
V.countTerms = function (n) { var was = terms; terms = n; return was; };
function term(r) {
  if (++terms > TERMS) throw new TemplateFault('the template has more than ' + TERMS + ' terms in its expressions', at(r.base, r.src, r.i));
}

// Sticky: matched at a position of the text, never against a copy of the rest of it.
var IDENT = /[A-Za-z_$][A-Za-z0-9_$]*/y;
var NUMBER = /[0-9]+(\.[0-9]+)?/y;

// The match of sticky `re` at `i` in `src`, or null.
function matchAt(re, src, i) {
  re.lastIndex = i;
  return P.RegExpPrototypeExec(re, src);
}

Reader.prototype.ident = function () {
  this.ws();
  var m = matchAt(IDENT, this.src, this.i);
  if (m === null) return null;
  this.i += m[0].length;
  return m[0];
};

function readTernary(r) {
  var test = readOr(r);
  if (r.next() === '?') {
    r.i++;
    var yes = readTernary(r);
    r.expect(':');
    var no = readTernary(r);
    return { t: 'cond', c: test, a: yes, b: no };
  }
  return test;
}
function readOr(r) {
  var left = readAnd(r);
  while (r.next() === '|' && r.peek('||')) { r.i += 2; left = { t: 'bin', op: '||', l: left, r: readAnd(r) }; }
  return left;
}
function readAnd(r) {
  var left = readEquality(r);
  while (r.next() === '&' && r.eat('&&')) left = { t: 'bin', op: '&&', l: left, r: readEquality(r) };
  return left;
}
var EQUALITY = ['===', '!==', '==', '!='];
var RELATIONAL = ['<=', '>=', '<', '>'];

function readEquality(r) {
  var left = readRelational(r);
  var c = r.next();
  if (c !== '=' && c !== '!') return left;
  var ops = EQUALITY;
  for (var k = 0; k < ops.length; k++) {
    if (r.eat(ops[k])) return { t: 'bin', op: ops[k], l: left, r: readRelational(r) };
  }
  return left;
}
function readRelational(r) {
  var left = readAdditive(r);
  var c = r.next();
  if (c !== '<' && c !== '>') return left;
  var ops = RELATIONAL;
  for (var k = 0; k < ops.length; k++) {
    if (r.eat(ops[k])) return { t: 'bin', op: ops[k], l: left, r: readAdditive(r) };
  }
  return left;
}
function readAdditive(r) {
  var left = readMultiplicative(r);
  for (;;) {
    var c = r.next();
    if (c !== '+' && c !== '-') return left;
    if (r.eat('+')) left = { t: 'bin', op: '+', l: left, r: readMultiplicative(r) };
    else if (r.eat('-')) left = { t: 'bin', op: '-', l: left, r: readMultiplicative(r) };
    else return left;
  }
}
function readMultiplicative(r) {
  var left = readUnary(r);
  for (;;) {
    var c = r.next();
    if (c !== '*' && c !== '/' && c !== '%') return left;
    if (r.eat('*')) left = { t: 'bin', op: '*', l: left, r: readUnary(r) };
    else if (r.eat('/')) left = { t: 'bin', op: '/', l: left, r: readUnary(r) };
    else if (r.eat('%')) left = { t: 'bin', op: '%', l: left, r: readUnary(r) };
    else return left;
  }
}
function readUnary(r) {
  var c = r.next();
  if (c !== '!' && c !== '-') return readPrimary(r);
  if (r.eat('!')) return { t: 'un', op: '!', e: readUnary(r) };
  if (r.eat('-')) return { t: 'un', op: '-', e: readUnary(r) };
  return readPrimary(r);
}

var ESCAPES = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function readString(r) {
  var s = r.src;
  var quote = s[r.i];
  var start = r.i;
  r.i++;
  var out = [];
  var from = r.i; // the start of the plain run being read, copied whole at its end
  while (r.i < s.length && s[r.i] !== quote) {
    var ch = s[r.i];
    if (ch === '\\') {
      if (r.i > from) out[out.length] = P.StringPrototypeSlice(s, from, r.i);
      var e = s[r.i + 1];
      if (e === 'u' || e === 'x') {
        var len = e === 'u' ? 4 : 2;
        var hex = P.StringPrototypeSlice(s, r.i + 2, r.i + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) r.fail('bad escape', r.i);
        out[out.length] = StringFromCodePoint(ParseInt(hex, 16));
        r.i += 2 + len;
        from = r.i;
        continue;
      }
      out[out.length] = P.ObjectPrototypeHasOwnProperty(ESCAPES, e) ? ESCAPES[e] : (e === undefined ? '' : e);
      r.i += 2;
      from = r.i;
      continue;
    }
    r.i++;
  }
  if (r.i >= s.length) r.fail('unterminated string', start);
  if (r.i > from) out[out.length] = P.StringPrototypeSlice(s, from, r.i);
  r.i++;
  return { t: 'lit', v: P.ArrayPrototypeJoin(out, '') };
}

function readPrimary(r) {
  r.ws();
  term(r);
  var s = r.src;
  var ch = s[r.i];
  if (ch === undefined) r.fail('expected a value before the end');
  if (ch === '"' || ch === "'") return readPostfix(r, readString(r));
  if (ch >= '0' && ch <= '9') {
    var m = matchAt(NUMBER, s, r.i);
    r.i += m[0].length;
    return { t: 'lit', v: P.Number(m[0]) };
  }
  if (ch === '(') {
    r.i++;
    var inner = readTernary(r);
    r.expect(')');
    return readPostfix(r, { t: 'paren', e: inner });
  }
  if (ch === '[') {
    r.i++;
    var items = [];
    while (!r.eat(']')) {
      var spread = r.eat('...');
      items[items.length] = { spread: spread, e: readTernary(r) };
      if (!r.eat(',')) { r.expect(']'); break; }
    }
    return readPostfix(r, { t: 'arr', items: items });
  }
  if (ch === '{') {
    r.i++;
    var props = [];
    while (!r.eat('}')) {
      if (r.eat('...')) {
        props[props.length] = { spread: true, e: readTernary(r) };
      } else {
        r.ws();
        var key;
        var kc = s[r.i];
        if (kc === '"' || kc === "'") key = readString(r).v;
        else if (kc >= '0' && kc <= '9') { var km = matchAt(NUMBER, s, r.i); r.i += km[0].length; key = km[0]; }
        else {
          var keyStart = r.i;
          key = r.ident();
          if (key === null) r.fail('expected a property name');
          if (!r.peek(':')) { props[props.length] = { key: key, e: { t: 'path', root: key, segs: [], pos: keyStart } }; if (!r.eat(',')) { r.expect('}'); break; } continue; }
        }
        r.expect(':');
        props[props.length] = { key: key, e: readTernary(r) };
      }
      if (!r.eat(',')) { r.expect('}'); break; }
    }
    return readPostfix(r, { t: 'obj', props: props });
  }
  var start = r.i;
  var name = r.ident();
  if (name === null) r.fail('unexpected ' + P.JSONStringify(ch));
  if (name === 'true' || name === 'false') return { t: 'lit', v: name === 'true' };
  return readPostfix(r, { t: 'path', root: name, segs: [], pos: start });
}

// Member accesses and calls after a primary: a.b, a[b], f(x).
function readPostfix(r, node) {
  for (;;) {
    r.ws();
    var ch = r.src[r.i];
    if (ch === '.' && r.src[r.i + 1] !== '.') {
      r.i++;
      term(r);
      var name = r.ident();
      if (name === null) r.fail('expected a property name after "."');
      node = member(node, { t: 'lit', v: name });
    } else if (ch === '[') {
      r.i++;
      var key = readTernary(r);
      r.expect(']');
      node = member(node, key);
    } else if (ch === '(') {
      r.i++;
      var args = [];
      while (!r.eat(')')) {
        args[args.length] = readTernary(r);
        if (!r.eat(',')) { r.expect(')'); break; }
      }
      node = { t: 'call', callee: node, args: args };
    } else return node;
  }
}

// A path grows in place: the node is the parser's own until readPostfix returns it.
function member(node, key) {
  if (node.t === 'path') {
    node.segs[node.segs.length] = key;
    return node;
  }
  return { t: 'member', o: node, k: key };
}

// One expression, the whole of `src`.
function parseExpr(src, base) {
  var r = new Reader(src, base);
  if (r.atEnd()) r.fail('empty expression', 0);
  var e = readTernary(r);
  if (!r.atEnd()) ignoreTail(r);
  return e;
}
V.parseExpr = parseExpr;

// San reads one expression and stops: what follows it (`{{ a == '' true:false }}`, `a < b < c`,
// `list trackBy` with no key) is dropped without a word, and the page renders. The view does
// the same, and says so on the console with the text's position.
// What compiling says on the console: `kept` (when a list) gets a copy of each warning, and
// nothing is said while `quiet` (app/views.js: said when the same files were compiled before).
V.compileNotes = { quiet: false, kept: null };
function compileWarning(text) {
  var notes = V.compileNotes;
  if (notes.quiet) return;
  if (notes.kept !== null) notes.kept[notes.kept.length] = text;
  shim.warn(text);
}

function ignoreTail(r) {
  var where = at(r.base, r.src, r.i);
  compileWarning(where.file + ':' + where.line + ':' + where.col + ': ' + P.JSONStringify(P.StringPrototypeSlice(r.src, r.i)) +
    ' after the expression is ignored, as the client\'s template parser ignores it, in {{ ' + r.src + ' }}');
}

// An interpolation's content: an expression and its filters (`a | url`, `a | f(x)`).
function parseInterp(src, base) {
  var r = new Reader(src, base);
  if (r.atEnd()) r.fail('empty expression', 0);
  var e = readTernary(r);
  var filters = [];
  var raw = false;
  while (r.peek('|') && !r.peek('||')) {
    r.i++;
    r.ws();
    var fstart = r.i;
    var name = r.ident();
    if (name === null) r.fail('expected a filter name after "|"');
    var args = [];
    if (r.eat('(')) {
      while (!r.eat(')')) {
        args[args.length] = readTernary(r);
        if (!r.eat(',')) { r.expect(')'); break; }
      }
    }
    if (name === 'raw') { raw = true; continue; }
    if (name === 'html') continue;
    if (name !== 'url') r.fail('unknown filter ' + P.JSONStringify(name), fstart);
    filters[filters.length] = { name: name, args: args };
  }
  if (!r.atEnd()) ignoreTail(r);
  return { e: e, filters: filters, raw: raw };
}

// ------------------------------------------------------------------------------------------------
// Text with interpolations
// ------------------------------------------------------------------------------------------------
var ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0', copy: '\u00a9', reg: '\u00ae',
  ensp: '\u2002', emsp: '\u2003', middot: '\u00b7', times: '\u00d7', yen: '\u00a5', hellip: '\u2026', ldquo: '\u201c', rdquo: '\u201d' };

// Entities are decoded in literal text only (San's rule), never inside {{ }}.
function decodeEntities(text) {
  if (P.StringPrototypeIndexOf(text, '&') < 0) return text;
  return P.StringPrototypeReplace(text, /&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);/g, function (all, name) {
    if (name[0] === '#') {
      var code = name[1] === 'x' || name[1] === 'X' ? ParseInt(P.StringPrototypeSlice(name, 2), 16) : ParseInt(P.StringPrototypeSlice(name, 1), 10);
      return code > 0 && code <= 0x10ffff ? StringFromCodePoint(code) : all;
    }
    return P.ObjectPrototypeHasOwnProperty(ENTITIES, name) ? ENTITIES[name] : all;
  });
}
V.decodeEntities = decodeEntities;

// Split a text or attribute value into literal strings and interpolations, San's way: `{{` to
// the first `}}` (one more `}` when it follows, so `{{{a}}}` is the object literal `{a}`); an
// interpolation that is empty or starts with `}` stays literal text. Returns
// [{s: text} | {e, filters, raw}].
function parseText(text, base) {
  var parts = [];
  var pos = 0;
  var cursor = new Cursor(base, text);
  for (;;) {
    var open = P.StringPrototypeIndexOf(text, '{{', pos);
    if (open < 0) break;
    var close = P.StringPrototypeIndexOf(text, '}}', open + 2);
    if (close < 0) break;
    if (text[close + 2] === '}') close++;
    var inner = P.StringPrototypeSlice(text, open + 2, close);
    if (open > pos) parts[parts.length] = { s: decodeEntities(P.StringPrototypeSlice(text, pos, open)) };
    if (/^\s*(\}|$)/.test(inner)) parts[parts.length] = { s: '{{' + inner + '}}' };
    else parts[parts.length] = parseInterp(inner, cursor.to(open + 2));
    pos = close + 2;
  }
  if (pos < text.length) parts[parts.length] = { s: decodeEntities(P.StringPrototypeSlice(text, pos)) };
  var merged = [];
  for (var i = 0; i < parts.length; i++) {
    var last = merged[merged.length - 1];
    if (parts[i].s !== undefined && last !== undefined && last.s !== undefined) last.s += parts[i].s;
    else merged[merged.length] = parts[i];
  }
  return merged;
}
V.parseText = parseText;

// ------------------------------------------------------------------------------------------------
// Code generation
// ------------------------------------------------------------------------------------------------
// Runtime helpers the generated functions receive as H.
var H = V.H = {
  // Scope lookup: scopes are {v: names, p: parent}; a null or undefined value in an inner scope
  // falls through to the outer one.
  g: function (s, name) {
    var last;
    for (; s !== null; s = s.p) {
      var v = s.v;
      if (v !== null && typeof v === 'object' && P.ObjectPrototypeHasOwnProperty(v, name)) {
        last = v[name];
        if (last !== null && last !== undefined) return last;
      }
    }
    return last;
  },
  a: P.apply,
  // The items an array spread gives: only arrays spread.
  it: function (v) { return P.ArrayIsArray(v) ? v : []; },
  url: function (v) { return encodeURIComponentFn(v == null ? '' : v); },
  s: function (v) { return v == null ? '' : v; },
  // A run of static keys read from a value that is not null or undefined: undefined as soon as
  // a value on the way is.
  p: function (v, keys) {
    for (var i = 0; i < keys.length; i++) {
      if (v === null || v === undefined) return undefined;
      v = v[keys[i]];
    }
    return v;
  }
};

function Gen(scope) {
  this.scope = scope; // {loops: {name: true}, modules: {name: key}}
  this.temps = 0;
  this.deps = [];
}
Gen.prototype.temp = function () { return 't' + (this.temps++); };
Gen.prototype.isModule = function (name) {
  return !P.ObjectPrototypeHasOwnProperty(this.scope.loops, name) && P.ObjectPrototypeHasOwnProperty(this.scope.modules, name);
};

// The data path a path expression reads, up to its first computed key; it is what a change
// must touch for the value to change.
Gen.prototype.dep = function (node) {
  var p = [];
  for (var i = 0; i < node.segs.length; i++) {
    if (node.segs[i].t !== 'lit') break;
    p[p.length] = P.String(node.segs[i].v);
  }
  this.deps[this.deps.length] = { r: node.root, p: p, v: P.ObjectPrototypeHasOwnProperty(this.scope.loops, node.root) };
};

Gen.prototype.root = function (node) {
  if (this.isModule(node.root)) return 'M[' + P.JSONStringify(this.scope.modules[node.root]) + ']';
  this.dep(node);
  return 'H.g(s,' + P.JSONStringify(node.root) + ')';
};

// Static keys in a row past which a chain reads them with H.p, in one step: the generated
// code stays flat however long the chain.
var RUN = 8;

// A null-safe chain: (t = root) == null ? void 0 : (t = t[k1]) == null ? void 0 : t[k2]
Gen.prototype.chain = function (base, keys) {
  if (keys.length === 0) return base;
  var t = this.temp();
  var out = ['(', t, '=', base, ')==null?void 0:'];
  for (var i = 0; i < keys.length;) {
    var run = i;
    while (run < keys.length && keys[run].t === 'lit' && keys[run].v !== undefined) run++;
    var access;
    if (run - i >= RUN) {
      var lits = [];
      for (var j = i; j < run; j++) lits[lits.length] = P.JSONStringify(keys[j].v);
      access = 'H.p(' + t + ',[' + P.ArrayPrototypeJoin(lits, ',') + '])';
      i = run;
    } else {
      access = t + '[' + this.expr(keys[i]) + ']';
      i++;
    }
    if (i === keys.length) out[out.length] = access;
    else { out[out.length] = '(' + t + '=' + access + ')==null?void 0:'; }
  }
  return '(' + P.ArrayPrototypeJoin(out, '') + ')';
};

Gen.prototype.expr = function (n) {
  switch (n.t) {
    case 'lit': return n.v === undefined ? 'void 0' : P.JSONStringify(n.v);
    case 'paren': return '(' + this.expr(n.e) + ')';
    case 'path': return this.chain(this.root(n), n.segs);
    case 'member': return this.chain(this.expr(n.o), [n.k]);
    case 'un': return '(' + n.op + this.expr(n.e) + ')';
    case 'bin': return '(' + this.expr(n.l) + n.op + this.expr(n.r) + ')';
    case 'cond': return '(' + this.expr(n.c) + '?' + this.expr(n.a) + ':' + this.expr(n.b) + ')';
    case 'arr': {
      var items = [];
      for (var i = 0; i < n.items.length; i++) items[i] = (n.items[i].spread ? '...H.it(' + this.expr(n.items[i].e) + ')' : this.expr(n.items[i].e));
      return '[' + P.ArrayPrototypeJoin(items, ',') + ']';
    }
    case 'obj': {
      var props = [];
      for (var j = 0; j < n.props.length; j++) {
        var pr = n.props[j];
        props[j] = pr.spread ? '...' + this.expr(pr.e) : P.JSONStringify(pr.key) + ':' + this.expr(pr.e);
      }
      return '({' + P.ArrayPrototypeJoin(props, ',') + '})';
    }
    case 'call': return this.call(n);
  }
  throw new TemplateFault('internal: unknown expression node ' + n.t, null);
};

// Only module functions are called: `m.f(x)`, `m.ns.f(x)`; anything else is undefined (San).
Gen.prototype.call = function (n) {
  var args = [];
  for (var i = 0; i < n.args.length; i++) args[i] = this.expr(n.args[i]);
  var c = n.callee;
  if (c.t !== 'path' || !this.isModule(c.root) || c.segs.length === 0) return '(void [' + P.ArrayPrototypeJoin(args, ',') + '])';
  var obj = this.chain(this.root(c), P.ArrayPrototypeSlice(c.segs, 0, c.segs.length - 1));
  var o = this.temp();
  var f = this.temp();
  return '(' + o + '=' + obj + ',' + f + '=' + o + '==null?void 0:' + o + '[' + this.expr(c.segs[c.segs.length - 1]) + '],' +
    'typeof ' + f + '==="function"?H.a(' + f + ',' + o + ',[' + P.ArrayPrototypeJoin(args, ',') + ']):void 0)';
};

Gen.prototype.interp = function (part) {
  var code = this.expr(part.e);
  for (var i = 0; i < part.filters.length; i++) code = 'H.' + part.filters[i].name + '(' + code + ')';
  return code;
};

// The binding's function is made by the engine's compiler at its first use: a project's
// templates are parsed and checked when it loads (a syntax error is reported then), but most of
// their bindings belong to pages a test never opens, and compiling them all was most of a
// 60-page project's load.
function build(gen, body) {
  var decl = '';
  for (var i = 0; i < gen.temps; i++) decl += (i === 0 ? 'var t0' : ',t' + i);
  if (decl) decl += ';';
  var source = "'use strict';" + decl + 'return ' + body + ';';
  return function (s, M, H) {
    var fn = new FunctionCtor('s', 'M', 'H', source);
    this.fn = fn; // called as binding.fn(...): later calls go straight to the compiled function
    return fn(s, M, H);
  };
}

// A compiled binding: {fn(s, M, H), deps: [{r: root name, p: [static keys], v: is a loop name}]}.
// `typed`: a lone {{expr}} keeps its value's type; otherwise the parts are joined into a string.
function compileParts(parts, scope, typed) {
  var gen = new Gen(scope);
  var body;
  if (typed && parts.length === 1 && parts[0].e !== undefined && parts[0].filters.length === 0 && !parts[0].raw) {
    body = gen.expr(parts[0].e);
  } else {
    var pieces = ['""'];
    for (var i = 0; i < parts.length; i++) {
      pieces[pieces.length] = parts[i].s !== undefined ? P.JSONStringify(parts[i].s) : 'H.s(' + gen.interp(parts[i]) + ')';
    }
    body = P.ArrayPrototypeJoin(pieces, '+');
  }
  return { fn: build(gen, body), deps: gen.deps };
}
V.compileParts = compileParts;

function compileExpr(expr, scope) {
  var gen = new Gen(scope);
  var body = gen.expr(expr);
  return { fn: build(gen, body), deps: gen.deps };
}
V.compileExpr = compileExpr;
