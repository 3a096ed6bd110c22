"""The engine (QuickJS-NG) as a script sees it, through the public API only.

1. every known hazard of the engine and its Python wrapper, checked to be harmless;
2. errors name the user's file:line:col, with several files in one runtime;
3. unhandled promise rejections;
4. the modern JS a phone runs;
5. repeated frames folded in stacks.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, NamedTuple

import httpx
import pytest

from bridge import CPULimitExceeded, InvalidScript, MemoryLimitExceeded, RunTimeout, ScriptError, SwanRuntime

from support import lines


def run_ok(rt: SwanRuntime, source: str, **kwargs: Any) -> list[str]:
    """Run a script that must not fail; its console lines."""
    result = rt.run(source, **kwargs)
    assert result.errors == []
    return lines(result)


def only_error(result: Any) -> ScriptError:
    [error] = result.errors
    return error


def assert_no_shim_frames(error: ScriptError) -> None:
    assert "swan-bridge/" not in error.stack
    assert "<input>" not in error.stack


# ================================================================================================
# 1. The engine's and its wrapper's known hazards
# ================================================================================================
# --- Python exceptions in host calls: there are no host calls ----------------------------------
# (That no function a script reaches is a host callable is checked from the inside, by each
# function's class: tests/internals/test_engine_internals.py.)
#: The only __swan_ globals a script can see once the host has taken its entry points: the
#: engine's rejection tracker and the module loader look these up by name.
VISIBLE_ENTRY_POINTS = frozenset({"__swan_rejection", "__swan_define"})

LIST_ENTRY_POINTS = r"""
const entries = Object.getOwnPropertyNames(globalThis).filter(n => n.startsWith('__swan_')).map(n => {
  const d = Object.getOwnPropertyDescriptor(globalThis, n);
  return [n, typeof d.value, d.writable, d.configurable];
});
console.log(JSON.stringify(entries));
"""


def test_the_two_entry_points_left_are_functions_a_script_cannot_replace() -> None:
    with SwanRuntime() as rt:
        [entries] = (json.loads(line) for line in run_ok(rt, LIST_ENTRY_POINTS))
    assert sorted(entries) == [[name, "function", False, False] for name in sorted(VISIBLE_ENTRY_POINTS)]


def test_the_shims_functions_print_as_the_engines_own_do() -> None:
    """The platform's functions (timers, swan's APIs, console) print as native ones, as on a
    phone, not with the shim's source: the shim's bytecode is kept without it."""
    with SwanRuntime() as rt:
        out = run_ok(rt, "for (const f of [setTimeout, swan.request, console.log, TextEncoder, parseInt]) "
                         "console.log(JSON.stringify(Function.prototype.toString.call(f)));")
    assert [json.loads(line) for line in out] == [
        "function setTimeout() {\n    [native code]\n}", "function () {\n    [native code]\n}",
        "function () {\n    [native code]\n}", "function TextEncoder() {\n    [native code]\n}",
        "function parseInt() {\n    [native code]\n}",
    ]


def test_the_hosts_entry_points_are_out_of_a_scripts_reach() -> None:
    with SwanRuntime() as rt:
        result = rt.run("""
        'use strict';
        const names = ['drain', 'dispatch', 'progress', 'timer', 'configure', 'source', 'checkpoint', 'apis', 'command', 'seal'];
        console.log(names.map(n => typeof globalThis['__swan_' + n]).join());
        try { globalThis.__swan_rejection = () => 'hijacked'; } catch (e) { console.log(e.name); }
        try { delete globalThis.__swan_define; } catch (e) { console.log(e.name); }
        setTimeout(() => console.log('timer still fires'), 0);
        """)
        assert lines(result) == [",".join(["undefined"] * 10), "TypeError", "TypeError", "timer still fires"]
        assert result.errors == []


# --- the CPU time limit --------------------------------------------------------------------------
@pytest.mark.parametrize(("script", "where"), [("while (true) {}", "script"),
                                               ("setTimeout(() => { while (true) {} }, 0)", "timer")])
def test_the_cpu_limit_stops_an_endless_loop_and_the_next_run_works(script: str, where: str) -> None:
    with SwanRuntime(cpu_limit=0.5, timeout=30) as rt:
        started = time.monotonic()
        result = rt.run(script, filename="spin.js")
        assert time.monotonic() - started < 5
        error = only_error(result)
        assert type(error) is CPULimitExceeded
        assert error.message == "CPULimitExceeded: JS turn used more than 0.5 s of CPU time"
        assert error.where == where
        assert error.location == "spin.js:1:1"
        assert run_ok(rt, "console.log('next run')") == ["next run"]
        assert run_ok(rt, "setTimeout(() => console.log('and its timers'), 0)") == ["and its timers"]


def test_without_a_cpu_limit_the_runs_timeout_stops_an_endless_loop() -> None:
    with SwanRuntime(cpu_limit=None, timeout=0.5) as rt:
        started = time.monotonic()
        with pytest.raises(RunTimeout) as info:
            rt.run("console.log('started');\nwhile (true) {}", filename="spin.js")
        assert time.monotonic() - started < 5
        assert str(info.value).startswith("the script was still busy after 0.5 s, stopped in:\n    at spin.js:")
        assert lines(info.value.result) == ["started"]
        assert run_ok(rt, "console.log('next run')") == ["next run"]


# --- numbers above 2**31 -------------------------------------------------------------------------
def test_numbers_above_2_31_cross_intact_both_ways() -> None:
    with SwanRuntime(globals={"big": 5_000_000_000, "nested": {"ms": 1_700_000_000_123, "neg": -5_000_000_000}}) as rt:
        assert run_ok(rt, """
        console.log(big);
        console.log(typeof big, big * 2, big + 1, big === 5e9);
        console.log(nested.ms, nested.neg);
        console.log(2**53);
        console.log(2**31, 2**32 + 1, -(2**31) - 1);
        """) == ["5000000000", "number 10000000000 5000000001 true", "1700000000123 -5000000000",
                 "9007199254740992", "2147483648 4294967297 -2147483649"]
        rt.set_global("later", 2**53 - 1)
        assert run_ok(rt, "console.log(later, later === Number.MAX_SAFE_INTEGER)") == ["9007199254740991 true"]


def test_a_progress_total_above_2_31_reaches_the_listener_intact() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Length": "6000000000"}, content=b"x" * 1000)

    with SwanRuntime(transport=httpx.MockTransport(handler), max_download_mb=10_000, progress_interval=0) as rt:
        result = rt.run("""
        const task = swan.downloadFile({url: 'https://example.com/huge.bin'});
        task.onProgressUpdate(p => console.log(JSON.stringify(p)));
        """)
        assert lines(result)[0] == '{"progress":0,"totalBytesWritten":0,"totalBytesExpectedToWrite":6000000000}'


def test_progress_byte_counts_above_2_31_reach_the_listener_intact() -> None:
    # Moving 5 GB is too slow for a test: the event is delivered straight through the protocol.
    from bridge.testing import deliver_progress, evaluate

    with SwanRuntime() as rt:
        evaluate(rt, """globalThis.task = swan.downloadFile({url: 'https://x.invalid/'});
            task.onProgressUpdate(p => console.log(JSON.stringify(p)));""")
        call_id = rt.tasks[-1].id
        deliver_progress(rt, call_id, 5_000_000_000, 6_000_000_000)
        assert json.loads(rt.console[-1].text) == {
            "progress": 83, "totalBytesWritten": 5_000_000_000, "totalBytesExpectedToWrite": 6_000_000_000}
        deliver_progress(rt, call_id, 2**53, None)
        assert json.loads(rt.console[-1].text) == {
            "progress": 0, "totalBytesWritten": 2**53, "totalBytesExpectedToWrite": -1}
        evaluate(rt, "task.abort()")


# --- NUL characters ------------------------------------------------------------------------------
def test_nul_characters_cross_intact_both_ways() -> None:
    with SwanRuntime(globals={"nul": "a\x00b", "deep": {"k\x00ey": ["\x00"]}}) as rt:
        assert run_ok(rt, r"""
        console.log(nul, nul.length, nul.charCodeAt(1));
        console.log('a\0b');
        console.log(JSON.stringify(Object.keys(deep)), deep['k\0ey'][0].length);
        """) == ["a\x00b 3 0", "a\x00b", '["k\\u0000ey"] 1']


def test_a_script_source_with_a_nul_is_refused_and_the_runtime_goes_on() -> None:
    with SwanRuntime() as rt:
        with pytest.raises(InvalidScript, match="NUL"):
            rt.run("console.log('a\x00b')")
        assert run_ok(rt, "console.log('after')") == ["after"]


# --- lone surrogates -----------------------------------------------------------------------------
def test_lone_surrogates_cross_intact_both_ways() -> None:
    with SwanRuntime(globals={"s": "\ud800", "low": "x\udc00y"}) as rt:
        assert run_ok(rt, r"""
        console.log(s.length, s.charCodeAt(0));
        console.log(low.length, low.charCodeAt(1));
        console.log('\ud800');
        console.log('lone:\udc00:end', '\ud83d\ude00');
        """) == ["1 55296", "3 56320", "\ud800", "lone:\udc00:end \U0001F600"]


def test_a_script_source_with_a_lone_surrogate_is_refused_and_the_runtime_goes_on() -> None:
    with SwanRuntime() as rt:
        with pytest.raises(InvalidScript, match="not valid Unicode"):
            rt.run("console.log('\ud800')")
        assert run_ok(rt, "console.log('after')") == ["after"]


# --- stack overflow ------------------------------------------------------------------------------
def test_stack_overflow_is_a_range_error_catchable_in_js() -> None:
    with SwanRuntime() as rt:
        error = only_error(rt.run("function r(){ return r() } r()"))
        assert type(error) is ScriptError
        assert error.message.startswith("RangeError")
        result = rt.run("""
        function down() { return down() + 1; }
        try { down(); } catch (e) { console.log(e instanceof RangeError, e.name); }
        """)
        assert result.errors == []
        assert lines(result) == ["true RangeError"]


# --- memory limit --------------------------------------------------------------------------------
def test_a_growing_array_hits_the_memory_limit_and_the_runtime_runs_the_next_script() -> None:
    with SwanRuntime(memory_limit_mb=32) as rt:
        # The hog is the loop's own: once the limit stops it, it is garbage. (A hog a global still
        # holds keeps the heap at the limit, and whether the next script then fits depends on which
        # allocation failed: the hog's backing store or one small array.)
        result = rt.run("(function () { const hog = []; while (true) hog.push(new Array(1000).fill(hog.length)); })();")
        assert [type(e) for e in result.errors] == [MemoryLimitExceeded]
        assert result.errors[0].message == "MemoryLimitExceeded: the script ran out of memory"
        assert run_ok(rt, "console.log('alive', [1, 2, 3].map(x => x * 2).join())") == ["alive 2,4,6"]


def test_a_bare_null_is_out_of_memory_only_under_a_memory_limit() -> None:
    # The engine throws a bare null when it cannot even allocate its out-of-memory error, which
    # a script's `throw null` also gives: under a memory limit it is taken as running out of
    # memory (the README says so); without one, it is what the script threw.
    with SwanRuntime(memory_limit_mb=32) as rt:
        assert type(only_error(rt.run("throw null"))) is MemoryLimitExceeded
        assert run_ok(rt, "console.log('next')") == ["next"]
    with SwanRuntime(memory_limit_mb=None) as rt:
        error = only_error(rt.run("throw null"))
        assert type(error) is ScriptError
        assert error.message == "null"


# --- threads -------------------------------------------------------------------------------------
def test_a_runtime_used_from_another_thread_raises_and_still_works_on_its_own() -> None:
    with SwanRuntime() as rt:
        assert run_ok(rt, "console.log('made here')") == ["made here"]
        caught: list[BaseException] = []

        def use_elsewhere() -> None:
            for attempt in (lambda: rt.run("console.log('elsewhere')"), lambda: rt.set_global("x", 1)):
                try:
                    attempt()
                except BaseException as exc:  # noqa: BLE001 - the test inspects it
                    caught.append(exc)

        thread = threading.Thread(target=use_elsewhere)
        thread.start()
        thread.join(30)
        assert [type(e) for e in caught] == [RuntimeError, RuntimeError]
        assert str(caught[0]) == "a SwanRuntime can only be used from the thread that created it"
        assert run_ok(rt, "setTimeout(() => console.log('home again', typeof x), 0)") == ["home again undefined"]


# --- rope strings --------------------------------------------------------------------------------
def test_long_concatenated_strings_cross_to_python() -> None:
    with SwanRuntime() as rt:
        out = run_ok(rt, """
        let s = 'x'.repeat(5000); s = s + s;
        console.log(s.length);
        console.log(s);
        let t = '';
        for (let i = 0; i < 10000; i++) t += 'abcdefghij';
        console.log(t.length);
        console.log(t);
        console.log(`${s}|${t}`);
        """)
        assert out == ["10000", "x" * 10000, "100000", "abcdefghij" * 10000, "x" * 10000 + "|" + "abcdefghij" * 10000]
        error = only_error(rt.run("let e = 'e'.repeat(5000); e += e; throw new Error(e)"))
        assert error.message == "Error: " + "e" * 10000


def test_a_long_string_crosses_from_python_to_js() -> None:
    with SwanRuntime(globals={"y": "y" * 100_000}) as rt:
        assert run_ok(rt, "console.log(y.length, y === 'y'.repeat(100000)); console.log(y + y)") == [
            "100000 true", "y" * 200_000]


# ================================================================================================
# 2. Errors name the user's file and line, with several files in one runtime
# ================================================================================================
A_JS = """\
// a.js: loaded first, several lines long
var loadedFromA = 'a';

