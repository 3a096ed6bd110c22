"""The shim's files loaded at first use (sockets, the FileSystemManager, animations, media, the
device): a script sees the same `swan` as if they had loaded with the runtime, whatever it did to
`swan` and the globals before it first reached one (docs/how-it-works.md, "Files loaded at first
use")."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from bridge import CPULimitExceeded, MemoryLimitExceeded, SwanRuntime
from bridge.testing import EmbeddedServer, Reply, run_until


@pytest.fixture(autouse=True)
def _learnt() -> None:
    # The first runtime of a process loads every file to learn what each defines; the runtimes
    # these tests make are the later ones, which load a file when a script first reaches it.
    with SwanRuntime():
        pass


@pytest.fixture
def rt() -> Iterator[SwanRuntime]:
    with SwanRuntime(clock="virtual") as runtime:
        runtime.audio_duration = 0.3
        yield runtime


def printed(rt: SwanRuntime, source: str) -> list[str]:
    before = len(rt.console)
    rt.run(source)
    return [m.text for m in rt.console[before:]]


def test_what_a_script_sees_before_a_file_loads_is_what_it_sees_after() -> None:
    """`typeof`, `in`, Object.keys and canIUse answer the same before any family is used as in
    a runtime where a script has used them all."""
    probe = """console.log(JSON.stringify([typeof swan.getImageInfo, 'connectSocket' in swan, typeof swan.ai.ocrIdCard,
      Object.keys(swan).sort(), swan.canIUse('getImageInfo'), swan.canIUse('InnerAudioContext.play'),
      swan.canIUse('InnerAudioContext.nope'), swan.canIUse('FileSystemManager.readFile'), swan.canIUse('createAnimation')]))"""
    with SwanRuntime() as fresh, SwanRuntime() as used:
        used.run("""swan.getImageInfo; swan.connectSocket; swan.getFileSystemManager; swan.createAnimation;
                    swan.getBatteryInfo""")
        before, after = printed(fresh, probe), printed(used, probe)
    assert before == after
    answers = json.loads(before[0])
    assert answers[:3] == ["function", True, "function"] and answers[4:] == [True, True, False, True, True]
    assert {"getImageInfo", "connectSocket", "getFileSystemManager", "createAnimation", "getBatteryInfo"} <= set(answers[3])


def test_a_name_the_script_replaced_before_its_file_loaded_stays_the_scripts(rt: SwanRuntime) -> None:
    assert printed(rt, """
    var mine = function () { return 'mine'; };
    swan.ai = null;                                // an object of APIs that device.js and media.js share
    // Defined over the placeholder, which does not run: media.js is not loaded yet.
    Object.defineProperty(swan, 'getImageInfo', {value: mine, writable: true, enumerable: true, configurable: true});
    var audio = swan.createInnerAudioContext();    // loads media.js, which defines getImageInfo too
    console.log(swan.getImageInfo === mine, typeof audio.play);
    swan.startAccelerometer = mine;                // assigned: device.js loads first, then it is the script's
    delete swan.getBatteryInfo;                    // removed: it stays removed
    swan.getBatteryInfoSync; swan.getFileSystemManager;
    console.log(swan.startAccelerometer === mine, typeof swan.getBatteryInfo, typeof swan.getBatteryInfoSync, swan.ai);
    """) == ["true function", "true undefined function null"]


def test_a_sealed_swan_takes_assignments_and_a_frozen_one_ignores_them(rt: SwanRuntime) -> None:
    assert printed(rt, """
    Object.seal(swan);
    swan.getBatteryInfo = 5;
    console.log(swan.getBatteryInfo, typeof swan.getBatteryInfoSync);
    """) == ["5 function"]
    assert printed(rt, """
    Object.freeze(swan);
    swan.getFileSystemManager = 5;
    console.log(typeof swan.getFileSystemManager, typeof swan.getFileSystemManager().readFileSync);
    """) == ["function function"]


def test_a_frozen_swan_still_reaches_every_family(rt: SwanRuntime) -> None:
    assert printed(rt, """
    Object.freeze(swan);
    var audio = swan.createInnerAudioContext();
    audio.src = 'https://cdn.example/a.mp3';
    audio.onEnded(function () { console.log('ended'); });
    audio.play();
    console.log(typeof swan.getFileSystemManager().readFileSync, typeof swan.createAnimation().step);
    """) == ["function function"]
    rt.advance(1000)
    assert rt.console[-1].text == "ended" and rt.errors == []


def test_globals_a_script_replaced_first_do_not_reach_a_file_loaded_later(rt: SwanRuntime) -> None:
    """The audio clock's timers and the image download are the shim's own, as in a runtime that
    loaded media.js before the script ran."""
    with EmbeddedServer() as server, SwanRuntime(route_all_to=server.url) as net:
        server.route("GET", "/pic.png", Reply(200, body=bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000007000000090806000000"), headers={"Content-Type": "image/png"}))
        assert printed(net, """
        swan.downloadFile = function () { console.log('the script\\'s downloadFile'); };
        swan.getImageInfo({src: 'https://img.example/pic.png', success: function (r) { console.log(r.width, r.height); }});
        """) == ["7 9"]
    printed(rt, """
    setTimeout = function () { throw new Error('replaced'); };
    clearTimeout = setTimeout;
    var audio = swan.createInnerAudioContext();
    audio.src = 'https://cdn.example/a.mp3';
    audio.onEnded(function () { console.log('ended'); });
    audio.play();
    """)
    rt.advance(1000)
    assert rt.console[-1].text == "ended" and rt.errors == []


def test_a_host_command_of_a_file_not_loaded_yet_loads_it(rt: SwanRuntime) -> None:
    """rt.emit before the script used any device API: no listener gets it, and nothing fails."""
    assert rt.emit("onAccelerometerChange", {"x": 1, "y": 2, "z": 3}) == 0
    rt.run("swan.onAccelerometerChange(function (r) { console.log(r.x); })")
    assert rt.emit("onAccelerometerChange", {"x": 1, "y": 2, "z": 3}) == 1


def test_a_file_loaded_later_does_not_count_against_the_scripts_memory_limit() -> None:
    """The memory limit counts the script's heap, whichever files it makes the runtime load:
    here 700 KB of a 1 MB limit, then every family (about 500 KB of the shim); 700 KB more is
    over the limit."""
    with SwanRuntime(memory_limit_mb=1) as rt:
        rt.run("""globalThis.kept = 'x'.repeat(700000);
                  swan.getImageInfo; swan.connectSocket; swan.getFileSystemManager; swan.createAnimation; swan.getBatteryInfo;
                  console.log(kept.length)""")
        assert [m.text for m in rt.console] == ["700000"]
        result = rt.run("globalThis.more = 'y'.repeat(700000);")
        assert [type(e) for e in result.errors] == [MemoryLimitExceeded]


def test_a_load_the_engine_stops_runs_again_whole_at_the_next_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CPU limit (or the run's deadline, or Ctrl-C) stopping a file's load runs no catch: the
    host resets the load when the turn ends, and the next use loads the file from the start, with
    nothing of the stopped load left on swan (docs/how-it-works.md)."""
    from bridge._engine._context import Engine

    load = Engine._lazy_file
    stopped: list[int] = []

    def stop_the_first_load(engine: Engine, index: int):  # type: ignore[no-untyped-def]
        function = load(engine, index)
        if index < 0 or stopped:
            return function
        stopped.append(index)
        # The file runs whole, then its load spins until the CPU limit stops it: stopped before
        # the load could end.
        engine._deadlines.cpu = 0.0
        spin = engine._ctx.eval("(function (f) { return function (g, s) { f(g, s); for (;;) {} }; })")
        return spin(function)

    # Why inside: no public API can land a stop inside a load of about a millisecond.
    monkeypatch.setattr(Engine, "_lazy_file", stop_the_first_load)
    with SwanRuntime() as rt:
        result = rt.run("swan.onAccelerometerChange(function (r) { console.log('x', r.x); });")
        assert stopped and [type(e) for e in result.errors] == [CPULimitExceeded]
        rt.run("swan.onAccelerometerChange(function (r) { console.log('x', r.x); });")
        assert rt.emit("onAccelerometerChange", {"x": 1, "y": 2, "z": 3}) == 1
        assert rt.device["sensors"]["accelerometer"]["running"] is True
        assert [m.text for m in rt.console] == ["x 1"]


def test_a_script_that_used_up_its_heap_still_reaches_a_family() -> None:
    """The heap a file takes to load is not the script's: a script that has filled its memory
    limit but for 100 KB still loads device.js (about 150 KB, more on its way), and what it
    registers stays registered when other names of the file are used."""
    with SwanRuntime(memory_limit_mb=1) as rt:
        rt.run("""
        var hoard = [];
        try { for (;;) hoard.push('x'.repeat(1000) + hoard.length); } catch (e) { hoard.length -= 100; console.log('full'); }
        swan.onAccelerometerChange(function (r) { console.log('x', r.x); });
        hoard = null;
        """)
        assert rt.emit("onAccelerometerChange", {"x": 1, "y": 2, "z": 3}) == 1
        rt.run("swan.getBatteryInfoSync(); swan.getSystemRiskInfo;")
        assert rt.emit("onAccelerometerChange", {"x": 4, "y": 5, "z": 6}) == 1
        assert [m.text for m in rt.console] == ["full", "x 1", "x 4"]
        assert rt.errors == []


def test_a_file_loads_without_running_what_the_script_replaced_on_builtins() -> None:
    """Array.prototype.concat and Uint8Array.fromBase64 replaced before the first use of device.js,
    media.js and a socket's binary message: never called (the shim's own copies are)."""
    with EmbeddedServer() as server, SwanRuntime(route_all_to=server.url) as rt:
        rt.run("""
        globalThis.calls = [];
        Array.prototype.concat = function () { calls.push('concat'); return []; };
        Uint8Array.fromBase64 = function () { calls.push('fromBase64'); return new Uint8Array(0); };
        swan.getBatteryInfoSync(); swan.createInnerAudioContext();
        var t = swan.connectSocket({url: 'wss://chat.example.com/ws'});
        t.onOpen(function () { t.send({data: new Uint8Array([7, 8]).buffer}); });
        t.onMessage(function (m) { console.log(Array.from(new Uint8Array(m.data)).join(','), JSON.stringify(calls)); t.close({}); });
        """)
        run_until(rt, lambda: any(m.text.startswith("7,8") for m in rt.console))
        assert [m.text for m in rt.console] == ["7,8 []"]
