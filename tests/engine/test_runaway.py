"""Runaway scripts and engine hazards: stopped with a clear error, never a crash, runtime usable."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from bridge import CPULimitExceeded, MemoryLimitExceeded, SwanRuntime
from bridge.testing import deliver_progress, evaluate

from support import ROOT, lines


@pytest.mark.parametrize(
    "script",
    ["while (true) {}", "setTimeout(() => { while (true) {} }, 0)", "Promise.resolve().then(() => { for (;;) {} })",
     "swan.chooseImage({success: () => { while (true) {} }})"],
)
def test_infinite_loops_are_stopped_by_the_cpu_limit_and_the_runtime_goes_on(script: str) -> None:
    with SwanRuntime(cpu_limit=0.5, timeout=30) as rt:
        started = time.monotonic()
        result = rt.run(script + "\n;setTimeout(() => console.log('loop went on'), 10)")
        assert time.monotonic() - started < 10
        [error] = result.errors
        assert isinstance(error, CPULimitExceeded)
        assert "more than 0.5 s of CPU time" in error.message
        assert lines(rt.run("console.log('next script runs')")) == ["next script runs"]


def test_cli_cpu_limit_exit_1(tmp_path: Path) -> None:
    script = tmp_path / "spin.js"
    script.write_text("console.log('before'); while (true) {}")
    exe = Path(sys.executable).with_name("swan-bridge")
    proc = subprocess.run([str(exe), "run", "--cpu-limit", "0.5", str(script)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == "before\n"
    assert "CPULimitExceeded: JS turn used more than 0.5 s of CPU time" in proc.stderr


def test_a_memory_bomb_is_stopped_and_the_runtime_recovers() -> None:
    with SwanRuntime(memory_limit_mb=64) as rt:
        result = rt.run("const hog = []; while (true) hog.push('x'.repeat(1e5) + hog.length);")
        assert [type(e) for e in result.errors] == [MemoryLimitExceeded]
        result = rt.run("(function () { const a = []; for (;;) a.push(new Array(1e5).fill(1)); })()")
        assert [type(e) for e in result.errors] == [MemoryLimitExceeded]
        assert lines(rt.run("console.log('alive')")) == ["alive"]


def test_deep_recursion_is_a_catchable_js_error_not_a_crash() -> None:
    with SwanRuntime() as rt:
        result = rt.run("""
        function down(n) { return down(n + 1) + 1; }
        try { down(0); } catch (e) { console.log('caught', e instanceof RangeError, e instanceof Error); }
        down(0);
        """)
        assert lines(result) == ["caught true true"]
        [error] = result.errors
        assert "stack" in error.message.lower() or "RangeError" in error.message
        assert lines(rt.run("console.log('alive')")) == ["alive"]


def test_nul_surrogates_and_big_numbers_cross_intact() -> None:
    with SwanRuntime(globals={"fromPy": {"s": "a\x00b\ud800c\U0001F600", "n": 2**53 - 1, "big": 5_000_000_000}}) as rt:
        result = rt.run("""
        console.log(fromPy.s.length, fromPy.s.charCodeAt(1), fromPy.s.charCodeAt(3), fromPy.n, fromPy.big);
        console.log('nul:\\u0000:end', 'lone:\\udc00:end', Date.now());
        """)
        first, second = lines(result)
        assert first == "7 0 55296 9007199254740991 5000000000"
        nul, lone, now = second.split(" ")
        assert nul == "nul:\x00:end" and lone == "lone:\udc00:end"
        assert abs(int(now) - time.time() * 1000) < 60_000  # a millisecond timestamp, above 2**31


def test_progress_counts_above_2_31_reach_the_listener_intact() -> None:
    with SwanRuntime() as rt:
        # Deliver a progress event for a live call straight through the protocol.
        evaluate(rt, """globalThis.task = swan.downloadFile({url: 'https://x.invalid/'});
            task.onProgressUpdate(p => console.log(JSON.stringify(p)));""")
        call_id = rt.tasks[-1].id
        deliver_progress(rt, call_id, 5_000_000_000, 6_000_000_000)
        assert rt.console[-1].text == '{"progress":83,"totalBytesWritten":5000000000,"totalBytesExpectedToWrite":6000000000}'
        evaluate(rt, "task.abort()")


def test_errors_whose_text_cannot_cross_are_reported_cleanly() -> None:
    with SwanRuntime() as rt:
        result = rt.run("throw new Error('bad \\ud800 text')")
        [error] = result.errors
        assert error.message  # reported, whatever the engine could carry across
        assert lines(rt.run("console.log('alive')")) == ["alive"]


CTRL_C = r"""
import os, signal, sys, threading, time
from bridge import SwanRuntime

SCRIPTS = {
    "loop": "console.log('start'); while (true) {}",
    "sync channel": "console.log('start'); const fs = swan.getFileSystemManager();"
                    " for (let i = 0; ; i++) { try { fs.writeFileSync(swan.env.USER_DATA_PATH + '/f.txt', 'x' + i); } catch (e) {} }",
    "promise jobs": "console.log('start'); const spin = () => Promise.resolve().then(spin); spin();",
    "timers": "console.log('start'); setInterval(() => {}, 1);",
}
rt = SwanRuntime(timeout=60, cpu_limit=None)
for name, source in SCRIPTS.items():
    threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
    started = time.monotonic()
    try:
        rt.run(source)
    except KeyboardInterrupt:
        print(name, "interrupted", round(time.monotonic() - started) < 10, [m.text for m in rt.console][-1])
    else:
        print(name, "not interrupted")
    print(name, "then", rt.run("console.log(6 * 7)").output.strip())
