"""Hostile values and hostile code met through the harness's own Python calls: the virtual clock,
reads that run a script's code (page.data, app.global_data, page_stack), endless loops in the
framework's hooks, a runtime used after close(), and a server naming a charset that is no charset.

Each case ends with the documented exception or result (docs/reliability.md, "Hostile hosts,
servers and values"), never a hang or an exception type the package does not export.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import bridge
from bridge import (
    CPULimitExceeded,
    EmbeddedServer,
    InvalidScript,
    RunTimeout,
    RuntimeClosedError,
    SwanRuntime,
)
from bridge.testing import Reply
from support import SAMPLE_ORIGIN, lines

# A guard for the whole module: a case that hangs fails instead of blocking CI.
pytestmark = pytest.mark.timeout(120)


def make_project(root: Path, files: dict[str, str]) -> Path:
    """A mini-program folder with one page (`pages/index/index`) and the given files."""
    pages = [name[: -len(".js")] for name in files if name.startswith("pages/") and name.endswith(".js")]
    (root / "app.json").parent.mkdir(parents=True, exist_ok=True)
    (root / "app.json").write_text(json.dumps({"pages": pages or ["pages/index/index"]}))
    files = {"app.js": "App({globalData: {}});", **files}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


# ------------------------------------------------------------------------------------------------
# The virtual clock counts whole milliseconds
# ------------------------------------------------------------------------------------------------
@pytest.fixture
def virtual() -> Iterator[SwanRuntime]:
    with SwanRuntime(clock="virtual", timeout=30) as rt:
        yield rt


def test_an_interval_fires_once_per_period_however_far_the_clock_moves(virtual: SwanRuntime) -> None:
    """HTML timers: setInterval(f, 10) over 1,000 ms calls f 100 times (the clock counts whole
    milliseconds, so no period is lost to float rounding: docs/reliability.md)."""
    virtual.run("var n = 0, m = 0; setInterval(function () { n++; }, 10); setInterval(function () { m++; }, 0.1);")
    virtual.advance(1000)
    for _ in range(1000):
        virtual.advance(1)
    assert lines(virtual.run("console.log(n, m)")) == ["200 2000"]


def test_timer_delays_drop_their_fraction(virtual: SwanRuntime) -> None:
    """HTML timers read the delay as a WebIDL long: setTimeout(f, 1.9) is due at 1 ms."""
    virtual.run("setTimeout(function () { console.log('due'); }, 1.9);")
    virtual.advance(1)
    assert lines(virtual.run("")) == []
    assert [m.text for m in virtual.console] == ["due"]


@pytest.mark.parametrize("ms", [math.inf, -math.inf, math.nan, 1e20, -1, 1.5, 2**53])
def test_advance_refuses_what_no_clock_can_count(virtual: SwanRuntime, ms: float) -> None:
    """advance() takes a whole, finite, non-negative number of milliseconds that keeps the clock
    below Number.MAX_SAFE_INTEGER; anything else is a ValueError, and the clock is unchanged."""
    virtual.run("var n = 0; setInterval(function () { n++; }, 10);")
    with pytest.raises(ValueError, match=r"advance\("):
        virtual.advance(ms)
    virtual.advance(100)
    assert lines(virtual.run("console.log(n)")) == ["10"]


@pytest.mark.parametrize("ms", ["10", None, True])
def test_advance_refuses_what_is_not_a_number(virtual: SwanRuntime, ms: Any) -> None:
    """advance() takes a number of milliseconds: anything else is a TypeError."""
    with pytest.raises(TypeError, match="milliseconds"):
        virtual.advance(ms)


# ------------------------------------------------------------------------------------------------
# Every Python call that runs JS has a run's deadline
# ------------------------------------------------------------------------------------------------
SPIN = "({toJSON: function () { console.log('spinning'); while (true) {} }})"


@pytest.fixture
def spinning(tmp_path: Path) -> Iterator[tuple[SwanRuntime, bridge.Page]]:
    """A runtime without a CPU limit whose page data and globalData hold a toJSON that never returns."""
    project = make_project(tmp_path / "app", {"pages/index/index.js": "Page({data: {v: 1}});"})
    with SwanRuntime(project=project, clock="virtual", cpu_limit=None, timeout=0.5) as rt:
        page = rt.open_page("pages/index/index")
        rt.run(f"var spin = {SPIN}; getCurrentPages()[0].data.v = spin; getApp().globalData.x = spin;")
        yield rt, page


@pytest.mark.parametrize("read", ["page.data", "app.global_data"])
def test_a_read_that_runs_an_endless_to_json_ends_with_run_timeout(spinning: tuple[SwanRuntime, bridge.Page], read: str) -> None:
    """docs/harness.md: a read such as page.data runs the script's toJSON; it runs under the run's
    timeout (RunTimeout naming where it stopped, with what it printed), and the runtime stays usable."""
    rt, page = spinning
    with pytest.raises(RunTimeout) as caught:
        if read == "page.data":
            page.data  # noqa: B018 - the read is the test
        else:
            rt.app.global_data  # noqa: B018
    assert str(caught.value).startswith("the script was still busy after 0.5 s, stopped in:\n    at toJSON (<script>:1:")
    assert lines(caught.value.result) == ["spinning"]
    assert rt.page_stack == ["pages/index/index"]
    assert lines(rt.run("console.log('after')")) == ["after"]


def test_set_global_runs_under_the_deadline(tmp_path: Path) -> None:
    """set_global() assigns the global in JS, where a script's setter runs: under the run's timeout."""
    with SwanRuntime(cpu_limit=None, timeout=0.5) as rt:
        rt.run("Object.defineProperty(globalThis, 'trap', {set: function () { while (true) {} }});")
        with pytest.raises(RunTimeout, match="still busy after 0.5 s"):
            rt.set_global("trap", 1)
        rt.set_global("fine", 2)
        assert lines(rt.run("console.log(fine)")) == ["2"]


# ------------------------------------------------------------------------------------------------
# An endless loop in the framework's hooks names the user's file:line
# ------------------------------------------------------------------------------------------------
PAGE = """Page({
  data: {v: 1},
  spin() {
    while (true) {}
  },
  onLoad(query) {
    if (query.loop) { while (true) {} }
  }
});
"""
COMPONENT = """Component({
  properties: {p: Number},
  observers: {
    'p': function (p) {
      if (p === 3) while (true) {}
    }
  },
  lifetimes: {attached() {
    if (this.properties.p === 5) while (true) {}
  }}
});
"""


@pytest.fixture
def looping(tmp_path: Path) -> Iterator[SwanRuntime]:
    project = make_project(tmp_path / "app", {"pages/index/index.js": PAGE, "components/c/c.js": COMPONENT})
    with SwanRuntime(project=project, clock="virtual", cpu_limit=0.2, timeout=30) as rt:
        yield rt


CPU_MESSAGE = "CPULimitExceeded: JS turn used more than 0.2 s of CPU time"


@pytest.mark.parametrize(("case", "location"), [
    ("onLoad", "pages/index/index.js:7:9"),
    ("page method", "pages/index/index.js:3:1"),
    ("attached", "components/c/c.js:9:31"),
    ("observer", "components/c/c.js:5:17"),
])
def test_an_endless_loop_in_a_hook_raises_the_cpu_limit_with_its_place(looping: SwanRuntime, case: str, location: str) -> None:
    """docs/behaviour.md, runaway scripts: a turn over the CPU limit stops with CPULimitExceeded
    naming where it was; open_page, page.call and mount_component raise that error (not "the
    promise it returned never settled"), and the runtime goes on."""
    actions: dict[str, Callable[[], object]] = {
        "onLoad": lambda: looping.open_page("pages/index/index", {"loop": 1}),
        "page method": lambda: looping.open_page("pages/index/index").call("spin"),
        "attached": lambda: looping.mount_component("components/c/c", {"p": 5}),
        "observer": lambda: looping.mount_component("components/c/c").set_properties({"p": 3}),
    }
    with pytest.raises(CPULimitExceeded) as caught:
        actions[case]()
    assert caught.value.message == CPU_MESSAGE
    assert caught.value.location == location
    assert str(caught.value).startswith(f"{location}: {CPU_MESSAGE}")
    assert looping.unseen_errors() == []
    assert lines(looping.run("console.log('after')")) == ["after"]


# ------------------------------------------------------------------------------------------------
# A closed runtime says so, with one exported error
# ------------------------------------------------------------------------------------------------
CLOSED_CALLS: dict[str, Callable[[SwanRuntime], object]] = {
    "run": lambda rt: rt.run("1"),
    "run_file": lambda rt: rt.run_file(__file__),
    "advance": lambda rt: rt.advance(1),
    "open_page": lambda rt: rt.open_page("pages/index/index"),
    "open_page_file": lambda rt: rt.open_page_file(__file__),
    "mount_component": lambda rt: rt.mount_component("components/c/c"),
    "page_stack": lambda rt: rt.page_stack,
    "current_page": lambda rt: rt.current_page,
    "app.global_data": lambda rt: rt.app.global_data,
    "tab_bar": lambda rt: rt.tab_bar,
    "tap_tab": lambda rt: rt.tap_tab(0),
    "hide_app": lambda rt: rt.hide_app(),
    "show_app": lambda rt: rt.show_app(),
    "set_network": lambda rt: rt.set_network("wifi"),
    "logged_in": lambda rt: setattr(rt, "logged_in", False),
    "set_global": lambda rt: rt.set_global("a", 1),
    "answer": lambda rt: rt.answer("showModal", {"confirm": True, "cancel": False}),
    "host_path": lambda rt: rt.host_path("bdfile://tmp_0000000000000000"),
    "temp_directory": lambda rt: rt.temp_directory,
}


@pytest.mark.parametrize("call", sorted(CLOSED_CALLS))
def test_every_call_after_close_raises_runtime_closed_error(call: str) -> None:
    """A runtime used after close() raises RuntimeClosedError (exported; a RuntimeError too), never
    asyncio's "Event loop is closed" or an internal error; its records stay readable."""
    rt = SwanRuntime(clock="virtual")
    rt.run("console.log('before'); swan.setStorageSync('k', 1);")
    rt.close()
    with pytest.raises(RuntimeClosedError, match="^this SwanRuntime is closed$"):
        CLOSED_CALLS[call](rt)
    assert isinstance(RuntimeClosedError(), RuntimeError) and "RuntimeClosedError" in bridge.__all__
    assert [m.text for m in rt.console] == ["before"]
    assert dict(rt.storage) == {"k": 1}
    rt.close()  # closing again does nothing


def test_an_async_run_after_aclose_raises_runtime_closed_error() -> None:
    """The async forms raise the same error after aclose()."""
    import asyncio

    async def main() -> None:
        async with SwanRuntime() as rt:
            await rt.arun("1")
        with pytest.raises(RuntimeClosedError):
            await rt.arun("1")

    asyncio.run(main())


def test_host_path_of_a_missing_or_refused_path_raises_builtin_errors(runtime: Callable[..., SwanRuntime]) -> None:
    """host_path() raises FileNotFoundError for a bdfile:// path that names no file and ValueError
    for a path the sandbox refuses (docs/python-api.md), not the package's internal failure."""
    rt = runtime()
    with pytest.raises(FileNotFoundError) as missing:
        rt.host_path("bdfile://tmp_0000000000000000.txt")
    assert missing.value.filename == "bdfile://tmp_0000000000000000.txt"
    with pytest.raises(ValueError, match="invalid file path"):
        rt.host_path("/etc/passwd")
    rt.run("swan.getFileSystemManager().writeFileSync(swan.env.USER_DATA_PATH + '/a.txt', 'hi', 'utf8');")
    assert rt.host_path("bdfile://usr/a.txt").read_text() == "hi"


# ------------------------------------------------------------------------------------------------
# A response charset that is no charset
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("charset", ["zlib", "base64", "rot13", "undefined", "unicode_escape"])
def test_a_charset_that_is_no_web_encoding_is_read_as_utf8(make_runtime: Callable[..., SwanRuntime],
                                                          server: EmbeddedServer, charset: str) -> None:
    """docs/behaviour.md, swan.request: text is decoded with the Content-Type charset, else UTF-8.
    A name that is no charset of the WHATWG Encoding Standard (a Python codec such as zlib or
    base64) is read as UTF-8: request succeeds with the text."""
    path = f"/charset-{charset}"
    body = "café \\u ☃".encode()
    server.route("GET", path, Reply(body=body, headers={"Content-Type": f"text/plain; charset={charset}"}))
    rt = make_runtime()
    result = rt.run(f"""
    swan.request({{url: '{SAMPLE_ORIGIN}{path[1:]}', dataType: 'text',
      success: function (res) {{ console.log(res.statusCode, JSON.stringify(res.data)); }},
      fail: function (res) {{ console.log('fail', res.errMsg); }}}});
    """)
    assert lines(result) == ['200 "café \\\\u ☃"']
    assert result.errors == []


@pytest.mark.timeout(30)  # opening a FIFO to read it blocked until a writer came: forever
def test_run_file_and_open_page_file_refuse_what_is_no_regular_file(tmp_path: Path) -> None:
    """A FIFO, or a link to a device, given as a script or a page file is refused by its type
    before it is opened (InvalidScript); a missing file is FileNotFoundError; a file that is not
    UTF-8 names the place of its first bad byte."""
    import os

    fifo = tmp_path / "page.js"
    os.mkfifo(fifo)
    device = tmp_path / "zero.js"
    device.symlink_to("/dev/zero")
    bad = tmp_path / "bad.js"
    bad.write_bytes(b"console.log(1);\nconsole.log('\xff');\n")
    with SwanRuntime() as rt:
        for path in (fifo, device):
            with pytest.raises(InvalidScript, match="not a regular file"):
                rt.run_file(path)
            with pytest.raises(InvalidScript, match="not a regular file"):
                rt.open_page_file(path)
        with pytest.raises(InvalidScript, match=r"bad\.js:2:14: invalid UTF-8 \(byte 0xff\)"):
            rt.run_file(bad)
        with pytest.raises(FileNotFoundError):
            rt.run_file(tmp_path / "missing.js")
        assert rt.run("console.log('still usable')").output == "still usable\n"
