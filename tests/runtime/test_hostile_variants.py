"""Variants of the hostile cases of docs/reliability.md ("Hostile projects", "Hostile hosts,
servers and values"): the same classes of fault reached by another road (a data path instead of
a nested value, a template instead of a module), each ending with the documented outcome.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bridge import MemoryLimitExceeded, RunTimeout, ScriptError, SwanRuntime, TemplateError

# A case that hangs fails instead of blocking CI.
pytestmark = pytest.mark.timeout(120)


def make_project(root: Path, files: dict[str, str]) -> Path:
    """A mini-program folder whose pages are the `pages/...js` files given."""
    pages = [name[: -len(".js")] for name in files if name.startswith("pages/") and name.endswith(".js")]
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.json").write_text(json.dumps({"pages": pages}))
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


# ------------------------------------------------------------------------------------------------
# setData: a data path counts toward the nesting limit
# ------------------------------------------------------------------------------------------------
DEEP_PATHS = """\
Page({
  data: { n: 0 },
  setPath(key) {
    this.setData({ [key]: 1 });
  }
});
"""


@pytest.mark.parametrize("key", ["x" + ".a" * 100_000, "x" + "[0]" * 100_000, "x" + ".a" * 501])
def test_a_data_path_deeper_than_the_limit_is_refused_and_the_data_stays_readable(tmp_path: Path, key: str) -> None:
    """docs/reliability.md "Hostile hosts, servers and values" and js_shim/spec.json
    limits.dataDepth: data nested deeper than 500 levels is refused at the caller's setData, with
    its levels made by the path (`x.a.a...`, `x[0][0]...`) as well as by the value, so page.data
    stays readable."""
    project = make_project(tmp_path / "p", {"pages/a/a.js": DEEP_PATHS})
    with SwanRuntime(project=project, clock="virtual") as rt:
        page = rt.open_page("pages/a/a")
        with pytest.raises(ScriptError) as caught:
            page.call("setPath", key)
        assert caught.value.message.startswith("RangeError: setData: data field \"x")
        assert caught.value.message.endswith("nests objects and arrays more than 500 levels deep in data, which the view cannot take")
        assert page.data == {"n": 0}


def test_a_data_path_at_the_limit_is_set_and_read_back(tmp_path: Path) -> None:
    """js_shim/spec.json limits.dataDepth: a path of 501 segments puts its value 500 objects
    deep in data, which the host reads back."""
    project = make_project(tmp_path / "p", {"pages/a/a.js": DEEP_PATHS})
    with SwanRuntime(project=project, clock="virtual") as rt:
        page = rt.open_page("pages/a/a")
        page.call("setPath", "x" + ".a" * 500)
        node = page.data["x"]
        for _ in range(500):
            node = node["a"]
        assert node == 1


DEEP_INITIAL = {
    "pages/deep/deep.js": "var d = 1;\nfor (var i = 0; i < %d; i++) d = [d];\nPage({ data: { n: 1, deep: d } });\n",
    "pages/plain/plain.js": "Page({ data: { n: 2 } });\n",
    "components/deep/deep.js": "var d = 1;\nfor (var i = 0; i < %d; i++) d = {a: d};\nComponent({ data: { deep: d } });\n",
}


@pytest.mark.parametrize("levels", [501, 2_000, 100_000])
def test_initial_data_deeper_than_the_limit_is_refused_where_it_is_defined(tmp_path: Path, levels: int) -> None:
    """js_shim/spec.json limits.dataDepth: a Page() or Component() whose `data` nests deeper than
    500 levels is refused at that call, in the user's file (as setData refuses such data), so no
    page holds data the host cannot read back; the other pages open."""
    files = {name: text % levels if "%d" in text else text for name, text in DEEP_INITIAL.items()}
    files["pages/host/host.js"] = "Page({ data: { n: 3 } });\n"
    files["pages/host/host.json"] = '{"usingComponents": {"deep": "/components/deep/deep"}}'
    files["pages/host/host.swan"] = "<view>{{n}}</view><deep></deep>"
    files["components/deep/deep.json"] = '{"component": true}'
    files["components/deep/deep.swan"] = "<view>deep</view>"
    project = make_project(tmp_path / "p", files)
    with SwanRuntime(project=project, clock="virtual") as rt:
        with pytest.raises(ScriptError) as caught:
            rt.open_page("pages/deep/deep")
        assert caught.value.message == ("RangeError: Page() in pages/deep/deep.js: its data nests objects and arrays "
                                        "more than 500 levels deep, which the view cannot take")
        assert "pages/deep/deep.js:3:" in caught.value.stack
        assert rt.open_page("pages/plain/plain").data == {"n": 2}
        assert rt.open_page("pages/host/host").data == {"n": 3}
        refused = [e for e in rt.errors if "Component() in components/deep/deep.js" in e.message]
        assert refused and refused[0].message == ("RangeError: Component() in components/deep/deep.js: its data nests "
                                                  "objects and arrays more than 500 levels deep, which the view cannot take")
        assert "components/deep/deep.js:3:" in refused[0].stack


def test_initial_data_at_the_limit_is_read_back(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"pages/deep/deep.js": DEEP_INITIAL["pages/deep/deep.js"] % 499})
    with SwanRuntime(project=project, clock="virtual") as rt:
        node = rt.open_page("pages/deep/deep").data["deep"]
        for _ in range(499):
            node = node[0]
        assert node == 1


# ------------------------------------------------------------------------------------------------
# Templates: one the compiler cannot take is its page's error, never the project's
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("template", [
    "<view>" * 200 + "{{x}}" + "</view>" * 200,
    "<view>{{" + "(" * 100_000 + "x" + ")" * 100_000 + "}}</view>",
])
def test_a_template_too_deep_to_compile_is_a_template_error_of_its_page(tmp_path: Path, template: str) -> None:
    """docs/reliability.md "Hostile projects": a bad file is reported with its name and the
    other pages still open. A template nested past what the engine's stack takes (200 elements,
    an expression of 100,000 parentheses) is a TemplateError of its page, reported at load."""
    project = make_project(tmp_path / "p", {
        "pages/a/a.js": "Page({ data: { x: 1 } });\n",
        "pages/a/a.swan": "<view>{{x}}</view>\n",
        "pages/b/b.js": "Page({ data: { x: 1 } });\n",
        "pages/b/b.swan": template,
    })
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert [type(e).__name__ for e in rt.errors] == ["TemplateError"]
        assert str(rt.errors[0]).startswith("pages/b/b.swan:1:1: TemplateError: cannot compile the template: RangeError: ")
        with pytest.raises(TemplateError) as caught:
            rt.open_page("pages/b/b")
        assert caught.value.file == "pages/b/b.swan"
        assert rt.open_page("pages/a/a").html() == "<view>1</view>"


@pytest.mark.parametrize(("template", "where"), [
    ("<view>" * 400_000 + "</view>" * 400_000, "1:1201"),
    ("<view>" * 800_000, "1:1201"),
    ("<view>\n" * 200 + "<text>", "201:1"),
])
def test_elements_nested_past_the_limit_are_a_template_error_at_the_first_too_deep(tmp_path: Path, template: str,
                                                                                   where: str) -> None:
    """js_shim/spec.json limits.templateDepth (200 elements): the template parser stops at the
    first element past it with a TemplateError at its place (docs/reliability.md "Hostile
    projects"), instead of a RecursionError of the whole project."""
    project = make_project(tmp_path / "p", {
        "pages/a/a.js": "Page({});\n",
        "pages/b/b.js": "Page({});\n",
        "pages/b/b.swan": template,
    })
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert [str(e).split("\n")[0] for e in rt.errors] == [
            f"pages/b/b.swan:{where}: TemplateError: <{'text' if 'text' in template else 'view'}> is nested more than 200 elements deep"]
        with pytest.raises(TemplateError):
            rt.open_page("pages/b/b")
        assert rt.open_page("pages/a/a").html() == ""


def test_a_tag_of_300000_attributes_is_parsed_in_one_pass(tmp_path: Path) -> None:
    """docs/reliability.md "Hostile projects": a file under its size cap loads promptly. Each
    attribute's place is counted from the one before it (the old parser counted from the tag's
    start for each, 300,000 attributes were hours); the places stay exact."""
    from bridge._view._parse import parse_template

    source = "<view\n" + " ".join(f'a{i}="{{{{x}}}}"' for i in range(300_000)) + "/>"
    tree = parse_template(source, "t.swan")
    attrs = tree["children"][0]["attrs"]
    assert len(attrs) == 300_000
    last = attrs[-1]
    col = len(source.split("\n")[1]) - len('a299999="{{x}}"/>') + 1
    assert (last["name"], last["line"], last["col"], last["vline"], last["vcol"]) == ("a299999", 2, col, 2, col + 9)


# ------------------------------------------------------------------------------------------------
# close() from inside a callback
# ------------------------------------------------------------------------------------------------
def test_close_from_a_callback_during_a_run_is_one_clear_error_and_the_runtime_stays_usable() -> None:
    """docs/reliability.md "Hostile hosts, servers and values" (After `close()`): a callback
    (on_console) that closes the runtime while a run is under way gets a clear RuntimeError (the
    run cannot go on without the runtime), not the event loop's "already running" with a
    coroutine never awaited; the runtime then runs and closes as usual."""
    import gc
    import warnings

    holder: list[SwanRuntime] = []
    raised: list[str] = []

    def on_console(message: object) -> None:
        try:
            holder[0].close()
        except RuntimeError as exc:
            raised.append(str(exc))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rt = SwanRuntime(on_console=on_console)
        holder.append(rt)
        result = rt.run("console.log('a')")
        assert raised == ["SwanRuntime.close() cannot be called while the runtime is running "
                          "(from a callback such as on_console); close it after the call returns"]
        assert [m.text for m in result.console] == ["a"]
        assert [m.text for m in rt.run("console.log('b')").console] == ["b"]
        rt.close()
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)] == []


