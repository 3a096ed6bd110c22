/*
 * core.js: what every other shim file builds on.
 *
 * - Primordials: every built-in the shim uses is captured here, before any script runs, so a
 *   script that patches or deletes globals and prototype methods cannot break the shim.
 * - The outbox (JS -> host), handed over in bounded pieces.
 * - The source table and stack formatting: frames name the user's file:line:col, the shim's own
 *   frames are dropped (by line range, not by function name), repeated frames are folded.
 * - Error reporting, `guard` for running user callbacks, and host entry points.
 *
 * The message protocol is written down once, in bridge/_protocol.py.
 */

// ------------------------------------------------------------------------------------------------
// Primordials
// ------------------------------------------------------------------------------------------------
var FunctionPrototype = Function.prototype;
// uncurry(f)(thisArg, ...args) === f.call(thisArg, ...args), without looking up `call` later.
var uncurry = FunctionPrototype.bind.bind(FunctionPrototype.call);
var apply = uncurry(FunctionPrototype.apply);

var P = shim.P = {
  apply: apply,
  uncurry: uncurry,
  ObjectCreate: Object.create,
  ObjectKeys: Object.keys,
  ObjectFreeze: Object.freeze,
  ObjectIsExtensible: Object.isExtensible,
  ObjectIsFrozen: Object.isFrozen,
  ObjectDefineProperty: Object.defineProperty,
  ObjectGetOwnPropertyDescriptor: Object.getOwnPropertyDescriptor,
  ObjectGetPrototypeOf: Object.getPrototypeOf,
  ObjectSetPrototypeOf: Object.setPrototypeOf,
  ObjectPrototypeHasOwnProperty: uncurry(Object.prototype.hasOwnProperty),
  ObjectPrototypeToString: uncurry(Object.prototype.toString),
  ArrayIsArray: Array.isArray,
  ArrayPrototypeJoin: uncurry(Array.prototype.join),
  ArrayPrototypeConcat: uncurry(Array.prototype.concat),
  ArrayPrototypeSlice: uncurry(Array.prototype.slice),
  ArrayPrototypeSplice: uncurry(Array.prototype.splice),
  ArrayPrototypeIndexOf: uncurry(Array.prototype.indexOf),
  StringPrototypeSlice: uncurry(String.prototype.slice),
  StringPrototypeToLowerCase: uncurry(String.prototype.toLowerCase),
  StringPrototypeToUpperCase: uncurry(String.prototype.toUpperCase),
  StringPrototypeIndexOf: uncurry(String.prototype.indexOf),
  StringPrototypeCharCodeAt: uncurry(String.prototype.charCodeAt),
  StringPrototypeReplace: uncurry(String.prototype.replace),
  StringPrototypeSplit: uncurry(String.prototype.split),
  StringPrototypeTrim: uncurry(String.prototype.trim),
  StringPrototypeIsWellFormed: uncurry(String.prototype.isWellFormed),
  RegExpPrototypeExec: uncurry(RegExp.prototype.exec),
  RegExpPrototypeTest: uncurry(RegExp.prototype.test),
  StringFromCharCode: String.fromCharCode,
  String: String,
  Number: Number,
  NumberIsFinite: Number.isFinite,
  JSONStringify: JSON.stringify,
  JSONParse: JSON.parse,
  MathFloor: Math.floor,
  MathMin: Math.min,
  MathMax: Math.max,
  MathRound: Math.round,
  Map: Map,
  MapPrototypeGet: uncurry(Map.prototype.get),
  MapPrototypeSet: uncurry(Map.prototype.set),
  MapPrototypeHas: uncurry(Map.prototype.has),
  MapPrototypeDelete: uncurry(Map.prototype.delete),
  MapPrototypeForEach: uncurry(Map.prototype.forEach),
  MapPrototypeGetSize: uncurry(Object.getOwnPropertyDescriptor(Map.prototype, 'size').get),
  WeakMap: WeakMap,
  WeakMapPrototypeGet: uncurry(WeakMap.prototype.get),
  WeakMapPrototypeSet: uncurry(WeakMap.prototype.set),
  Promise: Promise,
  PromiseResolve: Promise.resolve.bind(Promise),
  PromisePrototypeThen: uncurry(Promise.prototype.then),
  Error: Error,
  TypeError: TypeError,
  RangeError: RangeError,
  InternalError: InternalError,
  Uint8Array: Uint8Array,
  Uint8ArrayFromBase64: Uint8Array.fromBase64,
  Uint8ArrayPrototypeToBase64: uncurry(Uint8Array.prototype.toBase64),
  Uint8ClampedArray: Uint8ClampedArray,
  ArrayBuffer: ArrayBuffer,
  ArrayBufferIsView: ArrayBuffer.isView,
  TypedArrayPrototypeGetBuffer: uncurry(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'buffer').get),
  TypedArrayPrototypeGetByteOffset: uncurry(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'byteOffset').get),
  TypedArrayPrototypeGetByteLength: uncurry(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'byteLength').get),
  ArrayBufferPrototypeGetByteLength: uncurry(Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get),
  ArrayBufferPrototypeSlice: uncurry(ArrayBuffer.prototype.slice),
  DataViewPrototypeGetBuffer: uncurry(Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get),
  DataViewPrototypeGetByteOffset: uncurry(Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset').get),
  DataViewPrototypeGetByteLength: uncurry(Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get),
  DatePrototypeToISOString: uncurry(Date.prototype.toISOString),
  Date: Date,
  DateNow: Date.now,
  globalThis: globalThis
};

