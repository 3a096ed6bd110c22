/*
 * network.js: swan.request, swan.uploadFile and swan.downloadFile (RequestTask / UploadTask /
 * DownloadTask). The host carries them out over HTTP; this file owns their parameters, header
 * rules, swan.request's data conversion and result shapes.
 */
var P = shim.P;
// Captured before any script runs (a script may replace the globals).
var encodeURIComponent_ = encodeURIComponent;
var Uint8ArrayFromBase64 = P.Uint8Array.fromBase64; // QuickJS-NG >= 0.10 has both (we pin 0.17)
var Uint8ArrayPrototypeToBase64 = P.uncurry(P.Uint8Array.prototype.toBase64);

// The client sets Referer and User-Agent itself; a script's values are dropped, with a warning.
// This is the one place that rule lives: the host never sees those headers.
var RESERVED_HEADERS = shim.record({ 'referer': true, 'user-agent': true });

// Header and formData values are sent as strings, as the clients do.
function stringMap(obj) {
  var out = shim.record();
  var keys = P.ObjectKeys(obj);
  for (var i = 0; i < keys.length; i++) {
    var v = obj[keys[i]];
    if (v === undefined) continue;
    out[keys[i]] = typeof v === 'string' ? v : (typeof v === 'object' && v !== null ? P.JSONStringify(v) : P.String(v));
  }
  return out;
}

// A request's header has at most this many fields and characters (servers refuse far less:
// 8 KB is common), so a runaway object is a parameter error, not minutes of work.
var MAX_HEADER_FIELDS = 256;
var MAX_HEADER_CHARS = 64 * 1024;

function prepareTransfer(params, api) {
  if (params.header !== undefined) {
    var fields = P.ObjectKeys(params.header);
    if (fields.length > MAX_HEADER_FIELDS) {
      return 'parameter error: header has ' + fields.length + ' fields, more than ' + MAX_HEADER_FIELDS;
    }
    var header = stringMap(params.header);
    var size = 0;
    var all = P.ObjectKeys(header);
    for (var k = 0; k < all.length; k++) size += all[k].length + header[all[k]].length;
    if (size > MAX_HEADER_CHARS) return 'parameter error: header is ' + size + ' characters, more than ' + MAX_HEADER_CHARS;
    var names = P.ObjectKeys(header);
    for (var i = 0; i < names.length; i++) {
      if (RESERVED_HEADERS[P.StringPrototypeToLowerCase(names[i])]) {
        shim.warn(api + ': header "' + names[i] + '" cannot be set by a mini program and was dropped');
        delete header[names[i]];
      }
    }
    params.header = header;
  }
  if (params.formData !== undefined) params.formData = stringMap(params.formData);
  return null;
}

// Parameter errors are 202 on both platforms; only iOS has 1002, for a download whose size
// cannot be determined; every other failure is 1001.
function transferErrCode(kind, config) {
  if (kind === 'size_unknown' && config.platform === 'ios') return 1002;
  return undefined;
}

shim.defineApi('uploadFile', {
  family: 'transfer',
  task: true,
  params: [['url', 'nonEmptyString', true], ['filePath', 'nonEmptyString', true], ['name', 'nonEmptyString', true],
    ['header', 'object', false], ['formData', 'object', false]],
  prepare: prepareTransfer,
  errCode: transferErrCode,
  progress: function (done, total, percent) {
    return { progress: percent, totalBytesSent: done, totalBytesExpectedToSend: total };
  },
  result: function (res, config) {
    if (config.uploadJson && typeof res.data === 'string') {
      try { res.data = P.JSONParse(res.data); } catch (e) { /* not JSON: handed over as the string */ }
    }
    return res;
  }
});

shim.defineApi('downloadFile', {
  family: 'transfer',
  task: true,
  params: [['url', 'nonEmptyString', true], ['header', 'object', false], ['filePath', 'nonEmptyString', false]],
  prepare: prepareTransfer,
  errCode: transferErrCode,
  progress: function (done, total, percent) {
    return { progress: percent, totalBytesWritten: done, totalBytesExpectedToWrite: total };
  }
});

