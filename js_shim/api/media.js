/*
 * media.js: images, videos, documents, audio, recording, voice recognition, cameras, maps,
 * canvases, video and live players (swan-docs program-docs/docs/develop/api/media/*,
 * api/canvas, api/map, api/file, api/ai; each page named where its API is declared).
 *
 * The host (bridge/_app/_media.py) works on real files and keeps what outlives a call (the
 * album, the documents opened, a canvas's pixels, a map's centre, a recording's clock); this file
 * owns the objects: their methods and properties, their listeners, and the order of their
 * events. Each method of an object that the client carries out natively is an API named
 * "<Object>.<method>" (errMsg "<method>:ok"), so a test reads it in rt.calls and the log, and
 * scripts it with rt.answer like any API. Each event an object fires is logged (kind "media":
 * object, id, event).
 *
 * Audio plays on the runtime's clock: a playing source moves `currentTime` on every 250 ms
 * (onTimeUpdate each time) until `duration`, then fires onEnded; on the virtual clock rt.advance
 * drives it. `duration` is the host's answer to play (a WAV file's own length, else the runtime's
 * audio_duration option, else a scripted {"duration": s}).
 */
var P = shim.P;
var record = shim.record;
var fw = shim.framework;
var isPlainObject = shim.isPlainObject;

// Captured by the files loaded before any script ran (this one loads at its first use).
var setTimer = shim.setTimer;
var clearTimer = shim.clearTimer;
var MathRound = P.MathRound;
var Uint8ClampedArrayCtor = P.Uint8ClampedArray;
var Uint8ArrayFromBase64 = P.Uint8ArrayFromBase64;
var Uint8ArrayPrototypeToBase64 = P.Uint8ArrayPrototypeToBase64;
var downloadFile = shim.ownApi('downloadFile');

var TICK_MS = 250;

// ------------------------------------------------------------------------------------------------
// Parameter checks and errCodes shared by the declarations below
// ------------------------------------------------------------------------------------------------
var oneOf = shim.oneOf;

function range(name, low, high, integer) {
  return function (params) {
    var v = params[name];
    if (v === undefined) return null;
    if (integer && P.MathFloor(v) !== v) return 'parameter error: ' + name + ' must be an integer, got ' + v;
    if (!(v >= low && v <= high)) return 'parameter error: ' + name + ' must be from ' + low + ' to ' + high + ', got ' + v;
    return null;
  };
}

function all(checks) {
  return function (params, api) {
    for (var i = 0; i < checks.length; i++) {
      var problem = checks[i](params, api);
      if (problem !== null) return problem;
    }
    return null;
  };
}