// Object.defineProperty with a copy of the descriptor that has no prototype: a script that adds
// Object.prototype.get (or value, set, writable) cannot add it to the shim's descriptors.
var defineProperty = P.ObjectDefineProperty;
var DESCRIPTOR_FIELDS = ['value', 'writable', 'get', 'set', 'enumerable', 'configurable'];
P.ObjectDefineProperty = function (target, key, descriptor) {
  if (P.ObjectGetPrototypeOf(descriptor) === null) return defineProperty(target, key, descriptor); // nothing to inherit
  var own = P.ObjectCreate(null);
  for (var i = 0; i < DESCRIPTOR_FIELDS.length; i++) {
    var field = DESCRIPTOR_FIELDS[i];
    if (P.ObjectPrototypeHasOwnProperty(descriptor, field)) own[field] = descriptor[field];
  }
  return defineProperty(target, key, own);
};

// A record with no prototype: a script that adds Object.prototype.toJSON, getters or setters
// cannot change what JSON.stringify makes of it, nor what a lookup in it finds.
function record(fields) {
  var out = P.ObjectCreate(null);
  if (fields !== undefined) {
    var keys = P.ObjectKeys(fields);
    for (var i = 0; i < keys.length; i++) out[keys[i]] = fields[keys[i]];
  }
  return out;
}
shim.record = record;

function typeName(v) {
  if (v === null) return 'null';
  if (P.ArrayIsArray(v)) return 'array';
  return typeof v;
}
shim.typeName = typeName;

// ------------------------------------------------------------------------------------------------
// Outbox (JS -> host). Messages are JSON texts, gathered into pieces of about 64 KB; a console
// line's text is not escaped but travels raw after its piece's messages (bridge/_protocol.py),
// since JSON.stringify of a long line costs more than the rest of console.log. Pieces leave as
// the script runs, through the host's __swan_outbox: when one is full, at a console line that
// comes HANDOVER_MS or more after the last hand-over (so a line printed before a long
// computation is seen at once, and a flood leaves in pieces), and before a synchronous host call.
// What is left is drained after the turn. A turn that logs a lot holds one piece, not everything.
// ------------------------------------------------------------------------------------------------
var PIECE_CHARS = 1 << 16; // about 64 KB per piece (a larger single message is its own piece)
var HANDOVER_MS = 50; // a line printed after a quiet spell leaves at once; a flood, by the piece
var MORE = '{"op":"more"}'; // ends a piece when more pieces follow
// The host's function that takes a piece during a turn (taken here, and out of a script's reach).
// A host that installs it reads raw texts; without it, every message is plain JSON.
var hostOutbox = typeof global.__swan_outbox === 'function' ? global.__swan_outbox : null;
delete global.__swan_outbox;
// The host's other functions, taken the same way: the FileSystemManager's synchronous channel
// (fs.js) and the loader of the files loaded at first use (calls.js).
shim.hostSync = typeof global.__swan_fs_sync === 'function' ? global.__swan_fs_sync : null;
delete global.__swan_fs_sync;
shim.hostLoad = typeof global.__swan_load === 'function' ? global.__swan_load : null;
delete global.__swan_load;
var rawTexts = hostOutbox !== null;
var RAW_HEAD = record();