# ------------------------------------------------------------------------------------------------
# Options past what the engine can count
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("mb", [1e15, 1e30, 10 ** 12 + 1])
def test_a_memory_limit_past_what_the_engine_counts_is_a_value_error(mb: float) -> None:
    """docs/options.md (memory_limit_mb) and docs/cli.md "Bad input": a heap limit the engine
    cannot count (its size is a signed 64-bit byte count) is refused as a bad value naming the
    option, not an OverflowError from inside the engine."""
    with pytest.raises(ValueError, match=r"^memory_limit_mb must be <= 1e\+12 \(use None for no limit\), got "):
        SwanRuntime(memory_limit_mb=mb)


def test_cli_a_memory_limit_past_what_the_engine_counts_is_a_usage_error(tmp_path: Path) -> None:
    """docs/cli.md "Bad input": a bad value exits 2 with a message naming the flag, never an
    internal error."""
    import subprocess
    import sys

    script = tmp_path / "s.js"
    script.write_text("console.log('ran');\n")
    proc = subprocess.run([sys.executable, "-m", "bridge", "run", str(script), "--memory-limit", "1e30"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--memory-limit': memory_limit_mb must be <= 1e+12 (use None for no limit), got 1e+30")


def test_a_memory_limit_at_its_most_runs() -> None:
    """docs/options.md (memory_limit_mb): the largest limit is taken."""
    with SwanRuntime(memory_limit_mb=10 ** 12) as rt:
        assert [m.text for m in rt.run("console.log(1 + 1)").console] == ["2"]


# ------------------------------------------------------------------------------------------------
# Sockets: a message sent in fragments is capped as it arrives
# ------------------------------------------------------------------------------------------------
FRAGMENTED_SERVER_CHILD = """\
import json, socket, sys, threading, time
def peak_mb():
    # VmHWM is this process's own peak (ru_maxrss keeps the parent's across exec).
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, Request, TextMessage
from bridge import SwanRuntime

listener = socket.create_server(("127.0.0.1", 0))
url = f"http://127.0.0.1:{listener.getsockname()[1]}"

def serve():
    conn, _ = listener.accept()
    ws = WSConnection(ConnectionType.SERVER)
    while not any(isinstance(e, Request) for e in ws.events()):
        ws.receive_data(conn.recv(65536))
    conn.sendall(ws.send(AcceptConnection()))
    chunk = "x" * (1 << 20)
    try:
        for i in range(300):  # one text message of 300 MB, in fragments of 1 MB
            conn.sendall(ws.send(TextMessage(chunk, message_finished=i == 299)))
    except OSError:
        pass  # the client closed the connection

threading.Thread(target=serve, daemon=True).start()
SCRIPT = '''
var done = false, t = swan.connectSocket({url: 'wss://chat.example.com/ws'});
t.onMessage(function (res) { console.log('message of ' + res.data.length); });
t.onError(function (res) { console.log('onError: ' + res.errMsg); });
t.onClose(function (res) { console.log('onClose: ' + res.code + ' ' + res.reason); done = true; });
(function wait() { if (!done) setTimeout(wait, 20); })();
'''
with SwanRuntime(route_all_to=url, timeout=60) as rt:
    console = [m.text for m in rt.run(SCRIPT).console]
print(json.dumps({"console": console, "peak_mb": peak_mb()}))
"""


def test_a_message_of_300_mb_in_fragments_is_refused_holding_at_most_its_cap() -> None:
    """docs/reliability.md "Hostile hosts, servers and values": a socket holds at most the one
    message being read, up to 16 MB (limits.maxResponseBytes), past which it is closed with 1009.
    A server that sends one 300 MB message in 1 MB fragments gets the same end, and the host
    drops the fragments past the cap instead of joining them all first (a peak of 653 MB of
    host memory before; the test runs in a child process and reports its peak)."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", FRAGMENTED_SERVER_CHILD], capture_output=True, text=True, timeout=100)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert report["console"] == ["onError: connectSocket:fail exceed max message size (16 MB)", "onClose: 1009 message too big"]
    assert report["peak_mb"] < 200


# ------------------------------------------------------------------------------------------------
# app.json listing many pages
# ------------------------------------------------------------------------------------------------
def test_pages_without_a_json_file_cost_no_link_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/reliability.md "Hostile projects" (loading ends promptly): an app.json listing
    100,000 pages that have no files (or one page 100,000 times) is read with one stat per page,
    not a resolution of every link on each page's path (9 system calls each: 6 s of load). The
    test counts the resolutions instead of timing them."""
    import os

    real = os.path.realpath
    calls: list[str] = []

    def counting(path: str, *args: object, **kwargs: object) -> str:
        calls.append(path)
        return real(path, *args, **kwargs)

    project = make_project(tmp_path / "p", {"pages/a/a.js": "Page({});\n", "pages/a/a.json": "{}"})
    pages = ["pages/a/a"] * 100_000 + [f"pages/p{i}/p{i}" for i in range(100_000)]
    (project / "app.json").write_text(json.dumps({"pages": pages}))
    monkeypatch.setattr(os.path, "realpath", counting)
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert rt.open_page("pages/a/a").html() == ""
    assert len(calls) < 100


# ------------------------------------------------------------------------------------------------
# FileSystemManager: appendFile checks the store before it reads the file
# ------------------------------------------------------------------------------------------------
APPEND_CHILD = """\
import json, os, sys
def peak_mb():
    # VmHWM is this process's own peak (ru_maxrss keeps the parent's across exec).
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
from bridge import SwanRuntime

data_dir = sys.argv[1]
os.makedirs(os.path.join(data_dir, "usr"))
with open(os.path.join(data_dir, "usr", "big.log"), "wb") as big:
    big.truncate(300 << 20)  # sparse: no disk used
SCRIPT = '''
var fs = swan.getFileSystemManager(), path = swan.env.USER_DATA_PATH + '/big.log';
try { fs.appendFileSync(path, 'x'); console.log('appended'); } catch (e) { console.log(e.errCode + ' ' + e.message); }
fs.appendFile({filePath: path, data: 'x', fail: function (e) { console.log(e.errCode + ' ' + e.errMsg); }});
'''
with SwanRuntime(data_dir=data_dir) as rt:
    console = [m.text for m in rt.run(SCRIPT).console]
print(json.dumps({"console": console, "size": os.path.getsize(os.path.join(data_dir, "usr", "big.log")),
                  "peak_mb": peak_mb()}))
"""


def test_append_to_a_file_past_the_store_limit_fails_before_the_file_is_read(tmp_path: Path) -> None:
    """docs/reliability.md "Hostile hosts, servers and values" (a file larger than the JS heap
    can take): like copyFile and rename, appendFile checks the 10 MB store before it reads the
    file it appends to. A 300 MB file placed in the data folder fails with 2002 and the host
    reads none of it (a peak of 637 MB of host memory before; run in a child process)."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", APPEND_CHILD, str(tmp_path / "data")], capture_output=True,
                          text=True, timeout=100)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert report["console"] == [
        "2002 appendFileSync:fail the maximum size of the file storage limit is exceeded",
        "2002 appendFile:fail the maximum size of the file storage limit is exceeded",
    ]
    assert report["size"] == 300 << 20
    assert report["peak_mb"] < 200


# ------------------------------------------------------------------------------------------------
# Loading a project stops at its deadline
# ------------------------------------------------------------------------------------------------
def test_loading_stops_defining_modules_once_the_timeout_has_passed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/reliability.md "Hostile projects" (loading runs under the run's limits): past the
    timeout, RunTimeout is raised without defining the modules left (30,000 modules took 18 s to
    report a 2 s timeout). The test counts the module sources read instead of timing the load."""
    from bridge._app._project import Project

    read: list[str] = []
    source = Project.source

    def counting(self: Project, module: str) -> str:
        read.append(module)
        return source(self, module)

    files = {f"utils/m{i:04}.js": "module.exports = 1;\n" for i in range(2_000)}
    project = make_project(tmp_path / "p", {"pages/a/a.js": "Page({});\n", **files})
    monkeypatch.setattr(Project, "source", counting)
    with pytest.raises(RunTimeout, match=r"^loading the project was still busy after 1e-06 s$"):
        SwanRuntime(project=project, clock="virtual", timeout=1e-6)
    assert len(read) < 1_000  # the deadline is noticed as the sources are read


# ------------------------------------------------------------------------------------------------
# The RunTimeout of a page call names the call's timeout
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("clock", ["virtual", "wall"])
def test_an_endless_hook_without_a_cpu_limit_reports_the_whole_timeout(tmp_path: Path, clock: str) -> None:
    """docs/reliability.md "Hostile hosts, servers and values" (a call that is still busy raises
    RunTimeout naming where it stopped): the message gives the timeout the call had (0.5 s), not
    the sliver left when the loop took over from the command's first turn ("after 0.001 s")."""
    project = make_project(tmp_path / "p", {"pages/a/a.js": "Page({\n  onLoad() { for (;;) {} }\n});\n"})
    with SwanRuntime(project=project, clock=clock, timeout=0.5, cpu_limit=None) as rt:
        with pytest.raises(RunTimeout) as caught:
            rt.open_page("pages/a/a")
        assert str(caught.value).startswith("the script was still busy after 0.5 s, stopped in:\n    at onLoad (pages/a/a.js:2:")


# ------------------------------------------------------------------------------------------------
# Storage: two runtimes on one data_dir, one writing twice in a row
# ------------------------------------------------------------------------------------------------
def test_a_runtime_writing_twice_after_a_merge_keeps_the_other_runtimes_keys(tmp_path: Path) -> None:
    """docs/reliability.md "Hostile hosts, servers and values" (two runtimes on one data_dir):
    no acknowledged key is dropped by the other runtime's write. The second runtime's first
    write merges the first runtime's key into the file; its next write (nobody wrote between)
    keeps it too (it used to write its own copy, which lacks it: three processes each storing
    500 keys left 520 of 1,500)."""
    data = tmp_path / "data"
    with SwanRuntime(data_dir=data) as first, SwanRuntime(data_dir=data) as second:
        first.run("swan.setStorageSync('a1', 1);")
        second.run("swan.setStorageSync('b1', 2);")
        second.run("swan.setStorageSync('b2', 3);")
        second.run("swan.removeStorageSync('b1');")
        assert json.loads((data / "storage.json").read_text(encoding="ascii")) == {"a1": 1, "b2": 3}
    with SwanRuntime(data_dir=data) as third:
        assert dict(third.storage) == {"a1": 1, "b2": 3}


# ------------------------------------------------------------------------------------------------
# A command whose reply could not be sent says why
# ------------------------------------------------------------------------------------------------
def test_a_page_that_fills_the_heap_while_opening_raises_the_memory_error(tmp_path: Path) -> None:
    """docs/reliability.md "Hostile hosts, servers and values" (an endless loop in a hook: the
    error that stopped the call, not "the promise it returned never settled"): a query string
    that fills the JS heap as the page opens fails open_page with the out-of-memory error,
    wherever it strikes; when it strikes the reply itself (the shim could not send it), that
    error (`swan-bridge: dropped a message: InternalError: out of memory`) is raised. The sizes
    step through the heap so that every place is met."""
    project = make_project(tmp_path / "p", {"pages/a/a.js": "Page({ onLoad(q) { console.log(q.k.length); } });\n"})
    outcomes = set()
    for percent in range(16, 26):
        size = (32 << 20) * percent // 100
        with SwanRuntime(project=project, clock="virtual", memory_limit_mb=32) as rt:
            try:
                rt.open_page("pages/a/a", {"k": "v" * size})
                outcomes.add("opened")
            except ScriptError as exc:
                outcomes.add(exc.message)
    assert "the promise it returned never settled: nothing was left to run" not in outcomes
    assert outcomes <= {"opened", "InternalError: out of memory", "MemoryLimitExceeded: the script ran out of memory",
                        "swan-bridge: dropped a message: InternalError: out of memory"}


# ------------------------------------------------------------------------------------------------
# Object.prototype: what a script adds there does not reach the shim's property descriptors
# ------------------------------------------------------------------------------------------------
def test_descriptor_fields_on_object_prototype_do_not_break_the_apis() -> None:
    """docs/reliability.md "Hostile scripts": with get, set, value and writable added to
    Object.prototype, the objects the shim makes (a request's task, an audio context, an
    animation, a selector query, a socket task) are made as before."""
    from bridge.testing import EmbeddedServer

    with EmbeddedServer() as server, SwanRuntime(route_all_to=server.url, clock="virtual") as rt:
        rt.run("""
        Object.prototype.get = function () { return 'evil'; };
        Object.prototype.set = function () {};
        Object.prototype.value = 7;
        Object.prototype.writable = true;
        var task = swan.request({url: 'https://api.example/x'});
        var audio = swan.createInnerAudioContext();
        var step = swan.createAnimation().opacity(0.5).step();
        var query = swan.createSelectorQuery().select('#a');
        var socket = swan.connectSocket({url: 'wss://chat.example.com/ws'});
        console.log(typeof task.abort, typeof audio.play, typeof step.export, typeof query.boundingClientRect,
                    typeof socket.send, socket.readyState);
        socket.close({});
        """)
        assert [m.text for m in rt.console] == ["function function function function function 0"]
        assert rt.errors == []


def test_a_methods_value_too_large_for_the_heap_raises_the_memory_error(tmp_path: Path) -> None:
    """A method returning a value whose JSON text does not fit in the heap: the call raises
    MemoryLimitExceeded (an error of the run, as when the method's own body runs out), not
    None, for the sync and the async method alike; the runtime goes on."""
    project = make_project(tmp_path / "p", {"pages/a/a.js": """Page({
      big(n) { const a = new Array(n); for (let i = 0; i < n; i++) a[i] = i; globalThis.keep = a; return a; },
      async later(n) { return this.big(n); },
      drop() { globalThis.keep = null; return 'ok'; }
    });\n"""})
    for method in ("big", "later"):
        with SwanRuntime(project=project, clock="virtual", memory_limit_mb=64) as rt:
            page = rt.open_page("pages/a/a")
            with pytest.raises(MemoryLimitExceeded):
                page.call(method, 3_000_000)
            assert [type(e).__name__ for e in rt.errors] == ["MemoryLimitExceeded"]
            assert page.call("drop") == "ok"


def test_a_console_line_the_heap_cannot_hand_over_is_dropped_and_what_follows_still_arrives() -> None:
    """A line the script could make but the heap cannot turn into text for the host (12 M
    characters of CJK under a 32 MB limit) is dropped with MemoryLimitExceeded; the lines and
    the timer after it still arrive, in order, in the same run."""
    with SwanRuntime(memory_limit_mb=32, timeout=20) as rt:
        result = rt.run("console.log('before'); var s = '\\u4e2d'.repeat(12 * 1024 * 1024); console.log(s.length);"
                        "console.log(s); console.log('done'); setTimeout(function () { console.log('timer'); }, 10);")
        assert [m.text for m in result.console] == ["before", "12582912", "done", "timer"]
        assert [(type(e), e.message, e.where) for e in result.errors] == [
            (MemoryLimitExceeded, "MemoryLimitExceeded: the script ran out of memory", "handing output to the host")]
        assert [m.text for m in rt.run("console.log('next')").console] == ["next"]


def test_a_set_data_the_heap_cannot_turn_into_a_message_raises_the_memory_error_at_its_line(tmp_path: Path) -> None:
    """setData of a value the script could make but the heap cannot serialise for the view:
    MemoryLimitExceeded at the script's own line (not an error of the shim's with no place);
    the page keeps its data and goes on."""
    project = make_project(tmp_path / "p", {
        "pages/a/a.js": "Page({data: {s: ''}, go(n) {\n  this.setData({s: 'x'.repeat(n)});\n  return 1;\n}});\n",
        "pages/a/a.swan": '<view id="v">{{s}}</view>\n',
    })
    with SwanRuntime(project=project, clock="virtual", memory_limit_mb=64) as rt:
        page = rt.open_page("pages/a/a")
        with pytest.raises(MemoryLimitExceeded) as caught:  # (a larger value fails setData's own size check first)
            page.call("go", 15_000_000)
        assert caught.value.location == "pages/a/a.js:2:31"
        assert page.call("go", 3) == 1
        assert page.data["s"] == "xxx" and page.select("#v").text == "xxx"


def test_a_render_that_runs_out_of_memory_raises_the_memory_error(tmp_path: Path) -> None:
    """A template whose every level renders itself twice (2^40 elements) runs out of the heap
    while the page opens: MemoryLimitExceeded (not a bare ScriptError), and the runtime goes on."""
    swan = ('<template name="t"><view s-if="{{n < 40}}"><template is="t" data="{{ {n: n + 1} }}"/>'
            '<template is="t" data="{{ {n: n + 1} }}"/></view></template><template is="t" data="{{ {n: 0} }}"/>\n')
    project = make_project(tmp_path / "p", {"pages/a/a.js": "Page({data: {}});\n", "pages/a/a.swan": swan})
    with SwanRuntime(project=project, clock="virtual", memory_limit_mb=48, timeout=20) as rt:
        with pytest.raises(MemoryLimitExceeded, match="ran out of memory"):
            rt.open_page("pages/a/a")
        assert [m.text for m in rt.run("console.log(1 + 1)").console] == ["2"]


def test_a_memory_limit_too_small_for_the_shim_is_a_clear_memory_error(tmp_path: Path) -> None:
    """With a project the view's JS loads too: 1 MB cannot hold it. MemoryLimitExceeded (where
    "runtime") saying so, not the engine's own exception type."""
    project = make_project(tmp_path / "p", {"pages/a/a.js": "Page({});\n", "pages/a/a.swan": "<view/>\n"})
    # In a process of its own: the first runtime of a process loads every file of the shim.
    code = ("import sys\nfrom bridge import MemoryLimitExceeded, SwanRuntime\n"
            "try:\n    SwanRuntime(project=sys.argv[1], memory_limit_mb=1)\n"
            "except MemoryLimitExceeded as e:\n    print(e.where, e.message)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True, timeout=60)
    assert proc.stdout.startswith("runtime MemoryLimitExceeded: swan-bridge's own JS could not be loaded within "
                                  "memory_limit_mb=1 "), proc.stdout + proc.stderr


def test_a_template_or_component_that_uses_itself_without_end_is_a_template_error_at_its_tag(tmp_path: Path) -> None:
    """`<template is>` and custom components may nest inside each other 64 deep
    (`limits.templateNesting`); one that uses itself without end is a TemplateError at its own
    tag, not the engine's stack overflowing with no place; a finite recursion renders, and the
    runtime goes on."""
    project = make_project(tmp_path / "p", {
        "pages/a/a.js": "Page({});\n",
        "pages/a/a.swan": '<template name="t"><view><template is="t" /></view></template>\n<template is="t" />\n',
        "pages/b/b.js": "Page({});\n",
        "pages/b/b.json": '{"usingComponents": {"c-x": "/components/x/x"}}',
        "pages/b/b.swan": "<c-x />\n",
        "components/x/x.js": "Component({});\n",
        "components/x/x.json": '{"component": true, "usingComponents": {"c-x": "/components/x/x"}}',
        "components/x/x.swan": "<view>\n  <c-x />\n</view>\n",
        "pages/c/c.js": "Page({data: {depth: 30}});\n",
        "pages/c/c.swan": ('<template name="t"><view class="level"><template s-if="{{n < depth}}" is="t" data="{{ {n: n + 1, depth: depth} }}" />'
                           '</view></template>\n<template is="t" data="{{ {n: 1, depth: depth} }}" />\n'),
    })
    with SwanRuntime(project=project, clock="virtual") as rt:
        with pytest.raises(TemplateError) as caught:
            rt.open_page("pages/a/a")
        assert caught.value.location == "pages/a/a.swan:1:26"
        assert caught.value.message == 'TemplateError: <template is="t"> is nested in itself more than 64 deep'
        with pytest.raises(TemplateError) as caught:
            rt.open_page("pages/b/b")
        assert caught.value.location == "components/x/x.swan:2:3"
        assert len(rt.open_page("pages/c/c").select_all(".level")) == 30
        assert [m.text for m in rt.run("console.log('on')").console] == ["on"]


def test_a_template_that_includes_others_again_and_again_fails_its_page_and_the_others_open(tmp_path: Path) -> None:
    """Each level includes the next ten times: a million elements once spliced in. Past
    `limits.templateElements` (100,000) that is a TemplateError of the page that uses it (at
    load, and when it opens); the project loads and its other pages open."""
    files = {"pages/bad/bad.js": "Page({});\n", "pages/bad/bad.swan": '<include src="../../inc/i0.swan" />\n' * 10,
             "pages/good/good.js": "Page({});\n", "pages/good/good.swan": "<view>good</view>\n",
             "inc/i5.swan": "<view>leaf</view>\n"}
    for level in range(5):
        files[f"inc/i{level}.swan"] = f'<view><include src="i{level + 1}.swan" /></view>\n' * 10
    project = make_project(tmp_path / "p", files)
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert rt.open_page("pages/good/good").html() == "<view>good</view>"
        with pytest.raises(TemplateError, match="more than 100000 elements once its <include>s are spliced in"):
            rt.open_page("pages/bad/bad")


def _deep(levels: int) -> object:
    value: object = 1
    for _ in range(levels):
        value = {"a": [value]}
    return value


def test_python_values_nested_past_the_json_encoder_are_a_value_error_wherever_they_are_given(tmp_path: Path) -> None:
    """A value nested past what Python's JSON encoder goes (about 1,000 levels before 3.13, more
    after) is a ValueError naming the problem, from a harness call and from the runtime's options
    alike; the runtime stays usable."""
    deep = _deep(200_000)
    root = make_project(tmp_path / "app", {"pages/a/a.js": "Page({echo(v) { return 1; }});",
                                           "pages/a/a.swan": '<view id="v" bindtap="echo">v</view>\n'})
    with SwanRuntime(project=root) as rt:
        page = rt.open_page("pages/a/a")
        for call in (lambda: page.call("echo", deep), lambda: rt.set_global("g", deep),
                     lambda: page.select("#v").trigger("tap", {"d": deep})):
            with pytest.raises(ValueError, match="too deep to be sent to JS"):
                call()
        assert page.call("echo", _deep(10)) == 1
    for option in ("globals", "storage", "system_info"):
        with pytest.raises(ValueError, match="nested deeper than Python's JSON encoder goes"):
            SwanRuntime(**{option: {"k": deep}})
