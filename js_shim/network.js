/*
 * network.js: swan.uploadFile and swan.downloadFile (UploadTask / DownloadTask). The host carries
 * them out over HTTP; this file owns their parameters, header rules and result shapes.
 */
var P = shim.P;

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

function prepareTransfer(params, api) {
  if (params.header !== undefined) {
    var header = stringMap(params.header);
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
