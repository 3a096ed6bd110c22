/*
 * storage.js: swan's key-value storage (docs: api/storage/*.md): setStorage, getStorage,
 * removeStorage, clearStorage, getStorageInfo and their Sync forms.
 *
 * The Sync forms must answer at once and JS never calls Python, so the storage lives here, in JS
 * memory: key -> the value's JSON text. The host seeds it at start-up (__swan_configure
 * {"storage": {key: value}}), and every change is posted as {"op": "storage"} (see
 * bridge/_protocol.py), which the host writes to <data_dir>/storage.json.
 *
 * Client rules:
 * - A value is kept as JSON, as the client does (its base library stores JSON.stringify(data)
 *   and answers JSON.parse of it): strings, numbers, booleans, objects, arrays and null inside
 *   them keep their type; a Date becomes its ISO string, undefined members are dropped, NaN and
 *   Infinity become null. `data` undefined or null is "data is required" (errCode 202); a value
 *   JSON cannot hold (a function, a BigInt, a cycle) is a parameter error too, and so is one
 *   nested deeper than spec.limits.storageDepth levels (arrays and objects), which the host
 *   could not parse, write or read back: "data is nested deeper than 512 levels".
 * - key: a non-empty string (202 otherwise). Keys are JSON keys, never file names.
 * - Limit: 10 MB in all (no per-key limit), counted as the UTF-8 bytes of each key and of its
 *   value's JSON text. A write that would pass it fails (errCode 1003 on iOS, 1001 on Android:
 *   save_swan-setStorage.md) and changes nothing. The limit holds for the data folder, which
 *   other runtimes may share: a write that fits here is checked by the host too, through the
 *   synchronous channel, against the store as it would be written (see bridge/_files/_storage.py).
 * - A missing key: getStorageSync returns '', and getStorage succeeds with data '' (the swan
 *   docs' Bugs&Tips for getStorage: "currently calls success with an empty string").
 * - getStorageInfo: {keys, currentSize, limitSize}, sizes in KB (currentSize rounded up).
 * - Sync failures are returned, not thrown (base library 3.140.1+): an Error whose message is
 *   "<api>:fail <reason>", with errCode and errMsg. setStorageSync, removeStorageSync and
 *   clearStorageSync return {errMsg: "<api>:ok"} on success (the docs' setStorageSync sample
 *   reads res.errCode from what it returns).
 *
 * The asynchronous forms are carried out when they are called (in the declaration's `check`,
 * once the parameters passed), in call order, so a Sync call made right after sees the change,
 * and a getStorage reports the value as it was when it was called. The host's answer only
 * releases the callbacks (asynchronously, as for every call) and records the call.
 */
var P = shim.P;
var record = shim.record;
var typeName = shim.typeName;

var LIMIT_BYTES = shim.spec.limits.storageBytes;
var DEPTH = shim.spec.limits.storageDepth;
var LIMIT_KB = LIMIT_BYTES / 1024;
var FULL = 'exceed max storage size';
var FULL_ANSWER = { kind: 'size_limit', detail: FULL };
var hostSync = shim.hostSync; // the synchronous channel (core.js)

var MathCeil = Math.ceil;
var WeakMapGet = P.uncurry(WeakMap.prototype.get);
var WeakMapSet = P.uncurry(WeakMap.prototype.set);
var RegExpExec = P.uncurry(RegExp.prototype.exec);
var NON_ASCII = /[^\x00-\x7f]/;

var entries = new P.Map(); // key -> {text, bytes}, in insertion order
var totalBytes = 0;

// ------------------------------------------------------------------------------------------------
// The store
// ------------------------------------------------------------------------------------------------
function utf8Length(s) {
  var n = s.length;
  if (RegExpExec(NON_ASCII, s) === null) return n;
  var bytes = n;
  for (var i = 0; i < n; i++) {
    var c = P.StringPrototypeCharCodeAt(s, i);
    if (c < 0x80) continue;
    if (c < 0x800) { bytes += 1; continue; }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      var d = P.StringPrototypeCharCodeAt(s, i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { bytes += 2; i++; continue; } // a pair: 4 bytes for 2 units
    }
    bytes += 2; // 3 bytes (a lone surrogate too)
  }
  return bytes;
}

