"""The swan docs' own samples run verbatim: the tab bar, navigation-bar loading, pull-down, app
events, login / authorize / settings, location, payment and WebSocket (their outcomes are in this
file), and the device and its sensors, the update manager, ext config, sub-packages, the URL
query, the native pages, the swan.ai services, system info, storage, the clipboard, the network
APIs, toasts and modals, navigation and the media (images, audio, the recorder, canvas, video;
their outcomes are MANIFEST.json's "runs").

Each sample in tests/data/doc_samples/ is the JS code block of a page of swan-team/swan-docs,
unchanged (MANIFEST.json names the page, the commit read, the method called and the expected
outcome). Each runs through the command line, `swan-bridge run sample.js --call METHOD`, against a
loopback server where it needs one (a WebSocket sample's wss:// URL is routed to the embedded
server's echo, a network sample's developer server to MANIFEST.json's "backend"). The command runs
in the test's process (click's test runner: a process of its own would cost half a second to
start); one sample of each kind of outcome also runs in the installed command's own process.
Where the outcome depends on the user or the device (a scripted answer, a tab tap, a pull, leaving
the app, a button's event, a sensor's event) the sample also runs through the Python API.

The samples that cannot run as they are (they do not compile, are fragments, need an event only a
template makes, or have a bug of their own) are listed in MANIFEST.json under "not_runnable", with
the reason; where the reason shows in a run (a syntax error, a ReferenceError), a test holds it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bridge import ScriptError, SwanRuntime
from bridge._cli import calls_page
from bridge._cli import cli as command_line
from bridge.testing import EmbeddedServer, Reply, run_until
from support import DATA

SAMPLES = DATA / "doc_samples"
EXE = Path(sys.executable).with_name("swan-bridge")
COMMAND = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]
WSS = "wss://echo.websocket.org"

#: What the payment sample's createorder endpoint answers: an order the client accepts.
ORDER = {
    "errno": 0,
    "data": {
        "dealId": "470193086", "appKey": "MMMabc", "totalAmount": "1", "tpOrderId": "3028903626",
        "dealTitle": "订单", "signFieldsRange": "1", "rsaSign": "c2lnbmF0dXJl", "bizInfo": "{}",
    },
}


# -- servers ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server() -> Iterator[EmbeddedServer]:
    with EmbeddedServer() as s:
        yield s


@pytest.fixture(scope="module")
def order_server() -> Iterator[str]:
    """The payment sample's backend: GET /ma/nuomi/createorder answers ORDER as JSON."""
    with EmbeddedServer() as backend:
        backend.route("GET", "/ma/nuomi/createorder", Reply(json=ORDER))
        yield backend.url + "/"


# -- helpers ---------------------------------------------------------------------------------------
def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`swan-bridge run ...` in this process, from the samples folder (so messages name
    `group/sample.js`)."""
    before = Path.cwd()
    os.chdir(SAMPLES)
    try:
        result = CliRunner().invoke(command_line, ["run", *args], prog_name="swan-bridge")
    finally:
        os.chdir(before)
    if not isinstance(result.exception, (SystemExit, type(None))):
        raise result.exception
    return subprocess.CompletedProcess(["swan-bridge", "run", *args], result.exit_code, result.stdout, result.stderr)


def cli_process(*args: str) -> subprocess.CompletedProcess[str]:
    """`swan-bridge run ...` in a process of its own, from the samples folder."""
    return subprocess.run([*COMMAND, "run", *args], capture_output=True, text=True, timeout=60, cwd=SAMPLES,
                          encoding="utf-8")


def calls(*methods: str) -> list[str]:
    return [arg for m in methods for arg in ("--call", m)]


def ws_route(server: EmbeddedServer, name: str, query: str = "") -> list[str]:
    """Route the sample's wss:// URL to the echo server, on a path of its own."""
    return ["--route", f"{WSS}={server.url}/{name}{query}"]


def ws_records(server: EmbeddedServer, name: str) -> list[Any]:
    return [w for w in server.websockets if w.path == f"/{name}"]


# Response headers that vary (date, accept key, server version; a WebSocket handshake's are lower
# case, an HTTP response's capitalised): fixed here.
HEADER_VALUES = re.compile(r'"(date|sec-websocket-accept|server)":"[^"]*"', re.IGNORECASE)


def lines(text: str) -> list[str]:
    return [HEADER_VALUES.sub(r'"\1":"…"', line) for line in text.splitlines()]


OPEN_HEADER = ('{"header":{"server":"…","date":"…","upgrade":"websocket","connection":"Upgrade",'
               '"sec-websocket-accept":"…"}}')


def console(rt: SwanRuntime) -> list[str]:
    return [e["text"] for e in rt.log if e.kind == "console"]


def open_sample(rt: SwanRuntime, sample: str) -> Any:
    return rt.open_page_file(SAMPLES / sample)


# The default answers (README): login codes swan-bridge-code-N, a fixed place in Beijing.
LOGIN_1 = 'login success {"code":"swan-bridge-code-1","errMsg":"login:ok"}'
USER = ('{"userInfo":{"nickName":"百度网友","avatarUrl":"https://b.bdstatic.com/miniapp/images/default_avatar.png",'
        '"gender":0},"data":"","iv":"","errMsg":"getUserInfo:ok"}')
PLACE_FIELDS = ('"speed":0,"accuracy":30,"altitude":52,"verticalAccuracy":0,"horizontalAccuracy":30,"street":"西北旺东路",'
                '"cityCode":"131","city":"北京市","country":"中国","countryCode":"0","province":"北京市","streetNumber":"10号",'
                '"district":"海淀区"')
