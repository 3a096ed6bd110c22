/*
 * swan-bridge JS shim: the `swan` global, timers and console, inside QuickJS.
 *
 * This file owns the swan API surface: argument checks, task objects, listener lists, callback
 * order and every errMsg / errCode. Python owns I/O and policy. The two talk only through the
 * message protocol written down in bridge/_protocol.py: JS never calls into Python; it appends
 * JSON messages to an outbox that the host drains after each turn, and the host delivers one
 * event per call of __swan_dispatch(json).
 */
(function (global) {
  'use strict';

  // Intrinsics captured at load time, so that scripts that replace globals cannot break the shim.
  var stringify = JSON.stringify;
  var parse = JSON.parse;
  var isArray = Array.isArray;
  var objectKeys = Object.keys;
  var defineProperty = Object.defineProperty;
  var floor = Math.floor;
  var min = Math.min;
  var PromiseResolve = Promise.resolve.bind(Promise);

  // QuickJS 2021 reports stack overflow as InternalError; browsers and phones throw RangeError.
  // Putting RangeError in its prototype chain makes `e instanceof RangeError` hold, as scripts
  // expect (e.name stays "InternalError"; its other uses, interrupts and out-of-memory, cannot be
  // caught by scripts anyway).
  if (typeof global.InternalError === 'function' && !(global.InternalError.prototype instanceof RangeError)) {
    Object.setPrototypeOf(global.InternalError.prototype, RangeError.prototype);
  }

  // ---------------------------------------------------------------------------------------------
  // Outbox (JS -> Python)
  // ---------------------------------------------------------------------------------------------
  var outbox = [];

  function post(message) {
    var text;
    try {
      text = stringify(message);
    } catch (e) {
      // A value that cannot be serialised (BigInt, cycle) never reaches the host.
      text = stringify({ op: 'error', message: 'swan-bridge: dropped a message: ' + e, stack: '', where: 'shim' });
    }
    outbox[outbox.length] = text;
  }

  function drain() {
    if (outbox.length === 0) return '';
    var text = '[' + outbox.join(',') + ']';
    outbox = [];
    return text;
  }

  function describeError(e) {
    if (e !== null && typeof e === 'object' && 'message' in e) {
      var name = e.name === undefined ? 'Error' : String(e.name);
      return { message: name + ': ' + String(e.message), stack: typeof e.stack === 'string' ? e.stack : '' };
    }
    var text;
    try { text = String(e); } catch (_) { text = '[unprintable value]'; }
    return { message: 'Uncaught ' + text, stack: '' };
  }

  // The user's frames only: drop the tail the error's stack shares with the shim's own call
  // site (guard, fireTimer, dispatch ...) and the native frame between them.
  function userStack(stack) {
    if (!stack) return '';
    var lines = stack.replace(/\n+$/, '').split('\n');
    var here = (new Error().stack || '').replace(/\n+$/, '').split('\n');
    var i = lines.length - 1;
    var j = here.length - 1;
    while (i >= 0 && j >= 0 && lines[i] === here[j]) { i--; j--; }
    // `here` starts inside userStack/reportError; what is left below the user's code is shim.
    while (i >= 0 && (/\(native\)$/.test(lines[i]) || /^\s*at (guard|fireTimer|dispatch|deliverToListeners|settle|onEnd) /.test(lines[i]))) i--;
    return lines.slice(0, i + 1).join('\n');
  }

  function reportError(e, where) {
    var d = describeError(e);
    post({ op: 'error', message: d.message, stack: userStack(d.stack), where: where });
  }

  // Run user code in isolation: an exception is reported, never propagated to the caller.
  function guard(fn, arg, where) {
    try {
      fn(arg);
    } catch (e) {
      reportError(e, where);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // console
  // ---------------------------------------------------------------------------------------------
  function formatValue(v) {
    switch (typeof v) {
      case 'string': return v;
      case 'undefined': return 'undefined';
      case 'function': return '[Function: ' + (v.name || 'anonymous') + ']';
      case 'symbol': return v.toString();
      case 'object':
        if (v === null) return 'null';
        if (v instanceof Error) return describeError(v).message;
        try {
          var seen = [];
          var out = stringify(v, function (key, value) {
            if (typeof value === 'bigint') return String(value);
            if (typeof value === 'object' && value !== null) {
              if (seen.indexOf(value) !== -1) return '[Circular]';
              seen[seen.length] = value;
            }
            return value;
          });
          return out === undefined ? String(v) : out;
        } catch (e) {
          return String(v);
        }
      default: return String(v); // number, boolean, bigint: as JS prints them
    }
  }

  function makeConsoleMethod(level) {
    return function () {
      var parts = [];
      for (var i = 0; i < arguments.length; i++) parts[i] = formatValue(arguments[i]);
      post({ op: 'console', level: level, text: parts.join(' ') });
    };
  }

  global.console = {
    log: makeConsoleMethod('log'),
    info: makeConsoleMethod('info'),
    debug: makeConsoleMethod('debug'),
    warn: makeConsoleMethod('warn'),
    error: makeConsoleMethod('error')
  };

  // ---------------------------------------------------------------------------------------------
  // Timers: JS keeps the callbacks, Python keeps the clock.
  // ---------------------------------------------------------------------------------------------
  var timers = new Map();
  var timerSeq = 0;

  var MAX_DELAY = 2147483647; // as browsers: a longer delay overflows and fires at once

  function addTimer(fn, delay, repeat, args) {
    var id = ++timerSeq;
    var ms = Number(delay);
    if (!(ms > 0) || ms > MAX_DELAY) ms = 0; // NaN, negative, undefined, Infinity -> 0
    timers.set(id, { fn: fn, args: args, repeat: repeat });
    // A hot path (100k timers is a normal test suite): a prebuilt message, no stringify.
    outbox[outbox.length] = '{"op":"timer","id":' + id + ',"delay":' + ms + ',"repeat":' + repeat + '}';
    return id;
  }

  function clearTimer(id) {
    if (timers.delete(id)) post({ op: 'clearTimer', id: id });
  }

  function restArgs(args, from) {
    var out = [];
    for (var i = from; i < args.length; i++) out[out.length] = args[i];
    return out;
  }

  global.setTimeout = function (fn, delay) { return addTimer(fn, delay, false, restArgs(arguments, 2)); };
  global.setInterval = function (fn, delay) { return addTimer(fn, delay, true, restArgs(arguments, 2)); };
  global.clearTimeout = clearTimer;
  global.clearInterval = clearTimer;
  if (typeof global.queueMicrotask !== 'function') {
    global.queueMicrotask = function (fn) {
      if (typeof fn !== 'function') throw new TypeError('queueMicrotask: argument must be a function');
      PromiseResolve().then(function () { guard(fn, undefined, 'microtask'); });
    };
  }

  function fireTimer(id) {
    var t = timers.get(id);
    if (t === undefined) return;
    if (!t.repeat) timers.delete(id);
    if (typeof t.fn !== 'function') return; // string callbacks are not evaluated
    try {
      t.fn.apply(undefined, t.args);
    } catch (e) {
      reportError(e, 'timer');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Configuration set by the host (see bridge/_protocol.py, "configure").
  // ---------------------------------------------------------------------------------------------
  var config = { platform: 'android', uploadJson: false };

  // errCodes from the seed document. Parameter errors are 202 on both platforms; execution
  // failures are 1001 ("执行失败/执行错误", and iOS's "请求文件超过10M" for an oversized download);
  // only iOS has 1002, for a download whose size cannot be determined. File APIs use 2000-2004.
  var FILE_ERROR_CODES = { invalid_path: 2000, not_found: 2001, size_limit: 2002, io: 2003, delete_failed: 2004 };
  var TRANSFER_APIS = { uploadFile: true, downloadFile: true };

  function errCodeFor(api, kind) {
    if (kind === 'param') return 202;
    if (TRANSFER_APIS[api]) {
      if (kind === 'invalid_path') return 202; // a filePath outside the sandbox is a bad parameter
      if (kind === 'size_unknown' && config.platform === 'ios') return 1002;
      return 1001;
    }
    return FILE_ERROR_CODES[kind] !== undefined ? FILE_ERROR_CODES[kind] : 1001;
  }

  // Human-readable reason after "<api>:fail ".
  var REASONS = {
    abort: 'abort',
    timeout: 'timeout',
    too_large: 'exceed max file size',
    size_unknown: 'unable to determine file size',
    domain: 'url not in domain list'
  };

  function failResult(api, kind, detail) {
    var reason = REASONS[kind] || detail || kind;
    return { errCode: errCodeFor(api, kind), errMsg: api + ':fail ' + reason };
  }

  // ---------------------------------------------------------------------------------------------
  // Parameter checks (errCode 202, errMsg names the parameter).
  // ---------------------------------------------------------------------------------------------
  function typeName(v) {
    if (v === null) return 'null';
    if (isArray(v)) return 'array';
    return typeof v;
  }

  function isPlainObject(v) {
    return v !== null && typeof v === 'object' && !isArray(v);
  }

  var CHECKS = {
    string: function (v) { return typeof v === 'string' ? null : 'must be a string'; },
    nonEmptyString: function (v) {
      if (typeof v !== 'string') return 'must be a string';
      return v.length === 0 ? 'must not be empty' : null;
    },
    object: function (v) { return isPlainObject(v) ? null : 'must be an object'; },
    number: function (v) { return typeof v === 'number' && v === v ? null : 'must be a number'; },
    stringArray: function (v) {
      if (!isArray(v)) return 'must be an array';
      for (var i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return 'must be an array of strings';
      return null;
    }
  };

  // For each API: [name, check, required].
  var SPECS = {
    uploadFile: [['url', 'nonEmptyString', true], ['filePath', 'nonEmptyString', true], ['name', 'nonEmptyString', true],
      ['header', 'object', false], ['formData', 'object', false]],
    downloadFile: [['url', 'nonEmptyString', true], ['header', 'object', false], ['filePath', 'nonEmptyString', false]],
    chooseImage: [['count', 'number', false], ['sizeType', 'stringArray', false], ['sourceType', 'stringArray', false]],
    saveFile: [['tempFilePath', 'nonEmptyString', true]],
    getSavedFileList: [],
    getSavedFileInfo: [['filePath', 'nonEmptyString', true]],
    removeSavedFile: [['filePath', 'nonEmptyString', true]],
    getFileInfo: [['filePath', 'nonEmptyString', true], ['digestAlgorithm', 'string', false]]
  };

  var CALLBACKS = ['success', 'fail', 'complete'];

  // Returns [params, callbacks, error-reason-or-null]. Never throws, whatever `object` is.
  function checkParams(api, object) {
    var callbacks = {};
    var params = {};
    if (object === undefined) object = {};
    if (!isPlainObject(object)) return [params, callbacks, 'parameter error: object must be an object, got ' + typeName(object)];
    var problem = null;
    try {
      for (var c = 0; c < CALLBACKS.length; c++) {
        var cb = object[CALLBACKS[c]];
        if (cb === undefined) continue;
        if (typeof cb === 'function') callbacks[CALLBACKS[c]] = cb;
        else if (problem === null) problem = 'parameter error: ' + CALLBACKS[c] + ' must be a function';
      }
      var spec = SPECS[api];
      for (var i = 0; i < spec.length && problem === null; i++) {
        var name = spec[i][0];
        var value = object[name];
        if (value === undefined || value === null) {
          if (spec[i][2]) problem = 'parameter error: ' + name + ' is required';
          continue;
        }
        var why = CHECKS[spec[i][1]](value);
        if (why !== null) problem = 'parameter error: ' + name + ' ' + why + ', got ' + typeName(value);
        else params[name] = value;
      }
      if (problem === null && params.header !== undefined) params.header = requestHeaders(api, stringMap(params.header));
      if (problem === null && params.formData !== undefined) params.formData = stringMap(params.formData);
      if (problem === null && api === 'getFileInfo' && params.digestAlgorithm !== undefined &&
          params.digestAlgorithm !== 'md5' && params.digestAlgorithm !== 'sha1') {
        problem = "parameter error: digestAlgorithm must be 'md5' or 'sha1'";
      }
    } catch (e) {
      // A getter on the argument object threw: that is a parameter error, not a crash.
      problem = 'parameter error: ' + describeError(e).message;
    }
    return [params, callbacks, problem];
  }

  // The client sets Referer and User-Agent itself; a script's values are dropped, with a warning.
  var RESERVED_HEADERS = { 'referer': true, 'user-agent': true };

  function requestHeaders(api, header) {
    var names = objectKeys(header);
    for (var i = 0; i < names.length; i++) {
      if (RESERVED_HEADERS[names[i].toLowerCase()]) {
        post({ op: 'console', level: 'warn', text: api + ': header "' + names[i] + '" cannot be set by a mini program and was dropped' });
        delete header[names[i]];
      }
    }
    return header;
  }

  // Header and formData values are sent as strings, as the clients do.
  function stringMap(obj) {
    var out = {};
    var keys = objectKeys(obj);
    for (var i = 0; i < keys.length; i++) {
      var v = obj[keys[i]];
      if (v === undefined) continue;
      out[keys[i]] = typeof v === 'string' ? v : (typeof v === 'object' && v !== null ? stringify(v) : String(v));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Calls and tasks
  // ---------------------------------------------------------------------------------------------
  var calls = new Map();
  var callSeq = 0;

  function trace(call, event, result) {
    if (result === undefined) {
      // The hot path (one per progress event): a prebuilt message, no stringify.
      outbox[outbox.length] = '{"op":"trace","id":' + call.id + ',"event":"' + event + '"}';
    } else {
      post({ op: 'trace', id: call.id, event: event, errMsg: result.errMsg, errCode: result.errCode });
    }
  }

  function settle(call, ok, result) {
    if (call.settled) return;
    call.settled = true;
    calls.delete(call.id);
    var cbs = call.callbacks;
    trace(call, ok ? 'success' : 'fail', result);
    var primary = ok ? cbs.success : cbs.fail;
    if (primary !== undefined) guard(primary, result, call.api + (ok ? ' success' : ' fail'));
    trace(call, 'complete');
    if (cbs.complete !== undefined) guard(cbs.complete, result, call.api + ' complete');
  }

  function listenerList(list) {
    return {
      on: function (cb) { if (typeof cb === 'function') list[list.length] = cb; },
      off: function (cb) {
        if (cb === undefined) { list.length = 0; return; }
        var i = list.indexOf(cb);
        if (i !== -1) list.splice(i, 1);
      }
    };
  }

  function makeTask(call) {
    var progress = listenerList(call.progressListeners);
    var headers = listenerList(call.headerListeners);
    var task = {};
    var methods = {
      onProgressUpdate: progress.on,
      offProgressUpdate: progress.off,
      onHeadersReceived: headers.on,
      offHeadersReceived: headers.off,
      abort: function () {
        if (call.settled || call.aborted || call.rejected) return;
        call.aborted = true;
        post({ op: 'abort', id: call.id });
      }
    };
    var names = objectKeys(methods);
    for (var i = 0; i < names.length; i++) {
      defineProperty(task, names[i], { value: methods[names[i]], enumerable: false });
    }
    return task;
  }

  function startCall(api, object, isTask) {
    var checked = checkParams(api, object);
    var call = {
      id: ++callSeq, api: api, callbacks: checked[1], settled: false, aborted: false, rejected: checked[2] !== null,
      progressListeners: [], headerListeners: []
    };
    calls.set(call.id, call);
    post({ op: 'call', id: call.id, api: api, params: checked[2] === null ? checked[0] : null, error: checked[2] });
    // A rejected call is answered by the host like any other, so its callbacks are asynchronous
    // (a macrotask), exactly as for a real failure.
    return isTask ? makeTask(call) : undefined;
  }

  function progressPayload(api, done, total) {
    var percent;
    if (total === null) percent = 0;
    else if (total === 0) percent = 100;
    else percent = min(100, floor((100 * done) / total));
    var expected = total === null ? -1 : total;
    if (api === 'uploadFile') return { progress: percent, totalBytesSent: done, totalBytesExpectedToSend: expected };
    return { progress: percent, totalBytesWritten: done, totalBytesExpectedToWrite: expected };
  }

  function deliverToListeners(call, list, payload, event) {
    var snapshot = list.slice();
    for (var i = 0; i < snapshot.length; i++) {
      if (call.aborted || call.settled) return;
      trace(call, event);
      guard(snapshot[i], payload, call.api + ' ' + event);
    }
  }

  function successResult(api, raw) {
    var res = {};
    var keys = objectKeys(raw);
    for (var i = 0; i < keys.length; i++) res[keys[i]] = raw[keys[i]];
    if (api === 'uploadFile' && config.uploadJson && typeof res.data === 'string') {
      try { res.data = parse(res.data); } catch (e) { /* not JSON: handed over as the string */ }
    }
    res.errMsg = api + ':ok';
    return res;
  }

  function onEnd(call, event) {
    if (call.aborted) {
      settle(call, false, failResult(call.api, 'abort'));
    } else if (event.ok) {
      settle(call, true, successResult(call.api, event.result));
    } else {
      settle(call, false, failResult(call.api, event.kind, event.detail));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Host entry points
  // ---------------------------------------------------------------------------------------------
  function dispatch(text) {
    var event;
    try {
      event = parse(text);
    } catch (e) {
      reportError(e, 'host event');
      return drain();
    }
    var call = calls.get(event.id);
    if (call === undefined || call.settled) return drain();
    if (event.t === 'headers') {
      if (!call.aborted) deliverToListeners(call, call.headerListeners, { header: event.header }, 'headers');
    } else if (event.t === 'end') {
      onEnd(call, event);
    }
    return drain();
  }

  function configure(text) {
    var c = parse(text);
    if (c.platform !== undefined) config.platform = c.platform;
    if (c.uploadJson !== undefined) config.uploadJson = !!c.uploadJson;
    if (c.userDataPath !== undefined) swan.env.USER_DATA_PATH = c.userDataPath;
    if (c.globals !== undefined) {
      var names = objectKeys(c.globals);
      for (var i = 0; i < names.length; i++) global[names[i]] = c.globals[names[i]];
    }
    return drain();
  }

  // The two hottest events have their own entry points with numeric arguments (no JSON).
  function timerEntry(id) {
    fireTimer(id);
    return drain();
  }

  function progressEntry(id, done, total) {
    var call = calls.get(id);
    if (call !== undefined && !call.settled && !call.aborted) {
      deliverToListeners(call, call.progressListeners, progressPayload(call.api, done, total < 0 ? null : total), 'progress');
    }
    return drain();
  }

  defineProperty(global, '__swan_dispatch', { value: dispatch });
  defineProperty(global, '__swan_timer', { value: timerEntry });
  defineProperty(global, '__swan_progress', { value: progressEntry });
  defineProperty(global, '__swan_drain', { value: drain });
  defineProperty(global, '__swan_configure', { value: configure });

  // ---------------------------------------------------------------------------------------------
  // The swan global
  // ---------------------------------------------------------------------------------------------
  var swan = { env: { USER_DATA_PATH: 'bdfile://usr' } };

  swan.uploadFile = function (object) { return startCall('uploadFile', object, true); };
  swan.downloadFile = function (object) { return startCall('downloadFile', object, true); };

  var PLAIN_APIS = ['chooseImage', 'saveFile', 'getSavedFileList', 'getSavedFileInfo', 'removeSavedFile', 'getFileInfo'];
  PLAIN_APIS.forEach(function (api) {
    swan[api] = function (object) { startCall(api, object, false); };
  });

  global.swan = swan;
})(globalThis);
