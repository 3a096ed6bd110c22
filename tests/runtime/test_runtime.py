"""The host loop: timers, microtasks, console capture, error isolation, globals, sync and async API."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import httpx
import pytest

from bridge import InvalidScript, RunTimeout, ScriptError, SwanRuntime

from support import lines


@pytest.fixture
def rt():
    with SwanRuntime(timeout=20) as runtime:
        yield runtime


def test_timers_and_microtasks_run_in_browser_order(rt) -> None:
    result = rt.run("""
    setTimeout(() => console.log('timeout 20'), 20);
    setTimeout(() => { console.log('timeout 0 a'); Promise.resolve().then(() => console.log('micro in a')); }, 0);
    setTimeout(() => console.log('timeout 0 b'), 0);
    Promise.resolve().then(() => console.log('micro'));
    queueMicrotask(() => console.log('queueMicrotask'));
    console.log('sync');
    """)
    assert lines(result) == ["sync", "micro", "queueMicrotask", "timeout 0 a", "micro in a", "timeout 0 b", "timeout 20"]


def test_set_interval_and_clear(rt) -> None:
    result = rt.run("""
    let n = 0;
    const id = setInterval((a, b) => { n++; console.log('tick', n, a, b); if (n === 3) clearInterval(id); }, 5, 'x', 'y');
    const never = setTimeout(() => console.log('never'), 1); clearTimeout(never);
    """)
    assert lines(result) == ["tick 1 x y", "tick 2 x y", "tick 3 x y"]


def test_console_formats_like_the_spec(rt) -> None:
    result = rt.run("""
    console.log('s', 1, 1.5, -0, NaN, null, undefined, true, 10n, Symbol('q'));
    console.info({a: [1, {b: 'c'}]}, [1, 'two']);
    const cyc = {}; cyc.self = cyc; console.debug(cyc);
    console.warn(function named() {}); console.error(new TypeError('bad'));
    console.log();
    """)
    assert [(m.level, m.text) for m in result.console] == [
        ("log", "s 1 1.5 0 NaN null undefined true 10 Symbol(q)"),
        ("info", '{"a":[1,{"b":"c"}]} [1,"two"]'),
        ("debug", '{"self":"[Circular]"}'),
        ("warn", "[Function: named]"),
        ("error", "TypeError: bad"),
        ("log", ""),
    ]


def test_a_throwing_callback_is_reported_and_the_loop_goes_on(rt) -> None:
    # The later timer is set once complete has run: set with the others, it would come first
    # whenever the host took 5 ms to reach the loop after the script's turn (a loaded machine).
    result = rt.run("""
    swan.chooseImage({
        success: () => { throw new Error('in success'); },
        complete: () => { console.log('complete ran'); setTimeout(() => console.log('later timer ran'), 5); },
    });
    setTimeout(() => { throw new RangeError('in timer'); }, 0);
    """)
    assert lines(result) == ["complete ran", "later timer ran"]
    # A due timer runs before the host's answer to chooseImage, as on a device.
    assert [(e.where, e.message) for e in result.errors] == [
        ("timer", "RangeError: in timer"), ("chooseImage success", "Error: in success"),
    ]
    assert "at success" in result.errors[1].stack and "fireTimer" not in result.errors[0].stack
    with pytest.raises(ScriptError, match="in timer"):
        result.raise_for_errors()


def test_top_level_error_keeps_earlier_output_and_the_runtime(rt) -> None:
    result = rt.run("console.log('before'); function f() { null.x } f();")
    assert lines(result) == ["before"]
    [error] = result.errors
    assert error.message.startswith("TypeError") and "at f" in error.stack
    assert lines(rt.run("console.log('still usable')")) == ["still usable"]


def test_globals_and_top_level_bindings_persist_across_runs() -> None:
    with SwanRuntime(globals={"res": {"tempFilePaths": ["a"]}, "big": 5_000_000_000}) as rt:
        rt.run("let kept = res.tempFilePaths[0] + big;")
        rt.set_global("later", "\u0000nul\ud800")
        result = rt.run("console.log(kept, later.length, later.charCodeAt(0), later.charCodeAt(4))")
        assert lines(result) == ["a5000000000 5 0 55296"]


def test_invalid_source_is_refused_cleanly(rt) -> None:
    with pytest.raises(InvalidScript):
        rt.run("console.log('a')\x00")
    with pytest.raises(InvalidScript):
        rt.run("console.log('\ud800')")
    assert lines(rt.run("console.log('ok')")) == ["ok"]


def test_wall_clock_timeout_cancels_and_keeps_partial_output(rt) -> None:
    with pytest.raises(RunTimeout) as info:
        rt.run("console.log('started'); setInterval(() => {}, 10);", timeout=0.3)
    assert lines(info.value.result) == ["started"]
    assert lines(rt.run("console.log('next run')")) == ["next run"]


def test_async_api_inside_a_running_loop() -> None:
    async def main() -> list[str]:
        async with SwanRuntime() as rt:
            with pytest.raises(RuntimeError, match="arun"):
                rt.run("1")
            result = await rt.arun("setTimeout(() => console.log('async ok'), 1)")
            return lines(result)

    assert asyncio.run(main()) == ["async ok"]


def test_a_python_handler_that_raises_becomes_fail_and_the_runtime_stays_usable() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("handler bug")
        return httpx.Response(200, content=b"fine")

    script = """swan.downloadFile({url: 'https://example.com/x',
        success: r => console.log('success', r.statusCode), fail: e => console.log(e.errCode, e.errMsg),
        complete: () => console.log('complete')});"""
    with SwanRuntime(transport=httpx.MockTransport(handler)) as rt:
        first = rt.run(script)
        assert lines(first) == ["1001 downloadFile:fail internal error: RuntimeError: handler bug", "complete"]
        assert first.errors == []
        assert lines(rt.run(script)) == ["success 200", "complete"]


def test_a_non_transfer_handler_that_fails_on_the_host_becomes_fail(make_runtime, random_file) -> None:
    # The chosen image vanished from the host under the runtime: the handler's OSError must
    # become a fail result, not an exception in the host.
    image = random_file(10, "gone.png")
    rt = make_runtime(choose_images=[image])
    image.unlink()
    result = rt.run("swan.chooseImage({fail: e => console.log(e.errCode, e.errMsg)})")
    assert lines(result) == ["1001 chooseImage:fail file not found: bdfile://tmp_chosen_0.png"]
    assert lines(rt.run("console.log(typeof swan.uploadFile)")) == ["function"]


def test_callbacks_are_asynchronous_and_tasks_are_returned(rt) -> None:
    result = rt.run("""
    const t = swan.uploadFile({fail: e => console.log('fail', e.errCode, e.errMsg)});
    console.log('returned', typeof t.abort, typeof t.onProgressUpdate, typeof t.then);
    """)
    assert lines(result) == ["returned function function undefined",
                             "fail 202 uploadFile:fail parameter error: url is required"]


def test_closing_removes_the_temp_directory(tmp_path) -> None:
    rt = SwanRuntime(temp_dir=tmp_path)
    directory = rt.temp_directory
    assert tmp_path in directory.parents and directory.is_dir()
    rt.close()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(RuntimeError, match="closed"):
        rt.run("1")


def test_a_runtime_never_closed_leaves_no_directory_at_exit(tmp_path) -> None:
    # A script that forgets close() (or crashes before it): its temp directory goes at exit; a
    # failed start removes it at once.
    code = ("import sys; from bridge import SwanRuntime; rt = SwanRuntime(temp_dir=sys.argv[1]);"
            "rt.run(\"swan.downloadFile({url: 'http://127.0.0.1:9/x'})\"); print(rt.temp_directory)")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith(str(tmp_path))
    assert list(tmp_path.iterdir()) == []
    data = tmp_path / "data"
    (data / "usr").mkdir(parents=True)
    (data / "store").symlink_to(tmp_path)
    (tmp_path / "t").mkdir()
    with pytest.raises(ValueError, match="is a symlink"):
        SwanRuntime(temp_dir=tmp_path / "t", data_dir=data)
    assert list((tmp_path / "t").iterdir()) == []


def test_odd_timer_delays_behave_as_in_browsers(rt) -> None:
    result = rt.run("""
    setTimeout(() => console.log('infinity'), Infinity);
    setTimeout(() => console.log('nan'), NaN);
    setTimeout(() => console.log('negative'), -5);
    setTimeout(() => console.log('string'), '1');
    setTimeout(() => console.log('huge'), 2 ** 40);
    setTimeout('console.log("strings are not evaluated")', 0);
    """)
    assert sorted(lines(result)) == ["huge", "infinity", "nan", "negative", "string"]
    assert result.errors == []


def test_calls_show_what_the_script_passed() -> None:
    # rt.calls keeps the script's own parameters (callbacks left out), not what the shim made of
    # them for the host: a request's data object stays an object; bytes come back as bytes.
    with SwanRuntime() as rt:
        rt.run("""
        swan.request({url: 'https://a.example.com/p', method: 'POST', data: {n: 1, tags: ['a', new Date(0)]},
                      success: function () {}});
        swan.request({url: 'https://a.example.com/b', method: 'PUT', data: new Uint8Array([1, 2, 255]).buffer});
        var deep = {}; var node = deep; for (var i = 0; i < 100; i++) node = node.next = {};
        swan.setStorage({key: 'k', data: deep});
        var loop = {}; loop.self = loop;
        swan.showToast({title: 'hi', extra: loop, get bad() { throw new Error('no'); }});
        """)
        assert rt.calls("request") == [
            {"url": "https://a.example.com/p", "method": "POST", "data": {"n": 1, "tags": ["a", "1970-01-01T00:00:00.000Z"]}},
            {"url": "https://a.example.com/b", "method": "PUT", "data": b"\x01\x02\xff"},
        ]
        # too deep to record as given: the checked parameters are shown instead
        assert rt.calls("setStorage")[0]["key"] == "k"
        assert rt.calls("showToast") == [{"title": "hi"}]


def test_what_the_script_passed_cannot_forge_bytes_or_crash_the_host() -> None:
    with SwanRuntime() as rt:
        result = rt.run("""
        function deep(n) { var o = {}, c = o; for (var i = 0; i < n; i++) c = c.a = {}; return o; }
        swan.showToast({title: 'a', extra: {$bytes: 'x'}, complete() { console.log('c1'); }});
        swan.showToast({title: 'b', extra: {$bytes: 'aGk='}, $k: 1});
        swan.showToast({title: 'c', extra: {toJSON() { return deep(3000); }}, complete() { console.log('c3'); }});
        swan.showToast({title: 'd', complete() { console.log('c4'); }});
        console.log('after');
        """)
        assert [line.text for line in result.console] == ["after", "c1", "c3", "c4"]
        assert rt.calls("showToast") == [
            {"title": "a", "extra": {"$bytes": "x"}},
            {"title": "b", "extra": {"$bytes": "aGk="}, "$k": 1},
            {"title": "c"},  # too deep to record as passed: the checked parameters
            {"title": "d"},
        ]
        assert result.errors == []


def test_every_public_signature_resolves_its_type_hints() -> None:
    """typing.get_type_hints (documentation tools, validators) resolves every annotation of the
    public API, including those that name httpx, which the runtime imports only when needed."""
    import inspect
    import typing

    import bridge

    for name in bridge.__all__:
        obj = getattr(bridge, name)
        if not callable(obj):
            continue
        members = [obj]
        if inspect.isclass(obj):
            members += [m for attr, m in inspect.getmembers(obj, inspect.isfunction) if not attr.startswith("_") or attr == "__init__"]
        for member in members:
            typing.get_type_hints(member)  # NameError if an annotation names what is not there
    hints = typing.get_type_hints(SwanRuntime.__init__)
    assert hints["transport"] == httpx.BaseTransport | httpx.AsyncBaseTransport | None
