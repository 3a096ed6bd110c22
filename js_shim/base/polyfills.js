/*
 * polyfills.js: built-ins a phone's JS engine has and QuickJS-NG lacks: structuredClone (for
 * JSON-safe values plus Date, Map, Set, typed arrays and cycles), TextEncoder / TextDecoder
 * (UTF-8 only, as a mini-program needs); and the array built-ins that loop in C over a length a
 * script chooses, bounded so that the run's CPU limit and timeout stop them.
 */
var P = shim.P;

var DOMExceptionCtor = typeof DOMException === 'function' ? DOMException : null;

function cloneError(message) {
  if (DOMExceptionCtor !== null) return new DOMExceptionCtor(message, 'DataCloneError');
  var e = new P.Error(message);
  e.name = 'DataCloneError';
  return e;
}

function clone(value, seen) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') throw cloneError(shim.safeString(value) + ' could not be cloned.');
    return value;
  }
  if (P.MapPrototypeHas(seen, value)) return P.MapPrototypeGet(seen, value);
  var out;
  if (value instanceof P.Date) {
    out = new P.Date(value.getTime());
  } else if (P.ArrayBufferIsView(value)) {
    out = new value.constructor(value);
  } else if (value instanceof P.ArrayBuffer) {
    out = P.ArrayBufferPrototypeSlice(value, 0);
  } else if (value instanceof P.Map) {
    out = new P.Map();
    P.MapPrototypeSet(seen, value, out);
    P.MapPrototypeForEach(value, function (v, k) { P.MapPrototypeSet(out, clone(k, seen), clone(v, seen)); });
    return out;
  } else if (value instanceof Set) {
    out = new Set();
    P.MapPrototypeSet(seen, value, out);
    value.forEach(function (v) { out.add(clone(v, seen)); });
    return out;
  } else if (value instanceof P.Error) {
    out = new P.Error(value.message);
    out.name = value.name;
  } else {
    out = P.ArrayIsArray(value) ? [] : {};
    P.MapPrototypeSet(seen, value, out);
    var keys = P.ObjectKeys(value);
    for (var i = 0; i < keys.length; i++) out[keys[i]] = clone(value[keys[i]], seen);
    return out;
  }
  P.MapPrototypeSet(seen, value, out);
  return out;
}

if (typeof global.structuredClone !== 'function') {
  global.structuredClone = function structuredClone(value) {
    if (arguments.length === 0) throw new P.TypeError("Failed to execute 'structuredClone': 1 argument required, but only 0 present.");
    return clone(value, new P.Map());
  };
}