ADDRESS = ('{"userName":"张三","postalCode":"100085","provinceCode":"110000","provinceName":"北京市","cityCode":"110100",'
           '"cityName":"北京市","countyCode":"110108","countyName":"海淀区","townCode":"110108017","townName":"上地街道",'
           '"detailInfo":"上地十街10号","telNumber":"13800000000","nationalCode":"86","errMsg":"chooseAddress:ok"}')
NO_TAB_BAR = 'removeTabBarBadge fail {"errCode":1001,"errMsg":"removeTabBarBadge:fail 当前页面不含tabbar"}'

# -- one command-line run per sample ------------------------------------------------------------------
# (sample, arguments after it, exit code, stdout lines, stderr). The tab bar samples run as pages
# of tabbar/app.json (their own routes are its tabs); the app.js samples are the app of a
# --project, launched by appevents/launcher.js (not a doc sample: a page with a method that throws
# and one that opens a missing page).
CLI_CASES: list[tuple[str, list[str], int, list[str], str]] = [
    ("tabbar/setTabBarBadge.js", ["--project", "tabbar", *calls("setTabBarBadge", "removeTabBarBadge")], 0,
     ["removeTabBarBadge success"], ""),
    # The documented 1001 on a page without a tab bar: the same sample opened outside the app.
    ("tabbar/setTabBarBadge.js", calls("removeTabBarBadge"), 0, [NO_TAB_BAR], ""),
    ("tabbar/showTabBarRedDot.js", ["--project", "tabbar", *calls("showTabBarRedDot", "hideTabBarRedDot")], 0,
     ["hideTabBarRedDot success"], ""),
    ("tabbar/setTabBarItem.js", ["--project", "tabbar", *calls("setTabBarItem")], 0, ["setTabBarItem success"], ""),
    ("tabbar/setTabBarStyle.js", ["--project", "tabbar", *calls("setTabBarStyle")], 0, ["setTabBarStyle success"], ""),
    ("tabbar/setTabBarStyle_2.js", ["--project", "tabbar", *calls("setTabBarStyle")], 0, ["setTabBarStyle success"], ""),
    ("tabbar/showTabBar.js", ["--project", "tabbar", *calls("hideTabBar", "showTabBar")], 0,
     ["hideTabBar success", "showTabBar success"], ""),
    ("tabbar/showTabBar_2.js", ["--project", "tabbar", *calls("hideTabBar", "showTabBar")], 0,
     ["hideTabBar success", "showTabBar success"], ""),
    ("navbar/showNavigationBarLoading.js", calls("showNavigationBarLoading", "hideNavigationBarLoading"), 0, [], ""),
    ("pulldown/onPullDownRefresh.js", ["--project", "pulldown", *calls("onPullDownRefresh")], 0, [], ""),
    ("pulldown/startPullDownRefresh.js", calls("startPullDownRefresh"), 0, ["startPullDownRefresh success"], ""),
    ("pulldown/stopPullDownRefresh.js", calls("startPullDownRefresh", "stopPullDownRefresh"), 0,
     ["stopPullDownRefresh success"], ""),
    ("appevents/launcher.js", ["--project", "appevents/onAppShow", *calls("noop")], 0,
     ['onShow {"path":"launcher","query":{},"scene":1001,"referrerInfo":{}}'], ""),
    ("appevents/launcher.js", ["--project", "appevents/onAppShow_2", *calls("noop")], 0,
     ["scene 1001", "path launcher", "query {}", "shareTicket undefined", "referrerInfo {}", "entryType undefined",
      "appURL undefined"],
     "请在真机中进行中进行验证,在工具中点击工具栏的刷新按钮也可模拟onShow触发事件，开发者按照自己的业务逻辑进行监听，被触发时机和App.onShow一致。\n"),
    ("appevents/launcher.js", ["--project", "appevents/onAppHide", *calls("noop")], 0, [], ""),
    ("appevents/launcher.js", ["--project", "appevents/onAppHide_2", *calls("noop")], 0, [], ""),
    ("appevents/launcher.js", ["--project", "appevents/onError", *calls("boom")], 1, ["catch error"],
     "appevents/launcher.js:6:19: Uncaught error (launcher boom): Error: boom\n"
     "    at boom (appevents/launcher.js:6:19)\n"),
    ("appevents/onError_3.js", calls("onTap"), 0, [], ""),
    ("appevents/launcher.js", ["--project", "appevents/onPageNotFound_2", *calls("missing")], 0,
     ['{"path":"no/such/page","query":{},"isEntryPage":false}'], ""),
    ("appevents/onPageNotFound_3.js", ["--project", "appevents/home_app", *calls("onTap")], 0,
     ['{"path":"path/to/otherPage","query":{},"isEntryPage":false}'], ""),
    # The command line waits for the app's 3 s timer when it opens the page, so by the time the
    # method runs the listener is gone (offError / offPageNotFound did their job): nothing is logged.
    ("appevents/launcher.js", ["--project", "appevents/offError", *calls("boom")], 1, [],
     "appevents/launcher.js:6:19: Uncaught error (launcher boom): Error: boom\n"
     "    at boom (appevents/launcher.js:6:19)\n"),
    ("appevents/launcher.js", ["--project", "appevents/offPageNotFound", *calls("missing")], 0, [], ""),
    ("identity/login.js", calls("login"), 0, [LOGIN_1], ""),
    # The sample has no button: its onLoad logs in and its onShow checks the session; --call
    # onShow is the user coming back to the page.
    ("identity/login_4.js", calls("onShow"), 0, [LOGIN_1, USER, USER], ""),
    ("identity/isLoginSync.js", calls("isLoginSync"), 0, ['isLoginSync success {"isLogin":true}'], ""),
    # Before any swan.login the session is invalid: the sample's fail branch logs in.
    ("identity/checkSession.js", [], 0, [LOGIN_1], ""),
    ("identity/getUserInfo.js", calls("getUserInfo"), 0, [], ""),
    ("identity/getUserInfo.js", ["--setting", "scope.userInfo=false", *calls("getUserInfo")], 0,
     ['{"errCode":10003,"errMsg":"getUserInfo:fail user deny"}'], ""),
    ("identity/getSwanId.js", calls("getSwanId"), 0,
     ['getSwanId success {"errno":"0","data":{"swanid":"cd1f8308f744126627d35e2dc26afccb100a7273"},'
      '"errMsg":"getSwanId:ok"}'], ""),
    ("identity/getSetting.js", ["--setting", "scope.userLocation=true", *calls("getSetting")], 0,
     ['getSetting success, authSetting: {"scope.userLocation":true}'], ""),
    ("identity/openSetting.js", calls("openSetting"), 0, [], ""),
    ("identity/openSetting_2.js", calls("openSetting"), 0, [], ""),
    ("location/getLocation.js", calls("getLocation"), 0,
     ['getLocation success {"latitude":40.05703,"longitude":116.30755,' + PLACE_FIELDS + ',"errMsg":"getLocation:ok"}'], ""),
    ("location/getLocation_2.js", calls("getLocation"), 0,
     ['success {"latitude":40.05831,"longitude":116.31364,' + PLACE_FIELDS + ',"errMsg":"getLocation:ok"}',
      'openLocation success {"errMsg":"openLocation:ok"}'], ""),
    ("location/chooseLocation.js", calls("chooseLocation"), 0,
     ['{"errMsg":"authorize:ok"}',
      'success {"name":"百度科技园","address":"北京市海淀区西北旺东路10号院","latitude":40.04,"longitude":116.27,'
      '"errMsg":"chooseLocation:ok"}'], ""),
    ("location/chooseLocation.js", ["--setting", "scope.userLocation=false", *calls("chooseLocation")], 0,
     ["错误码：10003", "错误信息：chooseLocation:fail user deny"], ""),
    ("location/openLocation.js", calls("openLocation"), 0, ['openLocation success {"errMsg":"openLocation:ok"}'], ""),
    ("location/openLocation_2.js", calls("openLocation"), 0, ['openLocation success {"errMsg":"openLocation:ok"}'], ""),
    ("location/chooseAddress.js", calls("chooseAddress"), 0, ["chooseAddress success " + ADDRESS], ""),
    ("location/chooseAddress_2.js", calls("chooseAddress"), 0, ["chooseAddress success " + ADDRESS], ""),
    # The sample's own bug: its fail callback reads an undefined `errCode`.
    ("location/chooseAddress_2.js", ["--setting", "scope.address=false", *calls("chooseAddress")], 1, [],
     "location/chooseAddress_2.js:8:20: Uncaught error (chooseAddress fail): ReferenceError: errCode is not defined\n"
     "    at fail (location/chooseAddress_2.js:8:20)\n"),
    # The "fields only" sample sends an empty rsaSign and bizInfo, which swan-bridge lets through.
    ("payment/requestPolymerPayment_2.js", [], 0, [], ""),
]