// A piece: its messages (JSON texts), and its runs of console lines. A run is the lines of one
// level written one after another, sent as one message whose texts travel raw; its place in
// `messages` is filled when the piece is sent (see `pieceText`).
function newPiece() {
  var p = P.ObjectCreate(null);
  p.messages = [];
  p.runs = [];
  p.size = 0;
  return p;
}
var piece = newPiece(); // the piece being filled
var full = []; // pieces complete and not handed over yet, oldest first from fullHead
var fullHead = 0;
var lastPiece = null; // the piece drain() gave out last, and whether more followed it
var lastMore = false;
var handedAt = 0; // Date.now() of the last hand-over

function closePiece() {
  if (piece.messages.length !== 0) {
    full[full.length] = piece;
    piece = newPiece();
  }
}

// The piece a message of `length` characters goes into: a new one when it would overflow this
// one, which then leaves (when the host takes pieces during turns).
function room(length) {
  if (piece.size !== 0 && piece.size + length > PIECE_CHARS) {
    closePiece();
    if (hostOutbox !== null) handOver();
  }
  return piece;
}

function postText(text) {
  var p = room(text.length);
  p.messages[p.messages.length] = text;
  p.size += text.length + 1;
}

// The outbox's message types (spec.json protocol.outbox): a message of another type is a bug in
// the shim, reported instead of sent.
var OUTBOX_OPS = record();
for (var o = 0; o < shim.spec.protocol.outbox.length; o++) OUTBOX_OPS[shim.spec.protocol.outbox[o]] = true;

function post(message) {
  var text;
  if (OUTBOX_OPS[message.op] !== true) {
    message = record({ op: 'error', message: 'swan-bridge: unknown outbox message type ' + safeString(message.op), stack: '', where: 'shim' });
  }
  try {
    text = P.JSONStringify(message);
  } catch (e) {
    // The heap running out is the script's error, thrown where it made the message (a setData,
    // a call), so that it is reported as MemoryLimitExceeded at the script's own line.
    if (e instanceof P.InternalError) throw e;
    // A value that cannot be serialised (BigInt, cycle, a throwing toJSON) never reaches the host.
    text = P.JSONStringify(record({ op: 'error', message: 'swan-bridge: dropped a message: ' + safeString(e), stack: '', where: 'shim' }));
  }
  postText(text);
}
shim.post = post;
shim.postText = postText; // a message already JSON text, of a type the shim writes itself

// A console line (level: log, info, debug, warn, error): its text travels raw, unescaped, in
// the run of lines its level has at the end of the piece.
function postConsole(level, text) {
  if (!rawTexts) {
    post(record({ op: 'console', level: level, text: text }));
    return;
  }
  var length = text.length;
  var p = room(length + 8);
  var runs = p.runs;
  var run = runs.length === 0 ? null : runs[runs.length - 1];
  if (run === null || run.at !== p.messages.length - 1 || run.level !== level) {
    run = runs[runs.length] = record({ at: p.messages.length, level: level, texts: [] });
    p.messages[p.messages.length] = null;
    p.size += 50;
  }
  run.texts[run.texts.length] = text;
  p.size += length + 8;
  if (hostOutbox !== null && P.DateNow() - handedAt >= HANDOVER_MS) handOver();
}
shim.postConsole = postConsole;

