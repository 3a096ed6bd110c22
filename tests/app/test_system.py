"""getSystemInfo / getSystemInfoSync, getNetworkType and getEnvInfoSync: a fixed device profile
per platform, and system_info= merged over it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import DATA

from bridge import EmbeddedServer, SwanRuntime

ANDROID = {
    "brand": "Xiaomi", "model": "Mi 10", "pixelRatio": 2.75, "screenWidth": 393, "screenHeight": 851,
    "windowWidth": 393, "windowHeight": 771, "statusBarHeight": 32, "navigationBarHeight": 48,
    "language": "zh_CN", "version": "13.30.0.10", "system": "Android 10", "platform": "android",
    "fontSizeSetting": 16, "SDKVersion": "3.340.3", "host": "baiduboxapp", "cacheLocation": {},
    "swanNativeVersion": "3.340.3", "devicePixelRatio": 2.75, "notificationAuthorized": True,
    "cameraAuthorized": True, "locationAuthorized": True, "microphoneAuthorized": True,
    "locationEnabled": True, "wifiEnabled": True,
    "safeArea": {"left": 0, "right": 393, "top": 32, "bottom": 851, "width": 393, "height": 819},
}

IOS = {
    "brand": "Apple", "model": "iPhone 12", "pixelRatio": 3, "screenWidth": 390, "screenHeight": 844,
    "windowWidth": 390, "windowHeight": 753, "statusBarHeight": 47, "navigationBarHeight": 44,
    "language": "zh_CN", "version": "13.30.0.10", "system": "iOS 14.4", "platform": "ios",
    "fontSizeSetting": 16, "SDKVersion": "3.340.3", "host": "baiduboxapp", "cacheLocation": {},
    "swanNativeVersion": "3.340.3", "devicePixelRatio": 3, "notificationAuthorized": True,
    "cameraAuthorized": True, "locationAuthorized": True, "microphoneAuthorized": True,
    "locationEnabled": True, "wifiEnabled": True,
    "safeArea": {"left": 0, "right": 390, "top": 47, "bottom": 810, "width": 390, "height": 763},
    "albumAuthorized": True, "notificationAlertAuthorized": True, "notificationBadgeAuthorized": True,
    "notificationSoundAuthorized": True,
}

#: Every field api/device_sys/swan-getSystemInfoSync.md lists (the iOS-only switches on iOS).
DOCUMENTED = {
    "brand", "model", "pixelRatio", "screenWidth", "screenHeight", "windowWidth", "windowHeight",
    "statusBarHeight", "navigationBarHeight", "language", "version", "system", "platform",
    "fontSizeSetting", "SDKVersion", "host", "cacheLocation", "swanNativeVersion", "devicePixelRatio",
    "notificationAuthorized", "cameraAuthorized", "locationAuthorized", "microphoneAuthorized",
    "locationEnabled", "wifiEnabled", "safeArea",
}
IOS_ONLY = {"albumAuthorized", "notificationAlertAuthorized", "notificationBadgeAuthorized", "notificationSoundAuthorized"}


def run(rt: SwanRuntime, source: str) -> list[str]:
    result = rt.run(source)
    assert result.errors == [], result.errors
    return [m.text for m in result.console]


def system_info(rt: SwanRuntime) -> tuple[dict[str, Any], dict[str, Any]]:
    """(getSystemInfoSync(), what getSystemInfo's success received)."""
    lines = run(rt, """
    console.log(JSON.stringify(swan.getSystemInfoSync()));
    swan.getSystemInfo({success: r => console.log(JSON.stringify(r))});
    """)
    return json.loads(lines[0]), json.loads(lines[1])


@pytest.mark.parametrize(("platform", "profile"), [("android", ANDROID), ("ios", IOS)])
def test_the_profile_follows_the_platform(runtime, platform: str, profile: dict[str, Any]) -> None:
    rt = runtime(platform=platform)
    sync, answered = system_info(rt)
    assert sync == profile
    assert answered == {**profile, "errMsg": "getSystemInfo:ok"}
    assert set(sync) == DOCUMENTED | (IOS_ONLY if platform == "ios" else set())
    # The window is the screen less the status bar and the default navigation bar.
    assert sync["windowHeight"] == sync["screenHeight"] - sync["statusBarHeight"] - sync["navigationBarHeight"]


def test_getsysteminfo_is_an_asynchronous_recorded_call(runtime) -> None:
    rt = runtime()
    result = rt.run("""
    swan.getSystemInfo({success: r => console.log('success', r.model), complete: () => console.log('complete')});
    swan.getNetworkType({success: r => console.log('network', JSON.stringify(r)), complete: () => console.log('complete')});
    console.log('first');
    """)
    assert result.errors == []
    assert [m.text for m in result.console] == [
        "first", "success Mi 10", "complete", 'network {"networkType":"wifi","errMsg":"getNetworkType:ok"}', "complete"]
    assert [(t.api, t.events, t.errMsg) for t in result.tasks] == [
        ("getSystemInfo", ["success", "complete"], "getSystemInfo:ok"),
        ("getNetworkType", ["success", "complete"], "getNetworkType:ok"),
    ]
    assert rt.calls("getSystemInfo") == [{}] and rt.calls("getNetworkType") == [{}]


def test_a_bad_argument_fails_with_202(runtime) -> None:
    rt = runtime()
    assert run(rt, "swan.getSystemInfo({success: 1, fail: e => console.log(e.errCode, e.errMsg)})") == [
        "202 getSystemInfo:fail parameter error: success must be a function"]


def test_each_answer_is_a_fresh_copy(runtime) -> None:
    rt = runtime()
    assert run(rt, """
    var a = swan.getSystemInfoSync(); a.model = 'changed'; a.safeArea.top = -1;
    var b = swan.getSystemInfoSync();
    console.log(a === b, b.model, b.safeArea.top);
    """) == ["false Mi 10 32"]


def test_system_info_is_merged_over_the_profile(runtime) -> None:
    rt = runtime(platform="ios", app_key="myKey", system_info={
        "model": "iPhone X", "screenWidth": 375, "safeArea": {"top": 44}, "custom": [1],
        "networkType": "4g", "env": "production", "appName": "Demo", "SDKVersion": "3.200.0",
    })
    sync, answered = system_info(rt)
    assert sync == {**IOS, "model": "iPhone X", "screenWidth": 375, "safeArea": {"top": 44}, "custom": [1],
                    "SDKVersion": "3.200.0"}
    assert answered == {**sync, "errMsg": "getSystemInfo:ok"}
    assert run(rt, """
    swan.getNetworkType({success: r => console.log(r.networkType)});
    console.log(JSON.stringify(swan.getEnvInfoSync()));
    """) == [
        '{"appKey":"myKey","appName":"Demo","lastAppURL":"baiduboxapp://swan/myKey/","sdkVersion":"3.200.0",'
        '"scheme":"baiduboxapp","env":"production"}',
        "4g",
    ]


def test_getenvinfosync_defaults(runtime) -> None:
    rt = runtime()
    assert json.loads(run(rt, "console.log(JSON.stringify(swan.getEnvInfoSync()))")[0]) == {
        "appKey": "swan-bridge", "appName": "swan-bridge", "lastAppURL": "baiduboxapp://swan/swan-bridge/",
        "sdkVersion": "3.340.3", "scheme": "baiduboxapp", "env": "development",
    }


@pytest.mark.parametrize(("system_info", "message"), [
    ({"platform": "ios"}, "system_info['platform'] is set by the platform option"),
    ({"appKey": "k"}, "system_info['appKey'] is set by the app_key option"),
    ({"networkType": "6g"}, "system_info['networkType'] must be one of wifi, 2g, 3g, 4g, 5g, unknown, none, web_unknown, got '6g'"),
])
def test_system_info_refuses_what_other_options_set(system_info: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as info:
        SwanRuntime(system_info=system_info)
    assert str(info.value) == message


def test_the_doc_samples_run_as_written(runtime) -> None:
    """api/device_sys/swan-getSystemInfoSync.md and swan-getEnvInfoSync.md, unchanged."""
    rt = runtime()
    lines = run(rt, """
let res = swan.getSystemInfoSync();
// 基础库 3.140.1 之前，无法判断接口是否调用失败
// 基础库 3.140.1 及以后，通过 instanceof 来判断接口是否调用失败
if (!(res instanceof Error)) {
    console.log('getSystemInfoSync success', res);
}
else {
    console.log('getSystemInfoSync fail', res.message);
}
{
let res = swan.getEnvInfoSync();
if (!(res instanceof Error)) {
    console.log('getEnvInfoSync success', res);
}
else {
    console.log('getEnvInfoSync fail', res.message);
}
}
""")
    assert lines[0] == "getSystemInfoSync success " + json.dumps(ANDROID, separators=(",", ":"))
    assert lines[1].startswith('getEnvInfoSync success {"appKey":"swan-bridge"')


def test_the_system_info_flag(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from bridge._cli import cli

    script = tmp_path / "s.js"
    script.write_text("swan.getNetworkType({success: r => console.log(swan.getSystemInfoSync().model, r.networkType)})")
    result = CliRunner().invoke(cli, ["run", "--platform", "ios", "--system-info", 'model="iPad"',
                                      "--system-info", 'networkType="none"', str(script)])
    assert (result.exit_code, result.stdout) == (0, "iPad none\n")


def test_network_status_changes_reach_the_listeners_in_order() -> None:
    with SwanRuntime() as rt:
        rt.run("""
        var seen = [];
        function first(res) { seen.push('first ' + JSON.stringify(res)); }
        swan.onNetworkStatusChange(first);
        swan.onNetworkStatusChange(function (res) { seen.push('second ' + res.isConnected); });
        """)
        rt.set_network("none")
        rt.run("swan.offNetworkStatusChange(first)")
        rt.set_network("4g")
        result = rt.run("swan.getNetworkType({success: r => console.log(r.networkType, JSON.stringify(seen))})")
        assert [line.text for line in result.console] == [
            '4g ["first {\\"isConnected\\":false,\\"networkType\\":\\"none\\"}","second false","second true"]'
        ]
        with pytest.raises(ValueError, match="network_type must be one of"):
            rt.set_network("lte")


def test_the_network_status_sample_follows_the_network() -> None:
    # The docs' sample (device_sys/swan-onNetworkStatusChange.md), verbatim.
    sample = DATA / "doc_samples" / "system" / "onNetworkStatusChange.js"
    with SwanRuntime(clock="virtual") as rt:
        page = rt.open_page_file(sample)
        assert page.data["networkType"] == "wifi"
        rt.set_network("none")
        assert page.data["networkType"] == "none"


OFFLINE_CALLS = """
var done = [];
var ended = 0;
function log(api) {
  return {success: r => done.push(api + ' ok ' + (r.statusCode || r.socketTaskId !== undefined)),
          fail: e => done.push(api + ' ' + e.errCode + ' ' + e.errMsg),
          complete: () => { if (++ended === 4) console.log(JSON.stringify(done)); }};
}
swan.request(Object.assign({url: 'https://shop.example.com/api'}, log('request')));
swan.downloadFile(Object.assign({url: 'https://shop.example.com/a.png'}, log('downloadFile')));
swan.uploadFile(Object.assign({url: 'https://shop.example.com/up', filePath: PHOTO, name: 'f'}, log('uploadFile')));
var task = swan.connectSocket(Object.assign({url: 'wss://shop.example.com/ws'}, log('connectSocket')));
task.onError(e => done.push('socket onError ' + e.errMsg));
"""


@pytest.mark.parametrize(("platform", "reason"), [
    ("android", "net::ERR_INTERNET_DISCONNECTED"), ("ios", "The Internet connection appears to be offline."),
])
def test_without_a_network_the_network_apis_fail_until_it_is_back(platform: str, reason: str) -> None:
    """docs/behaviour.md: with the network "none", request, uploadFile, downloadFile and
    connectSocket fail at once (errCode 1001) with the platform's own offline message; nothing is sent."""
    with EmbeddedServer() as server, SwanRuntime(route_all_to=server.url, platform=platform) as rt:
        rt.set_global("PHOTO", rt.chosen_paths[0])
        rt.set_network("none")
        out = json.loads(rt.run(OFFLINE_CALLS).console[-1].text)
        assert sorted(out) == sorted([f"{api} 1001 {api}:fail {reason}" for api in ("request", "downloadFile", "uploadFile", "connectSocket")])
        assert server.requests == [] and server.websockets == []
        rt.set_network("wifi")
        rt.run("done = []; " + OFFLINE_CALLS.split("var task")[0].split("\n", 2)[2])  # the three transfers again
        out = json.loads(rt.run("console.log(JSON.stringify(done))").console[-1].text)
        assert sorted(out) == ["downloadFile ok 200", "request ok 200", "uploadFile ok 200"]
        assert len(server.requests) == 3


def test_a_phone_that_starts_without_a_network_fails_at_once() -> None:
    with SwanRuntime(system_info={"networkType": "none"}) as rt:
        out = rt.run("swan.request({url: 'https://shop.example.com/', fail: e => console.log(e.errMsg)})")
        assert [line.text for line in out.console] == ["request:fail net::ERR_INTERNET_DISCONNECTED"]