// ------------------------------------------------------------------------------------------------
// swan.request
//
// What the docs and Baidu's own code say (swan-team/swan-docs program-docs/docs/develop/api/net/
// request.md, requestTask-abort.md, net_rule.md; mosuite/swan-js-api src/swan/api/network/request.js,
// the 2019 mirror of Baidu's JS API layer), and what swan-bridge does with it:
// - methods OPTIONS GET HEAD POST PUT DELETE, TRACE/CONNECT "Android only"; default GET; the
//   client upper-cases the name. Any other name fails here with 202 (the client would pass it on).
// - data: "everything sent is a string": GET turns an object into a query string
//   encodeURIComponent(k)=encodeURIComponent(v)&...; other methods send an object as JSON when
//   header['content-type'] is application/json (the default) and as a query string when it is
//   application/x-www-form-urlencoded. Here: a value that is an object is JSON in a query string,
//   undefined and functions are left out; any other content type gets JSON; a string is sent as
//   is (for GET appended to the query); an ArrayBuffer (or typed array / DataView) is sent as its
//   bytes (not with GET: 202); a number or boolean as its String().
// - dataType 'json' (default) tries one JSON.parse and otherwise hands over the string;
//   responseType 'text' (default) or 'arraybuffer' (compared case-insensitively, as the client
//   does; anything else is text). arraybuffer wins over dataType. Text is decoded by the host:
//   the charset the Content-Type names, else UTF-8, U+FFFD for bytes that do not decode, a UTF-8
//   BOM dropped (as Android's OkHttp does).
// - method, dataType and responseType must be strings (202); Baidu's JS layer turned a
//   non-string method into GET.
// - success {data, statusCode, header} for any HTTP status; errMsg 'request:ok'.
// - fail codes in the docs: Android 201 "解析失败" (the call could not be parsed) and 1001 "执行失败";
//   iOS 202 "解析失败" and errorCode 4 "URL无效". Baidu's JS layer refuses a url that is not
//   http(s):// (case-insensitive) with 'request:fail parameter error: invalid url "<url>"'
//   (errCode 904 there). swan-bridge: every parameter error is 202 (as for the other APIs, with
//   that errMsg for the url), every execution failure (network, timeout, abort, domain, size) 1001.
// - the client sets 'content-type' (lower-cased key, default application/json) and drops
//   Referer / User-Agent; the RequestTask has abort(), and on/offHeadersReceived as in WeChat.
// - limits: the response body is capped at 16 MB (the host's cap, errMsg "request:fail exceed max
//   response size (16 MB)"); a body to send at max_upload_mb. Timeout network_timeouts.request
//   (app.json networkTimeout.request), 60 s by default; one concurrency cap for all transfers.
// ------------------------------------------------------------------------------------------------
var REQUEST_METHODS = shim.record({
  OPTIONS: true, GET: true, HEAD: true, POST: true, PUT: true, DELETE: true, TRACE: true, CONNECT: true
});
var METHOD_LIST = 'OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT';

function isHttpUrl(url) {
  var head = P.StringPrototypeToLowerCase(P.StringPrototypeSlice(url, 0, 8));
  return P.StringPrototypeSlice(head, 0, 7) === 'http://' || head === 'https://';
}

var bytesOf = shim.bytesOf; // polyfills.js

// k=v&k=v with encodeURIComponent; a value that is an object (or null) is sent as JSON.
function queryString(obj) {
  var parts = [];
  var keys = P.ObjectKeys(obj);
  for (var i = 0; i < keys.length; i++) {
    var v = obj[keys[i]];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    var text = typeof v === 'object' ? P.JSONStringify(v) : P.String(v);
    parts[parts.length] = encodeURIComponent_(keys[i]) + '=' + encodeURIComponent_(text);
  }
  return P.ArrayPrototypeJoin(parts, '&');
}

