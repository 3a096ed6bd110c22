"""Every API a test can answer honours its queue: rt.answer(api, {"fail": True, ...}) makes the
next call of that API fail (fail, then complete) with the errMsg and errCode the shim writes for
the failure's kind, a success answer of the API's shape makes it succeed, and each answer is used
once (docs/harness.md, `swan.answer`).

The list of answerable APIs is the one rt.answer's ValueError names, so a new answerable API is
walked here as soon as it exists; `CALLS` says how a mini-program calls each one (an API missing
from it fails the test that checks the table). Each call is made from JS as an app makes it: a
context method on its context (created once, with a src where it plays one), on a page that holds
the component the context names.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bridge import SwanRuntime

# ------------------------------------------------------------------------------------------------
# The APIs, as rt.answer names them
# ------------------------------------------------------------------------------------------------


def answerable() -> list[str]:
    """The APIs rt.answer takes, from its ValueError for one it does not."""
    with SwanRuntime() as rt, pytest.raises(ValueError) as raised:
        rt.answer("fooBar", {})
    match = re.search(r"the APIs a test can answer: (.+)$", str(raised.value))
    assert match is not None, str(raised.value)
    return match.group(1).split(", ")


ANSWERABLE = answerable()


@dataclass(frozen=True)
class Call:
    """How a mini-program calls one API. `js` makes one call; `cb(fields)` is the argument with
    success / fail / complete that log what they get into `seen`. `sees` is what the script sees
    of a failure: "callbacks" (fail, then complete), "onError" (the object's onError listener),
    or "nothing" (a method without callbacks: the failure shows in rt.tasks and rt.log only).
    `setup` runs before the answers are scripted, `cleanup` after the test; `own_runtime` calls
    it in a runtime of its own, `returns` runs rt.show_app() after a success that left the app."""

    js: str
    sees: str = "callbacks"
    setup: str = ""
    cleanup: str = ""
    own_runtime: bool = False
    returns: bool = False


def called(function: str, fields: str = "", **how: Any) -> Call:
    """A call of `function` with the object {fields} and the callbacks that log into `seen`."""
    return Call("%s(cb({%s}))" % (function, fields), **how)


# A payment order whose eight fields pass the shim's checks (open/payment_swan-requestPolymerPayment.md).
ORDER = ("{dealId: '470193086', appKey: 'MMMabc', totalAmount: '1', tpOrderId: '3028903626', dealTitle: 'Demo', "
         "signFieldsRange: '1', rsaSign: 'c2lnbg==', bizInfo: '{}'}")
IMAGE = "bdfile://tmp_a.png"

CALLS: dict[str, Call] = {
    # -- interface and navigation bar (ui.js) --
    "showToast": called("swan.showToast", "title: '好'"),
    "hideToast": called("swan.hideToast"),
    "showLoading": called("swan.showLoading", "title: '加载中'"),
    "hideLoading": called("swan.hideLoading"),
    "showModal": called("swan.showModal", "title: '提示', content: '确定吗'"),
    "showActionSheet": called("swan.showActionSheet", "itemList: ['A', 'B']"),
    "setNavigationBarTitle": called("swan.setNavigationBarTitle", "title: '标题'"),
    "setNavigationBarColor": called("swan.setNavigationBarColor", "frontColor: '#ffffff', backgroundColor: '#000000'"),
    "showNavigationBarLoading": called("swan.showNavigationBarLoading"),
    "hideNavigationBarLoading": called("swan.hideNavigationBarLoading"),
    "startPullDownRefresh": called("swan.startPullDownRefresh"),
    "stopPullDownRefresh": called("swan.stopPullDownRefresh"),
    "pageScrollTo": called("swan.pageScrollTo", "scrollTop: 0, duration: 0"),
    "makePhoneCall": called("swan.makePhoneCall", "phoneNumber: '10086'"),
    "setClipboardData": called("swan.setClipboardData", "data: 'copied'"),
    # -- identity, permissions (services.js); authorize asks only for a scope not decided yet --
    "authorize": called("swan.authorize", "scope: nextScope()", own_runtime=True),
    "openSetting": called("swan.openSetting"),
    "login": called("swan.login"),
    "getLoginCode": called("swan.getLoginCode"),
    "checkSession": called("swan.checkSession"),
    "getUserInfo": called("swan.getUserInfo"),
    "getPhoneNumber": called("swan.getPhoneNumber"),
    "getSwanId": called("swan.getSwanId"),
    # -- location, payment --
    "getLocation": called("swan.getLocation", "type: 'gcj02'"),
    "chooseLocation": called("swan.chooseLocation"),
    "openLocation": called("swan.openLocation", "latitude: 40.04, longitude: 116.27, scale: 18"),
    "chooseAddress": called("swan.chooseAddress"),
    "requestPolymerPayment": called("swan.requestPolymerPayment", "orderInfo: " + ORDER),
    # -- content: the page's info, other smart programs, sharing --
    "previewImage": called("swan.previewImage", "urls: ['https://b.bdstatic.com/a.png']"),
    "setPageInfo": called("swan.setPageInfo", "title: 't', keywords: 'k', description: 'd'"),
    "setDocumentTitle": called("swan.setDocumentTitle", "title: 't'"),
    "setMetaDescription": called("swan.setMetaDescription", "content: 'd'"),
    "setMetaKeywords": called("swan.setMetaKeywords", "content: 'k'"),
    "navigateToSmartProgram": called("swan.navigateToSmartProgram", "appKey: 'otherAppKey', path: '/pages/a'",
                                     returns=True),
    "navigateBackSmartProgram": called("swan.navigateBackSmartProgram", "extraData: {from: 'here'}", returns=True),
    "openShare": called("swan.openShare", "title: '分享', path: '/pages/index/index'"),
    "reportAnalytics": Call("swan.reportAnalytics('tap', {button: 'buy'})", sees="nothing"),
    # -- the device (device.js) --
    "startAccelerometer": called("swan.startAccelerometer", "interval: 'game'"),
    "stopAccelerometer": called("swan.stopAccelerometer"),
    "startCompass": called("swan.startCompass"),
    "stopCompass": called("swan.stopCompass"),
    "startDeviceMotionListening": called("swan.startDeviceMotionListening", "interval: 'ui'"),
    "stopDeviceMotionListening": called("swan.stopDeviceMotionListening"),
    "startLocationUpdate": called("swan.startLocationUpdate"),
    "stopLocationUpdate": called("swan.stopLocationUpdate"),
    "setKeepScreenOn": called("swan.setKeepScreenOn", "keepScreenOn: true"),
    "setScreenBrightness": called("swan.setScreenBrightness", "value: 0.5"),
    "getScreenBrightness": called("swan.getScreenBrightness"),
    "getBatteryInfo": called("swan.getBatteryInfo"),
    "vibrateShort": called("swan.vibrateShort"),
    "vibrateLong": called("swan.vibrateLong"),
    "setBackgroundColor": called("swan.setBackgroundColor", "backgroundColor: '#ffffff'"),
    "setBackgroundTextStyle": called("swan.setBackgroundTextStyle", "textStyle: 'dark'"),
    "setEnableDebug": called("swan.setEnableDebug", "enableDebug: false"),
    "getExtConfig": called("swan.getExtConfig"),
    "loadSubPackage": called("swan.loadSubPackage", "root: 'packageA'"),
    # -- native pages and services --
    "scanCode": called("swan.scanCode"),
    "addEventOnCalendar": called("swan.addEventOnCalendar",
                                 "title: '会议', startTime: 1575017471000, endTime: 1575028471000"),
    "deleteEventOnCalendar": called("swan.deleteEventOnCalendar", "eventId: 'e6d0c35a67e5e5d1'"),
    "addPhoneContact": called("swan.addPhoneContact", "firstName: 'white', mobilePhoneNumber: '13800000000'"),
    "chooseInvoiceTitle": called("swan.chooseInvoiceTitle"),
    "openCommunityEditor": called("swan.openCommunityEditor", "moduleList: ['title', 'image']"),
    "closeCommunityEditor": called("swan.closeCommunityEditor"),
    "openReplyEditor": called("swan.openReplyEditor", "moduleList: ['emoji']"),
    "closeReplyEditor": called("swan.closeReplyEditor"),
    "subscribeService": called("swan.subscribeService", "templateId: 'BD0003', subscribeId: '8026'"),
    "showFavoriteGuide": called("swan.showFavoriteGuide", "type: 'tip', content: '关注'"),
    "getSystemRiskInfo": called("swan.getSystemRiskInfo"),
    # -- AI services (swan.ai.*) --
    "ai.ocrIdCard": called("swan.ai.ocrIdCard", f"image: '{IMAGE}', id_card_side: 'front'"),
    "ai.ocrBankCard": called("swan.ai.ocrBankCard", f"image: '{IMAGE}'"),
    "ai.ocrDrivingLicense": called("swan.ai.ocrDrivingLicense", f"image: '{IMAGE}'"),
    "ai.ocrVehicleLicense": called("swan.ai.ocrVehicleLicense", f"image: '{IMAGE}'"),
    "ai.advancedGeneralIdentify": called("swan.ai.advancedGeneralIdentify", f"image: '{IMAGE}'"),
    "ai.animalClassify": called("swan.ai.animalClassify", f"image: '{IMAGE}', top_num: 6"),
    "ai.plantClassify": called("swan.ai.plantClassify", f"image: '{IMAGE}'"),
    "ai.carClassify": called("swan.ai.carClassify", f"image: '{IMAGE}'"),
    "ai.dishClassify": called("swan.ai.dishClassify", f"image: '{IMAGE}', filter_threshold: 0.95"),
    "ai.logoClassify": called("swan.ai.logoClassify", f"image: '{IMAGE}'"),
    "ai.objectDetectIdentify": called("swan.ai.objectDetectIdentify", f"image: '{IMAGE}', with_face: 0"),
    "ai.imageAudit": called("swan.ai.imageAudit", f"image: '{IMAGE}'"),
    "ai.textReview": called("swan.ai.textReview", "content: '你好'"),
    "ai.textToAudio": called("swan.ai.textToAudio", "tex: '你好', per: '0'"),
    "ai.nlpLexerCustom": called("swan.ai.nlpLexerCustom", "text: '百度是一家高科技公司'"),
    "ai.faceDetect": called("swan.ai.faceDetect", "image: 'x', image_type: 'URL', face_type: 'LIVE'"),
    "ai.faceMatch": called("swan.ai.faceMatch",
                           "data: [{image: 'a', image_type: 'URL'}, {image: 'b', image_type: 'FACE_TOKEN'}]"),
    "ai.faceSearch": called("swan.ai.faceSearch", "image: 'a', image_type: 'BASE64', group_id_list: 'g1,g2'"),
    "ai.facePersonVerify": called("swan.ai.facePersonVerify",
                                  "image: 'a', image_type: 'URL', id_card_number: '1', name: 'n'"),
    "ai.facePersonIdmatch": called("swan.ai.facePersonIdmatch", "id_card_number: '1', name: 'n'"),
    "ai.faceLivenessSessioncode": called("swan.ai.faceLivenessSessioncode", "appid: '16714393'"),
    # -- images, the album, documents (media.js), on the test's files (`chosen`) --
    "getImageInfo": called("swan.getImageInfo", "src: chosen.png"),
    "compressImage": called("swan.compressImage", "src: chosen.png, quality: 50"),
    "saveImageToPhotosAlbum": called("swan.saveImageToPhotosAlbum", "filePath: chosen.png"),
    "saveVideoToPhotosAlbum": called("swan.saveVideoToPhotosAlbum", "filePath: chosen.mp4"),
    "chooseVideo": called("swan.chooseVideo", "sourceType: ['album'], maxDuration: 30"),
    "chooseAlbum": called("swan.chooseAlbum", "count: 1, mode: 'single'"),
    "openDocument": called("swan.openDocument", "filePath: chosen.pdf"),
    "shareFile": called("swan.shareFile", "filePath: chosen.pdf"),
    "getAvailableAudioSources": called("swan.getAvailableAudioSources"),
    "setInnerAudioOption": called("swan.setInnerAudioOption", "mixWithOther: true"),
    # -- the page's <canvas canvas-id="myCanvas"> --
    "canvasToTempFilePath": called("swan.canvasToTempFilePath", "canvasId: 'myCanvas'"),
    "canvasGetImageData": called("swan.canvasGetImageData", "canvasId: 'myCanvas', x: 0, y: 0, width: 2, height: 2"),
    "canvasPutImageData": called(
        "swan.canvasPutImageData",
        "canvasId: 'myCanvas', data: new Uint8ClampedArray(16), x: 0, y: 0, width: 2, height: 2"),
    "CanvasContext.draw": Call("canvas.fillRect(0, 0, 4, 4); canvas.draw(false, function () { seen.push(['drawn']); })",
                               sees="nothing"),
    # -- audio: an InnerAudioContext with a src, the background player (playing since setup) --
    "InnerAudioContext.play": Call("audio.play()", sees="onError"),
    "InnerAudioContext.pause": Call("audio.pause()", sees="onError"),
    "InnerAudioContext.stop": Call("audio.stop()", sees="onError"),
    "InnerAudioContext.seek": Call("audio.seek(0.5)", sees="onError"),
    "InnerAudioContext.destroy": Call("var a = swan.createInnerAudioContext(); a.src = chosen.wav; a.destroy()",
                                      sees="nothing"),
    "BackgroundAudioManager.play": Call("background.play()", sees="onError"),
    "BackgroundAudioManager.pause": Call("background.pause()", sees="onError"),
    "BackgroundAudioManager.stop": Call("background.stop()", sees="onError"),
    "BackgroundAudioManager.seek": Call("background.seek(0.5)", sees="onError"),
    # -- the recorder and the voice recognizer --
    "RecorderManager.start": Call("recorder.start({sampleRate: 16000, format: 'aac'})", sees="onError",
                                  cleanup="recorder.stop()"),
    "RecorderManager.pause": Call("recorder.pause()", sees="onError", setup="recorder.start({})",
                                  cleanup="recorder.stop()"),
    "RecorderManager.resume": Call("recorder.resume()", sees="onError", setup="recorder.start({}); recorder.pause()",
                                   cleanup="recorder.stop()"),
    "RecorderManager.stop": Call("recorder.stop()", sees="onError", setup="recorder.start({})"),
    "VoiceRecognizer.start": Call("voice.start({mode: 'dnn'})", sees="onError"),
    "VoiceRecognizer.stop": Call("voice.stop()", sees="onError"),
    "VoiceRecognizer.cancel": Call("voice.cancel()", sees="nothing"),
    # -- the page's <video id="myVideo">, <live-player id="myLive">, <animation-video id="myAnimation"> --
    "VideoContext.play": Call("video.play()", sees="nothing"),
    "VideoContext.pause": Call("video.pause()", sees="nothing"),
    "VideoContext.stop": Call("video.stop()", sees="nothing"),
    "VideoContext.seek": Call("video.seek(12.5)", sees="nothing"),
    "VideoContext.sendDanmu": Call("video.sendDanmu({text: '好看', color: '#ff0000'})", sees="nothing"),
    "VideoContext.playbackRate": Call("video.playbackRate(1.5)", sees="nothing"),
    "VideoContext.requestFullScreen": Call("video.requestFullScreen({direction: 90})", sees="nothing"),
    "VideoContext.exitFullScreen": Call("video.exitFullScreen()", sees="nothing"),
    "VideoContext.showStatusBar": Call("video.showStatusBar()", sees="nothing"),
    "VideoContext.hideStatusBar": Call("video.hideStatusBar()", sees="nothing"),
    "LivePlayerContext.play": called("live.play"),
    "LivePlayerContext.stop": called("live.stop"),
    "LivePlayerContext.mute": called("live.mute"),
    "LivePlayerContext.pause": called("live.pause"),
    "LivePlayerContext.resume": called("live.resume"),
    "LivePlayerContext.requestFullScreen": called("live.requestFullScreen", "direction: 0"),
    "LivePlayerContext.exitFullScreen": called("live.exitFullScreen"),
    "AnimationVideo.play": Call("animation.play()", sees="nothing"),
    "AnimationVideo.pause": Call("animation.pause()", sees="nothing"),
    "AnimationVideo.seek": Call("animation.seek(2)", sees="nothing"),
    # -- the page's <camera> and <ar-camera> --
    "CameraContext.takePhoto": called("camera.takePhoto", "quality: 'high'"),
    "CameraContext.startRecord": called("camera.startRecord", cleanup="camera.stopRecord({})"),
    "CameraContext.stopRecord": called("camera.stopRecord"),
    "ARCameraContext.takePhoto": called("arCamera.takePhoto", "quality: 'low'"),
    "ARCameraContext.startRecord": called("arCamera.startRecord", cleanup="arCamera.stopRecord({})"),
    "ARCameraContext.stopRecord": called("arCamera.stopRecord"),
    "ARCameraContext.reset": called("arCamera.reset"),
    # -- the page's <map id="myMap"> --
    "MapContext.getCenterLocation": called("map.getCenterLocation"),
    "MapContext.moveToLocation": called("map.moveToLocation", "latitude: 40.05831, longitude: 116.31364"),
    "MapContext.translateMarker": called(
        "map.translateMarker",
        "markerId: 1, destination: {latitude: 40.06, longitude: 116.31}, autoRotate: false, rotate: 0, duration: 0"),
    "MapContext.includePoints": called("map.includePoints", "points: [{latitude: 40, longitude: 116}], padding: [10]"),
    "MapContext.getRegion": called("map.getRegion"),
    "MapContext.getScale": called("map.getScale"),
}

# The errCode of a scripted failure where the shim gives one other than 1001 ("执行失败", the
# errCode of any other failure: spec.json "otherCode"), by kind; the platform is Android.
CANCEL_CODES: dict[str, int] = {
    # media/video_swan-chooseVideo.md: a cancel is 1002 (chooseAlbum alike)
    "chooseVideo": 1002, "chooseAlbum": 1002,
    # open/authorize_swan-authorize.md: Android 11003 "用户取消授权"
    "authorize": 11003,
    # open/authorize_list.md: a cancel of an API behind a scope is its refusal, 10003 "user deny"
    **dict.fromkeys((
        "getUserInfo", "getPhoneNumber", "getLocation", "chooseLocation", "chooseAddress", "chooseInvoiceTitle",
        "saveImageToPhotosAlbum", "saveVideoToPhotosAlbum", "RecorderManager.start", "VoiceRecognizer.start",
        "CameraContext.takePhoto", "CameraContext.startRecord", "ARCameraContext.takePhoto",
        "ARCameraContext.startRecord"), 10003),
    # the players' onError codes (media.js AUDIO_ERRORS): 10001 a system error
    **{f"{player}.{method}": 10001 for player in ("InnerAudioContext", "BackgroundAudioManager")
       for method in ("play", "pause", "stop", "seek")},
}
# A cancelled authorization dialog is the user refusing the scope: the refusal is remembered and
# its errMsg is "user deny", the one every later call of that scope gets (open/authorize_list.md).
CANCEL_REASONS: dict[str, str] = {"authorize": "user deny"}
NETWORK_CODES: dict[str, int] = {
    # open/swan-navigateToSmartProgram.md: Android 501 for a network error
    "navigateToSmartProgram": 501,
    # the players' onError codes: 10002 a network error
    **{f"{player}.{method}": 10002 for player in ("InnerAudioContext", "BackgroundAudioManager")
       for method in ("play", "pause", "stop", "seek")},
}

# A success answer of each API's shape: {} (the default's fields) but where the API needs fields.
SUCCESS_ANSWERS: dict[str, dict[str, Any]] = {
    "showModal": {"confirm": False, "cancel": True},
    "showActionSheet": {"tapIndex": 1},
}

# ------------------------------------------------------------------------------------------------
# The app the calls are made on, and the script's helpers
# ------------------------------------------------------------------------------------------------
PAGE_SWAN = """<view>
  <video id="myVideo" src="https://b.bdstatic.com/v.mp4"></video>
  <live-player id="myLive" src="rtmp://live.example/stream"></live-player>
  <animation-video id="myAnimation" path="https://b.bdstatic.com/a.mp4"></animation-video>
  <canvas canvas-id="myCanvas" style="width: 40px; height: 30px;"></canvas>
  <map id="myMap" longitude="116.31364" latitude="40.05831"></map>
  <camera device-position="back"></camera>
  <ar-camera key="ar"></ar-camera>
</view>
"""

# cb(fields): the argument with callbacks that log into `seen`; watch(object): its onError too;
# the contexts the calls use, made as the page's code makes them.
HELPERS = """
var seen = [];
function cb(fields) {
  var o = {};
  for (var k in fields) o[k] = fields[k];
  o.success = function () { seen.push(['success']); };
  o.fail = function (res) { seen.push(['fail', res.errCode, res.errMsg]); };
  o.complete = function (res) { seen.push(['complete', res.errMsg]); };
  return o;
}
function watch(object) {
  object.onError(function (res) { seen.push(['onError', res.errCode, res.errMsg]); });
  return object;
}
var scopes = ['scope.userInfo', 'scope.userLocation', 'scope.address'];
function nextScope() { return scopes.shift(); }
"""
CONTEXTS = """
var audio = watch(swan.createInnerAudioContext());
audio.src = chosen.wav;
var background = watch(swan.getBackgroundAudioManager());
background.title = 'song';
background.src = 'https://b.bdstatic.com/song.mp3';
var recorder = watch(swan.getRecorderManager());
var voice = watch(swan.ai.getVoiceRecognizer());
var video = swan.createVideoContext('myVideo');
var live = swan.createLivePlayerContext('myLive');
var animation = swan.createAnimationVideo('myAnimation');
var camera = swan.createCameraContext();
var arCamera = swan.createARCameraContext();
var map = swan.createMapContext('myMap');
var canvas = swan.createCanvasContext('myCanvas');
"""


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png(width: int, height: int) -> bytes:
    """An opaque blue 8-bit RGBA PNG."""
    raw = (b"\x00" + b"\x00\x00\xff\xff" * width) * height
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(raw)) + _chunk(b"IEND", b""))


def wav(seconds: float, rate: int = 8000) -> bytes:
    """Silent 16-bit mono PCM in a WAV file."""
    data = bytes(2 * int(seconds * rate))
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def mp4() -> bytes:
    """An MP4's first box (ftyp): enough for the album, which copies the file as it is."""
    payload = b"mp42\x00\x00\x00\x00mp42isom"
    return struct.pack(">I", 8 + len(payload)) + b"ftyp" + payload


def write_app(root: Path) -> Path:
    """One page holding the components the contexts name, and a sub-package."""
    app = {"pages": ["pages/index/index"], "subPackages": [{"root": "packageA/", "pages": ["pages/cat/cat"]}]}
    (root / "app.json").write_text(json.dumps(app), encoding="utf-8")
    (root / "app.js").write_text("App({});", encoding="utf-8")
    for page in ("pages/index/index", "packageA/pages/cat/cat"):
        (root / page).parent.mkdir(parents=True)
        (root / f"{page}.js").write_text("Page({ data: {}, onPullDownRefresh: function () {} });", encoding="utf-8")
        (root / f"{page}.swan").write_text(PAGE_SWAN if page == "pages/index/index" else "<view/>", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The files the test hands in (chooseImage's picks): an image, a sound, a video, a document."""
    base = tmp_path_factory.mktemp("chosen")
    made = {"png": png(4, 3), "wav": wav(0.5), "mp4": mp4(), "pdf": b"%PDF-1.4\n%%EOF\n"}
    out = []
    for ext, data in made.items():
        out.append(base / f"file.{ext}")
        out[-1].write_bytes(data)
    return out


def start(rt: SwanRuntime, *, contexts: bool) -> None:
    """The helpers, `chosen` (each handed-in file's path by its extension) and the contexts."""
    chosen = {path.rsplit(".", 1)[1]: path for path in rt.chosen_paths}
    rt.run(HELPERS + f"var chosen = {json.dumps(chosen)};\n" + (CONTEXTS if contexts else "")).raise_for_errors()


@pytest.fixture(scope="module")
def app_rt(tmp_path_factory: pytest.TempPathFactory, files: list[Path]) -> Iterator[SwanRuntime]:
    """A runtime on the virtual clock (a playing source waits for rt.advance), with the page open."""
    root = write_app(tmp_path_factory.mktemp("app"))
    with SwanRuntime(project=root, clock="virtual", choose_images=files, choose_videos=[files[2]]) as rt:
        rt.open_page("pages/index/index")
        start(rt, contexts=True)
        yield rt


# ------------------------------------------------------------------------------------------------
# The tests
# ------------------------------------------------------------------------------------------------


def label(api: str) -> str:
    """What errMsg starts with: an object's method its own name ("play"), any other API its name."""
    owner, _, method = api.rpartition(".")
    return method if owner[:1].isupper() else api


def call(rt: SwanRuntime, api: str, js: str) -> tuple[list[Any], list[tuple[list[str], str | None, int | None]]]:
    """Runs `js`; what the script saw (`seen`), and each call of `api` it made: (events, errMsg, errCode)."""
    result = rt.run(js)
    result.raise_for_errors()
    made = [(t.events, t.errMsg, t.errCode) for t in result.tasks if t.api == api]
    report = rt.run("console.log(JSON.stringify(seen)); seen = [];")
    return json.loads(report.console[-1].text), made


def test_every_answerable_api_has_a_call() -> None:
    """The table covers exactly the APIs rt.answer takes (152 when this was written)."""
    assert sorted(set(ANSWERABLE) - set(CALLS)) == []
    assert sorted(set(CALLS) - set(ANSWERABLE)) == []
    assert len(ANSWERABLE) >= 152


@pytest.mark.parametrize("api", ANSWERABLE)
def test_a_fail_answer_fails_the_next_call_and_is_used(api: str, app_rt: SwanRuntime, files: list[Path]) -> None:
    """Two fail answers (a cancel, the default kind, then a network failure), each with its own
    reason, then a success answer of the API's shape: the next two calls fail with them in order
    (fail, then complete; errMsg "<label>:fail <reason>", the kind's errCode), the third succeeds,
    and each answer is used once."""
    assert api in CALLS, f"{api} is answerable but tests/app/test_every_answer.py CALLS does not say how to call it"
    how = CALLS[api]
    if how.own_runtime:
        with SwanRuntime(clock="virtual", choose_images=files) as rt:
            start(rt, contexts=False)
            check(rt, api, how)
    else:
        check(app_rt, api, how)


def check(rt: SwanRuntime, api: str, how: Call) -> None:
    """The scripted answers of `api` against three calls made as `how` says."""
    if how.setup:
        rt.run(how.setup).raise_for_errors()
    cancelled, offline = f"{api} 被用户取消", f"{api} net::ERR_INTERNET_DISCONNECTED"
    rt.answer(api, {"fail": True, "reason": cancelled}, {"fail": True, "kind": "network", "reason": offline},
              SUCCESS_ANSWERS.get(api, {}))
    try:
        for reason, code in ((CANCEL_REASONS.get(api, cancelled), CANCEL_CODES.get(api, 1001)),
                             (offline, NETWORK_CODES.get(api, 1001))):
            message = f"{label(api)}:fail {reason}"
            seen, made = call(rt, api, how.js)
            assert made == [(["fail", "complete"], message, code)]
            assert seen == {"callbacks": [["fail", code, message], ["complete", message]],
                            "onError": [["onError", code, message]], "nothing": []}[how.sees]
        assert rt.unused_answers()[api] == 1
        seen, made = call(rt, api, how.js)
        assert made == [(["success", "complete"], f"{label(api)}:ok", None)]
        assert api not in rt.unused_answers()
        assert seen == {"callbacks": [["success"], ["complete", f"{label(api)}:ok"]], "onError": [],
                        "nothing": [["drawn"]] if api == "CanvasContext.draw" else []}[how.sees]
    finally:
        if how.returns:
            rt.show_app()
        if how.cleanup:
            rt.run(how.cleanup)
        rt.run("seen = [];")