# Samples that do not compile as the docs print them (MANIFEST.json "not_runnable").
SYNTAX_ERRORS = [
    ("identity/checkSession_2.js", [*calls("checkSession")],
     "identity/checkSession_2.js:2:9: Uncaught error (script): SyntaxError: Unexpected token '.'\n"
     "    at identity/checkSession_2.js:2:9\n"),
    ("websocket/SocketTask-onError.js", [*calls("socketTaskOnError")],
     "websocket/SocketTask-onError.js:17:45: Uncaught error (script): SyntaxError: Unexpected token ';'\n"
     "    at websocket/SocketTask-onError.js:17:45\n"),
    ("appevents/launcher.js", ["--project", "appevents/onError_2", *calls("noop")],
     "app.js:12:6: Uncaught error (script): SyntaxError: Unexpected token ';'\n    at app.js:12:6\n"),
    ("appevents/launcher.js", ["--project", "appevents/onPageNotFound", *calls("noop")],
     "app.js:5:6: Uncaught error (script): SyntaxError: unexpected character\n    at app.js:5:6\n"),
]


def case_id(case: tuple[Any, ...]) -> str:
    sample, args = case[0], case[1]
    project = args[args.index("--project") + 1] if "--project" in args else ""
    setting = [a for a in args if a.startswith("scope.")]
    return "-".join([sample if sample != "appevents/launcher.js" else project, *setting]) or sample


@pytest.mark.parametrize("case", CLI_CASES, ids=case_id)
def test_the_sample_runs_through_the_command_line(case: tuple[str, list[str], int, list[str], str]) -> None:
    sample, args, code, stdout, stderr = case
    proc = cli(sample, *args)
    assert (proc.returncode, lines(proc.stdout), proc.stderr) == (code, stdout, stderr)