// A path of the project given relative to the current page ("../images/a.png") made absolute
// ("/pages/images/a.png"); bdfile://, http(s):// and absolute paths are kept.
function projectPath(name) {
  return function (params) {
    var path = params[name];
    if (P.RegExpPrototypeTest(/^(bdfile|https?):\/\//i, path) || P.StringPrototypeSlice(path, 0, 1) === '/') return null;
    var page = fw.top();
    var parts = page === null ? [] : P.StringPrototypeSplit(page.route, '/');
    parts = P.ArrayPrototypeSlice(parts, 0, parts.length ? parts.length - 1 : 0);
    var rel = P.StringPrototypeSplit(path, '/');
    for (var i = 0; i < rel.length; i++) {
      if (rel[i] === '..') parts = P.ArrayPrototypeSlice(parts, 0, parts.length ? parts.length - 1 : 0);
      else if (rel[i] !== '.' && rel[i] !== '') parts[parts.length] = rel[i];
    }
    params[name] = '/' + P.ArrayPrototypeJoin(parts, '/');
    return null;
  };
}

// errCode(kind, config): `android` / `ios` for the kinds listed, the family's default otherwise.
function codes(android, ios) {
  return function (kind, config) {
    var table = config.platform === 'ios' ? ios : android;
    return table[kind];
  };
}
// A scope the user refused: 10003 "user deny" (open/authorize_list.md).
var DENIED = { cancel: 10003 };

// ------------------------------------------------------------------------------------------------
// Images, videos, documents
// ------------------------------------------------------------------------------------------------
// api/media/image_swan-getImageInfo.md: src is a project path, a temp or saved file, or a network
// image (downloaded first, with swan.downloadFile, as the client does: the download is its own
// call in rt.calls, and the getImageInfo call names the downloaded file). Errors: Android 1001,
// iOS 1003 "读取图片内容为空".
var FILE_ERRORS = codes({ not_found: 1001, invalid_path: 1001, io: 1001 }, { not_found: 1003, invalid_path: 1003, io: 1003 });
shim.defineApi('getImageInfo', {
  family: 'image', params: [['src', 'nonEmptyString', true]], prepare: projectPath('src'), errCode: FILE_ERRORS
});
var localImageInfo = shim.ownApi('getImageInfo');
shim.setApi('getImageInfo', function getImageInfo(object) {
  var src;
  try {
    src = isPlainObject(object) ? object.src : undefined;
  } catch (e) {
    src = undefined;
  }
  if (typeof src !== 'string' || !P.RegExpPrototypeTest(/^https?:\/\//i, src)) return localImageInfo(object);
  var callbacks = copyFields(object);
  downloadFile({
    url: src,
    success: function (res) {
      callbacks.src = res.statusCode >= 200 && res.statusCode < 300 ? res.tempFilePath : src;
      localImageInfo(callbacks);
    },
    fail: function () { localImageInfo(callbacks); } // the host then fails it: "the image was not downloaded"
  });
});

// api/media/image_swan-compressImage.md: quality 0-100 (default 80).
shim.defineApi('compressImage', {
  family: 'image', params: [['src', 'nonEmptyString', true], ['quality', 'number', false]],
  prepare: all([projectPath('src'), range('quality', 0, 100, false)]), errCode: FILE_ERRORS
});

// api/media/image_swan-saveImageToPhotosAlbum.md, video_swan-saveVideoToPhotosAlbum.md: behind
// scope.writePhotosAlbum.
shim.defineApi('saveImageToPhotosAlbum', { family: 'album', params: [['filePath', 'nonEmptyString', true]], errCode: codes(DENIED, DENIED) });
shim.defineApi('saveVideoToPhotosAlbum', { family: 'album', params: [['filePath', 'nonEmptyString', true]], errCode: codes(DENIED, DENIED) });

// api/media/video_swan-chooseVideo.md: cancel is 1002 "用户取消操作" on both platforms.
var CANCELLED = { cancel: 1002 };
shim.defineApi('chooseVideo', {
  family: 'album',
  params: [['sourceType', 'stringArray', false], ['compressed', 'boolean', false], ['maxDuration', 'number', false],
    ['camera', 'string', false]],
  prepare: all([oneOf('camera', ['back', 'front']), range('maxDuration', 0, 60, false), function (params) {
    var types = params.sourceType || [];
    for (var i = 0; i < types.length; i++) {
      if (types[i] !== 'album' && types[i] !== 'camera') return "parameter error: sourceType items must be 'album' or 'camera'";
    }
    return null;
  }]),
  errCode: codes(CANCELLED, CANCELLED)
});
// api/media/image_swan-chooseAlbum.md: mode single (the user picks photos) or both.
shim.defineApi('chooseAlbum', {
  family: 'album', params: [['count', 'number', false], ['mode', 'string', false], ['compressed', 'boolean', false]],
  prepare: all([range('count', 1, 9007199254740991, true), oneOf('mode', ['single', 'both'])]),
  errCode: codes(CANCELLED, CANCELLED)
});

// api/file/swan-openDocument.md: iOS 2001 "文件不存在", 2005 "文件格式不支持"; Android 1001.
shim.defineApi('openDocument', {
  family: 'document', params: [['filePath', 'nonEmptyString', true], ['fileType', 'string', false]],
  prepare: oneOf('fileType', ['doc', 'xls', 'ppt', 'pdf', 'docx', 'xlsx', 'pptx']),
  errCode: codes({}, { not_found: 2001, invalid_path: 2001, io: 2005 })
});
// api/share/share_swan-shareFile.md
shim.defineApi('shareFile', { family: 'document', params: [['filePath', 'nonEmptyString', true]] });

// api/media/recorder_swan-getAvailableAudioSources.md, createinneraudiocontext_swan-setInnerAudioOption.md
shim.defineApi('getAvailableAudioSources', { family: 'audio', params: [] });
shim.defineApi('setInnerAudioOption', { family: 'audio', params: [['mixWithOther', 'boolean', false]] });

// ------------------------------------------------------------------------------------------------
// Canvas APIs (api/canvas/canvas_swan-canvasToTempFilePath.md, canvasGetImageData.md,
// canvasPutImageData.md). A canvas is as large as its <canvas canvas-id> on the page (or in the
// component given as the second argument), as the view sizes it (its inline style's width and
// height, or what the test set with node.set_rect); 300 x 225 (swan's default) when the view
// does not say. The host gets that size as the call's `canvasSize`.
// ------------------------------------------------------------------------------------------------
var DEFAULT_CANVAS = [300, 225];
var canvasScope; // the component a canvas call names, while the call is being made

function findCanvas(inst, canvasId) {
  var kids = inst.kids || [];
  for (var i = 0; i < kids.length; i++) {
    var k = kids[i];
    if (k.k === 'el' && k.tag === 'canvas' && k.attrs !== undefined && P.String(k.attrs['canvas-id']) === canvasId) return k;
    var found = findCanvas(k, canvasId);
    if (found !== null) return found;
  }
  return null;
}

function canvasSize(canvasId, scope) {
  var views = fw.views;
  if (views === undefined) return DEFAULT_CANVAS; // a runtime without a project renders nothing
  var target = scope !== undefined && scope !== null ? scope : fw.top();
  if (target === null || target === undefined) return DEFAULT_CANVAS;
  views.settle(); // the view follows every setData made so far
  var view = views.viewOf(target);
  if (view === undefined || view === null || view.dead) return DEFAULT_CANVAS;
  var canvas = findCanvas(view.root, canvasId);
  if (canvas === null) return DEFAULT_CANVAS;
  var rect = shim.view.rectOf(canvas);
  return [rect.width > 0 ? rect.width : DEFAULT_CANVAS[0], rect.height > 0 ? rect.height : DEFAULT_CANVAS[1]];
}

function sized(params) {
  params.canvasSize = canvasSize(params.canvasId, canvasScope);
  return null;
}

// swan.<name>(object, component): the component scopes the canvas lookup.
function scoped(name) {
  var declared = shim.ownApi(name);
  shim.setApi(name, function (object, component) {
    canvasScope = component;
    try {
      return declared(object);
    } finally {
      canvasScope = undefined;
    }
  });
}

shim.defineApi('canvasToTempFilePath', {
  family: 'canvas',
  params: [['canvasId', 'nonEmptyString', true], ['x', 'number', false], ['y', 'number', false], ['width', 'number', false],
    ['height', 'number', false], ['destWidth', 'number', false], ['destHeight', 'number', false], ['fileType', 'string', false],
    ['quality', 'number', false]],
  // At most 4096 pixels a side: the file is made in memory.
  prepare: all([oneOf('fileType', ['png', 'jpg']), range('destWidth', 1, 4096, false), range('destHeight', 1, 4096, false), sized])
});
shim.defineApi('canvasGetImageData', {
  family: 'canvas',
  params: [['canvasId', 'nonEmptyString', true], ['x', 'number', true], ['y', 'number', true], ['width', 'number', true],
    ['height', 'number', true]],
  prepare: all([range('width', 0, 16384, true), range('height', 0, 16384, true), sized]),
  result: function (res) {
    res.data = new Uint8ClampedArrayCtor(Uint8ArrayFromBase64(res.data));
    return res;
  }
});
shim.defineApi('canvasPutImageData', {
  family: 'canvas',
  params: [['canvasId', 'nonEmptyString', true], ['data', 'any', true], ['x', 'number', true], ['y', 'number', true],
    ['width', 'number', true], ['height', 'number', true]],
  prepare: all([range('width', 0, 16384, true), range('height', 0, 16384, true), function (params) {
    var bytes = shim.bytesOf(params.data);
    if (bytes === null) return 'parameter error: data must be a Uint8ClampedArray, got ' + shim.typeName(params.data);
    if (bytes.length !== params.width * params.height * 4) {
      return 'parameter error: data holds ' + bytes.length + ' bytes, width * height * 4 is ' + params.width * params.height * 4;
    }
    params.data = Uint8ArrayPrototypeToBase64(bytes);
    return null;
  }, sized])
});
scoped('canvasToTempFilePath');
scoped('canvasGetImageData');
scoped('canvasPutImageData');

// ------------------------------------------------------------------------------------------------
// Objects: their methods as APIs, their listeners, their events
// ------------------------------------------------------------------------------------------------
// Declares each method of `object` as the API "<object>.<method>" (errMsg "<method>:ok") and
// returns them by method name; `declared` is [[method, params, extra spec fields], ...].
function declareMethods(object, family, declared) {
  var out = record();
  for (var i = 0; i < declared.length; i++) {
    var spec = { family: family, label: declared[i][0], params: declared[i][1] };
    var extra = declared[i][2] || {};
    var keys = P.ObjectKeys(extra);
    for (var k = 0; k < keys.length; k++) spec[keys[k]] = extra[keys[k]];
    out[declared[i][0]] = shim.defineMethod(object + '.' + declared[i][0], spec);
  }
  return out;
}

// A copy of a script's object argument (its own fields, each read once; one whose getter throws
// is left out), or {} for anything else.
function copyFields(object) {
  var out = {};
  if (!isPlainObject(object)) return out;
  var keys;
  try {
    keys = P.ObjectKeys(object);
  } catch (e) {
    return out;
  }
  for (var i = 0; i < keys.length; i++) {
    try {
      out[keys[i]] = object[keys[i]];
    } catch (e) { /* left out */ }
  }
  return out;
}

// Calls the method API `fn` with the script's `object` (its fields and callbacks) and `fields`
// (the object's id, the arguments given positionally); `after(ok, res)` runs before the script's
// own success / fail, so the object's state has changed when they run. Anything but an object
// (or nothing) goes to the API as it is, which fails it with errCode 202.
function invoke(fn, object, fields, after) {
  if (object !== undefined && object !== null && !isPlainObject(object)) return fn(object);
  var arg = copyFields(object);
  var keys = P.ObjectKeys(fields || {});
  for (var i = 0; i < keys.length; i++) arg[keys[i]] = fields[keys[i]];
  var success = arg.success;
  var fail = arg.fail;
  if (after !== undefined && (success === undefined || typeof success === 'function') &&
      (fail === undefined || typeof fail === 'function')) {
    arg.success = function (res) {
      after(true, res);
      if (success !== undefined) return success(res);
    };
    arg.fail = function (res) {
      after(false, res);
      if (fail !== undefined) return fail(res);
    };
  }
  return fn(arg);
}

// Listeners of an object's events: on<Event>(cb) / off<Event>(cb) on `target` for each name in
// `events` (off without a callback removes them all), and emit(name, payload) that logs the
// event and calls each listener.
function listeners(target, objectName, id, events, withOff) {
  var lists = record();
  for (var i = 0; i < events.length; i++) {
    (function (name) {
      var list = lists[name] = [];
      define(target, 'on' + name, function (callback) {
        if (typeof callback !== 'function') throw new P.TypeError(objectName + '.on' + name + ': the argument must be a function');
        list[list.length] = callback;
      });
      if (withOff) {
        define(target, 'off' + name, function (callback) {
          if (callback === undefined) { list.length = 0; return; }
          var at = P.ArrayPrototypeIndexOf(list, callback);
          if (at !== -1) P.ArrayPrototypeSplice(list, at, 1);
        });
      }
    })(events[i]);
  }
  return {
    emit: function (name, payload) {
      shim.post(record({ op: 'log', type: 'media', object: objectName, id: id, event: 'on' + name }));
      var list = P.ArrayPrototypeSlice(lists[name]);
      var args = payload === undefined ? [] : [payload];
      for (var j = 0; j < list.length; j++) shim.guard(list[j], undefined, args, objectName + '.on' + name);
    },
    clear: function () {
      var names = P.ObjectKeys(lists);
      for (var j = 0; j < names.length; j++) lists[names[j]].length = 0;
    }
  };
}

function define(target, name, fn) {
  P.ObjectDefineProperty(target, name, { value: fn, enumerable: false, writable: true, configurable: true });
}

function property(target, name, get, set) {
  P.ObjectDefineProperty(target, name, { get: get, set: set || function () {}, enumerable: true, configurable: true });
}

function failure(res) {
  return { errCode: res.errCode, errMsg: res.errMsg };
}

// ------------------------------------------------------------------------------------------------
// Audio: swan.createInnerAudioContext() (createinneraudiocontext_InnerAudioContext*.md) and
// swan.getBackgroundAudioManager() (backgroundaudiomanager_*.md)
// ------------------------------------------------------------------------------------------------
// onError's errCode (WeChat's codes, which swan's pages do not list): 10002 network error, 10003
// file error (no such file), 10004 format error (a file that cannot be read), 10001 system error.
function AUDIO_ERRORS(kind) {
  if (kind === 'param') return undefined;
  if (kind === 'network' || kind === 'timeout' || kind === 'domain') return 10002;
  if (kind === 'not_found' || kind === 'invalid_path') return 10003;
  return kind === 'io' ? 10004 : 10001;
}
var PLAYER_METHODS = [['play', [['id', 'number', true], ['src', 'string', false]], { errCode: AUDIO_ERRORS }],
  ['pause', [['id', 'number', true]], { errCode: AUDIO_ERRORS }],
  ['stop', [['id', 'number', true]], { errCode: AUDIO_ERRORS }],
  ['seek', [['id', 'number', true], ['position', 'number', true]], { errCode: AUDIO_ERRORS }]];
var innerAudioCalls = declareMethods('InnerAudioContext', 'audio',
  P.ArrayPrototypeConcat(PLAYER_METHODS, [['destroy', [['id', 'number', true]]]]));
var backgroundCalls = declareMethods('BackgroundAudioManager', 'audio', PLAYER_METHODS);

var INNER_EVENTS = ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'TimeUpdate', 'Error', 'Waiting', 'Seeking', 'Seeked'];
var BACKGROUND_EVENTS = ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'TimeUpdate', 'Prev', 'Next', 'Error', 'Waiting',
  'Seeking', 'Seeked'];
var playerSeq = 0;

function round6(n) { return MathRound(n * 1e6) / 1e6; }
function isNetwork(src) { return P.RegExpPrototypeTest(/^https?:\/\//i, src); }

function Player(objectName, calls, background) {
  var player = {};
  var id = ++playerSeq;
  var s = { src: '', startTime: 0, autoplay: false, loop: false, obeyMuteSwitch: true, volume: 1, duration: 0,
    currentTime: 0, paused: true, loaded: false, destroyed: false, timer: null, step: 0 };
  var events = listeners(player, objectName, id, background ? BACKGROUND_EVENTS : INNER_EVENTS, !background);

  function halt() {
    if (s.timer !== null) clearTimer(s.timer);
    s.timer = null;
  }
  function schedule() {
    halt();
    s.step = P.MathMax(0, P.MathMin(TICK_MS, MathRound((s.duration - s.currentTime) * 1000)));
    s.timer = setTimer(tick, s.step);
  }
  function tick() {
    s.timer = null;
    if (s.paused || s.destroyed) return;
    s.currentTime = P.MathMin(s.duration, round6(s.currentTime + s.step / 1000));
    events.emit('TimeUpdate');
    if (s.currentTime < s.duration) return schedule();
    if (s.loop) {
      s.currentTime = 0;
      return schedule();
    }
    s.paused = true;
    events.emit('Ended');
  }
  function onError(ok, res) {
    if (!ok) events.emit('Error', failure(res));
    return ok && !s.destroyed;
  }

  function play() {
    if (s.destroyed) return;
    invoke(calls.play, undefined, { id: id, src: s.src }, function (ok, res) {
      if (!onError(ok, res)) return;
      if (!s.loaded) {
        s.loaded = true;
        s.duration = res.duration;
        if (isNetwork(s.src)) events.emit('Waiting'); // the source is fetched before it can play
        if (s.currentTime === 0) s.currentTime = P.MathMin(s.duration, P.MathMax(0, s.startTime));
        events.emit('Canplay');
      }
      if (!s.paused) return;
      if (s.currentTime >= s.duration) s.currentTime = 0; // played to the end: from the start again
      s.paused = false;
      events.emit('Play');
      schedule();
    });
  }
  function pause() {
    if (s.destroyed) return;
    invoke(calls.pause, undefined, { id: id }, function (ok, res) {
      if (!onError(ok, res) || s.paused) return;
      halt();
      s.paused = true;
      events.emit('Pause');
    });
  }
  function stop() {
    if (s.destroyed) return;
    invoke(calls.stop, undefined, { id: id }, function (ok, res) {
      if (!onError(ok, res) || !s.loaded) return;
      halt();
      s.paused = true;
      s.currentTime = 0;
      events.emit('Stop');
    });
  }
  function seek(position) {
    if (s.destroyed) return;
    invoke(calls.seek, undefined, { id: id, position: position }, function (ok, res) {
      if (!onError(ok, res)) return;
      events.emit('Seeking');
      s.currentTime = round6(P.MathMax(0, s.loaded ? P.MathMin(s.duration, position) : position));
      events.emit('Seeked');
      if (!s.paused) schedule();
    });
  }
  function setSrc(value) {
    if (s.destroyed) return;
    halt();
    s.src = P.String(value);
    s.loaded = false;
    s.duration = 0;
    s.currentTime = 0;
    s.paused = true;
    // The background player plays a new src at once (its page asks for src to be set after the
    // other properties; WeChat's says so in words); an inner one when autoplay is set.
    if (s.src !== '' && (background || s.autoplay)) play();
  }

  property(player, 'src', function () { return s.src; }, setSrc);
  property(player, 'startTime', function () { return s.startTime; }, function (v) { s.startTime = P.Number(v) || 0; });
  property(player, 'duration', function () { return s.duration; });
  property(player, 'currentTime', function () { return s.currentTime; });
  property(player, 'paused', function () { return s.paused; });
  if (background) { // the player's card in the notification area (BackgroundAudioManager.md)
    var texts = ['title', 'epname', 'singer', 'coverImgUrl'];
    for (var i = 0; i < texts.length; i++) {
      (function (name) {
        var value = '';
        property(player, name, function () { return value; }, function (v) { value = P.String(v); });
      })(texts[i]);
    }
  } else {
    property(player, 'volume', function () { return s.volume; }, function (v) {
      var n = P.Number(v);
      if (n >= 0 && n <= 1) s.volume = n;
    });
    property(player, 'autoplay', function () { return s.autoplay; }, function (v) {
      s.autoplay = !!v;
      if (s.autoplay && s.src !== '' && s.paused && !s.loaded) play();
    });
    property(player, 'loop', function () { return s.loop; }, function (v) { s.loop = !!v; });
    property(player, 'obeyMuteSwitch', function () { return s.obeyMuteSwitch; }, function (v) { s.obeyMuteSwitch = !!v; });
  }
  define(player, 'play', play);
  define(player, 'pause', pause);
  define(player, 'stop', stop);
  define(player, 'seek', seek);
  if (!background) {
    define(player, 'destroy', function () {
      if (s.destroyed) return;
      invoke(calls.destroy, undefined, { id: id });
      s.destroyed = true; // from now on every method does nothing and no event fires
      s.paused = true;
      halt();
      events.clear();
    });
  }
  return player;
}

shim.setApi('createInnerAudioContext', function createInnerAudioContext() {
  return Player('InnerAudioContext', innerAudioCalls, false);
});
var backgroundAudio = null;
shim.setApi('getBackgroundAudioManager', function getBackgroundAudioManager() {
  if (backgroundAudio === null) backgroundAudio = Player('BackgroundAudioManager', backgroundCalls, true);
  return backgroundAudio;
});

// ------------------------------------------------------------------------------------------------
// swan.getRecorderManager() (recorder_RecorderManager*.md): the host keeps the recording's clock
// and writes the file at stop (silent AAC, or raw PCM for format 'pcm'); onStop gets
// {tempFilePath, duration (ms), fileSize}. A recording stops by itself after `duration` ms.
// ------------------------------------------------------------------------------------------------
// The sample rates and their encodeBitRate ranges (recorder_RecorderManager-start.md).
var BIT_RATES = { 8000: [16000, 48000], 16000: [24000, 96000], 44100: [64000, 320000] };
var recorderCalls = declareMethods('RecorderManager', 'audio', [
  ['start', [['duration', 'number', false], ['sampleRate', 'number', false], ['numberOfChannels', 'number', false],
    ['encodeBitRate', 'number', false], ['format', 'string', false], ['audioSource', 'string', false]], {
    prepare: all([range('duration', 1, 600000, false), oneOf('sampleRate', [8000, 16000, 44100]), oneOf('numberOfChannels', [1, 2]),
      oneOf('format', ['aac', 'pcm']), function (params) {
        var rates = BIT_RATES[params.sampleRate === undefined ? 8000 : params.sampleRate];
        var bits = params.encodeBitRate;
        if (bits !== undefined && !(bits >= rates[0] && bits <= rates[1])) {
          return 'parameter error: encodeBitRate must be from ' + rates[0] + ' to ' + rates[1] + ' at this sampleRate, got ' + bits;
        }
        return null;
      }]),
    errCode: codes(DENIED, DENIED)
  }],
  ['pause', []], ['resume', []], ['stop', []]
]);
var recorder = null;
function Recorder() {
  var manager = {};
  var s = { recording: false, paused: false, limit: 60000, timer: null };
  var events = listeners(manager, 'RecorderManager', 1,
    ['Start', 'Pause', 'Resume', 'Stop', 'Error', 'InterruptionBegin', 'InterruptionEnd'], false);
  function halt() {
    if (s.timer !== null) clearTimer(s.timer);
    s.timer = null;
  }
  function arm(recordedMs) {
    halt();
    s.timer = setTimer(function () {
      s.timer = null;
      if (s.recording && !s.paused) stop();
    }, P.MathMax(0, s.limit - recordedMs));
  }
  function stop() {
    invoke(recorderCalls.stop, undefined, {}, function (ok, res) {
      if (!ok) return events.emit('Error', failure(res));
      halt();
      s.recording = false;
      events.emit('Stop', { tempFilePath: res.tempFilePath, duration: res.duration, fileSize: res.fileSize });
    });
  }
  define(manager, 'start', function (options) {
    invoke(recorderCalls.start, options, {}, function (ok, res) {
      if (!ok) return events.emit('Error', failure(res));
      var duration = isPlainObject(options) ? options.duration : undefined;
      s.limit = typeof duration === 'number' ? duration : 60000;
      s.recording = true;
      s.paused = false;
      arm(0);
      events.emit('Start');
    });
  });
  define(manager, 'pause', function () {
    invoke(recorderCalls.pause, undefined, {}, function (ok, res) {
      if (!ok) return events.emit('Error', failure(res));
      if (!s.recording || s.paused) return;
      halt();
      s.paused = true;
      events.emit('Pause');
    });
  });
  define(manager, 'resume', function () {
    invoke(recorderCalls.resume, undefined, {}, function (ok, res) {
      if (!ok) return events.emit('Error', failure(res));
      if (!s.recording || !s.paused) return;
      s.paused = false;
      arm(res.duration);
      events.emit('Resume');
    });
  });
  define(manager, 'stop', stop);
  return manager;
}
shim.setApi('getRecorderManager', function getRecorderManager() {
  if (recorder === null) recorder = Recorder();
  return recorder;
});

// ------------------------------------------------------------------------------------------------
// swan.ai.getVoiceRecognizer() (api/ai/voice_*.md): start → onStart, then what the user said
// (the host's answer, `result`) → onRecognize and onFinish; in mode 'touch' the user speaks until
// stop(). cancel() drops what was heard.
// ------------------------------------------------------------------------------------------------
var voiceCalls = declareMethods('VoiceRecognizer', 'audio', [
  ['start', [['mode', 'string', false], ['longSpeech', 'boolean', false], ['context', 'string', false]], { errCode: codes(DENIED, DENIED) }],
  ['stop', []], ['cancel', []]
]);
var voiceRecognizer = null;
function VoiceRecognizer() {
  var recognizer = {};
  var heard = null;
  var events = listeners(recognizer, 'VoiceRecognizer', 1, ['Start', 'Recognize', 'Finish', 'Error'], false);
  function finish() {
    var result = heard;
    heard = null;
    events.emit('Recognize', { result: result });
    events.emit('Finish', { result: result });
  }
  define(recognizer, 'start', function (options) {
    invoke(voiceCalls.start, options, {}, function (ok, res) {
      if (!ok) return events.emit('Error', failure(res));
      heard = res.result;
      events.emit('Start');
      var mode = isPlainObject(options) ? options.mode : undefined;
      if (mode !== 'touch') finish();
    });
  });
  define(recognizer, 'stop', function () {
    invoke(voiceCalls.stop, undefined, {}, function (ok, res) {
      if (!ok) return events.emit('Error', failure(res));
      if (heard !== null) finish();
    });
  });
  define(recognizer, 'cancel', function () {
    invoke(voiceCalls.cancel, undefined, {}, function (ok) { if (ok) heard = null; });
  });
  return recognizer;
}
shim.setApi('ai.getVoiceRecognizer', function getVoiceRecognizer() {
  if (voiceRecognizer === null) voiceRecognizer = VoiceRecognizer();
  return voiceRecognizer;
});

// ------------------------------------------------------------------------------------------------
// Components driven by a context: <video> (videocontext_*.md), <live-player>
// (liveplayercontext_*.md), <animation-video> (animationvideo_*.md), <camera>
// (cameracontext_*.md), <ar-camera> (arcameracontext_*.md), <map> (api/map/*). Each method is
// recorded with the context's id; those that take callbacks get the host's answer.
// ------------------------------------------------------------------------------------------------
var videoCalls = declareMethods('VideoContext', 'component', [
  ['play', [['videoId', 'string', true]]], ['pause', [['videoId', 'string', true]]], ['stop', [['videoId', 'string', true]]],
  ['seek', [['videoId', 'string', true], ['position', 'number', true]]],
  ['sendDanmu', [['videoId', 'string', true], ['text', 'string', true], ['color', 'string', false]]],
  ['playbackRate', [['videoId', 'string', true], ['rate', 'number', true]], { prepare: oneOf('rate', [0.5, 0.8, 1, 1.25, 1.5, 2]) }],
  ['requestFullScreen', [['videoId', 'string', true], ['direction', 'number', false]], { prepare: oneOf('direction', [0, 90, -90]) }],
  ['exitFullScreen', [['videoId', 'string', true]]], ['showStatusBar', [['videoId', 'string', true]]],
  ['hideStatusBar', [['videoId', 'string', true]]]
]);
shim.setApi('createVideoContext', function createVideoContext(videoId) {
  var ctx = {};
  var id = { videoId: P.String(videoId) };
  define(ctx, 'play', function () { invoke(videoCalls.play, undefined, id); });
  define(ctx, 'pause', function () { invoke(videoCalls.pause, undefined, id); });
  define(ctx, 'stop', function () { invoke(videoCalls.stop, undefined, id); });
  define(ctx, 'seek', function (position) { invoke(videoCalls.seek, undefined, { videoId: id.videoId, position: position }); });
  define(ctx, 'sendDanmu', function (danmu) { invoke(videoCalls.sendDanmu, danmu, id); });
  define(ctx, 'playbackRate', function (rate) { invoke(videoCalls.playbackRate, undefined, { videoId: id.videoId, rate: rate }); });
  define(ctx, 'requestFullScreen', function (options) { invoke(videoCalls.requestFullScreen, options, id); });
  define(ctx, 'exitFullScreen', function () { invoke(videoCalls.exitFullScreen, undefined, id); });
  define(ctx, 'showStatusBar', function () { invoke(videoCalls.showStatusBar, undefined, id); });
  define(ctx, 'hideStatusBar', function () { invoke(videoCalls.hideStatusBar, undefined, id); });
  return ctx;
});

// LivePlayerContext: each method takes {success, fail, complete} (errors: Android 201 / 401 /
// 1001, iOS 202 / 401).
var liveCalls = declareMethods('LivePlayerContext', 'component', [
  ['play', [['livePlayerId', 'string', true]]], ['stop', [['livePlayerId', 'string', true]]],
  ['mute', [['livePlayerId', 'string', true]]], ['pause', [['livePlayerId', 'string', true]]],
  ['resume', [['livePlayerId', 'string', true]]],
  ['requestFullScreen', [['livePlayerId', 'string', true], ['direction', 'number', false]], { prepare: oneOf('direction', [0, 90, -90]) }],
  ['exitFullScreen', [['livePlayerId', 'string', true]]]
]);
shim.setApi('createLivePlayerContext', function createLivePlayerContext(livePlayerId) {
  var ctx = {};
  var id = { livePlayerId: P.String(livePlayerId) };
  var names = P.ObjectKeys(liveCalls);
  for (var i = 0; i < names.length; i++) {
    (function (name) {
      define(ctx, name, function (object) { invoke(liveCalls[name], object, id); });
    })(names[i]);
  }
  return ctx;
});

var animationVideoCalls = declareMethods('AnimationVideo', 'component', [
  ['play', [['animationVideoId', 'string', true]]], ['pause', [['animationVideoId', 'string', true]]],
  ['seek', [['animationVideoId', 'string', true], ['position', 'number', true]]]
]);
shim.setApi('createAnimationVideo', function createAnimationVideo(animationVideoId) {
  var ctx = {};
  var id = { animationVideoId: P.String(animationVideoId) };
  define(ctx, 'play', function () { invoke(animationVideoCalls.play, undefined, id); });
  define(ctx, 'pause', function () { invoke(animationVideoCalls.pause, undefined, id); });
  define(ctx, 'seek', function (position) {
    invoke(animationVideoCalls.seek, undefined, { animationVideoId: id.animationVideoId, position: position });
  });
  return ctx;
});

// CameraContext / ARCameraContext: behind scope.camera (startRecord also scope.record);
// takePhoto({quality}) gives {tempImagePath}; stopRecord gives {tempThumbPath, tempVideoPath};
// a recording still running after 30 s is stopped and its result goes to timeoutCallback.
var RECORD_LIMIT_MS = 30000;
var CAMERA_METHODS = [['takePhoto', [['quality', 'string', false]], { prepare: oneOf('quality', ['high', 'normal', 'low']), errCode: codes(DENIED, DENIED) }],
  ['startRecord', [], { errCode: codes(DENIED, DENIED) }], ['stopRecord', []]];
var cameraCalls = declareMethods('CameraContext', 'component', CAMERA_METHODS);
var arCameraCalls = declareMethods('ARCameraContext', 'component', P.ArrayPrototypeConcat(CAMERA_METHODS, [['reset', []]]));
function Camera(calls, ar) {
  var ctx = {};
  var timer = null;
  define(ctx, 'takePhoto', function (object) { invoke(calls.takePhoto, object, {}); });
  define(ctx, 'startRecord', function (object) {
    var fields = copyFields(object);
    var timeoutCallback = fields.timeoutCallback;
    delete fields.timeoutCallback;
    invoke(calls.startRecord, isPlainObject(object) ? fields : object, {}, function (ok) {
      if (!ok) return;
      if (timer !== null) clearTimer(timer);
      timer = setTimer(function () {
        timer = null;
        invoke(calls.stopRecord, undefined, {}, function (stopped, res) {
          if (stopped && typeof timeoutCallback === 'function') {
            shim.guard(timeoutCallback, undefined, [{ tempThumbPath: res.tempThumbPath, tempVideoPath: res.tempVideoPath }],
              (ar ? 'ARCameraContext' : 'CameraContext') + '.startRecord timeoutCallback');
          }
        });
      }, RECORD_LIMIT_MS);
    });
  });
  define(ctx, 'stopRecord', function (object) {
    if (timer !== null) clearTimer(timer);
    timer = null;
    invoke(calls.stopRecord, object, {});
  });
  if (ar) define(ctx, 'reset', function (object) { invoke(calls.reset, object, {}); });
  return ctx;
}
shim.setApi('createCameraContext', function createCameraContext() { return Camera(cameraCalls, false); });
shim.setApi('createARCameraContext', function createARCameraContext() { return Camera(arCameraCalls, true); });

// MapContext (api/map/MapContext-*.md): the host keeps each map's centre and scale;
// getCenterLocation gives gcj02 {longitude, latitude}; translateMarker's animationEnd runs once
// the marker has moved (`duration` ms, default 1000).
var mapCalls = declareMethods('MapContext', 'component', [
  ['getCenterLocation', [['mapId', 'string', true]]],
  ['moveToLocation', [['mapId', 'string', true], ['longitude', 'number', false], ['latitude', 'number', false]], {
    prepare: all([range('latitude', -90, 90, false), range('longitude', -180, 180, false)])
  }],
  ['translateMarker', [['mapId', 'string', true], ['markerId', 'number', true], ['destination', 'object', true],
    ['autoRotate', 'boolean', false], ['rotate', 'number', false], ['duration', 'number', false]], {
    prepare: function (params) {
      var d = params.destination;
      return typeof d.latitude === 'number' && typeof d.longitude === 'number' ? null
        : 'parameter error: destination must have numbers latitude and longitude';
    }
  }],
  ['includePoints', [['mapId', 'string', true], ['points', 'array', true], ['padding', 'array', false]]],
  ['getRegion', [['mapId', 'string', true]]],
  ['getScale', [['mapId', 'string', true]]]
]);
shim.setApi('createMapContext', function createMapContext(mapId) {
  var ctx = {};
  var id = { mapId: P.String(mapId) };
  define(ctx, 'getCenterLocation', function (object) { invoke(mapCalls.getCenterLocation, object, id); });
  define(ctx, 'moveToLocation', function (object) { invoke(mapCalls.moveToLocation, object, id); });
  define(ctx, 'translateMarker', function (object) {
    var fields = copyFields(object);
    var animationEnd = fields.animationEnd;
    delete fields.animationEnd;
    invoke(mapCalls.translateMarker, isPlainObject(object) ? fields : object, id, function (ok) {
      if (!ok || typeof animationEnd !== 'function') return;
      var ms = typeof fields.duration === 'number' ? fields.duration : 1000;
      setTimer(function () { shim.guard(animationEnd, undefined, [], 'MapContext.translateMarker animationEnd'); }, ms);
    });
  });
  define(ctx, 'includePoints', function (object) { invoke(mapCalls.includePoints, object, id); });
  define(ctx, 'getRegion', function (object) { invoke(mapCalls.getRegion, object, id); });
  define(ctx, 'getScale', function (object) { invoke(mapCalls.getScale, object, id); });
  return ctx;
});

// ------------------------------------------------------------------------------------------------
// swan.createCanvasContext(canvasId, component) (api/canvas/*): drawing methods are kept as actions
// ({method, data}) until draw(reserve, callback) hands them to the host (the call
// CanvasContext.draw, its params {canvasId, reserve, actions}), which paints the solid
// rectangles into the canvas's pixels (see bridge/_app/_media.py `paint`); without reserve the
// canvas is cleared first. measureText estimates: half the font size per ASCII character, the
// font size for any other.
// ------------------------------------------------------------------------------------------------
var canvasCalls = declareMethods('CanvasContext', 'canvas', [
  ['draw', [['canvasId', 'string', true], ['reserve', 'boolean', false], ['actions', 'array', true]], { prepare: sized }]
]);
var DRAWING = ['arc', 'beginPath', 'bezierCurveTo', 'clearRect', 'clip', 'closePath', 'drawImage', 'fill', 'fillRect',
  'fillText', 'lineTo', 'moveTo', 'quadraticCurveTo', 'rect', 'restore', 'rotate', 'save', 'scale', 'setFillStyle',
  'setFontSize', 'setGlobalAlpha', 'setLineCap', 'setLineDash', 'setLineDashOffset', 'setLineJoin', 'setLineWidth',
  'setMiterLimit', 'setShadow', 'setStrokeStyle', 'setTextAlign', 'setTextBaseline', 'setTransform', 'stroke',
  'strokeRect', 'strokeText', 'transform', 'translate'];

// What an action's argument is as data: a gradient as its description, anything else as given.
function actionValue(value) {
  if (value !== null && typeof value === 'object' && value.__gradient !== undefined) return value.__gradient;
  return value;
}

function Gradient(description) {
  var gradient = {};
  P.ObjectDefineProperty(gradient, '__gradient', { value: description });
  define(gradient, 'addColorStop', function (stop, color) {
    description.colorStops[description.colorStops.length] = [stop, color];
  });
  return gradient;
}

shim.setApi('createCanvasContext', function createCanvasContext(canvasId, component) {
  var ctx = {};
  var actions = [];
  var fontSize = 10;
  var font = '10px sans-serif';
  for (var i = 0; i < DRAWING.length; i++) {
    (function (method) {
      define(ctx, method, function () {
        var data = [];
        for (var a = 0; a < arguments.length; a++) data[a] = actionValue(arguments[a]);
        if (method === 'setFontSize' && typeof data[0] === 'number') fontSize = data[0];
        actions[actions.length] = { method: method, data: data };
      });
    })(DRAWING[i]);
  }
  property(ctx, 'font', function () { return font; }, function (value) {
    font = P.String(value);
    var size = P.RegExpPrototypeExec(/(\d+(?:\.\d+)?)px/, font);
    if (size !== null) fontSize = P.Number(size[1]);
    actions[actions.length] = { method: 'font', data: [font] };
  });
  define(ctx, 'createLinearGradient', function (x0, y0, x1, y1) {
    return Gradient({ type: 'linear', data: [x0, y0, x1, y1], colorStops: [] });
  });
  define(ctx, 'createCircularGradient', function (x, y, r) {
    return Gradient({ type: 'circular', data: [x, y, r], colorStops: [] });
  });
  define(ctx, 'measureText', function (text) {
    var t = P.String(text);
    var width = 0;
    for (var c = 0; c < t.length; c++) width += P.StringPrototypeCharCodeAt(t, c) < 128 ? fontSize / 2 : fontSize;
    return { width: width };
  });
  define(ctx, 'draw', function (reserve, callback) {
    var given = actions;
    actions = [];
    canvasScope = component;
    try {
      invoke(canvasCalls.draw, undefined, { canvasId: P.String(canvasId), reserve: reserve === true, actions: given }, function (ok) {
        if (ok && typeof callback === 'function') shim.guard(callback, undefined, [], 'CanvasContext.draw callback');
      });
    } finally {
      canvasScope = undefined;
    }
  });
  return ctx;
});