// The messages sent most often, built as JSON text from their fields (no JSON.stringify of a
// whole object): every outbox message is built by `post`, `postConsole` or here.
shim.messages = {
  timer: function (id, delay, repeat) {
    postText('{"op":"timer","id":' + id + ',"delay":' + delay + ',"repeat":' + repeat + '}');
  },
  // event is one of a fixed set of names (no escaping needed)
  trace: function (id, event) {
    postText('{"op":"trace","id":' + id + ',"event":"' + event + '"}');
  },
  // keyJson and valueJson are JSON texts already (the value is not stringified twice)
  storageSet: function (keyJson, valueJson) {
    postText('{"op":"storage","set":{' + keyJson + ':' + valueJson + '}}');
  },
  // a "call" message that calls.js stringified itself (it retries without what the script passed
  // when that does not serialise)
  call: function (text) {
    postText(text);
  }
};

// A piece as the host reads it: its messages joined by "," (the host wraps them in [ ]), the
// last one {"op":"more"} when more pieces follow; then, if it has runs of console lines, "\n"
// and their texts, each followed by "\n" but the last (no JSON text holds a raw newline), each
// run's message giving the length of each of its texts. A piece whose texts are not well-formed
// UTF-16 (a lone surrogate, which the wrapper cannot convert) is sent escaped instead.
// Array.prototype.join makes a flat string, never a rope.
function pieceText(p, more) {
  var messages = p.messages;
  var runs = p.runs;
  if (runs.length === 0) return more ? P.ArrayPrototypeJoin([P.ArrayPrototypeJoin(messages, ','), MORE], ',') : P.ArrayPrototypeJoin(messages, ',');
  var parts = [null];
  for (var r = 0; r < runs.length; r++) {
    var texts = runs[r].texts;
    var lengths = [];
    for (var i = 0; i < texts.length; i++) {
      lengths[i] = texts[i].length;
      parts[parts.length] = texts[i];
    }
    messages[runs[r].at] = rawHead(runs[r].level) + P.ArrayPrototypeJoin(lengths, ',') + ']}';
  }
  var head = P.ArrayPrototypeJoin(messages, ',');
  if (more) head = P.ArrayPrototypeJoin([head, MORE], ',');
  parts[0] = head;
  var text = P.ArrayPrototypeJoin(parts, '\n');
  return P.StringPrototypeIsWellFormed(text) ? text : escapedText(p, more);
}

function rawHead(level) {
  var head = RAW_HEAD[level];
  if (head === undefined) head = RAW_HEAD[level] = '{"op":"console","level":' + P.JSONStringify(level) + ',"raw":[';
  return head;
}

// The same piece with each run's texts inside its JSON message: what the host asks for when a
// raw text did not arrive whole (the wrapper cuts strings at a NUL character). (Each text is
// stringified alone: a string has no toJSON a script could have set.)
function escapedText(p, more) {
  var messages = P.ArrayPrototypeSlice(p.messages, 0);
  for (var r = 0; r < p.runs.length; r++) {
    var run = p.runs[r];
    var texts = [];
    for (var i = 0; i < run.texts.length; i++) texts[i] = P.JSONStringify(run.texts[i]);
    messages[run.at] = '{"op":"console","level":' + P.JSONStringify(run.level) + ',"texts":[' + P.ArrayPrototypeJoin(texts, ',') + ']}';
  }
  if (more) messages[messages.length] = MORE;
  return P.ArrayPrototypeJoin(messages, ',');
}

