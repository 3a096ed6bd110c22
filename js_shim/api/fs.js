/*
 * fs.js: swan.getFileSystemManager() and its methods, asynchronous and Sync.
 *
 * The shim owns the surface: argument checks (202 "parameter error: ..."), encodings, Stats
 * objects, callbacks, and the Error a Sync form throws ("readFileSync:fail <reason>", as the
 * docs say: "若接口调用失败，会抛出一个标准的Error对象"). The host (bridge/_fs.py) owns the disk
 * and the sandbox.
 *
 * - An asynchronous method is an API of the "fs" family named "FileSystemManager.<method>"
 *   (swan.saveFile and swan.getFileInfo exist with other parameters): rt.calls and the log
 *   use that name, while the result a callback gets says "<method>:ok" / "<method>:fail ...".
 * - A Sync form asks the host through the synchronous channel (bridge/_protocol.py), a host
 *   function fetched once here and removed from the global object before any script runs.
 *   Every crossing is one JSON.stringify text each way.
 * - Data a script writes crosses as the string and its encoding (the host encodes it) or, for
 *   an ArrayBuffer, as base64; readFile without an encoding gives an ArrayBuffer.
 */
var P = shim.P;
var record = shim.record;
var typeName = shim.typeName;
var bytesOf = shim.bytesOf; // polyfills.js
var Uint8ArrayFromBase64 = P.Uint8ArrayFromBase64;
var Uint8ArrayPrototypeToBase64 = P.Uint8ArrayPrototypeToBase64;
var PREFIX = 'FileSystemManager.';

// The synchronous channel: installed by the host (bridge/_engine) before the shim loads.
var hostSync = shim.hostSync;

// What readFileSync reads without an encoding: null for an ArrayBuffer (see syncMethod).
var READ_SYNC_DEFAULT = null;

var ENCODINGS = ['ascii', 'base64', 'binary', 'hex', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'utf-8', 'utf8', 'latin1'];

// errCodes of the file APIs (swan docs, save_swan-saveFile.md); a parameter error is 202.

function checkEncoding(params) {
  if (params.encoding === undefined) return null;
  var e = P.StringPrototypeToLowerCase(params.encoding);
  if (P.ArrayPrototypeIndexOf(ENCODINGS, e) === -1) {
    return 'parameter error: encoding must be one of ' + P.ArrayPrototypeJoin(ENCODINGS, ', ');
  }
  params.encoding = e;
  return null;
}

// data: a string (sent with its encoding) or an ArrayBuffer / view (sent as base64).
function prepareWrite(params) {
  var problem = checkEncoding(params);
  if (problem !== null) return problem;
  var data = params.data;
  if (typeof data === 'string') return null;
  var bytes = data !== null && typeof data === 'object' ? bytesOf(data) : null;
  if (bytes === null) return 'parameter error: data must be a string or an ArrayBuffer, got ' + typeName(data);
  delete params.data;
  params.dataBase64 = Uint8ArrayPrototypeToBase64(bytes);
  return null;
}

// ---- Stats ----------------------------------------------------------------------------------
var directories = new P.WeakMap();

// The fields of the docs (mode is a String there, "对应 POSIX stat.st_mode"); isDirectory() and
// isFile() are methods of the prototype, so JSON.stringify(stats) shows the fields only.
class Stats {
  isDirectory() { return P.WeakMapPrototypeGet(directories, this) === true; }
  isFile() { return P.WeakMapPrototypeGet(directories, this) === false; }
}

function makeStats(raw) {
  var s = new Stats();
  s.mode = P.String(raw.mode);
  s.size = raw.size;
  s.lastAccessedTime = raw.lastAccessedTime;
  s.lastModifiedTime = raw.lastModifiedTime;
  P.WeakMapPrototypeSet(directories, s, raw.isDirectory === true);
  return s;
}

// stats: a Stats, or with recursive on a directory {"/": Stats, "/a.txt": Stats, ...}.
function statsOf(res) {
  if (res.recursive !== true) return makeStats(res.stats);
  var out = {};
  var keys = P.ObjectKeys(res.stats);
  for (var i = 0; i < keys.length; i++) out[keys[i]] = makeStats(res.stats[keys[i]]);
  return out;
}

function arrayBufferOf(base64) {
  return P.TypedArrayPrototypeGetBuffer(Uint8ArrayFromBase64(base64));
}

