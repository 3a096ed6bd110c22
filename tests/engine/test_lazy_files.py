"""The shim's files loaded at first use (sockets, the FileSystemManager, animations, media, the
device): a script sees the same `swan` as if they had loaded with the runtime, whatever it did to
`swan` and the globals before it first reached one (docs/how-it-works.md, "Files loaded at first
use")."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from bridge import MemoryLimitExceeded, SwanRuntime
from bridge.testing import EmbeddedServer, Reply


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
    swan.getImageInfo = mine;                      // media.js is not loaded yet
    var audio = swan.createInnerAudioContext();    // loads media.js, which defines getImageInfo too
    console.log(swan.getImageInfo === mine, typeof audio.play);
    delete swan.getBatteryInfo;                    // device.js
    swan.getBatteryInfoSync;
    console.log(typeof swan.getBatteryInfo, typeof swan.getBatteryInfoSync);
    """) == ["true function", "undefined function"]


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
    here 700 KB of a 1 MB limit, then every family (about 400 KB of the shim); 500 KB more is
    over the limit."""
    with SwanRuntime(memory_limit_mb=1) as rt:
        rt.run("""globalThis.kept = 'x'.repeat(700000);
                  swan.getImageInfo; swan.connectSocket; swan.getFileSystemManager; swan.createAnimation; swan.getBatteryInfo;
                  console.log(kept.length)""")
        assert [m.text for m in rt.console] == ["700000"]
        result = rt.run("globalThis.more = 'y'.repeat(500000);")
        assert [type(e) for e in result.errors] == [MemoryLimitExceeded]