function keyProblem(key) {
  if (key === undefined || key === null) return 'key is required';
  if (typeof key !== 'string') return 'key must be a string, got ' + typeName(key);
  return key.length === 0 ? 'key must not be empty' : null;
}


// {text} for a value the storage can hold, or {problem}.
function encode(data) {
  if (data === undefined || data === null) return { problem: 'data is required' };
  var text;
  try {
    text = P.JSONStringify(data);
  } catch (e) {
    return { problem: 'data must be a JSON value (' + shim.describeError(e).message + ')' };
  }
  if (typeof text !== 'string') return { problem: 'data must be a JSON value, got ' + typeName(data) };
  if (shim.nestedDeeper(text, DEPTH)) return { problem: 'data is nested deeper than ' + DEPTH + ' levels' };
  return { text: text };
}

// Bytes the store may still grow by without asking the host again: the host's answer holds the
// data folder's lock until the turn's write, so no other runtime adds to the store meanwhile.
// Each value stored counts whole against it (whatever it replaces: another runtime may have
// changed that key), a removal gives nothing back; so it only ever errs by asking. Forgotten at
// every drain of the outbox, which ends each part of a turn, before the host lets go of the lock.
var room = 0;
shim.onDrain(function () { room = 0; });

// The host's answer to whether `bytes` fit under `key` in the data folder's store: null (they do)
// or {kind, detail}. Without the synchronous channel (the engine's CPU time limit forbids it)
// only this runtime's own count applies.
function folderRefuses(key, bytes) {
  if (hostSync === null) return null;
  if (bytes <= room) {
    room -= bytes;
    return null;
  }
  shim.handOver(); // the changes posted before this one reach the host first
  var reply = null;
  try {
    reply = hostSync(P.JSONStringify(record({ method: 'storage.reserve', key: key, bytes: bytes })));
  } catch (e) {
    var message = '';
    try { message = P.String(e.message); } catch (ignored) { /* keep '' */ }
    if (P.StringPrototypeIndexOf(message, 'time limit') === -1) throw e;
  }
  if (reply === null) return null;
  var answer = P.JSONParse(reply);
  if (answer.ok) room = typeof answer.room === 'number' ? answer.room : 0;
  return answer.ok || answer.kind === 'unavailable' ? null : answer;
}

// Stores `text` under `key`; or, when the storage would pass its limit (or the host cannot take
// it), changes nothing and returns {kind, detail}.
function put(key, text) {
  var bytes = utf8Length(key) + utf8Length(text);
  var old = P.MapPrototypeGet(entries, key);
  var total = totalBytes - (old === undefined ? 0 : old.bytes) + bytes;
  if (total > LIMIT_BYTES) return FULL_ANSWER;
  var refused = folderRefuses(key, bytes);
  if (refused !== null) return refused;
  P.MapPrototypeSet(entries, key, record({ text: text, bytes: bytes }));
  totalBytes = total;
  shim.messages.storageSet(P.JSONStringify(key), text);
  return null;
}

function remove(key) {
  var old = P.MapPrototypeGet(entries, key);
  if (old === undefined) return;
  P.MapPrototypeDelete(entries, key);
  totalBytes -= old.bytes;
  shim.post(record({ op: 'storage', remove: [key] }));
}

function clear() {
  entries = new P.Map();
  totalBytes = 0;
  shim.post(record({ op: 'storage', clear: true }));
}

// The stored value's JSON text, or null for a missing key.
function textOf(key) {
  var entry = P.MapPrototypeGet(entries, key);
  return entry === undefined ? null : entry.text;
}

function valueOf(text) {
  return text === null ? '' : P.JSONParse(text);
}

function info() {
  var keys = [];
  P.MapPrototypeForEach(entries, function (_, key) { keys[keys.length] = key; });
  return { keys: keys, currentSize: MathCeil(totalBytes / 1024), limitSize: LIMIT_KB };
}

