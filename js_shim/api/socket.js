/*
 * socket.js: swan.connectSocket and SocketTask (send, close, onOpen, onMessage, onError,
 * onClose), and the global forms swan.onSocketOpen / onSocketMessage / onSocketError /
 * onSocketClose / sendSocketMessage / closeSocket. The host carries the sockets out
 * (bridge/_sockets.py); this file owns the parameters, the task objects and the listeners.
 *
 * What the docs and Baidu's own JS layer say (swan-team/swan-docs develop/api/net/websocket*.md,
 * net_rule.md; mosuite/swan-js-api src/swan/api/network/web-socket.js), and what is done here:
 * - connectSocket({url, header, protocols}) returns a SocketTask at once; success({socketTaskId})
 *   comes when the task exists, before onOpen. A handshake that fails ends in onError({errMsg})
 *   then onClose({code: 1006, reason}); fail is for what is refused before any connection: a
 *   parameter (202; iOS 4), the domain list (1001; iOS 7 "安全校验失败"), more than 5 sockets
 *   (1001 "exceed max task count"; iOS errorCode 1).
 * - url must be ws:// or wss:// (anything else is a parameter error "invalid url"); the host
 *   applies the domain check (wss only, as https for the other APIs). Referer cannot be set:
 *   it is dropped with a warning. Header values are sent as strings; empty protocols are left
 *   out (the docs' own sample passes protocols: ['']).
 * - SocketTask: readyState (CONNECTING 0, OPEN 1, CLOSING 2, CLOSED 3, with those constants),
 *   socketTaskId (after success); onOpen({header}), onMessage({data}) with a string or an
 *   ArrayBuffer as the server sent it, onError({errMsg}), onClose({code, reason}). Listeners are
 *   added, in order; the task's own run before the global one. send({data}) takes a string or an
 *   ArrayBuffer (or a view of one); its errMsg is "sendSocketMessage:ok", and on a task that is
 *   not OPEN "sendSocketMessage:fail SocketTask.readyState is not OPEN" (Baidu's text; Baidu
 *   calls fail at once and no complete: here, as for every API, fail then complete,
 *   asynchronously). close({code, reason}): code 1000 by default, a number or a numeric string
 *   (the docs' sample passes '1001'), 1000-1003, 1007-1014 or 3000-4999 (OkHttp's rule);
 *   reason at most 123 UTF-8 bytes; errMsg "closeSocket:ok". onClose then reports the code and
 *   reason the close was asked with.
 * - The global forms act on "the" socket, as Baidu's layer does: the first task, replaced by a
 *   newer one only once it is CLOSED. swan.onSocketOpen(cb) & co. set one listener each
 *   (a new call replaces it). swan.closeSocket closes every socket not yet closed (one set of
 *   callbacks; Baidu's layer runs them once per socket).
 * - Events come from the host as {"t":"socket", ...} host events (shim.onHostEvent); each is
 *   recorded in rt.log as a "socket" event.
 */
var P = shim.P;
var record = shim.record;
var Uint8ArrayFromBase64 = P.Uint8ArrayFromBase64;
var Uint8ArrayPrototypeToBase64 = P.Uint8ArrayPrototypeToBase64;

var CONNECTING = 0;
var OPEN = 1;
var CLOSING = 2;
var CLOSED = 3;
var EVENTS = ['open', 'message', 'error', 'close'];

var sockets = new P.Map(); // socketId -> socket (until its close event)
var socketSeq = 0;
var current = null; // the socket the global forms act on
var globalListeners = record({ open: null, message: null, error: null, close: null });
var target = null; // the socket (or ALL) the API being called acts on, set around the call
var ALL = {};

function newSocket() {
  var s = { id: ++socketSeq, readyState: CONNECTING, prepared: false, listeners: record() };
  for (var i = 0; i < EVENTS.length; i++) s.listeners[EVENTS[i]] = [];
  var task = {};
  var constants = { CONNECTING: CONNECTING, OPEN: OPEN, CLOSING: CLOSING, CLOSED: CLOSED };
  var names = P.ObjectKeys(constants);
  for (i = 0; i < names.length; i++) P.ObjectDefineProperty(task, names[i], { value: constants[names[i]], enumerable: true });
  P.ObjectDefineProperty(task, 'readyState', { get: function () { return s.readyState; }, enumerable: true });
  var methods = {
    send: function (object) { return callOn(s, rawSend, object); },
    close: function (object) { return callOn(s, rawClose, object); },
    onOpen: listen(s, 'open'),
    onMessage: listen(s, 'message'),
    onError: listen(s, 'error'),
    onClose: listen(s, 'close')
  };
  names = P.ObjectKeys(methods);
  for (i = 0; i < names.length; i++) P.ObjectDefineProperty(task, names[i], { value: methods[names[i]], enumerable: false });
  s.task = task;
  return s;
}