// Hand every complete piece to the host now. It answers "" (taken), "again" (send it escaped) or
// "keep" (not now: the pieces wait for the drain). A refusal (the wrapper's CPU time limit, when
// swan-bridge's interrupt handler is missing) stops the hand-overs for good; a failure (out of
// memory) leaves the pieces for the drain.
function handOver() {
  closePiece();
  while (fullHead < full.length) {
    var p = full[fullHead];
    var answer;
    try {
      answer = hostOutbox(pieceText(p, false));
      if (answer === 'again') answer = hostOutbox(escapedText(p, false));
    } catch (e) {
      var message = '';
      try { message = P.String(e.message); } catch (ignored) { /* keep '' */ }
      if (P.StringPrototypeIndexOf(message, 'time limit') !== -1) hostOutbox = null;
      return;
    }
    if (answer === 'keep') return;
    full[fullHead] = undefined;
    fullHead++;
  }
  full = [];
  fullHead = 0;
  handedAt = P.DateNow();
}

// Before a synchronous host call: what the script printed so far reaches the host first.
shim.handOver = function () {
  if (hostOutbox !== null && (piece.messages.length !== 0 || fullHead < full.length)) handOver();
};

// What forgets, at each drain, what holds only while the host waits on this part of a turn.
var drainHooks = [];
shim.onDrain = function (fn) { drainHooks[drainHooks.length] = fn; };