// UTF-8 of a JS string; a lone surrogate becomes U+FFFD, as TextEncoder does.
function utf8Encode(input) {
  var s = input === undefined ? '' : P.String(input);
  var bytes = [];
  for (var i = 0; i < s.length; i++) {
    var c = P.StringPrototypeCharCodeAt(s, i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      var d = P.StringPrototypeCharCodeAt(s, i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      c = 0xfffd;
    }
    if (c < 0x80) bytes[bytes.length] = c;
    else if (c < 0x800) { bytes[bytes.length] = 0xc0 | (c >> 6); bytes[bytes.length] = 0x80 | (c & 63); }
    else if (c < 0x10000) {
      bytes[bytes.length] = 0xe0 | (c >> 12); bytes[bytes.length] = 0x80 | ((c >> 6) & 63); bytes[bytes.length] = 0x80 | (c & 63);
    } else {
      bytes[bytes.length] = 0xf0 | (c >> 18); bytes[bytes.length] = 0x80 | ((c >> 12) & 63);
      bytes[bytes.length] = 0x80 | ((c >> 6) & 63); bytes[bytes.length] = 0x80 | (c & 63);
    }
  }
  return new P.Uint8Array(bytes);
}
shim.utf8Encode = utf8Encode;

// The bytes of an ArrayBuffer, typed array or DataView, else null (one owner: TextDecoder, the
// request body, WebSocket frames).
function bytesOf(v) {
  if (v instanceof P.ArrayBuffer) return new P.Uint8Array(v);
  if (v instanceof DataView) {
    return new P.Uint8Array(P.DataViewPrototypeGetBuffer(v), P.DataViewPrototypeGetByteOffset(v), P.DataViewPrototypeGetByteLength(v));
  }
  if (P.ArrayBufferIsView(v)) {
    return new P.Uint8Array(P.TypedArrayPrototypeGetBuffer(v), P.TypedArrayPrototypeGetByteOffset(v), P.TypedArrayPrototypeGetByteLength(v));
  }
  return null;
}
shim.bytesOf = bytesOf;

function toBytes(input) {
  if (input === undefined) return new P.Uint8Array(0);
  var bytes = bytesOf(input);
  if (bytes === null) throw new P.TypeError('The "input" argument must be an ArrayBuffer or ArrayBufferView');
  return bytes;
}

// UTF-8 decoding with U+FFFD for every invalid sequence (the WHATWG "replacement" mode), or a
// TypeError in fatal mode.
function utf8Decode(bytes, fatal) {
  var out = [];
  var chunk = [];
  function emit(cp) {
    if (cp > 0xffff) { cp -= 0x10000; chunk[chunk.length] = 0xd800 + (cp >> 10); chunk[chunk.length] = 0xdc00 + (cp & 1023); }
    else chunk[chunk.length] = cp;
    if (chunk.length >= 8192) { out[out.length] = P.apply(P.StringFromCharCode, null, chunk); chunk = []; }
  }
  function bad() {
    if (fatal) throw new P.TypeError('The encoded data was not valid for encoding utf-8');
    emit(0xfffd);
  }
  var i = 0;
  var n = bytes.length;
  while (i < n) {
    var b = bytes[i];
    if (b < 0x80) { emit(b); i++; continue; }
    var need, cp, lower = 0x80, upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0xf; if (b === 0xe0) lower = 0xa0; if (b === 0xed) upper = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x7; if (b === 0xf0) lower = 0x90; if (b === 0xf4) upper = 0x8f; }
    else { bad(); i++; continue; }
    var j = 1;
    for (; j <= need; j++) {
      var c = i + j < n ? bytes[i + j] : -1;
      if (c < lower || c > upper) break;
      lower = 0x80; upper = 0xbf;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (j <= need) { bad(); i += j; continue; }
    emit(cp);
    i += need + 1;
  }
  out[out.length] = P.apply(P.StringFromCharCode, null, chunk);
  return P.ArrayPrototypeJoin(out, '');
}
shim.utf8Decode = utf8Decode;

function normalizeLabel(label) {
  var l = P.StringPrototypeToLowerCase(label === undefined ? 'utf-8' : P.String(label));
  if (l === 'utf-8' || l === 'utf8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  throw new P.RangeError('The "' + l + '" encoding is not supported');
}

if (typeof global.TextEncoder !== 'function') {
  global.TextEncoder = class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input) { return utf8Encode(input); }
    encodeInto(input, dest) {
      var bytes = utf8Encode(input);
      var n = P.MathMin(bytes.length, dest.length);
      // Do not split a character: back off to a lead byte.
      while (n < bytes.length && n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
      for (var i = 0; i < n; i++) dest[i] = bytes[i];
      return { read: P.String(utf8Decode(P.apply(bytes.subarray, bytes, [0, n]), false)).length, written: n };
    }
  };
}

if (typeof global.TextDecoder !== 'function') {
  global.TextDecoder = class TextDecoder {
    #fatal;
    #ignoreBOM;
    constructor(label, options) {
      normalizeLabel(label);
      this.#fatal = !!(options && options.fatal);
      this.#ignoreBOM = !!(options && options.ignoreBOM);
    }
    get encoding() { return 'utf-8'; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input) {
      var bytes = toBytes(input);
      if (!this.#ignoreBOM && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        bytes = bytes.subarray(3);
      }
      return utf8Decode(bytes, this.#fatal);
    }
  };
}

// ------------------------------------------------------------------------------------------------
// Array built-ins over a huge length
// ------------------------------------------------------------------------------------------------
// QuickJS-NG runs some array built-ins as C loops over the receiver's length that never check
// the run's deadlines (the engine polls its interrupt handler at JS calls and backward jumps
// only), so `a.length = 2 ** 32 - 1; a.reverse()` would outlive any timeout. Each such method
// is wrapped: up to WALK_MAX it is the engine's own; past it, it runs as the same algorithm in
// JS (which the CPU limit and the timeout stop as any loop), or, for the methods whose result
// is built through a species constructor, refuses with a RangeError. A generic receiver whose
// length is small has its `length` read twice (here, then by the engine's method).
var WALK_MAX = shim.spec.limits.builtinWalkMax;
// The methods that build their result through a species constructor have no JS form here: up to
// BUILD_MAX (a real array that long is 128 MB or more) the engine's walk, about 0.5 s over a
// sparse one, is let run; past it they refuse.
var BUILD_MAX = shim.spec.limits.builtinBuildMax;
// The engine looks at the deadlines once per 10,000 calls and backward jumps; a walk in C of up
// to 2 ** TICK_SHIFT indexes counts as one of them.
var TICK_SHIFT = 8;
var TICK = 1 << TICK_SHIFT;
var MAX_SAFE = 9007199254740991;
var ArrayPrototype = Array.prototype;
var toObject = Object; // a script may replace the globals
var isConcatSpreadable = Symbol.isConcatSpreadable;
var sortOriginal = P.uncurry(ArrayPrototype.sort);

function toLength(v) {
  var n = P.Number(v);
  if (!(n > 0)) return 0; // NaN, negative, zero
  n = n === Infinity ? MAX_SAFE : P.MathFloor(n);
  return n > MAX_SAFE ? MAX_SAFE : n;
}

function toIntegerOrInfinity(v) {
  var n = P.Number(v);
  if (n !== n) return 0;
  if (n === Infinity || n === -Infinity) return n;
  return n < 0 ? -P.MathFloor(-n) : P.MathFloor(n);
}

function relativeIndex(v, len, absent) {
  if (v === undefined) return absent;
  var n = toIntegerOrInfinity(v);
  return n < 0 ? P.MathMax(len + n, 0) : P.MathMin(n, len);
}

function tooLong(name, len) {
  return new P.RangeError('Array.prototype.' + name + ': length ' + len + ' is over ' + BUILD_MAX +
    ', the longest swan-bridge lets this built-in walk');
}

var fallbacks = {
  __proto__: null,
  join: function (o, len, args) {
    var sep = args[0] === undefined ? ',' : `${args[0]}`;
    var r = '';
    for (var k = 0; k < len; k++) {
      if (k > 0) r += sep;
      var el = o[k];
      if (el !== undefined && el !== null) r += `${el}`;
    }
    return r;
  },
  toLocaleString: function (o, len) {
    var r = '';
    for (var k = 0; k < len; k++) {
      if (k > 0) r += ',';
      var el = o[k];
      if (el !== undefined && el !== null) r += `${el.toLocaleString()}`;
    }
    return r;
  },
  reverse: function (o, len) {
    var middle = P.MathFloor(len / 2);
    for (var lower = 0; lower !== middle; lower++) {
      var upper = len - lower - 1;
      var lowerExists = lower in o;
      var lowerValue = lowerExists ? o[lower] : undefined;
      var upperExists = upper in o;
      var upperValue = upperExists ? o[upper] : undefined;
      if (upperExists) o[lower] = upperValue; else if (lowerExists) delete o[lower];
      if (lowerExists) o[upper] = lowerValue; else if (upperExists) delete o[upper];
    }
    return o;
  },
  copyWithin: function (o, len, args) {
    var to = relativeIndex(args[0], len, 0);
    var from = relativeIndex(args[1], len, 0);
    var end = relativeIndex(args[2], len, len);
    var count = P.MathMin(end - from, len - to);
    var step = 1;
    if (from < to && to < from + count) { step = -1; from += count - 1; to += count - 1; }
    for (; count > 0; count--, from += step, to += step) {
      if (from in o) o[to] = o[from]; else delete o[to];
    }
    return o;
  },
  shift: function (o, len) {
    var first = o[0];
    for (var k = 1; k < len; k++) {
      if (k in o) o[k - 1] = o[k]; else delete o[k - 1];
    }
    delete o[len - 1];
    o.length = len - 1;
    return first;
  },
  unshift: function (o, len, args) {
    var n = args.length;
    if (len + n > MAX_SAFE) throw new P.TypeError('Array.prototype.unshift: the length would pass 2 ** 53 - 1');
    for (var k = len; k > 0; k--) {
      if ((k - 1) in o) o[k + n - 1] = o[k - 1]; else delete o[k + n - 1];
    }
    for (var j = 0; j < n; j++) o[j] = args[j];
    o.length = len + n;
    return len + n;
  },
  // The items (holes skipped) sorted by the engine as a dense array, written back, holes last.
  sort: function (o, len, args) {
    var items = [];
    for (var k = 0; k < len; k++) {
      if (k in o) items[items.length] = o[k];
    }
    sortOriginal(items, args[0]);
    for (var i = 0; i < items.length; i++) o[i] = items[i];
    for (var j = items.length; j < len; j++) delete o[j];
    return o;
  },
  splice: null,
  slice: null,
  concat: null,
  flat: null,
  flatMap: null
};

// The lengths concat walks: its receiver's and each spreadable argument's.
function concatLength(o, args) {
  var most = 0;
  for (var i = -1; i < args.length; i++) {
    var item = i < 0 ? o : args[i];
    if (item === null || (typeof item !== 'object' && typeof item !== 'function')) continue;
    var spreadable = item[isConcatSpreadable];
    if (spreadable === undefined ? P.ArrayIsArray(item) : !!spreadable) most = P.MathMax(most, toLength(item.length));
  }
  return most;
}

// The methods whose arguments are all named: their wrappers pass three arguments to the engine's
// method (undefined standing for an absent one, as these methods take it), which spares the
// `arguments` object and a call through `apply` on every call.
var FIXED = { __proto__: null, join: true, reverse: true, sort: true, copyWithin: true, shift: true, slice: true, flat: true, flatMap: true };

function lengthOf(name, receiver, args) {
  return name === 'concat' ? concatLength(toObject(receiver), args) : toLength(toObject(receiver).length);
}

// One backward jump per 2 ** TICK_SHIFT indexes the engine's method may walk: each counts toward
// the engine's next look at the deadlines, as a JS loop's iterations do.
function tick(len) {
  for (var ticks = len >>> TICK_SHIFT; ticks > 0; ticks--);
}

function guard(name) {
  var original = ArrayPrototype[name];
  var callOriginal = P.uncurry(original);
  var fallback = fallbacks[name];
  var most = fallback === null ? BUILD_MAX : WALK_MAX; // what the engine's own method may walk
  var wrapper = FIXED[name] ? {
    [name](a, b, c) {
      // A comparator the engine refuses makes it throw before it reads the length.
      if (this === null || this === undefined || (name === 'sort' && a !== undefined && typeof a !== 'function')) return callOriginal(this, a, b, c);
      var len = this.length; // an array's is a number: no conversion on the common path
      if (typeof len !== 'number' || !(len <= most)) {
        len = toLength(len);
        if (len > most) {
          if (fallback === null) throw tooLong(name, len);
          return fallback(toObject(this), len, [a, b, c]);
        }
      }
      if (len >= TICK) tick(len);
      return callOriginal(this, a, b, c);
    }
  }[name] : {
    [name]() {
      // unshift() with no items only sets the length.
      if (this === null || this === undefined || (name === 'unshift' && arguments.length === 0)) return P.apply(original, this, arguments);
      var len = lengthOf(name, this, arguments);
      if (len > most) {
        if (fallback === null) throw tooLong(name, len);
        return fallback(toObject(this), len, arguments);
      }
      if (len >= TICK) tick(len);
      return P.apply(original, this, arguments);
    }
  }[name];
  P.ObjectDefineProperty(wrapper, 'length', P.ObjectGetOwnPropertyDescriptor(original, 'length'));
  P.ObjectDefineProperty(ArrayPrototype, name, { value: wrapper, writable: true, enumerable: false, configurable: true });
}

var guarded = P.ObjectKeys(fallbacks);
for (var g = 0; g < guarded.length; g++) guard(guarded[g]);

// String.raw walks its template's raw strings in C, as many as their `length` says.
var stringRaw = String.raw;
P.ObjectDefineProperty(String, 'raw', {
  value: {
    raw(template) {
      var literals = toObject(toObject(template).raw);
      var count = toLength(literals.length);
      if (count <= WALK_MAX) return P.apply(stringRaw, this, arguments);
      var r = '';
      for (var i = 0; ; i++) {
        r += `${literals[i]}`;
        if (i + 1 === count) return r;
        if (i + 1 < arguments.length) r += `${arguments[i + 1]}`;
      }
    }
  }.raw,
  writable: true, enumerable: false, configurable: true
});

// ------------------------------------------------------------------------------------------------
// String searches of a long text for a long string
// ------------------------------------------------------------------------------------------------
// The engine looks for a string in a string by comparing it at each place in C, at a cost of up
// to the text's length times the string's, with no look at the run's deadlines:
// `'x'.repeat(2 ** 27).indexOf('x'.repeat(2 ** 20) + 'y')` would outlive any timeout. When that
// product passes SEARCH_MAX, indexOf, lastIndexOf, includes, split, replace and replaceAll with a
// string to look for search the text a window at a time (each window the engine's own search,
// costing at most SEARCH_MAX, and counted toward the engine's next look at the deadlines as a
// JS loop of as many steps would be: see `tick`), which the CPU limit and the timeout stop as any
// loop; up to it they are the engine's own.
var SEARCH_MAX = shim.spec.limits.builtinSearchMax;
var StringPrototype = String.prototype;
var nativeIndexOf = P.uncurry(StringPrototype.indexOf);
var nativeLastIndexOf = P.uncurry(StringPrototype.lastIndexOf);
var nativeStartsWith = P.uncurry(StringPrototype.startsWith);
var toStr = String; // a script may replace the globals
var symbolMatch = Symbol.match;
var symbolSplit = Symbol.split;
var symbolReplace = Symbol.replace;

function costly(s, pat) { return s.length * pat.length > SEARCH_MAX; }

// The first place at or after `from` where `pat` is in `s`, or -1: a window of places at a time,
// each the engine's search over at most SEARCH_MAX comparisons (one place at a time when a window
// would hold too few for the engine's search to be worth its copy).
function findFrom(s, pat, from) {
  var m = pat.length;
  var width = P.MathFloor(SEARCH_MAX / m);
  var i;
  if (width < 64) {
    for (i = from; i + m <= s.length; i++) {
      if (nativeStartsWith(s, pat, i)) return i;
      tick(m);
    }
    return -1;
  }
  for (i = from; i + m <= s.length; i += width) {
    var found = nativeIndexOf(P.StringPrototypeSlice(s, i, i + width + m - 1), pat);
    if (found >= 0) return i + found;
    tick(SEARCH_MAX);
  }
  return -1;
}

// The last place at or before `from` where `pat` is in `s`, or -1 (as findFrom, backwards).
function findBack(s, pat, from) {
  var m = pat.length;
  var width = P.MathFloor(SEARCH_MAX / m);
  var end;
  if (width < 64) {
    for (end = P.MathMin(from, s.length - m); end >= 0; end--) {
      if (nativeStartsWith(s, pat, end)) return end;
      tick(m);
    }
    return -1;
  }
  for (end = P.MathMin(from, s.length - m); end >= 0; end -= width) {
    var start = P.MathMax(0, end - width + 1);
    var found = nativeLastIndexOf(P.StringPrototypeSlice(s, start, end + m), pat);
    if (found >= 0) return start + found;
    tick(SEARCH_MAX);
  }
  return -1;
}

function isRegExp(v) {
  return (typeof v === 'object' && v !== null || typeof v === 'function') && !!v[symbolMatch];
}

// What replace puts for one match of a string: `replacement` is a function, or its text (the
// standard's GetSubstitution, without captures).
function substitution(replacement, matched, position, s) {
  if (typeof replacement === 'function') return toStr(replacement(matched, position, s));
  if (nativeIndexOf(replacement, '$') < 0) return replacement;
  var out = '';
  for (var i = 0; i < replacement.length; i++) {
    var c = replacement[i];
    var next = replacement[i + 1];
    if (c !== '$' || next === undefined) { out += c; continue; }
    if (next === '$') { out += '$'; i++; }
    else if (next === '&') { out += matched; i++; }
    else if (next === '`') { out += P.StringPrototypeSlice(s, 0, position); i++; }
    else if (next === "'") { out += P.StringPrototypeSlice(s, position + matched.length); i++; }
    else out += c;
  }
  return out;
}

// Each method takes (pattern, second): its second argument is a position, a limit or the
// replacement, and the engine's method reads an absent one as it reads undefined.
function guardSearch(name, run) {
  var original = StringPrototype[name];
  var callOriginal = P.uncurry(original);
  var symbol = name === 'split' ? symbolSplit : (name === 'includes' || name === 'indexOf' || name === 'lastIndexOf' ? null : symbolReplace);
  var wrapper = {
    [name](pattern, second) {
      if (this === null || this === undefined) return callOriginal(this, pattern, second);
      if (typeof pattern !== 'string') {
        if (symbol !== null && pattern !== null && pattern !== undefined && (typeof pattern === 'object' || typeof pattern === 'function') &&
            pattern[symbol] !== undefined) return callOriginal(this, pattern, second); // a RegExp's own search
        if (name === 'includes' && isRegExp(pattern)) return callOriginal(this, pattern, second); // (its TypeError)
      }
      var s = typeof this === 'string' ? this : toStr(this);
      var pat = typeof pattern === 'string' ? pattern : toStr(pattern);
      if (s.length * pat.length <= SEARCH_MAX) return callOriginal(s, pat, second);
      return run(s, pat, second);
    }
  }[name];
  P.ObjectDefineProperty(wrapper, 'length', P.ObjectGetOwnPropertyDescriptor(original, 'length'));
  P.ObjectDefineProperty(StringPrototype, name, { value: wrapper, writable: true, enumerable: false, configurable: true });
}

function startOf(position, n) {
  var p = toIntegerOrInfinity(position);
  return p < 0 ? 0 : (p > n ? n : p);
}

guardSearch('indexOf', function (s, pat, position) { return findFrom(s, pat, startOf(position, s.length)); });
guardSearch('includes', function (s, pat, position) { return findFrom(s, pat, startOf(position, s.length)) >= 0; });
guardSearch('lastIndexOf', function (s, pat, position) {
  var p = P.Number(position);
  return findBack(s, pat, p !== p ? s.length : startOf(p, s.length));
});
guardSearch('split', function (s, pat, limit) {
  var most = limit === undefined ? 4294967295 : limit >>> 0;
  var out = [];
  if (most === 0) return out;
  var from = 0;
  for (var at = findFrom(s, pat, 0); at >= 0; at = findFrom(s, pat, from)) {
    out[out.length] = P.StringPrototypeSlice(s, from, at);
    if (out.length === most) return out;
    from = at + pat.length;
  }
  out[out.length] = P.StringPrototypeSlice(s, from);
  return out;
});
guardSearch('replace', function (s, pat, replacement) {
  if (typeof replacement !== 'function') replacement = toStr(replacement);
  var at = findFrom(s, pat, 0);
  if (at < 0) return s;
  return P.StringPrototypeSlice(s, 0, at) + substitution(replacement, pat, at, s) + P.StringPrototypeSlice(s, at + pat.length);
});
guardSearch('replaceAll', function (s, pat, replacement) {
  if (typeof replacement !== 'function') replacement = toStr(replacement);
  var out = '';
  var from = 0;
  for (var at = findFrom(s, pat, 0); at >= 0; at = findFrom(s, pat, from)) {
    out += P.StringPrototypeSlice(s, from, at) + substitution(replacement, pat, at, s);
    from = at + pat.length;
  }
  return out + P.StringPrototypeSlice(s, from);
});