function listen(s, event) {
  return function (cb) {
    if (typeof cb === 'function') { var list = s.listeners[event]; list[list.length] = cb; }
  };
}

function callOn(s, raw, object) {
  var before = target;
  target = s;
  try {
    raw(object);
  } finally {
    target = before;
  }
}

// ------------------------------------------------------------------------------------------------
// Parameters
// ------------------------------------------------------------------------------------------------
var MAX_HEADER_FIELDS = 256;
var MAX_HEADER_CHARS = 64 * 1024;

function isSocketUrl(url) {
  var head = P.StringPrototypeToLowerCase(P.StringPrototypeSlice(url, 0, 6));
  return P.StringPrototypeSlice(head, 0, 5) === 'ws://' || head === 'wss://';
}

function prepareHeader(params, api) {
  var given = params.header;
  var fields = P.ObjectKeys(given);
  if (fields.length > MAX_HEADER_FIELDS) return 'parameter error: header has ' + fields.length + ' fields, more than ' + MAX_HEADER_FIELDS;
  var header = record();
  var size = 0;
  for (var i = 0; i < fields.length; i++) {
    var v = given[fields[i]];
    if (v === undefined) continue;
    if (P.StringPrototypeToLowerCase(fields[i]) === 'referer') {
      shim.warn(api + ': header "' + fields[i] + '" cannot be set by a mini program and was dropped');
      continue;
    }
    var text = typeof v === 'string' ? v : (typeof v === 'object' && v !== null ? P.JSONStringify(v) : P.String(v));
    size += fields[i].length + text.length;
    header[fields[i]] = text;
  }
  if (size > MAX_HEADER_CHARS) return 'parameter error: header is ' + size + ' characters, more than ' + MAX_HEADER_CHARS;
  params.header = header;
  return null;
}

function prepareConnect(params, api) {
  if (!isSocketUrl(params.url)) return 'parameter error: invalid url "' + params.url + '"';
  if (params.header !== undefined) {
    var problem = prepareHeader(params, api);
    if (problem !== null) return problem;
  }
  if (params.protocols !== undefined) {
    var kept = [];
    for (var i = 0; i < params.protocols.length; i++) if (params.protocols[i] !== '') kept[kept.length] = params.protocols[i];
    params.protocols = kept;
  }
  // Last: a call that gets here has passed every check, and the host knows its socket.
  params.socketId = target.id;
  target.prepared = true;
  return null;
}

var bytesOf = shim.bytesOf; // polyfills.js

function prepareSend(params) {
  var data = params.data;
  if (typeof data !== 'string') {
    var bytes = typeof data === 'object' ? bytesOf(data) : null;
    if (bytes === null) return 'parameter error: data must be a string or an ArrayBuffer, got ' + shim.typeName(data);
    delete params.data;
    params.dataBase64 = Uint8ArrayPrototypeToBase64(bytes);
  }
  if (target !== null) params.socketId = target.id;
  return null;
}

function checkOpen(params) {
  if (target === null || target.readyState !== OPEN) return ['network', 'SocketTask.readyState is not OPEN'];
  return null;
}

function utf8Length(text) {
  var n = 0;
  for (var i = 0; i < text.length; i++) {
    var c = P.StringPrototypeCharCodeAt(text, i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      var d = P.StringPrototypeCharCodeAt(text, i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n += 4; i++; } else n += 3;
    } else n += 3;
  }
  return n;
}

function validCloseCode(code) {
  return code === P.MathFloor(code) && ((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999));
}

function prepareClose(params) {
  if (params.code !== undefined) {
    var code = typeof params.code === 'string' && params.code !== '' ? P.Number(params.code) : params.code;
    if (typeof code !== 'number' || !validCloseCode(code)) {
      return 'parameter error: code must be 1000-1003, 1007-1014 or 3000-4999, got ' +
        (typeof params.code === 'string' ? '"' + params.code + '"' : shim.typeName(params.code) === 'number' ? P.String(params.code) : shim.typeName(params.code));
    }
    params.code = code;
  }
  if (params.reason !== undefined && utf8Length(params.reason) > 123) {
    return 'parameter error: reason must be at most 123 bytes of UTF-8, got ' + utf8Length(params.reason);
  }
  if (target === ALL) {
    params.all = true;
    P.MapPrototypeForEach(sockets, closing);
  } else if (target !== null) {
    params.socketId = target.id;
    closing(target);
  }
  return null;
}

function closing(s) {
  if (s.readyState === CONNECTING || s.readyState === OPEN) s.readyState = CLOSING;
}

