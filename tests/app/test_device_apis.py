"""The device, AI and native-page APIs (js_shim/api/device.js, bridge/_app/_device.py): sensors and
location updates driven by rt.emit, the device's state in rt.device, the update manager, ext.json,
sub-packages, the page's URL query, swan.ai.* and the native pages the test answers.

Docs: swan-team/swan-docs, program-docs/docs/develop/api/ (each test names its pages). Scripts log
every callback as one console line (`CALLS`), so each test compares the exact sequence a script
saw; the project tests use a small app written here (`project`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bridge import ProjectError, ScriptError, SwanRuntime

# call(name, args): calls swan[name] (dotted names too) and logs "<name> success <res>", "<name>
# fail <errCode> <errMsg>" and "<name> complete", one line each.
CALLS = """
function call(name, args) {
  var o = {};
  for (var k in (args || {})) o[k] = args[k];
  o.success = function (res) { console.log(name + ' success ' + JSON.stringify(res)); };
  o.fail = function (res) { console.log(name + ' fail ' + res.errCode + ' ' + res.errMsg); };
  o.complete = function () { console.log(name + ' complete'); };
  var fn = swan;
  var parts = name.split('.');
  for (var i = 0; i < parts.length; i++) fn = fn[parts[i]];
  return fn(o);
}
function listen(name) {
  return function (res) { console.log(name + ' ' + JSON.stringify(res)); };
}
"""


@pytest.fixture
def rt() -> Iterator[SwanRuntime]:
    with SwanRuntime() as runtime:
        runtime.run(CALLS)
        yield runtime


def run(rt: SwanRuntime, source: str) -> list[str]:
    result = rt.run(source)
    result.raise_for_errors()
    return [m.text for m in result.console]


def ok(name: str, res: dict[str, Any]) -> list[str]:
    """The lines a call that succeeds with `res` logs."""
    return [f"{name} success {json.dumps({**res, 'errMsg': f'{name}:ok'}, ensure_ascii=False, separators=(',', ':'))}",
            f"{name} complete"]


def fail(name: str, code: int, reason: str) -> list[str]:
    return [f"{name} fail {code} {name}:fail {reason}", f"{name} complete"]


# ------------------------------------------------------------------------------------------------
# Sensors and location updates
# ------------------------------------------------------------------------------------------------
class TestSensors:
    def test_the_accelerometer_reports_while_it_runs(self, rt: SwanRuntime) -> None:
        """device_sys/swan-onAccelerometerChange.md: registering starts the readings ("接口调用后
        会自动开始监听"), stopAccelerometer ends them; swan-startAccelerometer.md: interval game / ui /
        normal (default normal)."""
        assert rt.emit("onAccelerometerChange", {"x": 1, "y": 0, "z": 0}) == 0
        run(rt, "swan.onAccelerometerChange(listen('acc'));")
        assert rt.device["sensors"]["accelerometer"] == {"running": True, "interval": "normal"}
        assert rt.emit("onAccelerometerChange", {"x": 0.5, "y": -1, "z": 9.8}) == 1
        assert rt.console[-1].text == 'acc {"x":0.5,"y":-1,"z":9.8}'
        assert run(rt, "call('stopAccelerometer');") == ok("stopAccelerometer", {})
        seen = len(rt.console)
        assert rt.emit("onAccelerometerChange", {"x": 1, "y": 1, "z": 1}) == 0
        assert len(rt.console) == seen
        assert run(rt, "call('startAccelerometer', {interval: 'game'});") == ok("startAccelerometer", {})
        assert rt.device["sensors"]["accelerometer"] == {"running": True, "interval": "game"}
        assert rt.emit("onAccelerometerChange", {"x": 2, "y": 3, "z": 4}) == 1
        assert rt.console[-1].text == 'acc {"x":2,"y":3,"z":4}'

    def test_device_motion_starts_with_its_listener_and_stops(self, rt: SwanRuntime) -> None:
        """device_sys/swan-onDeviceMotionChange.md: the frequency is startDeviceMotionListening's
        interval; swan-stopDeviceMotionListening.md ends it. Registering starts it, as the client's
        onDeviceMotionChange does (swan-js-api src/swan/api/device/index.js)."""
        assert rt.emit("onDeviceMotionChange", {"alpha": 1, "beta": 0, "gamma": 0}) == 0
        run(rt, "swan.onDeviceMotionChange(listen('motion'));")
        assert rt.emit("onDeviceMotionChange", {"alpha": 1.5, "beta": -0.5, "gamma": 0.25}) == 1
        assert rt.console[-1].text == 'motion {"alpha":1.5,"beta":-0.5,"gamma":0.25}'
        assert run(rt, "call('stopDeviceMotionListening');") == ok("stopDeviceMotionListening", {})
        assert rt.emit("onDeviceMotionChange", {"alpha": 1, "beta": 0, "gamma": 0}) == 0
        assert run(rt, "call('startDeviceMotionListening', {interval: 'ui'});") == ok("startDeviceMotionListening", {})
        assert rt.device["sensors"]["deviceMotion"] == {"running": True, "interval": "ui"}
        assert rt.emit("onDeviceMotionChange", {"alpha": 0, "beta": 0, "gamma": 0}) == 1

    def test_the_compass_starts_with_its_listener_and_stops(self, rt: SwanRuntime) -> None:
        """device_sys/swan-onCompassChange.md (accuracy: a number on iOS, a string on Android),
        swan-stopCompass.md."""
        lines = run(rt, "swan.onCompassChange(listen('c1')); swan.onCompassChange(listen('c2'));")
        assert lines == []
        assert rt.emit("onCompassChange", {"direction": 270, "accuracy": "high"}) == 2
        assert [m.text for m in rt.console[-2:]] == ['c1 {"direction":270,"accuracy":"high"}',
                                                    'c2 {"direction":270,"accuracy":"high"}']
        hooks = [(e["target"], e["hook"]) for e in rt.log if e.kind == "lifecycle"]
        assert hooks == [("swan", "onCompassChange"), ("swan", "onCompassChange")]
        assert run(rt, "call('stopCompass'); call('startCompass');") == ok("stopCompass", {}) + ok("startCompass", {})
        assert rt.emit("onCompassChange", {"direction": 0}) == 2

    def test_location_updates_need_start_and_off_removes_a_listener(self, rt: SwanRuntime) -> None:
        """location/swan-onLocationChange.md (getLocation's fields; "需结合 startLocationUpdate
        使用"), swan-startLocationUpdate.md, swan-stopLocationUpdate.md, swan-offLocationChange.md."""
        run(rt, "var a = listen('a'); var b = listen('b'); swan.onLocationChange(a); swan.onLocationChange(b);")
        assert rt.emit("onLocationChange", {"latitude": 31.2, "longitude": 121.5}) == 0
        assert run(rt, "call('startLocationUpdate');") == ok("startLocationUpdate", {})
        assert rt.emit("onLocationChange", {"latitude": 31.2, "longitude": 121.5, "city": "上海市"}) == 2
        got = json.loads(rt.console[-1].text[2:])
        assert got["latitude"] == 31.2 and got["longitude"] == 121.5 and got["city"] == "上海市"
        assert set(got) == {"latitude", "longitude", "speed", "accuracy", "altitude", "verticalAccuracy",
                            "horizontalAccuracy", "street", "cityCode", "city", "country", "countryCode", "province",
                            "streetNumber", "district"}
        run(rt, "swan.offLocationChange(a);")
        assert rt.emit("onLocationChange", {"latitude": 1, "longitude": 2}) == 1
        assert rt.console[-1].text.startswith("b ")
        run(rt, "call('stopLocationUpdate');")
        assert rt.emit("onLocationChange", {"latitude": 1, "longitude": 2}) == 0
        run(rt, "call('startLocationUpdate'); swan.offLocationChange();")
        assert rt.emit("onLocationChange", {"latitude": 1, "longitude": 2}) == 0

    def test_memory_warnings_and_screenshots_reach_every_listener(self, rt: SwanRuntime) -> None:
        """device_sys/onmemory.md (level on Android only: TRIM_MEMORY_RUNNING_LOW = 10),
        swan-onUserCaptureScreen.md (no fields)."""
        run(rt, "swan.onMemoryWarning(listen('mem')); swan.onUserCaptureScreen(listen('shot'));")
        assert rt.emit("onMemoryWarning") == 1
        assert rt.emit("onMemoryWarning", {"level": 15}) == 1
        assert rt.emit("onUserCaptureScreen") == 1
        assert [m.text for m in rt.console[-3:]] == ['mem {"level":10}', 'mem {"level":15}', "shot {}"]
        with SwanRuntime(platform="ios") as ios:
            ios.run("swan.onMemoryWarning(function (r) { console.log(JSON.stringify(r)); });")
            assert ios.emit("onMemoryWarning") == 1
            assert ios.console[-1].text == "{}"

    @pytest.mark.parametrize(("event", "data", "message"), [
        ("onShake", {}, "unknown device event 'onShake'; one of onAccelerometerChange, "),
        ("onAccelerometerChange", {"x": 1, "y": 2}, "onAccelerometerChange: data is missing z"),
        ("onAccelerometerChange", {"x": 1, "y": 2, "z": "3"}, "onAccelerometerChange: field 'z' has the wrong type: '3'"),
        ("onAccelerometerChange", {"x": True, "y": 2, "z": 3}, "onAccelerometerChange: field 'x' has the wrong type: True"),
        ("onUserCaptureScreen", {"path": "x"}, "onUserCaptureScreen: data takes no fields, not path"),
        ("UpdateManager.onCheckForUpdate", {}, "UpdateManager.onCheckForUpdate: data is missing hasUpdate"),
        ("onCompassChange", [1], "onCompassChange: data must be a dict, got list"),
    ])
    def test_an_event_of_the_wrong_shape_is_refused(self, rt: SwanRuntime, event: str, data: Any, message: str) -> None:
        run(rt, "swan.onAccelerometerChange(listen('acc'));")
        seen = len(rt.console)
        with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
            rt.emit(event, data)
        assert len(rt.console) == seen

    def test_a_listener_that_is_not_a_function_is_left_out(self, rt: SwanRuntime) -> None:
        """As the client's onAccelerometerChange (swan-js-api src/swan/api/device/index.js): the
        sensor starts all the same."""
        run(rt, "swan.onAccelerometerChange('x'); swan.onAccelerometerChange();")
        assert rt.device["sensors"]["accelerometer"]["running"] is True
        assert rt.emit("onAccelerometerChange", {"x": 0, "y": 0, "z": 0}) == 0

    def test_a_listener_that_throws_does_not_stop_the_others(self, rt: SwanRuntime) -> None:
        """As rt.set_network does, emit raises the first error a listener threw, after every
        listener ran."""
        run(rt, "swan.onUserCaptureScreen(function () { throw new Error('boom'); }); swan.onUserCaptureScreen(listen('ok'));")
        with pytest.raises(ScriptError, match="Error: boom"):
            rt.emit("onUserCaptureScreen")
        assert rt.console[-1].text == "ok {}"
        assert rt.unseen_errors() == []


# ------------------------------------------------------------------------------------------------
# The device's state
# ------------------------------------------------------------------------------------------------
class TestDeviceState:
    def test_screen_vibration_background_and_debug_are_recorded(self, rt: SwanRuntime) -> None:
        """device_sys/swan-setKeepScreenOn.md, swan-setScreenBrightness.md (0 to 1),
        swan-getScreenBrightness.md, swan-vibrateShort.md, swan-vibrateLong.md;
        show/background_swan-setBackgroundColor.md, background_swan-setBackgroundTextStyle.md
        (light / dark); open/swan-setEnableDebug.md."""
        lines = run(rt, """
call('getScreenBrightness');
call('setKeepScreenOn', {keepScreenOn: true});
call('setScreenBrightness', {value: 0.8});
call('getScreenBrightness');
call('vibrateShort'); call('vibrateLong'); call('vibrateShort');
call('setBackgroundColor', {backgroundColor: '#000000', backgroundColorTop: '#FFC0CB'});
call('setBackgroundTextStyle', {textStyle: 'dark'});
call('setEnableDebug', {enableDebug: true});
""")
        assert lines == (ok("getScreenBrightness", {"value": 0.5}) + ok("setKeepScreenOn", {}) + ok("setScreenBrightness", {})
                         + ok("getScreenBrightness", {"value": 0.8}) + ok("vibrateShort", {}) + ok("vibrateLong", {})
                         + ok("vibrateShort", {}) + ok("setBackgroundColor", {}) + ok("setBackgroundTextStyle", {})
                         + ok("setEnableDebug", {}))
        device = rt.device
        assert device["keepScreenOn"] is True and device["screenBrightness"] == 0.8
        assert device["vibrations"] == ["short", "long", "short"]
        assert device["backgroundColor"] == {"backgroundColor": "#000000", "backgroundColorTop": "#FFC0CB",
                                             "backgroundColorBottom": None}
        assert device["backgroundTextStyle"] == "dark" and device["enableDebug"] is True
        assert rt.calls("setScreenBrightness") == [{"value": 0.8}]
        assert [(e["api"], e["event"]) for e in rt.log if e.kind == "callback" and e["api"] == "setKeepScreenOn"] == [
            ("setKeepScreenOn", "success"), ("setKeepScreenOn", "complete")]

    @pytest.mark.parametrize(("name", "args", "reason"), [
        ("setKeepScreenOn", {}, "parameter error: keepScreenOn is required"),
        ("setKeepScreenOn", {"keepScreenOn": 1}, "parameter error: keepScreenOn must be a boolean, got number"),
        ("setScreenBrightness", {"value": 1.5}, "parameter error: value must be from 0 to 1, got 1.5"),
        ("startAccelerometer", {"interval": "fast"}, "parameter error: interval must be one of game, ui, normal, got fast"),
        ("setBackgroundColor", {"backgroundColor": "red"},
         "parameter error: backgroundColor must be a hex color (#rgb or #rrggbb), got red"),
        ("setBackgroundTextStyle", {"textStyle": "grey"}, "parameter error: textStyle must be one of light, dark, got grey"),
        ("setEnableDebug", {}, "parameter error: enableDebug is required"),
        ("loadSubPackage", {}, "parameter error: root is required"),
    ])
    def test_parameters_are_checked(self, rt: SwanRuntime, name: str, args: dict[str, Any], reason: str) -> None:
        before = rt.device
        assert run(rt, f"call({name!r}, {json.dumps(args)});") == fail(name, 202, reason)
        assert rt.device == before

    def test_a_scripted_failure_leaves_the_state_as_it_was(self, rt: SwanRuntime) -> None:
        """The docs' errCode for a failure of these calls is 1001 (执行失败)."""
        rt.answer("setKeepScreenOn", {"fail": True, "kind": "internal", "reason": "执行失败"})
        rt.answer("vibrateLong", {"fail": True, "reason": "设备不支持"})
        assert run(rt, "call('setKeepScreenOn', {keepScreenOn: true}); call('vibrateLong');") == (
            fail("setKeepScreenOn", 1001, "执行失败") + fail("vibrateLong", 1001, "设备不支持"))
        assert rt.device["keepScreenOn"] is False and rt.device["vibrations"] == []

    def test_the_battery_is_what_the_test_sets(self, rt: SwanRuntime) -> None:
        """device_sys/swan-getBatteryInfo.md, swan-getBatteryInfoSync.md: level is a string, 1-100;
        on iOS the Sync form is unavailable and reports 100, charging."""
        lines = run(rt, "call('getBatteryInfo'); console.log(JSON.stringify(swan.getBatteryInfoSync()));")
        assert lines == ['{"level":"80","isCharging":false}'] + ok("getBatteryInfo", {"level": "80", "isCharging": False})
        rt.set_battery(15, charging=True)
        assert rt.device["battery"] == {"level": 15, "isCharging": True}
        assert run(rt, "console.log(JSON.stringify(swan.getBatteryInfoSync()));") == ['{"level":"15","isCharging":true}']
        rt.answer("getBatteryInfo", {"level": "3"})
        assert run(rt, "call('getBatteryInfo');") == ok("getBatteryInfo", {"level": "3", "isCharging": True})
        with pytest.raises(ValueError, match="level must be an integer from 1 to 100, got 0"):
            rt.set_battery(0)
        with SwanRuntime(platform="ios") as ios:
            ios.set_battery(15)
            assert ios.run("console.log(JSON.stringify(swan.getBatteryInfoSync()))").console[-1].text == (
                '{"level":"100","isCharging":true}')

    @pytest.mark.parametrize(("platform", "rect", "status", "navigation"), [
        ("android", {"width": 87, "height": 32, "top": 40, "right": 386, "bottom": 72, "left": 299}, 32, 48),
        ("ios", {"width": 87, "height": 32, "top": 53, "right": 383, "bottom": 85, "left": 296}, 47, 44),
    ])
    def test_the_menu_button_sits_in_the_navigation_bar(self, platform: str, rect: dict[str, int], status: int,
                                                        navigation: int) -> None:
        """show/menu_info.md: height + (top - statusBarHeight) * 2 is the navigation bar's height."""
        with SwanRuntime(platform=platform) as rt:
            got = json.loads(rt.run("console.log(JSON.stringify(swan.getMenuButtonBoundingClientRect()))").console[-1].text)
        assert got == rect
        assert got["height"] + (got["top"] - status) * 2 == navigation

    @pytest.mark.parametrize(("name", "answer", "message"), [
        ("getScreenBrightness", {"value": "x"}, "getScreenBrightness: answer field 'value' must be number, got 'x'"),
        ("setKeepScreenOn", {"keepScreenOn": True}, "setKeepScreenOn: a success answer takes no fields, not keepScreenOn"),
        ("ai.ocrBankCard", {"words": []}, "ai.ocrBankCard: a success answer takes log_id, result, not words"),
        ("scanCode", {"result": 1}, "scanCode: answer field 'result' must be str, got 1"),
    ])
    def test_a_scripted_answer_must_have_the_documented_shape(self, rt: SwanRuntime, name: str, answer: dict[str, Any],
                                                              message: str) -> None:
        with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
            rt.answer(name, answer)


# ------------------------------------------------------------------------------------------------
# The update manager
# ------------------------------------------------------------------------------------------------
class TestUpdateManager:
    def test_each_callback_is_called_once_by_the_next_event_or_at_once(self, rt: SwanRuntime) -> None:
        """open/swan-getUpdateManager.md (one manager), UpdateManager-onCheckForUpdate.md
        ({hasUpdate}), UpdateManager-onUpdateFailed.md, UpdateManager-applyUpdate.md (undefined
        before the new version is ready); the client calls each callback once, and at once when
        its event came already (swan-js-api src/swan/api/update-manager.js)."""
        lines = run(rt, """
var m = swan.getUpdateManager();
console.log(m === swan.getUpdateManager(), m.applyUpdate());
m.onCheckForUpdate(listen('check'));
m.onUpdateReady(function (res) { console.log('ready ' + res); console.log(m.applyUpdate()); });
m.onUpdateFailed(function () { console.log('failed ' + arguments.length); });
""")
        assert lines == ["applyUpdate:fail update is not ready", "true undefined"]
        assert rt.console[-2].level == "error"
        assert rt.device["update"] == {"hasUpdate": None, "ready": False, "failed": False, "applied": 0}
        assert rt.emit("UpdateManager.onCheckForUpdate", {"hasUpdate": True}) == 1
        assert rt.emit("UpdateManager.onCheckForUpdate", {"hasUpdate": True}) == 0
        assert rt.emit("UpdateManager.onUpdateFailed") == 1
        assert rt.emit("UpdateManager.onUpdateReady") == 1
        assert [m.text for m in rt.console[-4:]] == ['check {"hasUpdate":true}', "failed 0", "ready undefined", "undefined"]
        assert rt.device["update"] == {"hasUpdate": True, "ready": True, "failed": True, "applied": 1}
        assert run(rt, "swan.getUpdateManager().onCheckForUpdate(listen('late')); console.log('after');") == [
            'late {"hasUpdate":true}', "after"]
        hooks = [e["hook"] for e in rt.log if e.kind == "lifecycle"]
        assert hooks == ["UpdateManager.onCheckForUpdate", "UpdateManager.onUpdateFailed", "UpdateManager.onUpdateReady",
                         "UpdateManager.applyUpdate", "UpdateManager.onCheckForUpdate"]


# ------------------------------------------------------------------------------------------------
# A project: ext.json, sub-packages, the URL query
# ------------------------------------------------------------------------------------------------
PAGE_JS = """
Page({
    onLoad(query) { getApp().globalData.events.push('onLoad ' + JSON.stringify(query)); },
    onURLQueryChange(change) { getApp().globalData.events.push('change ' + JSON.stringify(change)); },
    set(query) {
        swan.setURLQuery(query);
        return swan.getURLQuery();
    },
    request(name, args) {
        return new Promise(resolve => {
            swan[name](Object.assign({}, args, {
                success: res => resolve(['success', res]),
                fail: res => resolve(['fail', res.errCode, res.errMsg])
            }));
        });
    }
});
"""


def write_project(root: Path, ext: Any = None) -> Path:
    root.mkdir(parents=True)
    app = {"pages": ["pages/index/index"], "subPackages": [{"root": "packageA/", "pages": ["pages/cat/cat"]}]}
    (root / "app.json").write_text(json.dumps(app), encoding="utf-8")
    (root / "app.js").write_text("App({ globalData: { events: [] } });", encoding="utf-8")
    for page in ("pages/index/index", "packageA/pages/cat/cat"):
        (root / page).parent.mkdir(parents=True)
        (root / f"{page}.js").write_text(PAGE_JS, encoding="utf-8")
    if ext is not None:
        (root / "ext.json").write_text(ext if isinstance(ext, str) else json.dumps(ext), encoding="utf-8")
    return root


class TestProject:
    def test_ext_config_is_ext_json_s_ext_when_enabled(self, tmp_path: Path) -> None:
        """source/_posts/develop/api/getextconfig.md: {extConfig} from the third-party platform's
        ext.json ("extEnable": true, "ext": {...}); without one, {}."""
        ext = {"extEnable": True, "extAppid": "abc", "ext": {"shop": 7, "name": "小店"}}
        with SwanRuntime(project=write_project(tmp_path / "on", ext)) as rt:
            page = rt.open_page("pages/index/index")
            assert page.call("request", "getExtConfig", {}) == ["success", {"extConfig": ext["ext"], "errMsg": "getExtConfig:ok"}]
            rt.run("console.log(JSON.stringify(swan.getExtConfigSync()))")
            assert rt.console[-1].text == '{"extConfig":{"shop":7,"name":"小店"}}'
        with SwanRuntime(project=write_project(tmp_path / "off", {**ext, "extEnable": False})) as rt:
            assert rt.run("console.log(JSON.stringify(swan.getExtConfigSync()))").console[-1].text == '{"extConfig":{}}'
        with SwanRuntime() as rt:
            assert rt.run("console.log(JSON.stringify(swan.getExtConfigSync()))").console[-1].text == '{"extConfig":{}}'

    @pytest.mark.parametrize(("text", "message"), [
        ('{"ext": ', r"ext\.json:1:9: Expecting value"),
        ("[1]", r"ext\.json: expected a JSON object"),
    ])
    def test_an_ext_json_that_is_not_an_object_fails_the_project(self, tmp_path: Path, text: str, message: str) -> None:
        with pytest.raises(ProjectError, match=message):
            SwanRuntime(project=write_project(tmp_path / "p", text))

    def test_load_sub_package_knows_app_json_s_sub_packages(self, tmp_path: Path) -> None:
        """open/swan-loadSubPackage.md: root names a sub-package; a failure is 1001."""
        with SwanRuntime(project=write_project(tmp_path / "p")) as rt:
            page = rt.open_page("pages/index/index")
            assert page.call("request", "loadSubPackage", {"root": "packageA"}) == [
                "success", {"errMsg": "loadSubPackage:ok"}]
            assert page.call("request", "loadSubPackage", {"root": "packageB"}) == [
                "fail", 1001, "loadSubPackage:fail no sub-package with root packageB in app.json"]
            assert rt.device["subPackages"] == ["packageA"]
            assert rt.calls("loadSubPackage") == [{"root": "packageA"}, {"root": "packageB"}]

    def test_location_updates_arrive_only_in_the_foreground(self, tmp_path: Path) -> None:
        """location/swan-startLocationUpdate.md: "开启小程序进入前台时接收位置消息"."""
        with SwanRuntime(project=write_project(tmp_path / "p")) as rt:
            page = rt.open_page("pages/index/index")
            assert page.call("request", "startLocationUpdate", {}) == ["success", {"errMsg": "startLocationUpdate:ok"}]
            rt.run("swan.onLocationChange(function (r) { console.log(r.city); });")
            assert rt.emit("onLocationChange", {"latitude": 1, "longitude": 2}) == 1
            rt.hide_app()
            assert rt.emit("onLocationChange", {"latitude": 1, "longitude": 2}) == 0
            rt.show_app()
            assert rt.emit("onLocationChange", {"latitude": 1, "longitude": 2, "city": "上海市"}) == 1
            assert [m.text for m in rt.console] == ["北京市", "上海市"]

    def test_set_url_query_merges_and_calls_on_url_query_change(self, tmp_path: Path) -> None:
        """url_query/swan-setURLQuery.md: values must be strings (else it throws), the new query is
        merged into the current one, and onURLQueryChange({newURLQuery, oldURLQuery}) runs;
        api/url_query.md: getURLQuery is the page's query now."""
        with SwanRuntime(project=write_project(tmp_path / "p")) as rt:
            page = rt.open_page("pages/index/index", {"city": "beijing"})
            assert page.call("set", {"channel": "movie"}) == {"city": "beijing", "channel": "movie"}
            assert page.call("set", {"channel": "movie"}) == {"city": "beijing", "channel": "movie"}
            assert page.call("set", {"city": "shanghai"}) == {"city": "shanghai", "channel": "movie"}
            assert rt.app.global_data["events"] == [
                'onLoad {"city":"beijing"}',
                'change {"newURLQuery":{"city":"beijing","channel":"movie"},"oldURLQuery":{"city":"beijing"}}',
                ('change {"newURLQuery":{"city":"shanghai","channel":"movie"},'
                 '"oldURLQuery":{"city":"beijing","channel":"movie"}}'),
            ]
            with pytest.raises(ScriptError, match="TypeError: swan.setURLQuery: page must be a string, got number"):
                page.call("set", {"page": 2})


# ------------------------------------------------------------------------------------------------
# Native pages and the AI services: the documented success by default, scripted per test
# ------------------------------------------------------------------------------------------------
NATIVE = [
    ("scanCode", {}, {"result": "https://smartprogram.baidu.com/", "scanType": "QR_CODE", "charSet": "UTF-8"}),
    ("addEventOnCalendar", {"title": "t", "startTime": 1575017471000, "endTime": 1575028471000},
     {"eventId": "e6d0c35a67e5e5d1"}),
    ("deleteEventOnCalendar", {"eventId": "x"}, {}),
    ("addPhoneContact", {"firstName": "white"}, {}),
    ("chooseInvoiceTitle", {}, {"type": "1", "title": "张三", "taxNumber": "", "companyAddress": "",
                                "telephone": "13800000000", "bankName": "", "bankAccount": ""}),
    ("openCommunityEditor", {"moduleList": ["title", "image"]}, {"tempFilePaths": [], "tempFiles": [], "title": "", "content": ""}),
    ("closeCommunityEditor", {}, {}),
    ("openReplyEditor", {"moduleList": ["emoji"]}, {"status": "reply", "tempFile": [], "content": ""}),
    ("closeReplyEditor", {}, {}),
    ("subscribeService", {"templateId": "BD0003", "subscribeId": "8026"},
     {"type": "query", "app_key": "swan-bridge", "form_id": "d8b3b14a88f00b31d37b", "status": 1, "update_time": 1577808000}),
    ("subscribeService", {"templateId": "BD0003", "subscribeId": "8026", "type": "cancel"},
     {"type": "cancel", "app_key": "swan-bridge", "update_time": 1577808000}),
    ("showFavoriteGuide", {"type": "tip", "content": "关注"}, {}),
    ("getSystemRiskInfo", {}, {"content": {"key": "xtoken", "value": "RISK"}}),
]

AI = [
    ("ai.ocrIdCard", {"image": "bdfile://tmp_a.png", "id_card_side": "front"},
     {"log_id": 1, "image_status": "normal", "words_result_num": 0, "words_result": {}}),
    ("ai.ocrBankCard", {"image": "bdfile://tmp_a.png"},
     {"log_id": 1, "result": {"bank_card_number": "", "bank_name": "", "bank_card_type": 0}}),
    ("ai.ocrDrivingLicense", {"image": "bdfile://tmp_a.png"}, {"log_id": 1, "words_result_num": 0, "words_result": {}}),
    ("ai.ocrVehicleLicense", {"image": "bdfile://tmp_a.png"}, {"log_id": 1, "words_result_num": 0, "words_result": {}}),
    ("ai.advancedGeneralIdentify", {"image": "bdfile://tmp_a.png"}, {"log_id": 1, "result_num": 0, "result": []}),
    ("ai.animalClassify", {"image": "bdfile://tmp_a.png", "top_num": 6}, {"log_id": 1, "result": []}),
    ("ai.plantClassify", {"image": "bdfile://tmp_a.png"}, {"log_id": 1, "result": []}),
    ("ai.carClassify", {"image": "bdfile://tmp_a.png"},
     {"log_id": 1, "color_result": "", "result": [], "location_result": {"left": 0, "top": 0, "width": 0, "height": 0}}),
    ("ai.dishClassify", {"image": "bdfile://tmp_a.png", "filter_threshold": 0.95}, {"log_id": 1, "result_num": 0, "result": []}),
    ("ai.logoClassify", {"image": "bdfile://tmp_a.png"}, {"log_id": 1, "result_num": 0, "result": []}),
    ("ai.objectDetectIdentify", {"image": "bdfile://tmp_a.png", "with_face": 0},
     {"log_id": 1, "result": {"left": 0, "top": 0, "width": 0, "height": 0}}),
    ("ai.imageAudit", {"image": "bdfile://tmp_a.png"}, {"log_id": 1, "conclusion": "合规", "conclusionType": 1}),
    ("ai.textReview", {"content": "你好"}, {"log_id": 1, "result": {"spam": 0, "reject": [], "review": [], "pass": []}}),
    ("ai.nlpLexerCustom", {"text": "百度是一家高科技公司"}, {"log_id": 1, "text": "百度是一家高科技公司", "items": []}),
    ("ai.faceDetect", {"image": "x", "image_type": "URL", "face_type": "LIVE"},
     {"log_id": 1, "error_no": 0, "error_msg": "SUCCESS", "face_num": 0, "face_list": []}),
    ("ai.faceMatch", {"data": [{"image": "a", "image_type": "URL"}, {"image": "b", "image_type": "FACE_TOKEN"}]},
     {"face_list": [{"face_token": "TOKEN:a"}, {"face_token": "TOKEN:b"}], "score": 0}),
    ("ai.faceSearch", {"image": "a", "image_type": "BASE64", "group_id_list": "g1,g2"},
     {"face_token": "TOKEN:a", "user_list": []}),
    ("ai.facePersonVerify", {"image": "a", "image_type": "URL", "id_card_number": "1", "name": "n"}, {"log_id": 1, "score": 0}),
    ("ai.facePersonIdmatch", {"id_card_number": "1", "name": "n"}, {}),
]


def _expected(res: dict[str, Any]) -> dict[str, Any]:
    """The ids a default answer derives from the call (see bridge/_app/_device.py), filled in."""
    import hashlib

    def token(*parts: str) -> str:
        return hashlib.sha1(":".join(("swan-bridge", *parts)).encode()).hexdigest()

    out = json.loads(json.dumps(res))
    if out.get("content") == {"key": "xtoken", "value": "RISK"}:
        out["content"]["value"] = token("risk", "swan-bridge")
    for face in out.get("face_list", []):
        if face.get("face_token", "").startswith("TOKEN:"):
            face["face_token"] = token("face", face["face_token"][6:])[:32]
    if str(out.get("face_token", "")).startswith("TOKEN:"):
        out["face_token"] = token("face", out["face_token"][6:])[:32]
    if "form_id" in out:
        out["form_id"] = token("form", "BD0003", "8026")[:20]
    if "eventId" in out:
        out["eventId"] = token("event", "1", "t")[:16]
    return out


class TestAnswered:
    @pytest.mark.parametrize(("name", "args", "res"), NATIVE + AI, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(NATIVE + AI)])
    def test_the_default_answer_is_the_documented_success(self, rt: SwanRuntime, name: str, args: dict[str, Any],
                                                          res: dict[str, Any]) -> None:
        """Each page's success fields (device_sys/swan-scanCode.md, swan-addEventOnCalendar.md,
        swan-deleteEventOnCalendar.md, swan-addPhoneContact.md; open/swan-chooseInvoiceTitle.md,
        community_swan-*.md, replyeditor_swan-*.md, swan-subscribeService.md,
        swan-getSystemRiskInfo.md; show/nacomponent.md; ai/*.md), called asynchronously and
        recorded."""
        lines = run(rt, f"call({name!r}, {json.dumps(args, ensure_ascii=False)}); console.log('returned');")
        assert lines == ["returned"] + ok(name, _expected(res))
        assert rt.calls(name) == [args]
        assert [(e["api"], e["event"]) for e in rt.log if e.kind == "callback"] == [(name, "success"), (name, "complete")]
        assert run(rt, f"console.log(swan.canIUse({name!r}))") == ["true"]

    @pytest.mark.parametrize("name", [n for n, _, _ in NATIVE + AI])
    def test_a_test_scripts_the_answer_and_a_failure(self, rt: SwanRuntime, name: str) -> None:
        args = next(a for n, a, _ in NATIVE + AI if n == name)
        rt.answer(name, {"fail": True, "reason": "执行失败"})
        if name == "chooseInvoiceTitle":  # a cancel of a scoped API is its refusal: 10003
            assert run(rt, f"call({name!r}, {json.dumps(args)});") == fail(name, 10003, "执行失败")
        else:
            assert run(rt, f"call({name!r}, {json.dumps(args)});") == fail(name, 1001, "执行失败")
        assert rt.unused_answers() == {}

    def test_a_scripted_success_is_merged_over_the_default(self, rt: SwanRuntime) -> None:
        """ai/classify_swan-ai-animalClassify.md: result [{name, score}]; log_id counts the
        runtime's AI calls."""
        rt.answer("ai.animalClassify", {"result": [{"name": "国宝大熊猫", "score": "0.989849"}]})
        lines = run(rt, "call('ai.animalClassify', {image: 'bdfile://tmp_a.png'}); call('ai.plantClassify', {image: 'p'});")
        assert lines == ok("ai.animalClassify", {"log_id": 1, "result": [{"name": "国宝大熊猫", "score": "0.989849"}]}) + ok(
            "ai.plantClassify", {"log_id": 2, "result": []})

    def test_scan_code_on_ios_has_no_char_set(self) -> None:
        """device_sys/swan-scanCode.md: charSet is Android's only."""
        with SwanRuntime(platform="ios") as rt:
            rt.run(CALLS)
            assert run(rt, "call('scanCode');") == ok("scanCode", {"result": "https://smartprogram.baidu.com/",
                                                                   "scanType": "QR_CODE"})

    def test_text_to_audio_gives_an_mp3_file(self, rt: SwanRuntime) -> None:
        """ai/audio.md: filePath, a temp file of the synthesised speech."""
        lines = run(rt, "call('ai.textToAudio', {tex: '你好', per: '0'});")
        res = json.loads(lines[0].split(" ", 2)[2])
        assert res["filePath"].startswith("bdfile://tmp_") and res["filePath"].endswith(".mp3")
        data = rt.host_path(res["filePath"]).read_bytes()
        assert data[:2] == b"\xff\xfb" and len(data) == 417
        assert run(rt, f"swan.getFileSystemManager().getFileInfo({{filePath: {json.dumps(res['filePath'])}, "
                       "success: function (r) { console.log(r.size); }});") == ["417"]

    def test_the_liveness_session_code_has_both_shapes_its_page_shows(self, rt: SwanRuntime) -> None:
        """ai/face_swan-ai-faceLivenessSessioncode.md: the table puts session_id and code at the
        top, the sample reads res.result.session_id."""
        lines = run(rt, "call('ai.faceLivenessSessioncode', {appid: 'app'});")
        res = json.loads(lines[0].split(" ", 2)[2])
        assert res["result"] == {"session_id": res["session_id"], "code": res["code"]}
        assert res["code"] == "1234" and res["session_id"].startswith("S") and len(res["session_id"]) == 23
        assert {k: res[k] for k in ("log_id", "error_no", "error_msg")} == {"log_id": 1, "error_no": 0, "error_msg": "SUCCESS"}

    @pytest.mark.parametrize(("name", "args", "reason"), [
        ("ai.ocrIdCard", {}, "parameter error: image is required"),
        ("ai.ocrIdCard", {"image": "a", "id_card_side": "left"}, "parameter error: id_card_side must be one of front, back, got left"),
        ("ai.textReview", {"content": ""}, "parameter error: content must not be empty, got string"),
        ("ai.imageAudit", {"image": "a", "imgUrl": "b"}, "parameter error: image and imgUrl must not be given together"),
        ("ai.faceDetect", {"image": "a", "image_type": "PNG"}, "parameter error: image_type must be one of BASE64, URL, FACE_TOKEN, got PNG"),
        ("ai.faceMatch", {"data": [{"image": "a", "image_type": "URL"}]}, "parameter error: data must hold two images, got 1"),
        ("ai.faceMatch", {"data": [{"image": "a", "image_type": "URL"}, {"image": "b", "image_type": "URL", "face_type": "X"}]},
         "parameter error: data[1].face_type must be one of LIVE, IDCARD, WATERMARK, CERT, got X"),
        ("ai.faceSearch", {"image": "a", "image_type": "URL"}, "parameter error: group_id_list is required"),
        ("addEventOnCalendar", {"title": "t", "startTime": 2, "endTime": 1}, "parameter error: endTime must not be before startTime"),
        ("addPhoneContact", {"nickName": "n"}, "parameter error: firstName is required"),
        ("subscribeService", {"templateId": "t", "subscribeId": "s", "type": "delete"},
         "parameter error: type must be one of query, cancel, got delete"),
        ("showFavoriteGuide", {"type": "popup"}, "parameter error: type must be one of bar, bar-autohide, tip, got popup"),
        ("openCommunityEditor", {"moduleList": ["video"]}, "parameter error: moduleList must hold title, image, emoji, target, got video"),
        ("openReplyEditor", {"sendTextColor": "white"},
         "parameter error: sendTextColor must be a hex color (#rgb or #rrggbb), got white"),
    ])
    def test_parameters_are_checked(self, rt: SwanRuntime, name: str, args: dict[str, Any], reason: str) -> None:
        assert run(rt, f"call({name!r}, {json.dumps(args)});") == fail(name, 202, reason)

    def test_choose_invoice_title_asks_for_its_scope(self, rt: SwanRuntime) -> None:
        """open/swan-chooseInvoiceTitle.md: behind scope.invoiceTitle (open/authorize_list.md:
        a refusal is 10003 "user deny")."""
        rt.answer("authorize", {"fail": True})
        assert run(rt, "call('chooseInvoiceTitle'); call('chooseInvoiceTitle');") == (
            fail("chooseInvoiceTitle", 10003, "user deny") * 2)
        assert rt.settings == {"scope.invoiceTitle": False}