// url with `query` added before any #fragment.
function withQuery(url, query) {
  if (query === '') return url;
  var hash = P.StringPrototypeIndexOf(url, '#');
  var base = hash === -1 ? url : P.StringPrototypeSlice(url, 0, hash);
  var fragment = hash === -1 ? '' : P.StringPrototypeSlice(url, hash);
  var last = P.StringPrototypeSlice(base, -1);
  var sep = P.StringPrototypeIndexOf(base, '?') === -1 ? '?' : (last === '?' || last === '&' ? '' : '&');
  return base + sep + query + fragment;
}

function prepareRequest(params, api) {
  var url = params.url;
  if (!isHttpUrl(url)) return 'parameter error: invalid url "' + url + '"';
  var method = params.method === undefined ? 'GET' : P.StringPrototypeToUpperCase(params.method);
  if (REQUEST_METHODS[method] !== true) return 'parameter error: method must be one of ' + METHOD_LIST + ', got "' + params.method + '"';
  params.method = method;
  prepareTransfer(params, api);
  // The client's header: 'content-type' under its lower-case name, application/json by default.
  var header = shim.record();
  var contentType = 'application/json';
  var given = params.header === undefined ? shim.record() : params.header;
  var names = P.ObjectKeys(given);
  for (var i = 0; i < names.length; i++) {
    if (P.StringPrototypeToLowerCase(names[i]) === 'content-type') contentType = given[names[i]];
    else header[names[i]] = given[names[i]];
  }
  header['content-type'] = contentType;
  params.header = header;
  var data = params.data;
  delete params.data;
  if (data !== undefined && data !== null) {
    var kind = typeof data;
    if (kind === 'function' || kind === 'symbol' || kind === 'bigint') {
      return 'parameter error: data must be an object, a string or an ArrayBuffer, got ' + kind;
    }
    var bytes = kind === 'object' ? bytesOf(data) : null;
    if (method === 'GET') {
      if (bytes !== null) return 'parameter error: data cannot be an ArrayBuffer for a GET request';
      params.url = withQuery(url, kind === 'object' ? queryString(data) : P.String(data));
    } else if (bytes !== null) {
      params.bodyBase64 = Uint8ArrayPrototypeToBase64(bytes);
    } else if (kind !== 'object') {
      params.body = P.String(data);
    } else if (P.StringPrototypeIndexOf(P.StringPrototypeToLowerCase(contentType), 'application/x-www-form-urlencoded') !== -1) {
      params.body = queryString(data);
    } else {
      params.body = P.JSONStringify(data);
    }
  }
  params.dataType = params.dataType === undefined ? 'json' : P.StringPrototypeToLowerCase(params.dataType);
  params.responseType = params.responseType !== undefined && P.StringPrototypeToLowerCase(params.responseType) === 'arraybuffer'
    ? 'arraybuffer' : 'text';
  return null;
}

shim.defineApi('request', {
  family: 'transfer',
  task: true,
  params: [['url', 'string', true], ['data', 'any', false], ['header', 'object', false], ['method', 'string', false],
    ['dataType', 'string', false], ['responseType', 'string', false]],
  prepare: prepareRequest,
  errCode: transferErrCode,
  // The host answers {statusCode, header} with `data` (the body as text) or `dataBase64` (the
  // exact bytes, for responseType arraybuffer), and echoes the dataType the shim sent it.
  result: function (res) {
    var data = res.data;
    if (res.dataBase64 !== undefined) {
      data = P.TypedArrayPrototypeGetBuffer(Uint8ArrayFromBase64(res.dataBase64));
    } else if (res.dataType === 'json') {
      try { data = P.JSONParse(data); } catch (e) { /* not JSON: handed over as the string */ }
    }
    return { data: data, statusCode: res.statusCode, header: res.header };
  }
});
