/*
 * calls.js: the API registry, parameter checks, task objects, callback order and every
 * errCode / errMsg.
 *
 * Each API is declared once with shim.defineApi(name, spec); `swan[name]` is made from the
 * declaration, and the host checks at start-up that it has a handler for every declared family.
 * The host answers each call with exactly one "end" event; the shim turns it into exactly one of
 * success / fail, then complete, always asynchronously.
 */
var P = shim.P;
var record = shim.record;
var typeName = shim.typeName;

var swan = shim.swan = { env: { USER_DATA_PATH: shim.spec.paths.userData } };
var registry = record(); // api -> spec
var apiNames = [];

// errMsg reasons after "<api>:fail " for the failure kinds the host may send, and errCodes by
// family (spec.json "errors"); a kind without a reason uses the host's detail text, and a kind
// without a code is `paramCode` for "param" and `otherCode` ("执行失败") for anything else.
var ERRORS = shim.spec.errors;
var REASONS = record(ERRORS.reasons);
var ERROR_CODES = record();
var families = P.ObjectKeys(ERRORS.codes);
for (var f = 0; f < families.length; f++) ERROR_CODES[families[f]] = record(ERRORS.codes[families[f]]);

var config = shim.config = { platform: 'android', uploadJson: false };
shim.onConfigure(function (c) {
  if (c.platform !== undefined) config.platform = c.platform;
  if (c.uploadJson !== undefined) config.uploadJson = !!c.uploadJson;
  if (c.userDataPath !== undefined) swan.env.USER_DATA_PATH = c.userDataPath;
});

function errCodeFor(spec, kind) {
  if (spec.errCode !== undefined) {
    var special = spec.errCode(kind, config);
    if (special !== undefined) return special;
  }
  var table = ERROR_CODES[spec.family];
  var code = table !== undefined ? table[kind] : undefined;
  return code !== undefined ? code : (kind === 'param' ? ERRORS.paramCode : ERRORS.otherCode);
}

// The errCode of a failure `kind` in an API family (for a failure a Sync form throws).
shim.familyErrCode = function (family, kind) { return errCodeFor({ family: family }, kind); };

function failResult(spec, kind, detail) {
  var reason = REASONS[kind] || detail || kind;
  return { errCode: errCodeFor(spec, kind), errMsg: spec.label + ':fail ' + reason };
}

// ------------------------------------------------------------------------------------------------
// Parameter checks (errCode 202, errMsg names the parameter)
// ------------------------------------------------------------------------------------------------
function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !P.ArrayIsArray(v);
}
shim.isPlainObject = isPlainObject;