function callFromA(fn, arg) {
  const value = fn(arg);
  return value;
}
"""


class BCase(NamedTuple):
    source: str  # lib/b.js; its error is on line 7
    kind: type[ScriptError]
    message: str
    where: str
    stack: str
    console: list[str]


#: Columns are QuickJS-NG's: `throw new Error('literal')` points at `Error`, a call with
#: arguments at its last operand (`fn(arg)` at `arg`), a function stopped by the CPU limit at
#: column 1 of its first line.
B_CASES = {
    "top level throw": BCase("""\
// lib/b.js
// 2
// 3
// 4
// 5
console.log('from b', loadedFromA);
throw new Error('top level');
""", ScriptError, "Error: top level", "script", "    at lib/b.js:7:11", ["from b a"]),
    "setTimeout callback": BCase("""\
// lib/b.js
// 2
// 3
// 4
setTimeout(function later() {
  // 6
  throw new Error('in a timer');
}, 0);
""", ScriptError, "Error: in a timer", "timer", "    at later (lib/b.js:7:13)", []),
    "download success callback": BCase("""\
swan.downloadFile({
  url: 'https://example.com/file.bin',
  success(res) {
    const code = res.statusCode;
    // 5
    console.log('downloaded', code);
    throw new Error('in success');
  }
});
""", ScriptError, "Error: in success", "downloadFile success", "    at success (lib/b.js:7:15)", ["downloaded 200"]),
    "after await": BCase("""\