// obj[key] = value, as an own data property even where the key is "__proto__" (whose assignment
// would set the object's prototype); returns value.
shim.putOwn = function (obj, key, value) {
  if (key === '__proto__') P.ObjectDefineProperty(obj, key, { value: value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
  return value;
};

// The next piece of the outbox: "" when empty. drain(true) gives the last piece again, escaped.
function drain(again) {
  for (var h = 0; h < drainHooks.length; h++) drainHooks[h]();
  if (again === true) return lastPiece === null ? '' : escapedText(lastPiece, lastMore);
  var p;
  if (fullHead < full.length) { // the complete pieces first: they are older than the current one
    p = full[fullHead];
    full[fullHead] = undefined;
    fullHead++;
    if (fullHead === full.length) { full = []; fullHead = 0; }
  } else if (piece.messages.length !== 0) {
    p = piece;
    piece = newPiece();
  } else {
    lastPiece = null;
    return '';
  }
  lastPiece = p;
  lastMore = fullHead < full.length || piece.messages.length !== 0;
  return pieceText(p, lastMore);
}
shim.drain = drain;

// ------------------------------------------------------------------------------------------------
// Sources and stacks
// ------------------------------------------------------------------------------------------------
// Every evaluated source owns a range of line numbers (the engine names every eval <input> and
// restarts at line 1; the host pads each source with newlines to its range). Entries are in
// ascending order: {name, first, count, internal}. The shim's own files are internal.
var sources = shim.sources; // set by the bundle header
var lastSource = null;

function locate(line) {
  if (lastSource !== null && line >= lastSource.first && line < lastSource.first + lastSource.count) return lastSource;
  var lo = 0;
  var hi = sources.length - 1;
  while (lo <= hi) {
    var mid = (lo + hi) >> 1;
    var s = sources[mid];
    if (line < s.first) hi = mid - 1;
    else if (line >= s.first + s.count) lo = mid + 1;
    else { lastSource = s; return s; }
  }
  return null;
}

var currentSource = null; // the user source evaluated last (line 1 is the bundle's header)

// `end`: the column just after the source's last character; `tail`: the lines the host adds
// after it (closing a wrapper, ending the script). A fault the engine finds there (a block the
// file never closed) is at the file's end.
function addSource(name, first, count, end, tail) {
  currentSource = record({ name: name, first: first, count: count, internal: false, end: end || 1, tail: tail || 0 });
  sources[sources.length] = currentSource;
}
shim.addSource = addSource;

// "file:line:col" of a call site, or null for a native frame or a line of the shim.
function siteLocation(site) {
  var line = site.getLineNumber();
  if (typeof line !== 'number' || line <= 0) return null;
  if (line === 1) {
    // The engine gives a frame stopped where it records no position (an interrupt in a loop)
    // the first line of its function; for a script's top level (<eval>) that is line 1 of the
    // padded source, before the padding. Only the script being evaluated has a top-level
    // frame. Other line-1 frames (a position inside JSON.parse's text) are not the user's.
    return site.getFunctionName() === '<eval>' && currentSource !== null ? currentSource.name + ':1:1' : null;
  }
  var src = locate(line);
  if (src === null) { // a line the host added after a source: that source's end
    for (var back = 1; back <= 2 && src === null; back++) src = locate(line - back);
    return src === null || src.internal || line >= src.first + src.count + src.tail ? null : src.name + ':' + src.count + ':' + src.end;
  }
  if (src.internal) return null;
  return src.name + ':' + (line - src.first + 1) + ':' + site.getColumnNumber();
}

function frameText(site) {
  var fn = site.getFunctionName();
  var where = siteLocation(site);
  if (where === null) return '    at ' + (fn || '<anonymous>') + ' (native)';
  if (!fn || fn === '<eval>') return '    at ' + where;
  return '    at ' + fn + ' (' + where + ')';
}

// Error.prepareStackTrace: the user's frames with their file:line:col. Frames of the shim are
// dropped, and so are native frames that are not between two user frames. A run of identical
// frames (deep recursion) is shown once with its count.
function prepareStackTrace(error, sites) {
  var lines = [];
  var pendingNative = [];
  var i;
  for (i = 0; i < sites.length; i++) {
    var site = sites[i];
    if (siteLocation(site) === null) {
      if (site.getLineNumber() > 0) { pendingNative = []; continue; } // a shim frame: not shown
      if (lines.length > 0) pendingNative[pendingNative.length] = frameText(site);
      continue;
    }
    for (var k = 0; k < pendingNative.length; k++) lines[lines.length] = pendingNative[k];
    pendingNative = [];
    lines[lines.length] = frameText(site);
  }
  var folded = [];
  for (i = 0; i < lines.length;) {
    var j = i + 1;
    while (j < lines.length && lines[j] === lines[i]) j++;
    folded[folded.length] = j - i > 1 ? lines[i] + '  x ' + (j - i) : lines[i];
    i = j;
  }
  return P.ArrayPrototypeJoin(folded, '\n');
}

// The engine keeps prepareStackTrace in an internal slot behind Error's own accessor. The shim
// puts its dispatcher there, then replaces the accessor, so that a script may read or replace
// Error.prepareStackTrace (V8 code does) without removing the shim's formatter: what a script
// sets is called with the same call sites instead.
var userPrepare;
P.ObjectGetOwnPropertyDescriptor(Error, 'prepareStackTrace').set.call(Error, function (error, sites) {
  return userPrepare === undefined ? prepareStackTrace(error, sites) : apply(userPrepare, Error, [error, sites]);
});
P.ObjectDefineProperty(Error, 'prepareStackTrace', {
  configurable: false,
  enumerable: false,
  get: function () { return userPrepare === undefined ? prepareStackTrace : userPrepare; },
  set: function (fn) { userPrepare = typeof fn === 'function' && fn !== prepareStackTrace ? fn : undefined; }
});
Error.stackTraceLimit = 50;

function safeString(v) {
  try {
    return P.String(v);
  } catch (_) {
    return '[unprintable value]';
  }
}
shim.safeString = safeString;

function readField(obj, name) {
  try {
    return obj[name];
  } catch (_) {
    return undefined;
  }
}

// {message, stack} for any thrown value; never throws, whatever the value's getters do.
function describeError(e) {
  if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
    var message = readField(e, 'message');
    if (message !== undefined) {
      var name = readField(e, 'name');
      var stack = readField(e, 'stack');
      return record({
        message: (name === undefined ? 'Error' : safeString(name)) + ': ' + safeString(message),
        stack: typeof stack === 'string' ? stack : ''
      });
    }
  }
  return record({ message: safeString(e), stack: '' });
}
shim.describeError = describeError;

// Listeners told of every uncaught error after it is reported (App.onError, swan.onError).
var uncaughtHooks = [];
shim.onUncaught = function (fn) { uncaughtHooks[uncaughtHooks.length] = fn; };
var inUncaughtHook = false;

function reportError(e, where) {
  reportDescribed(describeError(e), where);
}
shim.reportError = reportError;

function reportDescribed(d, where) {
  post(record({ op: 'error', message: d.message, stack: d.stack, where: where }));
  if (inUncaughtHook) return; // an error inside onError is reported, not passed on again
  inUncaughtHook = true;
  try {
    for (var i = 0; i < uncaughtHooks.length; i++) uncaughtHooks[i](d);
  } finally {
    inUncaughtHook = false;
  }
}

// Run user code in isolation: an exception is reported, never propagated to the caller.
function guard(fn, thisArg, args, where) {
  try {
    apply(fn, thisArg, args);
  } catch (e) {
    reportError(e, where);
  }
}
shim.guard = guard;

// ------------------------------------------------------------------------------------------------
// Unhandled promise rejections. The host installs the engine's rejection tracker, which calls
// __swan_rejection(promise, reason, handled); what is still unhandled when the host's microtask
// checkpoint ends is reported like an uncaught error.
// ------------------------------------------------------------------------------------------------
var unhandled = new P.Map();

function onRejection(promise, reason, handled) {
  if (handled) P.MapPrototypeDelete(unhandled, promise);
  else P.MapPrototypeSet(unhandled, promise, reason);
}

// discard: the host stopped a chain of jobs, and what it left rejected is not the script's.
function reportRejections(discard) {
  if (P.MapPrototypeGetSize(unhandled) === 0) return drain();
  var pending = unhandled;
  unhandled = new P.Map();
  if (discard === true) return drain();
  P.MapPrototypeForEach(pending, function (reason) {
    var d = describeError(reason);
    d.message = 'Uncaught (in promise) ' + d.message;
    reportDescribed(d, 'promise');
  });
  return drain();
}

// ------------------------------------------------------------------------------------------------
// Host entry points: non-writable, non-configurable globals (see bridge/_protocol.py).
// ------------------------------------------------------------------------------------------------
// Entry points are globals only until the host has fetched them: __swan_seal() then removes
// them, so no script can call one (and, say, drain the outbox it has not yet handed over).
var entryNames = [];
function entry(name, fn) {
  P.ObjectDefineProperty(global, '__swan_' + name, { value: fn, configurable: true });
  entryNames[entryNames.length] = '__swan_' + name;
}
shim.entry = entry;

P.ObjectDefineProperty(global, '__swan_seal', {
  configurable: true,
  value: function () {
    for (var i = 0; i < entryNames.length; i++) delete global[entryNames[i]];
    delete global.__swan_seal;
  }
});

var configureHooks = [];
shim.onConfigure = function (fn) { configureHooks[configureHooks.length] = fn; };

entry('drain', drain);

// Host events (__swan_dispatch): one JSON text {"t": type, ...} each, parsed here once and handed
// to the file that owns its type (spec.json protocol.events: calls.js owns "headers" and "end",
// socket.js "socket").
var hostEvents = record();
shim.onHostEvent = function (type, fn) { hostEvents[type] = fn; };
entry('dispatch', function (text) {
  var event;
  try {
    event = P.JSONParse(text);
  } catch (e) {
    reportError(e, 'host event');
    return drain();
  }
  var handler = event !== null && typeof event === 'object' ? hostEvents[event.t] : undefined;
  if (handler === undefined) reportError(new P.Error('swan-bridge: unknown host event ' + safeString(event && event.t)), 'host event');
  else handler(event);
  return drain();
});
// Looked up by name by the engine's rejection tracker, so it stays (a script calling it can
// only add a report of its own).
P.ObjectDefineProperty(global, '__swan_rejection', { value: onRejection });
entry('checkpoint', reportRejections);
entry('source', function (name, first, count, end, tail) {
  addSource(name, first, count, end, tail);
  return drain();
});
entry('configure', function (text) {
  var c = P.JSONParse(text);
  for (var i = 0; i < configureHooks.length; i++) configureHooks[i](c);
  return drain();
});