// Whether a JSON text nests arrays and objects more than `limit` levels deep. A text with no
// more than `limit` opening brackets (strings included) cannot: that is counted natively and
// settles nearly every value; else the text is scanned, jumping over its strings.
function nestedDeeper(text, limit) {
  var openers = 0;
  for (var at = P.StringPrototypeIndexOf(text, '['); at !== -1 && openers <= limit; at = P.StringPrototypeIndexOf(text, '[', at + 1)) openers++;
  for (at = P.StringPrototypeIndexOf(text, '{'); at !== -1 && openers <= limit; at = P.StringPrototypeIndexOf(text, '{', at + 1)) openers++;
  if (openers <= limit) return false;
  var depth = 0;
  var n = text.length;
  for (var i = 0; i < n; i++) {
    var c = P.StringPrototypeCharCodeAt(text, i);
    if (c === 34) { // a string: to its closing quote (one not escaped by an odd run of backslashes)
      var end = i;
      for (;;) {
        end = P.StringPrototypeIndexOf(text, '"', end + 1);
        var slashes = 0;
        while (P.StringPrototypeCharCodeAt(text, end - 1 - slashes) === 92) slashes++;
        if (slashes % 2 === 0) break;
      }
      i = end;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return false;
}
shim.nestedDeeper = nestedDeeper;

// A `prepare` check: each of `names` that is given is a hex color (#rgb or #rrggbb).
var HEX_COLOR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
shim.hexColors = function (names) {
  return function (params) {
    for (var i = 0; i < names.length; i++) {
      var v = params[names[i]];
      if (v !== undefined && !HEX_COLOR.test(v)) return 'parameter error: ' + names[i] + ' must be a hex color (#rgb or #rrggbb), got ' + v;
    }
    return null;
  };
};

// A `prepare` check: `params[name]`, when given, is one of `values` (a 202 naming what was given).
shim.oneOf = function (name, values) {
  return function (params) {
    var v = params[name];
    if (v !== undefined && P.ArrayPrototypeIndexOf(values, v) === -1) {
      return 'parameter error: ' + name + ' must be one of ' + P.ArrayPrototypeJoin(values, ', ') + ', got ' + v;
    }
    return null;
  };
};

var CHECKS = record({
  string: function (v) { return typeof v === 'string' ? null : 'must be a string'; },
  nonEmptyString: function (v) {
    if (typeof v !== 'string') return 'must be a string';
    return v.length === 0 ? 'must not be empty' : null;
  },
  object: function (v) { return isPlainObject(v) ? null : 'must be an object'; },
  number: function (v) { return typeof v === 'number' && v === v ? null : 'must be a number'; },
  boolean: function (v) { return typeof v === 'boolean' ? null : 'must be a boolean'; },
  array: function (v) { return P.ArrayIsArray(v) ? null : 'must be an array'; },
  any: function () { return null; },
  stringArray: function (v) {
    if (!P.ArrayIsArray(v)) return 'must be an array';
    for (var i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return 'must be an array of strings';
    return null;
  }
});

var CALLBACKS = ['success', 'fail', 'complete'];

// Returns {params, callbacks, problem, kind}. Never throws, whatever `object` is. `prepare`
// may rewrite params and return a parameter problem; `check` may return [kind, reason] for a
// failure the client finds before it starts (a page that does not exist, a full page stack).
function checkParams(spec, object) {
  var callbacks = record();
  var params = record();
  if (object === undefined) object = {};
  var problem = null;
  try {
    if (!isPlainObject(object)) { // a revoked Proxy throws even here
      return { params: params, callbacks: callbacks, problem: 'parameter error: object must be an object, got ' + typeName(object) };
    }
  } catch (e) {
    return { params: params, callbacks: callbacks, problem: 'parameter error: ' + shim.describeError(e).message, kind: 'param' };
  }
  // Each callback is read on its own: a getter that throws on one must not lose the others.
  for (var c = 0; c < CALLBACKS.length; c++) {
    var cb;
    try {
      cb = object[CALLBACKS[c]];
    } catch (e) {
      if (problem === null) problem = 'parameter error: ' + CALLBACKS[c] + ': ' + shim.describeError(e).message;
      continue;
    }
    if (cb === undefined) continue;
    if (typeof cb === 'function') callbacks[CALLBACKS[c]] = cb;
    else if (problem === null) problem = 'parameter error: ' + CALLBACKS[c] + ' must be a function';
  }
  try {
    var list = spec.params;
    for (var i = 0; i < list.length && problem === null; i++) {
      var name = list[i][0];
      var value = object[name];
      if (value === undefined || value === null) {
        if (list[i][2]) problem = 'parameter error: ' + name + ' is required';
        continue;
      }
      var why = CHECKS[list[i][1]](value);
      if (why !== null) problem = 'parameter error: ' + name + ' ' + why + ', got ' + typeName(value);
      else params[name] = value;
    }
    if (problem === null && spec.prepare !== undefined) problem = spec.prepare(params, spec.name);
    if (problem === null && spec.check !== undefined) {
      var bad = spec.check(params, spec.name);
      if (bad !== null) return { params: params, callbacks: callbacks, problem: bad[1], kind: bad[0] };
    }
  } catch (e) {
    // A getter or Proxy trap on the argument threw: that is a parameter error, not a crash.
    problem = 'parameter error: ' + shim.describeError(e).message;
  }
  return { params: params, callbacks: callbacks, problem: problem, kind: 'param' };
}

// ------------------------------------------------------------------------------------------------
// Calls and tasks
// ------------------------------------------------------------------------------------------------
var calls = new P.Map();
var callSeq = 0;

function trace(call, event, result) {
  if (result === undefined) {
    shim.messages.trace(call.id, event); // the hot path: one per progress event
  } else {
    shim.post(record({ op: 'trace', id: call.id, event: event, errMsg: result.errMsg, errCode: result.errCode }));
  }
}

// The call whose success/fail callback is running: if the host stops that callback (CPU limit,
// memory), it calls __swan_resume and `complete` still runs, as the client promises.
var unfinished = null;

function settle(call, ok, result) {
  if (call.settled) return;
  call.settled = true;
  call.result = result;
  P.MapPrototypeDelete(calls, call.id);
  trace(call, ok ? 'success' : 'fail', result);
  var primary = ok ? call.callbacks.success : call.callbacks.fail;
  unfinished = call;
  if (primary !== undefined) shim.guard(primary, undefined, [result], call.api + (ok ? ' success' : ' fail'));
  complete(call);
}

function complete(call) {
  unfinished = null;
  trace(call, 'complete');
  if (call.callbacks.complete !== undefined) shim.guard(call.callbacks.complete, undefined, [call.result], call.api + ' complete');
}

shim.entry('resume', function () {
  if (unfinished !== null) complete(unfinished);
  return shim.drain();
});

// A task's listeners of one kind. The first one added tells the host (op "listen"): until then
// it has no reason to deliver that kind of event, which would find no listener.
function listenerList(call, list, event) {
  var announced = false;
  return {
    on: function (cb) {
      if (typeof cb !== 'function') return;
      list[list.length] = cb;
      if (!announced) {
        announced = true;
        shim.post(record({ op: 'listen', id: call.id, event: event }));
      }
    },
    off: function (cb) {
      if (cb === undefined) { list.length = 0; return; }
      var i = P.ArrayPrototypeIndexOf(list, cb);
      if (i !== -1) P.ArrayPrototypeSplice(list, i, 1);
    }
  };
}

// Calls each listener in `list` with `payload`, tracing `event`, while the call is live.
function deliverToListeners(call, list, payload, event) {
  var snapshot = P.ArrayPrototypeSlice(list);
  for (var i = 0; i < snapshot.length; i++) {
    if (call.aborted || call.settled) return;
    trace(call, event);
    shim.guard(snapshot[i], undefined, [payload], call.api + ' ' + event);
  }
}

function makeTask(call) {
  var progress = listenerList(call, call.progressListeners, 'progress');
  var headers = listenerList(call, call.headerListeners, 'headers');
  var task = {};
  var methods = {
    onProgressUpdate: progress.on,
    offProgressUpdate: progress.off,
    onHeadersReceived: headers.on,
    offHeadersReceived: headers.off,
    abort: function () {
      if (call.settled || call.aborted || call.rejected) return;
      call.aborted = true;
      shim.post(record({ op: 'abort', id: call.id }));
    }
  };
  var names = P.ObjectKeys(methods);
  for (var i = 0; i < names.length; i++) {
    P.ObjectDefineProperty(task, names[i], { value: methods[names[i]], enumerable: false });
  }
  return task;
}

// What the script passed, as rt.calls shows it: a copy of its fields but the callbacks, with an
// ArrayBuffer or view as {"$bytes": base64} (the host makes it bytes; JSON would make it {}), a
// script's own key that starts with "$" escaped with one more "$" (so that no script can forge
// the marker), and a toJSON method's result in place of its object (as JSON.stringify would).
// null when the script passed something else than an object, or something deeper or larger than
// the host should parse (then rt.calls shows the checked params); a field whose getter throws is
// left out.
var GIVEN_DEPTH = 32;
var GIVEN_NODES = 10000;
var Uint8ArrayPrototypeToBase64 = P.uncurry(P.Uint8Array.prototype.toBase64);
function givenParams(object) {
  if (object === undefined) return record();
  try {
    if (!isPlainObject(object)) return null;
    return copyGiven(object, '', 0, { nodes: GIVEN_NODES });
  } catch (e) {
    return null; // too deep, too large, a revoked Proxy, a toJSON that threw
  }
}
shim.givenParams = givenParams;
function copyGiven(value, key, depth, budget) {
  if (--budget.nodes < 0 || depth > GIVEN_DEPTH) throw new P.RangeError('too large to record');
  if (value !== null && typeof value === 'object' && typeof value.toJSON === 'function') {
    value = value.toJSON(key); // a Date: its string
  }
  var type = typeof value;
  if (type === 'function' || type === 'symbol' || type === 'bigint' || type === 'undefined') return undefined;
  if (value === null || type !== 'object') return value;
  var bytes = shim.bytesOf(value);
  if (bytes !== null) return record({ $bytes: Uint8ArrayPrototypeToBase64(bytes) });
  var out;
  if (P.ArrayIsArray(value)) {
    out = [];
    for (var i = 0; i < value.length; i++) {
      var item = copyGiven(value[i], P.String(i), depth + 1, budget);
      out[i] = item === undefined ? null : item;
    }
    return out;
  }
  out = record();
  var keys = P.ObjectKeys(value);
  for (var k = 0; k < keys.length; k++) {
    var field;
    try {
      field = value[keys[k]];
    } catch (e) {
      continue;
    }
    var copied = copyGiven(field, keys[k], depth + 1, budget);
    if (copied !== undefined) out[P.StringPrototypeSlice(keys[k], 0, 1) === '$' ? '$' + keys[k] : keys[k]] = copied;
  }
  return out;
}

function startCall(spec, object) {
  var checked = checkParams(spec, object);
  var call = {
    id: ++callSeq, api: spec.name, spec: spec, callbacks: checked.callbacks, settled: false, aborted: false,
    rejected: checked.problem !== null, progressListeners: [], headerListeners: []
  };
  P.MapPrototypeSet(calls, call.id, call);
  // A refused call still shows what passed its checks (for rt.calls); the error says why. The
  // message must reach the host whatever the params hold (a throwing toJSON, a cycle): the
  // call is always answered.
  var text;
  var message = record({
    op: 'call', id: call.id, api: spec.name, params: checked.params, error: checked.problem, kind: checked.kind,
    given: givenParams(object)
  });
  try {
    try {
      text = P.JSONStringify(message);
    } catch (e) { // what the script passed does not serialise (a toJSON threw): rt.calls shows params
      message.given = null;
      text = P.JSONStringify(message);
    }
  } catch (e) {
    text = P.JSONStringify(record({
      op: 'call', id: call.id, api: spec.name, params: {},
      error: checked.problem || 'parameter error: ' + shim.describeError(e).message, kind: checked.problem ? checked.kind : 'param'
    }));
    call.rejected = true;
  }
  shim.messages.call(text);
  call.params = checked.params;
  // A rejected call is answered by the host like any other, so its callbacks are asynchronous
  // (a macrotask), exactly as for a real failure.
  return spec.task ? makeTask(call) : undefined;
}

function successResult(spec, raw) {
  var res = {};
  var keys = P.ObjectKeys(raw);
  for (var i = 0; i < keys.length; i++) res[keys[i]] = raw[keys[i]];
  if (spec.result !== undefined) res = spec.result(res, config);
  res.errMsg = spec.label + ':ok';
  return res;
}

function onEnd(call, event) {
  if (call.aborted) settle(call, false, failResult(call.spec, 'abort'));
  else if (event.ok) {
    // What the client does before it reports success (a navigation's page lifecycle).
    if (call.spec.perform !== undefined) {
      try {
        call.spec.perform(call.params, call.api);
      } catch (e) {
        // What the client does failed in the app's code (a page that does not load). A file
        // that did not compile was reported when the runtime started; anything else is now.
        if (!(e !== null && typeof e === 'object' && e.reported === true)) shim.reportError(e, call.api);
        settle(call, false, failResult(call.spec, 'internal', shim.describeError(e).message));
        return;
      }
    }
    settle(call, true, successResult(call.spec, event.result));
  }
  else settle(call, false, failResult(call.spec, event.kind, event.detail));
}

// The family of a declared API, or undefined.
shim.apiFamily = function (name) {
  var spec = registry[name];
  if (spec === undefined && loadAllLazy()) spec = registry[name];
  return spec === undefined ? undefined : spec.family;
};

// spec: {family, params: [[name, check, required], ...], task?: bool, prepare?(params, api) ->
// problem|null, check?(params, api) -> [kind, reason]|null, perform?(params, api) on success
// before the callbacks, result?(res, config) -> res, errCode?(kind, config) -> code|undefined,
// progress?(done, total, percent) -> payload}
// spec.label: the name errMsg starts with, when it is not the API's own (the FileSystemManager's
// "readFile:ok" for the API "FileSystemManager.readFile").
shim.defineApi = function (name, spec) {
  shim.setApi(name, shim.defineMethod(name, spec));
};

// An API that is an object's method ("FileSystemManager.readFile"), declared as defineApi
// declares one but not put on swan: its function, for the object.
shim.defineMethod = function (name, spec) {
  spec.name = name;
  if (spec.label === undefined) spec.label = name;
  if (registry[name] === undefined) apiNames[apiNames.length] = name;
  registry[name] = spec;
  return function (object) { return startCall(spec, object); };
};

// The Sync / factory / listener functions the shim carries out (getStorageSync, isLoginSync,
// onAppShow ...), for swan.canIUse: every shim.setApi made while the shim's files load. The
// placeholders of unsupported.js are made later, at the first __swan_configure, so they are not
// in it (this hook is registered before unsupported.js's, so it runs first).
var implemented = record();
var loadingFiles = true;
shim.onConfigure(function () { loadingFiles = false; });
shim.isImplemented = function (name) {
  return implemented[name] === true || (loadAllLazy() && implemented[name] === true);
};

// swan[name] = fn, for dotted names too ("ai.ocrIdCard" is swan.ai.ocrIdCard). A file loading at
// first use only records its names: they are put in place once the whole file has run.
shim.setApi = function (name, fn) {
  if (loadingFiles || loading >= 0) implemented[name] = true;
  own[name] = fn;
  if (loading >= 0) {
    pending[pending.length] = name;
    return;
  }
  var parts = P.StringPrototypeSplit(name, '.');
  var node = swan;
  for (var i = 0; i < parts.length - 1; i++) node = node[parts[i]] || (node[parts[i]] = {});
  node[parts[parts.length - 1]] = fn;
};

// The shim's own function for an API, whatever a script has done to `swan` since.
shim.ownApi = function (name) { return own[name]; };

// ------------------------------------------------------------------------------------------------
// Files loaded at first use (bridge/_engine/_bundle.py LAZY_FILES): the API families most
// scripts never call. Until a file loads, each swan name it defines is a placeholder accessor;
// reading or assigning one loads the file through the host, which evaluates the file's function
// from bytecode. The file runs whole, recording its names, then they are put in place: a file
// whose run was stopped (an error, the CPU limit: the host then resets the load) put nothing on
// swan, and runs again from the start at the next use. The host learns the placeholders from the
// first runtime of its bundle, which loads every file at once (`__swan_lazy("")`); the others
// get that table (`__swan_lazy(table)`). Whatever a script assigned or removed before a file
// loads stays.
// ------------------------------------------------------------------------------------------------
var own = record(); // api -> the function setApi gave it
var lazyFiles = shim.lazy; // set by the bundle header: the files' names, by index
var lazyState = []; // per file: 0 not loaded, 1 loading, 2 loaded
var lazyNames = []; // per file: the names it defined, while the first runtime records them
var lazyLeft = lazyFiles.length; // files not loaded
var loading = -1; // the file being loaded
var pending = null; // the names it has defined so far
var stubs = new P.WeakMap(); // the placeholders' getters -> true
var resolved = record(); // path -> what its file put there, read by a placeholder it could not replace
var placed = record(); // path -> true, for each placeholder made and each object it is in
for (var lf = 0; lf < lazyFiles.length; lf++) {
  lazyState[lf] = 0;
  lazyNames[lf] = [];
}

function loadLazy(index) {
  if (lazyState[index] !== 0) return;
  var fn = shim.hostLoad === null ? null : shim.hostLoad(index);
  if (typeof fn !== 'function') throw new P.Error('swan-bridge: ' + lazyFiles[index] + ' could not be loaded');
  var outer = loading;
  var outerPending = pending;
  lazyState[index] = 1;
  loading = index;
  pending = [];
  try {
    fn(global, shim);
  } catch (e) {
    lazyState[index] = 0;
    loading = outer;
    pending = outerPending;
    shim.hostLoad(-1);
    throw e;
  }
  var names = pending;
  loading = outer;
  pending = outerPending;
  lazyState[index] = 2;
  lazyLeft--;
  shim.hostLoad(-1);
  lazyNames[index] = names;
  for (var i = 0; i < names.length; i++) place(names[i]);
}

// The host's reset of a load the engine stopped (the CPU limit, the run's deadline, Ctrl-C), which
// ran no catch: the file is not loaded, and put nothing on swan.
shim.entry('lazyReset', function () {
  for (var i = 0; i < lazyFiles.length; i++) if (lazyState[i] === 1) lazyState[i] = 0;
  loading = -1;
  pending = null;
});

// Load every file not loaded yet; true if there was one.
function loadAllLazy() {
  if (lazyLeft === 0) return false;
  for (var i = 0; i < lazyFiles.length; i++) loadLazy(i);
  return true;
}
shim.loadAllLazy = loadAllLazy;

// Put the function of `name` in place: where its placeholder is (kept for the placeholder if it
// cannot go), else where no script has been; a name a script replaced or removed since the
// placeholder was made, or on an object it has frozen, stays as the script left it.
function place(name) {
  var fn = own[name];
  var parts = P.StringPrototypeSplit(name, '.');
  var node = swan;
  var path = '';
  for (var i = 0; i < parts.length - 1; i++) {
    path = i === 0 ? parts[0] : path + '.' + parts[i];
    var next = isPlaceholder(node, parts[i]) ? resolved[path] || putInPlace(node, parts[i], path, {}) : node[parts[i]];
    if (next === undefined || next === null) {
      if (placed[path] === true || !P.ObjectIsExtensible(node)) return;
      next = node[parts[i]] = {};
    }
    node = next;
  }
  var key = parts[parts.length - 1];
  if (isPlaceholder(node, key)) putInPlace(node, key, name, fn);
  else if (placed[name] !== true && P.ObjectGetOwnPropertyDescriptor(node, key) === undefined && P.ObjectIsExtensible(node)) {
    node[key] = fn;
  }
}

function placeholder(index, path) {
  var parts = P.StringPrototypeSplit(path, '.');
  var node = swan;
  if (parts.length > 1) {
    node = swan[parts[0]] || (swan[parts[0]] = {});
    placed[parts[0]] = true;
  }
  var key = parts[parts.length - 1];
  var get = function () {
    loadLazy(index);
    // Still the placeholder when a script sealed or froze the object before the file loaded.
    return isPlaceholder(node, key) ? resolved[path] : node[key];
  };
  P.WeakMapPrototypeSet(stubs, get, true);
  placed[path] = true;
  var descriptor = P.ObjectCreate(null); // (made field by field: one a runtime starts with many of)
  descriptor.get = get;
  descriptor.set = function (value) {
    loadLazy(index);
    if (!isPlaceholder(node, key)) node[key] = value;
    else if (P.ObjectGetOwnPropertyDescriptor(node, key).configurable) P.ObjectDefineProperty(node, key, dataProperty(value));
    else if (!P.ObjectIsFrozen(node)) resolved[path] = value; // sealed: the value changes, as for a plain property
  };
  descriptor.enumerable = true;
  descriptor.configurable = true;
  P.ObjectDefineProperty(node, key, descriptor);
}

// A plain property's descriptor (P.ObjectDefineProperty reads only its own fields).
function dataProperty(value) {
  return { value: value, writable: true, enumerable: true, configurable: true };
}

function isPlaceholder(node, key) {
  var d = P.ObjectGetOwnPropertyDescriptor(node, key);
  return d !== undefined && d.get !== undefined && P.WeakMapPrototypeGet(stubs, d.get) === true;
}

// Put `value` where the placeholder of `path` is (kept for the placeholder if it cannot go).
function putInPlace(node, key, path, value) {
  resolved[path] = value;
  if (P.ObjectGetOwnPropertyDescriptor(node, key).configurable) P.ObjectDefineProperty(node, key, dataProperty(value));
  return value;
}

// The placeholders of each file: a name on swan, or the object of APIs that only this file puts
// there; a name inside an object another file shares ("ai.ocrIdCard").
function placeholderPaths(before) {
  var owners = record();
  var i, j, top;
  for (i = 0; i < lazyNames.length; i++) {
    for (j = 0; j < lazyNames[i].length; j++) {
      top = P.StringPrototypeSplit(lazyNames[i][j], '.')[0];
      owners[top] = owners[top] === undefined || owners[top] === i ? i : -1;
    }
  }
  var out = [];
  for (i = 0; i < lazyNames.length; i++) {
    var paths = record();
    for (j = 0; j < lazyNames[i].length; j++) {
      var name = lazyNames[i][j];
      top = P.StringPrototypeSplit(name, '.')[0];
      paths[owners[top] === i && !P.ObjectPrototypeHasOwnProperty(before, top) ? top : name] = true;
    }
    out[i] = P.ObjectKeys(paths);
  }
  return out;
}

// "" (the bundle's first runtime): load every file now, and answer the placeholders of each;
// else the answer of a first runtime: make them.
shim.entry('lazy', function (text) {
  if (text === '') {
    var before = record();
    var names = P.ObjectKeys(swan);
    for (var i = 0; i < names.length; i++) before[names[i]] = true;
    loadAllLazy();
    return P.JSONStringify(placeholderPaths(before));
  }
  var table = P.JSONParse(text);
  for (var f = 0; f < table.length; f++) {
    for (var k = 0; k < table[f].length; k++) placeholder(f, table[f][k]);
  }
  return '';
});

// The names of the files loaded so far, in order (the host's Engine.shim_files).
shim.entry('loaded', function () {
  var out = [];
  for (var i = 0; i < lazyFiles.length; i++) if (lazyState[i] === 2) out[out.length] = lazyFiles[i];
  return P.JSONStringify(out);
});

// Whether swan has `name` (a placeholder counts, and is not read: that would load its file).
shim.hasApi = function (name) {
  var fn = own[name];
  if (fn !== undefined && swan[name] === fn) return true; // the shim's own, in place (most names)
  var parts = P.StringPrototypeSplit(name, '.');
  var node = swan;
  for (var i = 0; i < parts.length; i++) {
    if (node === undefined || node === null) return false;
    if (isPlaceholder(node, parts[i])) return true;
    node = node[parts[i]];
  }
  return node !== undefined;
};

// ------------------------------------------------------------------------------------------------
// Host entry points
// ------------------------------------------------------------------------------------------------
shim.onHostEvent('headers', function (event) {
  var call = P.MapPrototypeGet(calls, event.id);
  if (call !== undefined && !call.settled && !call.aborted) deliverToListeners(call, call.headerListeners, { header: event.header }, 'headers');
});
shim.onHostEvent('end', function (event) {
  var call = P.MapPrototypeGet(calls, event.id);
  if (call !== undefined && !call.settled) onEnd(call, event);
});

// The hottest event has its own entry point with numeric arguments (no JSON); the host computes
// the percent (it throttles on it), total < 0 means unknown.
shim.entry('progress', function (id, done, total, percent) {
  var call = P.MapPrototypeGet(calls, id);
  if (call !== undefined && !call.settled && !call.aborted && call.spec.progress !== undefined) {
    deliverToListeners(call, call.progressListeners, call.spec.progress(done, total < 0 ? -1 : total, percent), 'progress');
  }
  return shim.drain();
});

// The declared APIs and their families, for the host's start-up check.
shim.entry('apis', function () {
  loadAllLazy();
  var out = record();
  for (var i = 0; i < apiNames.length; i++) out[apiNames[i]] = registry[apiNames[i]].family;
  return P.JSONStringify(out);
});