@pytest.mark.parametrize("case", SYNTAX_ERRORS, ids=case_id)
def test_a_sample_that_does_not_compile_is_reported_with_its_place(case: tuple[str, list[str], str]) -> None:
    sample, args, stderr = case
    proc = cli(sample, *args)
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, "", stderr)


#: One case of each kind of outcome, run again by the installed command in a process of its own:
#: a page of an app (--project), a page alone with a --setting, an uncaught error in a method
#: (exit 1, its place on stderr) and a sample that does not compile. (The login, payment and
#: WebSocket error samples below run there too.)
IN_A_PROCESS = [
    next(c for c in CLI_CASES if c[0] == "tabbar/setTabBarBadge.js" and "--project" in c[1]),
    next(c for c in CLI_CASES if c[0] == "location/chooseLocation.js" and "scope.userLocation=false" in c[1]),
    next(c for c in CLI_CASES if "appevents/onError" in c[1]),
    *[(sample, args, 1, [], stderr) for sample, args, stderr in SYNTAX_ERRORS if sample == "identity/checkSession_2.js"],
]


@pytest.mark.parametrize("case", IN_A_PROCESS, ids=case_id)
def test_the_installed_command_gives_the_same_outcome(case: tuple[str, list[str], int, list[str], str]) -> None:
    sample, args, code, stdout, stderr = case
    proc = cli_process(sample, *args)
    assert (proc.returncode, lines(proc.stdout), proc.stderr) == (code, stdout, stderr)


def test_the_login_sample_without_a_page_sends_its_code_to_the_server(server: EmbeddedServer) -> None:
    proc = cli_process("identity/login_2.js", "--route", f"https://xxx/={server.url}/login_2/")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    assert [r.path for r in server.requests if r.path.startswith("/login_2/")] == ["/login_2/xxx?code=swan-bridge-code-1"]


def test_the_payment_sample_creates_the_order_then_pays(order_server: str) -> None:
    proc = cli("payment/requestPolymerPayment.js", "--route", f"https://mbd.baidu.com/={order_server}",
               *calls("requestPolymerPayment"))
    assert (proc.returncode, proc.stderr) == (0, "")
    [logged] = proc.stdout.splitlines()  # console.log(res) of the request; then the payment succeeds (a toast)
    response = json.loads(logged)
    assert (response["statusCode"], response["data"], response["errMsg"]) == (200, ORDER, "request:ok")


# -- WebSocket: routed from wss://echo.websocket.org to the embedded server's echo ------------------
WS_CASES: list[tuple[str, list[str], list[str]]] = [
    ("connectSocket", ["connectSocket"], ['connectSocket success {"socketTaskId":1,"errMsg":"connectSocket:ok"}']),
    ("SocketTask-close", ["onTap"], ["connectSocket success 1", '关闭WebSocket成功 {"errMsg":"closeSocket:ok"}']),
    ("SocketTask-onOpen", ["onOpen"], ["connectSocket success 1", "socketTask.onOpen success " + OPEN_HEADER]),
    # The doc page SocketTask.onMessage shows an onClose sample.
    ("SocketTask-onMessage", ["socketTaskOnClose"],
     ["connectSocket success 1", '关闭WebSocket成功 {"errMsg":"closeSocket:ok"}',
      'socketTask.onClose success {"code":1000,"reason":""}']),
    ("SocketTask-onClose", ["onTap"],
     ["connectSocket success 1", '关闭WebSocket成功 {"errMsg":"closeSocket:ok"}',
      'socketTask.onClose success {"code":1000,"reason":""}']),
    ("SocketTask-send", ["socketTaskSend"], ["connectSocket success 1", 'WebSocket发送数据成功 {"errMsg":"sendSocketMessage:ok"}']),
    ("onSocketOpen", ["onSocketOpen"],
     ['connectSocket success {"socketTaskId":1,"errMsg":"connectSocket:ok"}', "WebSocket连接已打开！ " + OPEN_HEADER]),
    # The echo ("baidu") comes back after the run is idle: the modal it opens is shown by page.call below.
    ("onSocketMessage", ["onSocketMessage"], ['connectSocket success {"socketTaskId":1,"errMsg":"connectSocket:ok"}']),
    ("onSocketClose", ["onSocketClose"],
     ['connectSocket success {"socketTaskId":1,"errMsg":"connectSocket:ok"}', 'WebSocket链接关闭成功 {"errMsg":"closeSocket:ok"}',
      "WebSocket 已关闭！"]),
    ("sendSocketMessage", ["sendSocketMessage"],
     ['connectSocket success {"socketTaskId":1,"errMsg":"connectSocket:ok"}', 'WebSocket发送数据成功 {"errMsg":"sendSocketMessage:ok"}']),
    ("sendSocketMessage_2", ["sendSocketMessage"],
     ["connectSocket success 1", 'WebSocket发送数据成功 {"errMsg":"sendSocketMessage:ok"}']),
    ("closeSocket", ["closeSocket"],
     ['connectSocket success {"socketTaskId":1,"errMsg":"connectSocket:ok"}', 'WebSocket链接关闭成功 {"errMsg":"closeSocket:ok"}']),
]
#: What the echo server received from each sample, and the close code and reason it was sent.
WS_SERVER_SAW: dict[str, tuple[list[str], int | None, str | None]] = {
    "SocketTask-close": ([], 1000, ""), "SocketTask-onMessage": ([], 1000, ""), "SocketTask-onClose": ([], 1000, ""),
    "SocketTask-send": (["baidu"], None, None), "onSocketMessage": (["baidu"], None, None),
    "sendSocketMessage": (["baidu"], None, None), "sendSocketMessage_2": (["baidu"], None, None),
    "onSocketClose": ([], 1001, "close reason"), "closeSocket": ([], 1001, "close reason"),
}


