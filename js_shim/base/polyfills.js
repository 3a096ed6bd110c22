/*
 * polyfills.js: built-ins a phone's JS engine has and QuickJS-NG lacks: structuredClone (for
 * JSON-safe values plus Date, Map, Set, typed arrays and cycles), TextEncoder / TextDecoder
 * (UTF-8 only, as a mini-program needs).
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