// lib/b.js
async function load() {
  const value = await Promise.resolve(1);
  console.log('resumed', value);
  await null;
  // 6
  throw new Error('after await');
}
load();
""", ScriptError, "Uncaught (in promise) Error: after await", "promise", "    at load (lib/b.js:7:13)", ["resumed 1"]),
    "syntax error": BCase("""\
console.log('never runs');
// 2
// 3
// 4
// 5
// 6
let broken = ;
""", ScriptError, "SyntaxError: unexpected token in expression: ';'", "script", "    at lib/b.js:7:14", []),
    "cpu limit in a function": BCase("""\
// lib/b.js
// 2
// 3
// 4
// 5
// 6
function spin() { let i = 0; while (true) i++; }
spin();
""", CPULimitExceeded, "CPULimitExceeded: JS turn used more than 0.5 s of CPU time", "script",
        "    at spin (lib/b.js:7:1)\n    at lib/b.js:8:1", []),
    "called from a.js": BCase("""\
// lib/b.js
// 2
// 3
// 4
// 5
// 6
function boom() { throw new TypeError('thrown in b'); }
callFromA(boom);
""", ScriptError, "TypeError: thrown in b", "script",
        "    at boom (lib/b.js:7:29)\n    at callFromA (a.js:5:20)\n    at lib/b.js:8:11", []),
    "JSON.parse": BCase("""\