@pytest.mark.parametrize("case", WS_CASES, ids=lambda c: c[0])
def test_the_websocket_sample_runs_against_the_echo_server(case: tuple[str, list[str], list[str]],
                                                           server: EmbeddedServer) -> None:
    name, methods, stdout = case
    proc = cli(f"websocket/{name}.js", *ws_route(server, name), *calls(*methods))
    assert (proc.returncode, lines(proc.stdout), proc.stderr) == (0, stdout, "")
    [record] = ws_records(server, name)
    if name in WS_SERVER_SAW:
        assert record.closed.wait(5) or WS_SERVER_SAW[name][1] is None  # still open: a sample that never closes
        messages, code, reason = WS_SERVER_SAW[name]
        assert record.messages == messages
        if code is not None:
            assert (record.close_code, record.close_reason) == (code, reason)


def test_the_socket_task_sample_sends_and_closes(server: EmbeddedServer) -> None:
    """SocketTask's page: onLoad connects, its buttons send 'baidu' and close with code '1001'.
    The echo may arrive while `send` runs or while `close` runs (the command line does not wait
    for it between two calls), but always before onClose: the server sent it before its close
    frame. The page.call test below shows the order a user's taps give."""
    proc = cli("websocket/SocketTask.js", *ws_route(server, "SocketTask"), *calls("send", "close"))
    assert (proc.returncode, proc.stderr) == (0, "")
    out = lines(proc.stdout)
    echo = 'WebSocket接受到服务器的消息 {"data":"baidu"}'
    assert out.count(echo) == 1 and out.index(echo) < len(out) - 1
    assert [line for line in out if line != echo] == [
        "WebSocket连接已打开！ " + OPEN_HEADER, 'WebSocket发送数据成功 {"errMsg":"sendSocketMessage:ok"}',
        'WebSocket链接关闭成功 {"errMsg":"closeSocket:ok"}', 'WebSocket连接已关闭！ {"code":1001,"reason":"close reason"}',
    ]
    [record] = ws_records(server, "SocketTask")
    assert record.closed.wait(5)
    assert (record.messages, record.close_code, record.close_reason) == (["baidu"], 1001, "close reason")


def test_the_socket_error_sample_sees_a_refused_handshake(server: EmbeddedServer) -> None:
    proc = cli_process("websocket/onSocketError.js", "--route", f"wss://xxx.websocket.org={server.url}/onSocketError?status=403",
                       *calls("onSocketError"))
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.splitlines() == [
        'connectSocket success {"socketTaskId":1,"errMsg":"connectSocket:ok"}',
        'WebSocket连接打开出错，请检查！ {"errMsg":"connectSocket:fail handshake refused: HTTP 403"}',
    ]


# -- the samples whose outcomes MANIFEST.json lists (an entry's "runs") ----------------------------------
MANIFEST = json.loads((SAMPLES / "MANIFEST.json").read_text(encoding="utf-8"))


def listed_runs(kind: str) -> list[Any]:
    """Each run of kind "args" (a command line) or "steps" (the Python API) of the samples that run
    and of the stored ones that do not (whose run shows why)."""
    stored = {name: entry for name, entry in MANIFEST["not_runnable"].items() if isinstance(entry, dict)}
    return [pytest.param(sample, run, id=f"{sample}-{i}") for sample, entry in {**MANIFEST["samples"], **stored}.items()
            for i, run in enumerate(entry.get("runs", [])) if kind in run]


@pytest.fixture(scope="module")
def backend() -> Iterator[dict[str, str]]:
    """The developer's servers of the network samples (MANIFEST.json "backend"), as one local
    server; yields the routes (URL prefix -> the server) that send the samples' URLs to it."""
    listed = MANIFEST["backend"]
    with EmbeddedServer() as server:
        for method, path, reply in listed["routes"]:
            if "body_file" in reply:  # a binary answer (an image) is a file of this folder
                reply = {**{k: v for k, v in reply.items() if k != "body_file"},
                         "body": (SAMPLES / reply["body_file"]).read_bytes()}
            server.route(method, path, Reply(**reply))
        yield {prefix: f"{server.url}/" for prefix in listed["prefixes"]}


def backend_routes(run: dict[str, Any], request: pytest.FixtureRequest) -> dict[str, str]:
    return request.getfixturevalue("backend") if run.get("backend") else {}


@pytest.mark.parametrize(("sample", "run"), listed_runs("args"))
def test_the_sample_gives_its_listed_outcome(sample: str, run: dict[str, Any], request: pytest.FixtureRequest) -> None:
    routes = [arg for prefix, target in backend_routes(run, request).items() for arg in ("--route", f"{prefix}={target}")]
    proc = cli(sample, *routes, *run["args"])
    out = lines(proc.stdout)
    if "stdout_re" in run:  # a line with a name the run makes up (a temp file's) is matched
        patterns = run["stdout_re"]
        out = [p if i < len(patterns) and re.fullmatch(p := patterns[i], line) else line for i, line in enumerate(out)]
        assert (proc.returncode, out, proc.stderr) == (run["exit"], patterns, run["stderr"])
    else:
        assert (proc.returncode, out, proc.stderr) == (run["exit"], run["stdout"], run["stderr"])