// ---- the methods ----------------------------------------------------------------------------
// [method, params (as in calls.js), prepare, result(res) for the callback, sync: positional
// parameter names (null: no Sync form), syncValue(res): what the Sync form returns]
var METHODS = [
  ['access', [['path', 'string', true]], null, null, ['path'], null],
  ['readFile', [['filePath', 'string', true], ['encoding', 'string', false]], checkEncoding,
    function (res) {
      if (res.dataBase64 !== undefined) { res.data = arrayBufferOf(res.dataBase64); delete res.dataBase64; }
      return res;
    },
    ['filePath', 'encoding'],
    function (res) { return res.dataBase64 !== undefined ? arrayBufferOf(res.dataBase64) : res.data; }],
  ['writeFile', [['filePath', 'string', true], ['data', 'any', true], ['encoding', 'string', false]], prepareWrite, null,
    ['filePath', 'data', 'encoding'], null],
  ['appendFile', [['filePath', 'string', true], ['data', 'any', true], ['encoding', 'string', false]], prepareWrite, null,
    ['filePath', 'data', 'encoding'], null],
  ['copyFile', [['srcPath', 'string', true], ['destPath', 'string', true]], null, null, ['srcPath', 'destPath'], null],
  ['rename', [['oldPath', 'string', true], ['newPath', 'string', true]], null, null, ['oldPath', 'newPath'], null],
  ['unlink', [['filePath', 'string', true]], null, null, ['filePath'], null],
  ['mkdir', [['dirPath', 'string', true], ['recursive', 'boolean', false]], null, null, ['dirPath', 'recursive'], null],
  ['rmdir', [['dirPath', 'string', true], ['recursive', 'boolean', false]], null, null, ['dirPath', 'recursive'], null],
  ['readdir', [['dirPath', 'string', true]], null, null, ['dirPath'], function (res) { return res.files; }],
  ['stat', [['path', 'string', true], ['recursive', 'boolean', false]], null,
    function (res) { return { stats: statsOf(res) }; },
    ['path', 'recursive'], function (res) { return statsOf(res); }],
  ['getFileInfo', [['filePath', 'string', true]], null, null, null, null],
  ['saveFile', [['tempFilePath', 'string', true], ['filePath', 'string', false]], null, null,
    ['tempFilePath', 'filePath'], function (res) { return res.savedFilePath; }],
  ['getSavedFileList', [], null, null, null, null],
  ['removeSavedFile', [['filePath', 'string', true]], null, null, null, null],
  ['unzip', [['zipFilePath', 'string', true], ['targetPath', 'string', true]], null, null, null, null]
];

// The same checks as calls.js for the Sync form's positional arguments: the first problem, or null.
function checkSync(names, spec, args, params) {
  for (var i = 0; i < names.length; i++) {
    var value = args[i];
    var param = spec[i];
    if (value === undefined || value === null) {
      if (param[2]) return 'parameter error: ' + param[0] + ' is required';
      continue;
    }
    if (param[1] === 'string' && typeof value !== 'string') return 'parameter error: ' + param[0] + ' must be a string, got ' + typeName(value);
    if (param[1] === 'boolean' && typeof value !== 'boolean') return 'parameter error: ' + param[0] + ' must be a boolean, got ' + typeName(value);
    params[param[0]] = value;
  }
  return null;
}

var SYNC_UNAVAILABLE = 'Sync file APIs cannot run under the engine\'s CPU time limit (swan-bridge could not install ' +
  'its interrupt handler on this engine build); use the asynchronous form';

function syncMethod(method, spec, prepare, names, value) {
  var name = method + 'Sync';
  return function () {
    var params = record();
    var passed = record(); // what the script passed, by name, for rt.calls (see calls.js)
    for (var a = 0; a < names.length && a < arguments.length; a++) {
      if (arguments[a] !== undefined) passed[names[a]] = arguments[a];
    }
    var given = shim.givenParams(passed);
    var problem = checkSync(names, spec, arguments, params);
    if (problem === null && prepare !== null) problem = prepare(params);
    // readFileSync without an encoding gives an ArrayBuffer, as readFile does (and WeChat). The
    // swan page FileSystemManager-readFileSync.md says "默认 'utf8'" and a String result; set
    // READ_SYNC_DEFAULT to 'utf8' to follow that page instead.
    if (problem === null && method === 'readFile' && params.encoding === undefined && READ_SYNC_DEFAULT !== null) {
      params.encoding = READ_SYNC_DEFAULT;
    }
    var text = P.JSONStringify(record({ method: method, params: params, error: problem, given: given }));
    var answer = null;
    if (hostSync !== null) {
      shim.handOver(); // what the script printed before this call reaches the host before it
      var reply = null;
      try {
        reply = hostSync(text);
      } catch (e) {
        // Only the wrapper's refusal ("Can not call into Python with a time limit set") means
        // the channel is unavailable; anything else (out of memory) is the script's error.
        var message = '';
        try { message = P.String(e.message); } catch (ignored) { /* keep '' */ }
        if (P.StringPrototypeIndexOf(message, 'time limit') === -1) throw e;
      }
      if (reply !== null) answer = P.JSONParse(reply);
    }
    if (answer === null) answer = problem !== null ? { ok: false, kind: 'param', detail: problem } : { ok: false, kind: 'unavailable', detail: SYNC_UNAVAILABLE };
    var errMsg = name + (answer.ok ? ':ok' : ':fail ' + answer.detail);
    shim.post(record({ op: 'log', type: 'call', api: PREFIX + name, params: params, sync: true, errMsg: errMsg }));
    if (!answer.ok) {
      var error = new P.Error(errMsg);
      var code = shim.familyErrCode('fs', answer.kind);
      error.errCode = code === undefined ? 1001 : code;
      throw error;
    }
    return value === null ? undefined : value(answer.result);
  };
}

var manager = {};
for (var m = 0; m < METHODS.length; m++) {
  (function (entry) {
    var method = entry[0];
    var spec = { family: 'fs', label: method, params: entry[1] };
    if (entry[2] !== null) spec.prepare = entry[2];
    if (entry[3] !== null) spec.result = entry[3];
    manager[method] = shim.defineMethod(PREFIX + method, spec);
    if (entry[4] !== null) manager[method + 'Sync'] = syncMethod(method, entry[1], entry[2], entry[4], entry[5]);
  })(METHODS[m]);
}

// swan.getFileSystemManager(): the one file system manager (swan docs: "获取全局唯一的文件管理器对象").
shim.setApi('getFileSystemManager', function getFileSystemManager() { return manager; });