// lib/b.js
// 2
// 3
// 4
// 5
// 6
const config = JSON.parse('{broken');
""", ScriptError, "SyntaxError: Expected property name or '}' in JSON at position 1 (line 1 column 2)", "script",
        "    at lib/b.js:7:21", []),
}


def _download_handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=b"file body")


@pytest.mark.parametrize("case", list(B_CASES))
def test_errors_name_the_users_file_line_and_column(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, kind, message, where, stack, console = B_CASES[case]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.js").write_text(A_JS, encoding="utf-8")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "b.js").write_text(source, encoding="utf-8")
    with SwanRuntime(transport=httpx.MockTransport(_download_handler), cpu_limit=0.5, timeout=30) as rt:
        assert run_ok(rt, "// an unnamed script first\nvar first = 1;\n") == []
        assert rt.run_file("a.js").errors == []
        result = rt.run_file("lib/b.js")
        error = only_error(result)
        assert lines(result) == console
        assert (type(error), error.message, error.where) == (kind, message, where)
        location = stack.splitlines()[0].rpartition(" ")[2].strip("()")
        assert location.startswith("lib/b.js:7:")
        assert error.location == location
        assert error.stack == stack
        assert str(error) == f"{location}: {message}\n{stack}"
        assert_no_shim_frames(error)
        # and the runtime goes on, its next file named as well
        error = only_error(rt.run("\n\nnull.x", filename="c.js"))
        assert str(error) == "c.js:3:1: TypeError: cannot read property 'x' of null\n    at c.js:3:1"


def test_the_cli_names_the_file_and_line_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    source = B_CASES["top level throw"].source.replace("loadedFromA", "'cli'")
    (tmp_path / "lib" / "b.js").write_text(source, encoding="utf-8")
    exe = Path(sys.executable).with_name("swan-bridge")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "bridge"]
    proc = subprocess.run([*command, "run", "lib/b.js"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stdout == "from b cli\n"
    assert "lib/b.js:7:" in proc.stderr
    assert proc.stderr == "lib/b.js:7:11: Uncaught error (script): Error: top level\n    at lib/b.js:7:11\n"


@pytest.mark.parametrize(("script", "where"), [("throw 42", "script"), ("setTimeout(() => { throw 42 }, 0)", "timer")])
def test_a_thrown_non_error_is_reported_as_its_value_wherever_it_is_thrown(script: str, where: str) -> None:
    with SwanRuntime() as rt:
        error = only_error(rt.run(script))
        assert (error.message, error.where, error.stack, str(error)) == ("42", where, "", "42")


# ================================================================================================
# 3. Unhandled rejections
# ================================================================================================
def test_an_unhandled_rejection_is_reported_once_with_its_stack() -> None:
    with SwanRuntime() as rt:
        result = rt.run("console.log('before');\nPromise.reject(new Error('x'));\nconsole.log('after');",
                        filename="r.js")
        assert lines(result) == ["before", "after"]
        error = only_error(result)
        assert type(error) is ScriptError
        assert (error.message, error.where) == ("Uncaught (in promise) Error: x", "promise")
        assert error.stack == "    at r.js:2:20"
        assert str(error) == "r.js:2:20: Uncaught (in promise) Error: x\n    at r.js:2:20"
        assert run_ok(rt, "setTimeout(() => console.log('later turn'), 0)") == ["later turn"]


def test_a_rejection_handled_later_in_the_same_turn_is_not_reported() -> None:
    with SwanRuntime() as rt:
        assert run_ok(rt, """
        const e = new Error('handled');
        const p = Promise.reject(e);
        p.catch(err => console.log('caught', err.message));
        const q = Promise.reject(new Error('handled in a microtask'));
        Promise.resolve().then(() => Promise.resolve()).then(() => q.catch(err => console.log('caught', err.message)));
        """) == ["caught handled", "caught handled in a microtask"]


def test_a_rejection_with_a_non_error_is_reported_as_its_value() -> None:
    with SwanRuntime() as rt:
        error = only_error(rt.run("Promise.reject(42)"))
        assert (error.message, error.where, error.stack) == ("Uncaught (in promise) 42", "promise", "")


def test_an_async_function_that_throws_is_reported() -> None:
    with SwanRuntime() as rt:
        error = only_error(rt.run("async function f(){ throw new TypeError('t') } f()", filename="r.js"))
        assert (error.message, error.where) == ("Uncaught (in promise) TypeError: t", "promise")
        assert error.stack == "    at f (r.js:1:31)\n    at r.js:1:48"


# ================================================================================================
# 4. Modern JS that a phone runs
# ================================================================================================
def js(source: str, **kwargs: Any) -> list[str]:
    with SwanRuntime(**kwargs) as rt:
        return run_ok(rt, source)


def test_at() -> None:
    assert js("console.log([1, 2, 3].at(-1), 'abc'.at(-2), [].at(0), new Uint8Array([5, 6]).at(-1), [1, 2].at(5))") == [
        "3 b undefined 6 undefined"]


def test_object_has_own() -> None:
    assert js("""
    console.log(Object.hasOwn({a: 1}, 'a'), Object.hasOwn(Object.create({a: 1}), 'a'),
                Object.hasOwn(Object.create(null), 'x'), Object.hasOwn([5], 0));
    """) == ["true false false true"]


def test_find_last() -> None:
    assert js("""
    const odd = x => x % 2;
    console.log([1, 2, 3, 4].findLast(odd), [1, 2, 3, 4].findLastIndex(odd), [].findLast(odd), [2].findLastIndex(odd));
    """) == ["3 2 undefined -1"]


def test_structured_clone() -> None:
    assert js("""
    const d = new Date(Date.UTC(2024, 1, 29, 12, 0, 0));
    const src = {n: 1, s: 'x', nested: {arr: [1, [2, 3], {deep: true}]}, d};
    src.m = new Map([['k', {v: 1}]]);
    src.set = new Set([1, 2]);
    src.self = src;
    src.nested.back = src.nested;
    const c = structuredClone(src);
    console.log(c !== src, c.self === c, c.nested !== src.nested, c.nested.back === c.nested);
    console.log(JSON.stringify(c.nested.arr), c.nested.arr !== src.nested.arr, Array.isArray(c.nested.arr));
    console.log(c.d instanceof Date, c.d !== d, c.d.toISOString());
    console.log(c.m instanceof Map, c.m.get('k').v, c.m.get('k') !== src.m.get('k'));
    console.log(c.set instanceof Set, [...c.set].join());
    src.nested.arr[1][0] = 99;
    console.log(c.nested.arr[1][0]);
    for (const bad of [function f() {}, {method() {}}, [Symbol('s')]]) {
      try { structuredClone(bad); console.log('cloned?'); } catch (e) { console.log(e.name); }
    }
    """) == [
        "true true true true",
        '[1,[2,3],{"deep":true}] true true',
        "true true 2024-02-29T12:00:00.000Z",
        "true 1 true",
        "true 1,2",
        "2",
        "DataCloneError",
        "DataCloneError",
        "DataCloneError",
    ]


def test_queue_microtask_runs_before_a_timeout_0() -> None:
    assert js("""
    setTimeout(() => console.log('timeout'), 0);
    queueMicrotask(() => console.log('microtask 1'));
    Promise.resolve().then(() => console.log('then'));
    queueMicrotask(() => { console.log('microtask 2'); queueMicrotask(() => console.log('nested microtask')); });
    console.log('sync');
    """) == ["sync", "microtask 1", "then", "microtask 2", "nested microtask", "timeout"]


def test_text_encoder_and_decoder() -> None:
    assert js(r"""
    const enc = new TextEncoder();
    const bytes = enc.encode('héllo😀');
    console.log(enc.encoding, bytes instanceof Uint8Array, bytes.length, Array.from(bytes).join(','));
    const dec = new TextDecoder();
    console.log(dec.encoding, dec.decode(bytes), dec.decode(bytes) === 'héllo😀');
    const codes = s => Array.from(s, c => c.charCodeAt(0).toString(16)).join();
    console.log(codes(dec.decode(new Uint8Array([0x61, 0xff, 0x62, 0xc3]))));
    console.log(Array.from(enc.encode('\ud800')).join(','));
    try { new TextDecoder('utf-8', {fatal: true}).decode(new Uint8Array([0x61, 0xff])); console.log('no throw'); }
    catch (e) { console.log(e instanceof TypeError); }
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]);
    console.log(dec.decode(bom), dec.decode(bom).length);
    const kept = new TextDecoder('utf-8', {ignoreBOM: true}).decode(bom);
    console.log(kept.length, kept.charCodeAt(0).toString(16), kept.slice(1));
    """) == [
        "utf-8 true 10 104,195,169,108,108,111,240,159,152,128",
        "utf-8 héllo😀 true",
        "61,fffd,62,fffd",
        "239,191,189",
        "true",
        "hi 2",
        "3 feff hi",
    ]


def test_text_decoder_takes_every_buffer_source() -> None:
    assert js("""
    const bytes = new TextEncoder().encode('--héllo');
    const dec = new TextDecoder();
    console.log(dec.decode(bytes.buffer));
    console.log(dec.decode(bytes.subarray(2)));
    console.log(dec.decode(new DataView(bytes.buffer, 2)));
    console.log(JSON.stringify(dec.decode()));
    """) == ["--héllo", "héllo", "héllo", '""']


def test_class_fields_and_private_fields() -> None:
    assert js("""
    class Counter {
      count = 0;
      #secret = 41;
      static created = 0;
      static #instances = 0;
      constructor() { Counter.created++; Counter.#instances++; }
      #bump() { return ++this.#secret; }
      reveal() { return this.#bump(); }
      static has(o) { return #secret in o; }
      static get instances() { return Counter.#instances; }
    }
    const c = new Counter();
    console.log(c.count, c.reveal(), Counter.created, Counter.instances);
    console.log(Counter.has(c), Counter.has({}), Object.keys(c).join());
    try { Counter.prototype.reveal.call({}); } catch (e) { console.log(e.name); }
    """) == ["0 42 1 1", "true false count", "TypeError"]


def test_optional_chaining_and_nullish_coalescing() -> None:
    assert js("""
    const o = {a: {b: null, z: 0, f() { return 'called'; }}};
    console.log(o?.a?.b?.c, o.x?.y.z, o.a.z ?? 'dflt', o.a.b ?? 'dflt', o.a.f?.(), o.g?.(), o.a?.['z']);
    let n = null; n ??= 'set'; let z = 0; z ||= 'or'; let k = 1; k &&= 'and';
    console.log(n, z, k);
    """) == ["undefined undefined 0 dflt called undefined 0", "set or and"]


def test_async_await() -> None:
    assert js("""
    const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
    (async () => {
      console.log('a');
      await sleep(5);
      console.log('b');
      const all = await Promise.all([1, Promise.resolve(2), sleep(1).then(() => 3)]);
      console.log(all.join());
      try { await Promise.reject(new Error('no')); } catch (e) { console.log('caught', e.message); }
      for await (const x of [Promise.resolve('i1'), 'i2']) console.log(x);
      const settled = await Promise.allSettled([Promise.reject(new Error('r')), 4]);
      console.log(settled.map(s => s.status).join());
      console.log(await Promise.any([Promise.reject(1), Promise.resolve('any')]));
    })();
    console.log('sync');
    """) == ["a", "sync", "b", "1,2,3", "caught no", "i1", "i2", "rejected,fulfilled", "any"]


def test_array_from_async() -> None:
    assert js("""
    if (typeof Array.fromAsync !== 'function') console.log('absent');
    else Array.fromAsync((async function* () { yield 1; yield 2; })()).then(a => console.log(JSON.stringify(a)));
    """) == ["[1,2]"]


# ================================================================================================
# 5. Repeated frames folded
# ================================================================================================
RECURSE = "function r(n){ if(n===0) throw new Error('deep'); return r(n-1) }"


def test_repeated_frames_are_folded_with_their_count() -> None:
    with SwanRuntime() as rt:
        error = only_error(rt.run(RECURSE + " r(30)", filename="d.js"))
        # r(0) throws; r(1) .. r(30) wait on the same call site: 30 identical frames; then the script.
        assert error.stack == "    at r (d.js:1:36)\n    at r (d.js:1:60)  x 30\n    at d.js:1:67"
        assert error.location == "d.js:1:36"


def test_folded_frames_stop_at_the_stack_trace_limit_of_50() -> None:
    with SwanRuntime() as rt:
        assert run_ok(rt, "console.log(Error.stackTraceLimit)") == ["50"]
        error = only_error(rt.run(RECURSE + " r(100)", filename="d.js"))
        # 50 frames: the throwing one and 49 of the 100 identical ones; the script's frame is cut.
        assert error.stack == "    at r (d.js:1:36)\n    at r (d.js:1:60)  x 49"