def take_step(rt: SwanRuntime, page: Any, step: dict[str, Any]) -> None:
    if "call" in step:
        page.call(step["call"])
    elif "tap" in step:  # a template's event: its detail (an input's value) or the element's data-*
        page.tap(step["tap"], step.get("detail"), dataset=step.get("dataset"))
    elif "emit" in step:
        assert rt.emit(step["emit"], step.get("data")) >= 0
    elif "advance" in step:
        rt.advance(step["advance"])
    elif "answer" in step:
        rt.answer(step["answer"], step["with"])
    else:
        rt.run(step["script"]).raise_for_errors()


@pytest.mark.parametrize(("sample", "run"), listed_runs("steps"))
def test_the_sample_answers_the_user_and_the_device_as_listed(sample: str, run: dict[str, Any],
                                                            request: pytest.FixtureRequest) -> None:
    """What only the Python API does: send a device's event, tap with a template's dataset, script
    the user's answer, let the virtual clock run; then the console, the API calls, the page's data
    (all of it, or some fields), the page stack and the device."""
    path = SAMPLES / sample
    error = None
    project = SAMPLES / run["project"] if "project" in run else None
    options = {k: ([SAMPLES / f for f in v] if k in ("choose_images", "choose_videos") else v)
               for k, v in run.get("options", {}).items()}  # runtime options (the files the user chooses)
    with SwanRuntime(project=project, routes=backend_routes(run, request), clock="virtual", **options) as rt:
        page = None
        try:
            if calls_page(path.read_text(encoding="utf-8")):
                page = rt.open_page_file(path)
            else:
                rt.run_file(path).raise_for_errors()
            for step in run["steps"]:
                take_step(rt, page, step)
        except ScriptError as exc:
            error = str(exc).splitlines()[0].replace(f"{SAMPLES}/", "")
        assert error == run.get("error")
        if "console" in run:
            assert console(rt) == run["console"]
        for api, params in run.get("api_calls", {}).items():
            assert rt.calls(api) == params
        if "page_data" in run:
            assert page is not None and page.data == run["page_data"]
        if "page_data_keys" in run:
            assert page is not None and {key: page.data.get(key) for key in run["page_data_keys"]} == run["page_data_keys"]
        if "log_errors" in run:  # errors of callbacks the clock or the host ran (logged, not raised)
            assert [f"{e['location']}: {e['message']}".replace(f"{SAMPLES}/", "") for e in rt.log
                    if e.kind == "error"] == run["log_errors"]
        if "page_stack" in run:
            assert rt.page_stack == run["page_stack"]
        device = rt.device
        assert {key: device[key] for key in run.get("device", {})} == run.get("device", {})


# -- the Python API: what the user does, and scripted answers -----------------------------------------
def test_tab_bar_samples_change_what_the_user_sees() -> None:
    with SwanRuntime(project=SAMPLES / "tabbar", clock="virtual") as rt:
        badge = rt.open_page("setTabBarBadge")
        badge.call("setTabBarBadge")
        assert rt.tab_bar is not None and rt.tab_bar["list"][0]["badge"] == "文本"
        # removeTabBarBadge's sample is an onTabItemTap: the user taps the first tab, its page.
        rt.tap_tab(0)
        assert rt.page_stack == ["removeTabBarBadge"]
        assert console(rt) == ["0", "removeTabBarBadge", "首页", "removeTabBarBadge success"]
        assert rt.tab_bar["list"][0]["badge"] is None

        red = rt.open_page("showTabBarRedDot")
        red.call("showTabBarRedDot")
        assert rt.tab_bar["list"][0]["redDot"] is True
        red.call("hideTabBarRedDot")
        assert rt.tab_bar["list"][0]["redDot"] is False

        rt.open_page("setTabBarItem").call("setTabBarItem")
        item = rt.tab_bar["list"][0]
        assert (item["text"], item["iconPath"], item["selectedIconPath"]) == (
            "替换文本", "/images/API_normal.png", "/images/API_selected.png")

        for sample, border in (("setTabBarStyle", "black"), ("setTabBarStyle_2", "white")):
            rt.open_page(sample).call("setTabBarStyle")
            style = {k: rt.tab_bar[k] for k in ("color", "selectedColor", "backgroundColor", "borderStyle")}
            assert style == {"color": "#000", "selectedColor": "#FF0000", "backgroundColor": "#FFFFBD", "borderStyle": border}

        for sample in ("showTabBar", "showTabBar_2"):
            page = rt.open_page(sample)  # its onLoad hides the tab bar
            assert rt.tab_bar["visible"] is False
            page.call("showTabBar")
            assert rt.tab_bar["visible"] is True
        assert [c.get("animation") for c in rt.calls("showTabBar")] == [None, True]


def test_navigation_bar_loading_and_pull_down_samples() -> None:
    with SwanRuntime(project=SAMPLES / "pulldown", clock="virtual") as rt:
        nav = open_sample(rt, "navbar/showNavigationBarLoading.js")
        nav.call("showNavigationBarLoading")
        nav.call("hideNavigationBarLoading")
        assert [e["api"] for e in rt.log if e.kind == "call"] == ["showNavigationBarLoading", "hideNavigationBarLoading"]

        page = rt.open_page("onPullDownRefresh")  # pulldown/app.json enables the pull
        page.pull_down_refresh()
        assert rt.calls("showModal") == [{"title": "success", "content": "已触发页面刷新"}]
        assert page.refreshing is True

        stop = open_sample(rt, "pulldown/stopPullDownRefresh.js")
        stop.call("startPullDownRefresh")
        stop.call("stopPullDownRefresh")
        assert console(rt) == ["stopPullDownRefresh success"]