// Android: 202 for a parameter, 1001 for the rest (the family's defaults); iOS has its own codes
// for connectSocket (websocket.md): 4 parameter, 7 security check (domain), errorCode 1 over the
// maximum number of tasks.
function socketErrCode(kind, config) {
  if (config.platform !== 'ios') return undefined;
  if (kind === 'param') return 4;
  if (kind === 'domain') return 7;
  if (kind === 'limit') return 1;
  return undefined;
}

// ------------------------------------------------------------------------------------------------
// The APIs
// ------------------------------------------------------------------------------------------------
shim.defineApi('connectSocket', {
  family: 'socket',
  params: [['url', 'string', true], ['header', 'object', false], ['protocols', 'stringArray', false]],
  prepare: prepareConnect,
  errCode: socketErrCode,
  result: function (res) {
    var s = P.MapPrototypeGet(sockets, res.socketTaskId);
    if (s !== undefined) s.task.socketTaskId = res.socketTaskId;
    return { socketTaskId: res.socketTaskId };
  }
});
shim.defineApi('sendSocketMessage', {
  family: 'socket',
  params: [['data', 'any', true]],
  prepare: prepareSend,
  check: checkOpen,
  errCode: socketErrCode,
  result: function () { return {}; }
});
shim.defineApi('closeSocket', {
  family: 'socket',
  params: [['code', 'any', false], ['reason', 'string', false]],
  prepare: prepareClose,
  errCode: socketErrCode,
  result: function () { return {}; }
});

var rawConnect = shim.ownApi('connectSocket');
var rawSend = shim.ownApi('sendSocketMessage');
var rawClose = shim.ownApi('closeSocket');

shim.setApi('connectSocket', function connectSocket(object) {
  var s = newSocket();
  P.MapPrototypeSet(sockets, s.id, s);
  callOn(s, rawConnect, object);
  // A call refused by its parameters never reaches the host: the task will never open.
  if (!s.prepared) { s.readyState = CLOSED; P.MapPrototypeDelete(sockets, s.id); }
  if (current === null || current.readyState === CLOSED) current = s;
  return s.task;
});
shim.setApi('sendSocketMessage', function sendSocketMessage(object) { return callOn(current, rawSend, object); });
shim.setApi('closeSocket', function closeSocket(object) { return callOn(ALL, rawClose, object); });

var GLOBAL_FORMS = record({ onSocketOpen: 'open', onSocketMessage: 'message', onSocketError: 'error', onSocketClose: 'close' });
var forms = P.ObjectKeys(GLOBAL_FORMS);
for (var f = 0; f < forms.length; f++) {
  (function (name, event) {
    shim.setApi(name, function (cb) { if (typeof cb === 'function') globalListeners[event] = cb; });
  })(forms[f], GLOBAL_FORMS[forms[f]]);
}

// ------------------------------------------------------------------------------------------------
// Events from the host
// ------------------------------------------------------------------------------------------------
var TASK_NAMES = record({ open: 'onOpen', message: 'onMessage', error: 'onError', close: 'onClose' });

function onSocketEvent(event) {
  var s = P.MapPrototypeGet(sockets, event.id);
  if (s === undefined) return;
  var kind = event.event;
  var payload;
  var logged = record({ op: 'log', type: 'socket', id: s.id, event: kind });
  if (kind === 'refused') { // the host refused the connection (domain, limit) before fail runs
    s.readyState = CLOSED;
    P.MapPrototypeDelete(sockets, s.id);
    return;
  } else if (kind === 'open') {
    if (s.readyState === CONNECTING) s.readyState = OPEN;
    payload = { header: event.header };
  } else if (kind === 'message') {
    if (event.dataBase64 !== undefined) {
      payload = { data: P.TypedArrayPrototypeGetBuffer(Uint8ArrayFromBase64(event.dataBase64)) };
      logged.bytes = P.ArrayBufferPrototypeGetByteLength(payload.data);
    } else {
      payload = { data: event.data };
      logged.data = event.data;
    }
  } else if (kind === 'error') {
    s.readyState = CLOSED; // as Baidu's layer: an error closes the task
    payload = { errMsg: event.errMsg };
    logged.errMsg = event.errMsg;
  } else if (kind === 'close') {
    s.readyState = CLOSED;
    P.MapPrototypeDelete(sockets, s.id);
    payload = { code: event.code, reason: event.reason };
    logged.code = event.code;
    logged.reason = event.reason;
  } else {
    return;
  }
  shim.post(logged);
  var list = P.ArrayPrototypeSlice(s.listeners[kind]);
  var where = 'SocketTask ' + TASK_NAMES[kind];
  for (var i = 0; i < list.length; i++) shim.guard(list[i], undefined, [payload], where);
  var single = globalListeners[kind];
  if (s === current && single !== null) shim.guard(single, undefined, [payload], 'swan.onSocket' + P.StringPrototypeSlice(TASK_NAMES[kind], 2));
}

shim.onHostEvent('socket', onSocketEvent);