shim.onConfigure(function (c) {
  if (c.storage === undefined) return;
  var keys = P.ObjectKeys(c.storage);
  for (var i = 0; i < keys.length; i++) {
    var text = P.JSONStringify(c.storage[keys[i]]);
    var bytes = utf8Length(keys[i]) + utf8Length(text);
    var old = P.MapPrototypeGet(entries, keys[i]);
    totalBytes += bytes - (old === undefined ? 0 : old.bytes);
    P.MapPrototypeSet(entries, keys[i], record({ text: text, bytes: bytes }));
  }
});

function fullCode(config) {
  return config.platform === 'ios' ? 1003 : 1001;
}

// ------------------------------------------------------------------------------------------------
// Asynchronous forms. `check` runs once per call, after the declared parameters passed; what a
// read found is kept for the call (by its params object) until its success is delivered.
// ------------------------------------------------------------------------------------------------
var found = new WeakMap(); // params -> what the call read when it was made
var delivering; // what `perform` took for the success being delivered (read by `result` next)

function takeFound(params) {
  delivering = WeakMapGet(found, params);
}

function storageApi(name, params, check, result) {
  shim.defineApi(name, {
    family: 'storage',
    params: params,
    check: check,
    perform: result === undefined ? undefined : takeFound,
    result: result,
    errCode: function (kind, config) { return kind === 'size_limit' ? fullCode(config) : undefined; }
  });
}

storageApi('setStorage', [['key', 'nonEmptyString', true], ['data', 'any', true]], function (params) {
  var encoded = encode(params.data);
  if (encoded.problem !== undefined) {
    delete params.data; // it did not pass (and may not even be serializable for the record)
    return ['param', 'parameter error: ' + encoded.problem];
  }
  params.data = P.JSONParse(encoded.text); // the call is recorded with what is stored
  var refused = put(params.key, encoded.text);
  return refused === null ? null : [refused.kind, refused.detail];
});

storageApi('getStorage', [['key', 'nonEmptyString', true]], function (params) {
  WeakMapSet(found, params, textOf(params.key));
  return null;
}, function (res) {
  res.data = valueOf(delivering);
  return res;
});

storageApi('removeStorage', [['key', 'nonEmptyString', true]], function (params) {
  remove(params.key);
  return null;
});

storageApi('clearStorage', [], function () {
  clear();
  return null;
});

storageApi('getStorageInfo', [], function (params) {
  WeakMapSet(found, params, info());
  return null;
}, function (res) {
  var i = delivering;
  res.keys = i.keys;
  res.currentSize = i.currentSize;
  res.limitSize = i.limitSize;
  return res;
});

// ------------------------------------------------------------------------------------------------
// Sync forms: they answer at once and return their failure as an Error (never throw).
// ------------------------------------------------------------------------------------------------
function failure(api, reason, errCode) {
  var error = new P.Error(api + ':fail ' + reason);
  error.errCode = errCode;
  error.errMsg = api + ':fail ' + reason;
  return error;
}

function paramFailure(api, problem) {
  return failure(api, 'parameter error: ' + problem, 202);
}

function ok(api) {
  return { errMsg: api + ':ok' };
}

shim.setApi('setStorageSync', function setStorageSync(key, data) {
  var problem = keyProblem(key);
  if (problem !== null) return paramFailure('setStorageSync', problem);
  var encoded = encode(data);
  if (encoded.problem !== undefined) return paramFailure('setStorageSync', encoded.problem);
  var refused = put(key, encoded.text);
  if (refused !== null) {
    var code = refused.kind === 'size_limit' ? fullCode(shim.config) : 1001;
    return failure('setStorageSync', refused.detail, code);
  }
  return ok('setStorageSync');
});

shim.setApi('getStorageSync', function getStorageSync(key) {
  var problem = keyProblem(key);
  if (problem !== null) return paramFailure('getStorageSync', problem);
  return valueOf(textOf(key));
});

shim.setApi('removeStorageSync', function removeStorageSync(key) {
  var problem = keyProblem(key);
  if (problem !== null) return paramFailure('removeStorageSync', problem);
  remove(key);
  return ok('removeStorageSync');
});

shim.setApi('clearStorageSync', function clearStorageSync() {
  clear();
  return ok('clearStorageSync');
});

shim.setApi('getStorageInfoSync', function getStorageInfoSync() {
  return info();
});