def test_app_show_and_hide_samples() -> None:
    with SwanRuntime(project=SAMPLES / "appevents" / "onAppShow", clock="virtual") as rt:
        rt.open_page("home/home")
        rt.hide_app()
        rt.show_app({"scene": 1089, "path": "home/home", "query": {"a": "1"}})
        shown = [t for t in console(rt) if t.startswith("onShow ")]
        assert shown[0] == 'onShow {"path":"home/home","query":{},"scene":1001,"referrerInfo":{}}'
        assert len(shown) == 2 and json.loads(shown[1][len("onShow "):])["scene"] == 1089
        assert len(rt.calls("showModal")) == 2

    with SwanRuntime(project=SAMPLES / "appevents" / "onAppHide", clock="virtual") as rt:
        rt.open_page("home/home")
        rt.hide_app()
        assert console(rt) == ["onHide undefined"]
    with SwanRuntime(project=SAMPLES / "appevents" / "onAppHide_2", clock="virtual") as rt:
        rt.open_page("home/home")
        rt.hide_app()
        assert console(rt) == ["App hide"]
        assert rt.calls("showModal") == [{"title": "res", "content": "{}", "showCancel": False}]


def test_error_listener_samples() -> None:
    with SwanRuntime(project=SAMPLES / "appevents" / "offError", clock="virtual") as rt:
        page = rt.open_page_file(SAMPLES / "appevents" / "launcher.js")
        with pytest.raises(ScriptError, match="boom"):
            page.call("boom")
        assert console(rt)[0].startswith("Error: boom")  # the listener logged it
        rt.advance(3000)  # the sample's setTimeout: offError, and a modal that says so
        assert rt.calls("showModal")[-1]["content"] == "此后点击按钮触发报错，将不会触发swan.onError事件."
        with pytest.raises(ScriptError, match="boom"):
            page.call("boom")
        assert len(console(rt)) == 1

    with SwanRuntime(clock="virtual") as rt:  # the page form: the listener goes once the modal is confirmed
        page = open_sample(rt, "appevents/onError_3.js")
        page.call("onTap")
        assert rt.calls("showToast") == [{"title": "已触发", "icon": "none"}]
        rt.run("setTimeout(function () { throw new Error('first'); });")
        rt.run("setTimeout(function () { throw new Error('second'); });")
        caught = [t for t in console(rt) if t.startswith("catch error")]
        assert len(caught) == 1 and "first" in caught[0]


def test_page_not_found_samples() -> None:
    with SwanRuntime(project=SAMPLES / "appevents" / "offPageNotFound", clock="virtual") as rt:
        page = rt.open_page_file(SAMPLES / "appevents" / "launcher.js")
        page.call("missing")
        assert console(rt) == ['{"path":"no/such/page","query":{},"isEntryPage":false}']
        assert rt.page_stack == ["launcher", "index/index"]
        rt.advance(3000)
        assert rt.calls("showModal")[-1]["content"] == "此后将不再触发swan.onPageNotFound回调"
    with SwanRuntime(project=SAMPLES / "appevents" / "home_app", clock="virtual") as rt:
        page = open_sample(rt, "appevents/onPageNotFound_3.js")
        page.call("onTap")
        assert rt.page_stack == ["onPageNotFound_3", "home/home"]
        assert rt.calls("showModal") == [{"title": "", "content": '{"path":"path/to/otherPage","query":{},"isEntryPage":false}'}]


def test_login_samples_with_scripted_answers() -> None:
    with SwanRuntime(clock="virtual") as rt:
        page = open_sample(rt, "identity/login.js")
        rt.answer("login", {"fail": True, "kind": "not_found", "reason": "user not login"})
        page.call("login")
        page.call("login")
        assert console(rt) == ['login fail {"errCode":1001,"errMsg":"login:fail user not login"}',
                               'login success {"code":"swan-bridge-code-1","errMsg":"login:ok"}']

    with SwanRuntime(clock="virtual") as rt:  # the Baidu App is logged out: checkSession fails, the sample logs in
        rt.logged_in = False
        open_sample(rt, "identity/login_4.js")
        assert console(rt) == [LOGIN_1, USER]
        assert rt.logged_in is True

    with SwanRuntime(clock="virtual") as rt:
        rt.logged_in = False
        page = open_sample(rt, "identity/isLoginSync.js")
        page.call("isLoginSync")
        assert console(rt) == ['isLoginSync success {"isLogin":false}']


def test_user_info_samples() -> None:
    with SwanRuntime(clock="virtual") as rt:
        page = open_sample(rt, "identity/getUserInfo.js")
        rt.answer("getUserInfo", {"userInfo": {"nickName": "小度", "avatarUrl": "https://example.com/a.png", "gender": 1}})
        page.call("getUserInfo")
        assert page.data == {"nickname": "小度", "imageSrc": "https://example.com/a.png", "nameColor": "active"}
        page.call("clearUserInfo")
        assert page.data == {"nickname": "百度网友", "imageSrc": "../images/avator.png", "nameColor": "default"}

        swan_id = open_sample(rt, "identity/getSwanId.js")
        swan_id.call("getSwanId")
        assert swan_id.data == {"swanId": "cd1f8308f744126627d35e2dc26afccb100a7273"}

        # getUserInfo_3 is the handler of <button open-type="getUserInfo">: the client passes
        # the user's info in the event's detail.
        button = open_sample(rt, "identity/getUserInfo_3.js")
        button.tap("getUserInfo", {"userInfo": {"nickName": "小度", "avatarUrl": "https://example.com/a.png", "gender": 1}})
        assert console(rt)[-3:] == ["小度", "https://example.com/a.png", "1"]