# A page method's turn runs outside the event loop when it leaves nothing to run (page.call).
import tempfile
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "spin.js")
    with open(path, "w") as f:
        f.write("Page({ spin() { console.log('spin'); while (true) {} }, quick() { return 7; } });")
    page = rt.open_page_file(path)
threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
try:
    page.call("spin")
except KeyboardInterrupt:
    print("page method interrupted", [m.text for m in rt.console][-1], page.call("quick"))
custom = []
signal.signal(signal.SIGINT, lambda *a: custom.append(1))  # a handler of the caller's: left alone
threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
print("custom", rt.run("setTimeout(() => console.log('done'), 600)").output.strip(), custom)
rt.close()
"""


def test_ctrl_c_stops_a_run_whatever_the_script_is_doing() -> None:
    """Python's own Ctrl-C handler raised inside the engine's interrupt check or the synchronous
    channel, where the exception was lost: the script ran on until its timeout."""
    import signal

    # (A shell that starts jobs in the background makes them ignore SIGINT; the child must not.)
    proc = subprocess.run([sys.executable, "-c", CTRL_C], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "loop interrupted True start", "loop then 42",
        "sync channel interrupted True start", "sync channel then 42",
        "promise jobs interrupted True start", "promise jobs then 42",
        "timers interrupted True start", "timers then 42",
        "page method interrupted spin 7",
        "custom done [1]",
    ]


def test_ctrl_c_before_the_loop_has_begun_leaves_nothing_for_the_next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C can land after run()'s first turn, once it made the loop's task and before the
    loop's handler is installed (Python's own handler raises there): the next run runs its own
    script only, not what the interrupted one left (its timers, its endless loop)."""
    import contextlib

    from bridge._runtime import _runtime

    @contextlib.contextmanager
    def ctrl_c_at_once(*args: object):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt
        yield

    with SwanRuntime(timeout=5, cpu_limit=None) as rt:
        monkeypatch.setattr(_runtime, "ctrl_c_stops", ctrl_c_at_once)
        with pytest.raises(KeyboardInterrupt):
            rt.run("console.log('interrupted run'); setTimeout(() => console.log('left over'), 0); "
                   "setTimeout(() => { while (true) {} }, 0);")
        monkeypatch.undo()
        assert lines(rt.run("console.log(6 * 7)")) == ["42"]
        assert [m.text for m in rt.console] == ["interrupted run", "42"]  # its timers never ran


@pytest.mark.parametrize("way", ["run", "arun"])
def test_a_runs_timeout_counts_from_its_start_whichever_way_it_runs(way: str) -> None:
    """options "timeout": wall-clock seconds per run, from its start to its end. A first turn
    busy for 0.6 s, then a timer 0.6 s later: over a 1 s timeout, for run() (whose first turn
    runs outside the event loop) as for arun(); the result so far goes with the error."""
    import asyncio

    from bridge import RunTimeout

    source = "const t = Date.now(); while (Date.now() - t < 600) {} console.log('busy'); setTimeout(() => console.log('late'), 600);"
    with SwanRuntime(timeout=1.0) as rt:
        started = time.monotonic()
        with pytest.raises(RunTimeout) as caught:
            if way == "run":
                rt.run(source)
            else:
                asyncio.run(rt.arun(source))
        assert time.monotonic() - started < 1.5
        assert lines(caught.value.result) == ["busy"]


def test_a_keyboard_interrupt_from_a_hook_does_the_runs_held_work_once(tmp_path: Path) -> None:
    """A KeyboardInterrupt Python's own handler raises (here from a hook) once the loop has
    begun: the work the run's first turn left for the loop (an asynchronous append) is done once,
    not again on the way out."""
    def hook(message: object) -> None:
        if message.text == "late":  # type: ignore[attr-defined]
            raise KeyboardInterrupt

    with SwanRuntime(data_dir=tmp_path, timeout=10, on_console=hook) as rt:
        with pytest.raises(KeyboardInterrupt):
            rt.run("""const fs = swan.getFileSystemManager(); const p = swan.env.USER_DATA_PATH + '/a.txt';
              fs.writeFileSync(p, 'a', 'utf8'); fs.appendFile({filePath: p, data: 'x', encoding: 'utf8'});
              swan.request({url: 'http://127.0.0.1:9/'}); setTimeout(() => console.log('late'), 100);""")
        assert rt.host_path("bdfile://usr/a.txt").read_text() == "ax"
        assert lines(rt.run("console.log('next')")) == ["next"]


@pytest.mark.parametrize("way", ["run", "arun"])
def test_an_asynchronous_call_is_carried_out_in_the_turn_that_made_it(tmp_path: Path, way: str) -> None:
    """A call the host answers without the network (a file written, storage) is carried out as
    the turn's messages arrive, before the turn's next synchronous call, whichever way the run
    goes; its callbacks run in a later turn, as on a phone."""
    import asyncio

    source = """const fs = swan.getFileSystemManager(); const p = swan.env.USER_DATA_PATH + '/a.txt';
      fs.writeFile({filePath: p, data: 'x', encoding: 'utf8', success: () => console.log('written')});
      console.log('read', fs.readFileSync(p, 'utf8'));"""
    with SwanRuntime(data_dir=tmp_path) as rt:
        result = rt.run(source) if way == "run" else asyncio.run(rt.arun(source))
    assert lines(result) == ["read x", "written"]