def test_authorize_sample_taps_each_scope_button() -> None:
    """The sample reads the scope from the tapped button's id (`s-for` makes one per scope)."""
    with SwanRuntime(clock="virtual") as rt:
        page = open_sample(rt, "identity/authorize.js")
        page.tap("btnClick", id="scope.userLocation")
        assert rt.settings == {"scope.userLocation": True}
        assert rt.calls("showToast") == [{"title": "授权成功"}]
        rt.answer("authorize", {"fail": True})  # the user refuses the camera
        page.tap("btnClick", id="scope.camera")
        assert rt.settings == {"scope.userLocation": True, "scope.camera": False}
        assert rt.calls("openSetting") == [{}]
        assert rt.calls("showToast")[-1] == {"title": "授权失败"}
        assert console(rt) == ["scope scope.userLocation", "scope scope.camera",
                               'authorize fail {"errCode":11003,"errMsg":"authorize:fail user deny"}']

    with SwanRuntime(clock="virtual") as rt:  # the settings samples
        open_sample(rt, "identity/openSetting.js").call("openSetting")
        open_sample(rt, "identity/openSetting_2.js").call("openSetting")
        assert rt.calls("openSetting") == [{}]
        assert rt.calls("showToast") == [{"title": "打开回调", "icon": "none"}]


def test_location_samples() -> None:
    with SwanRuntime(clock="virtual") as rt:
        page = open_sample(rt, "location/chooseLocation.js")
        page.call("chooseLocation")
        assert page.data == {"name": "百度科技园", "address": "北京市海淀区西北旺东路10号院",
                             "longitude": "E:116°27′", "latitude": "N:40°04′"}
        gcj = open_sample(rt, "location/getLocation_2.js")
        gcj.call("getLocation")
        assert gcj.data == {"loading": False}
        assert rt.calls("openLocation") == [{"latitude": 40.05831, "longitude": 116.31364}]

    with SwanRuntime(clock="virtual") as rt:  # the user refuses the location when asked
        rt.answer("authorize", {"fail": True})
        page = open_sample(rt, "location/getLocation.js")
        page.call("getLocation")
        assert console(rt) == ['getLocation fail {"errCode":10003,"errMsg":"getLocation:fail user deny"}']
        assert rt.settings == {"scope.userLocation": False}


def test_payment_samples(order_server: str) -> None:
    with SwanRuntime(routes={"https://mbd.baidu.com/": order_server}, clock="virtual") as rt:
        page = open_sample(rt, "payment/requestPolymerPayment.js")
        page.call("requestPolymerPayment")
        [paid] = rt.calls("requestPolymerPayment")
        assert paid["orderInfo"] == {**ORDER["data"], "dealTitle": "百度小程序Demo支付测试"}
        assert rt.calls("showToast") == [{"title": "支付成功", "icon": "success"}]

        rt.answer("requestPolymerPayment", {"fail": True})  # the user cancels
        page.call("requestPolymerPayment")
        assert rt.calls("showToast")[-1] == {"title": "requestPolymerPayment:fail cancel", "icon": "none"}
        assert console(rt)[-1] == 'pay fail {"errCode":1001,"errMsg":"requestPolymerPayment:fail cancel"}'

    with SwanRuntime(clock="virtual") as rt:
        rt.run_file(SAMPLES / "payment" / "requestPolymerPayment_2.js").raise_for_errors()
        assert rt.calls("showToast") == [{"title": "支付成功", "icon": "success"}]


def test_socket_samples_through_page_call(server: EmbeddedServer) -> None:
    routes = {WSS: server.url + "/py"}
    with SwanRuntime(routes=routes, clock="virtual") as rt:
        page = open_sample(rt, "websocket/onSocketMessage.js")
        page.call("onSocketMessage")
        run_until(rt, lambda: bool(rt.calls("showModal")))
        assert rt.calls("showModal") == [{"title": "监听到收到服务器内容", "content": "baidu"}]

    with SwanRuntime(routes=routes, clock="virtual") as rt:
        page = open_sample(rt, "websocket/SocketTask.js")
        page.call("send")
        run_until(rt, lambda: len(console(rt)) == 3)
        page.call("close")
        assert [HEADER_VALUES.sub(r'"\1":"…"', t) for t in console(rt)] == [
            "WebSocket连接已打开！ " + OPEN_HEADER, 'WebSocket发送数据成功 {"errMsg":"sendSocketMessage:ok"}',
            'WebSocket接受到服务器的消息 {"data":"baidu"}', 'WebSocket链接关闭成功 {"errMsg":"closeSocket:ok"}',
            'WebSocket连接已关闭！ {"code":1001,"reason":"close reason"}',
        ]


def test_the_manifest_names_the_doc_page_of_every_sample() -> None:
    manifest = json.loads((SAMPLES / "MANIFEST.json").read_text(encoding="utf-8"))
    files = {p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*.js")}
    fixtures = {"appevents/launcher.js"} | {f for f in files if f.endswith(("/home/home.js", "/index/index.js", "/api/api.js"))}
    listed = set(manifest["samples"]) | {k for k in manifest["not_runnable"] if k.endswith(".js")}
    assert files - fixtures == listed
    assert all(entry["doc"].endswith(".md") for entry in manifest["samples"].values())
