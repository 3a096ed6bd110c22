"""Built-ins that loop in C over a length a script chooses: each ends within the run's limits.

QuickJS-NG checks the run's deadlines only at JS calls and backward jumps, so an array method
that walks `2 ** 32 - 1` indexes in C would outlive any timeout. The shim runs such a method in
JS past `builtinWalkMax` (the CPU limit and the timeout stop it as any loop), or refuses it with
a RangeError. Each case runs in a child process with a hard deadline, so a regression fails
instead of hanging the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bridge import SwanRuntime
from bridge._spec import BUILTIN_BUILD_MAX, BUILTIN_SEARCH_MAX

TIMEOUT = 1.0
CPU = 0.5
CPU_MESSAGE = f"CPULimitExceeded: JS turn used more than {CPU:g} s of CPU time"

#: Runs each case (a JSON list of scripts in argv[1]) in one runtime, then a normal script.
CHILD = """
import json, sys
from bridge import RunTimeout, SwanRuntime
rt = SwanRuntime(timeout=%r, cpu_limit=%r)
outs = []
for source in json.loads(sys.argv[1]):
    try:
        result = rt.run(source)
        out = {"timeout": False, "errors": [[type(e).__name__, e.message] for e in result.errors]}
    except RunTimeout:
        out = {"timeout": True, "errors": []}
    out["after"] = [m.text for m in rt.run("console.log([3, 1, 2].reverse().join())").console]
    outs.append(out)
print(json.dumps(outs))
""" % (TIMEOUT, CPU)

HUGE = "var a = []; a.length = 2 ** 32 - 1; "

#: Cases the shim runs in JS: the CPU limit (or, on a loaded machine, the timeout) ends them.
STOPPED = {
    "reverse": HUGE + "a.reverse()",
    "sort": HUGE + "a.sort()",
    "sort with a comparator": HUGE + "a.sort(function (x, y) { return x - y; })",
    "join": HUGE + "a.join('')",
    "join of an array-like": "Array.prototype.join.call({length: 2 ** 53 - 1}, '')",
    "toString": HUGE + "a.toString()",
    "String()": HUGE + "String(a)",
    "template literal": HUGE + "`${a}`",
    "toLocaleString": HUGE + "a.toLocaleString()",
    "copyWithin": HUGE + "a.copyWithin(0, 1)",
    "copyWithin of an array-like": "Array.prototype.copyWithin.call({length: 2 ** 53 - 1}, 0, 1)",
    "unshift": HUGE + "a.unshift(1)",
    "shift": "var a = []; a.length = 2 ** 32 - 2; a.shift()",
    "shift of an array-like": "Array.prototype.shift.call({length: 2 ** 53 - 1})",
    "reverse of an array-like": "Array.prototype.reverse.call({length: 2 ** 53 - 1})",
    "String.raw": "String.raw({raw: {length: 2 ** 53 - 1}})",
    # At the bound each call is the engine's own: the calls must count toward the deadlines.
    "reverse at the bound in a loop": "var a = []; a.length = 2 ** 20; for (;;) a.reverse()",
    "sort at the bound in a loop": "var a = []; a.length = 2 ** 20; for (;;) a.sort()",
    "slice at its bound in a loop": "var a = []; a.length = 2 ** 24; for (;;) a.slice(1)",
    # A string search in C compares the string at each place of the text: 2 ** 24 x 2 ** 16 here.
    **{f"String {name}": "var t = 'x'.repeat(2 ** 24), p = 'x'.repeat(2 ** 16) + 'y'; t." + call
       for name, call in [("indexOf", "indexOf(p)"), ("lastIndexOf", "lastIndexOf(p)"), ("includes", "includes(p)"),
                          ("split", "split(p)"), ("replace", "replace(p, 'z')"), ("replaceAll", "replaceAll(p, 'z')")]},
}

#: Cases the shim refuses at once.
REFUSED = {
    "splice": (HUGE + "a.splice(0, 1)", "splice", 2 ** 32 - 1),
    "splice of an array-like": ("Array.prototype.splice.call({length: 2 ** 53 - 1}, 0, 1)", "splice", 2 ** 53 - 1),
    "slice": (HUGE + "a.slice(0)", "slice", 2 ** 32 - 1),
    "concat": (HUGE + "a.concat([])", "concat", 2 ** 32 - 1),
    "concat of a spreadable": ("[].concat({length: 2 ** 53 - 1, [Symbol.isConcatSpreadable]: true})", "concat", 2 ** 53 - 1),
    "flat": (HUGE + "a.flat()", "flat", 2 ** 32 - 1),
    "flatMap": (HUGE + "a.flatMap(function (x) { return x; })", "flatMap", 2 ** 32 - 1),
}


def run_children(sources: list[str]) -> list[dict[str, object]]:
    """Each script's outcome, all run in one child process with a hard deadline: a walk that
    outlived its run's limits fails the test instead of hanging the suite."""
    hard = len(sources) * (TIMEOUT + 1) + 10  # each run, the child's start, a loaded machine
    try:
        proc = subprocess.run([sys.executable, "-c", CHILD, json.dumps(sources)], capture_output=True, text=True, timeout=hard)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running {hard:g} s after it started (timeout {TIMEOUT:g} s, cpu_limit {CPU:g} s a case)")
    assert proc.returncode == 0, proc.stderr
    outs: list[dict[str, object]] = json.loads(proc.stdout)
    assert [out["after"] for out in outs] == [["2,1,3"]] * len(sources)  # the runtime runs the next script
    return outs


def test_walks_over_a_huge_length_are_stopped_by_the_runs_limits_and_huge_results_refused() -> None:
    outs = run_children(list(STOPPED.values()) + [source for source, _, _ in REFUSED.values()])
    for case, out in zip(STOPPED, outs):
        if out["timeout"]:
            continue  # the CPU seconds came slower than wall seconds: the timeout ended it
        [[kind, message]] = out["errors"]  # type: ignore[misc]
        assert kind == "CPULimitExceeded" and message.startswith(CPU_MESSAGE), case
    assert BUILTIN_BUILD_MAX == 2 ** 24
    for (case, (_, name, length)), out in zip(REFUSED.items(), outs[len(STOPPED):]):
        assert out == {"timeout": False, "after": ["2,1,3"], "errors": [[
            "ScriptError", f"RangeError: Array.prototype.{name}: length {length} is over {BUILTIN_BUILD_MAX}, "
                           "the longest swan-bridge lets this built-in walk"]]}, case


def test_the_cli_run_ends_within_its_timeout(tmp_path: Path) -> None:
    script = tmp_path / "huge.js"
    script.write_text(HUGE + "a.reverse(); console.log('not reached')", encoding="utf-8")
    exe = Path(sys.executable).with_name("swan-bridge")
    started = time.monotonic()
    try:
        proc = subprocess.run([str(exe), "run", str(script), "--timeout", "2", "--cpu-limit", "1"],
                              capture_output=True, text=True, timeout=12, cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail("swan-bridge run was still running after 12 s")
    assert time.monotonic() - started < 12
    assert "not reached" not in proc.stdout
    assert proc.returncode != 0
    assert ("CPULimitExceeded: JS turn used more than 1 s of CPU time" in proc.stderr
            or "swan-bridge: the script was still busy after 2 s, stopped in:" in proc.stderr), proc.stderr


NORMAL = r"""
var log = [];
log.push([3, 1, 2].reverse().join('-'));
log.push([3, 1, 10, 2].sort() + '|' + [3, 1, 10, 2].sort(function (x, y) { return x - y; }));
log.push([1, 2, 3, 4, 5].copyWithin(0, 3) + '|' + [1, , 3].toLocaleString() + '|' + String([1, [2, 3]]));
var s = [1, 2, 3]; log.push(s.shift() + ':' + s + '|' + s.unshift(0, 0.5) + ':' + s);
log.push([1, 2, 3, 4].splice(1, 2) + '|' + [1, 2, 3].slice(-2) + '|' + [1].concat([2], 3) + '|' + [1, [2, [3]]].flat(Infinity));
log.push(Array.prototype.join.call({length: 3, 0: 'a', 2: 'c'}, '+') + '|' + String.raw`x${1}y` + '|' + String.raw({raw: 'abc'}, 1, 2));
log.push(Array.prototype.join.call('abc', '-') + '|' + Array.prototype.slice.call({length: '2', 0: 1, 1: 2}) + '|' + [1, 2, 3].splice(1) + '|' + [1, 2].concat() + '|' + [1, 2].unshift());
var big = []; big.length = 2 ** 20 + 4; big[0] = 'x'; big[3] = 'y'; big.reverse();
log.push(big.length + ':' + Object.keys(big).join() + '|' + big.join('').length);
var real = new Array(2 ** 21).fill(1); log.push(real.slice(1).length + ':' + real.concat([2]).length + ':' + real.splice(0, 3).length);
var o = {length: 2 ** 20 + 3, 0: 'c', 1: 'a', 5: 'b'}; Array.prototype.sort.call(o); log.push(JSON.stringify(o));
o = {length: 2 ** 20 + 3, 0: 'c', 1: 'a', 5: 'b'}; log.push(Array.prototype.shift.call(o) + JSON.stringify(o));
o = {length: 2 ** 20 + 3, 0: 'c', 1: 'a', 5: 'b'}; log.push(Array.prototype.unshift.call(o, 'u', 'v') + JSON.stringify(o));
o = {length: 2 ** 20 + 3, 0: 'c', 1: 'a', 5: 'b'}; Array.prototype.copyWithin.call(o, 1, 0, 6); log.push(JSON.stringify(o));
var G = [Object, Symbol]; Object = null; Symbol = null; // a script's own globals do not reach the wrappers
log.push([1].concat([2]) + String.raw({raw: ['a', 'b']}, 1) + Array.prototype.join.call({length: 2 ** 20 + 1}, '').length);
Object = G[0]; Symbol = G[1];
var m = Array.prototype.reverse;
log.push([m.name, m.length, Array.prototype.sort.length, Array.prototype.unshift.length, String.raw.length, String(m)].join(' '));
try { new m(); } catch (e) { log.push(String(e)); }
try { m.call(null); } catch (e) { log.push(String(e)); }
try { [].sort(1); } catch (e) { log.push(e.name); }
log.push(Object.getOwnPropertyNames(m).join() + ' ' + Object.getOwnPropertyDescriptor(Array.prototype, 'reverse').enumerable);
console.log(JSON.stringify(log));
"""


def test_normal_arrays_and_array_likes_behave_as_the_engines_methods() -> None:
    result = SwanRuntime(timeout=20).run(NORMAL)
    assert result.errors == []
    assert json.loads(result.console[0].text) == [
        "2-1-3",
        "1,10,2,3|1,2,3,10",
        "4,5,3,4,5|1,,3|1,2,3",
        "1:2,3|4:0,0.5,2,3",
        "2,3|2,3|1,2,3|1,2,3",
        "a++c|x1y|a1b2c",
        "a-b-c|1,2|2,3|1,2|2",
        "1048580:1048576,1048579|2",
        "2097151:2097153:3",
        '{"0":"a","1":"b","2":"c","length":1048579}',
        'c{"0":"a","4":"b","length":1048578}',
        '1048581{"0":"u","1":"v","2":"c","3":"a","7":"b","length":1048581}',
        '{"0":"c","1":"c","2":"a","6":"b","length":1048579}',
        "1,2a1b0",
        "reverse 0 1 1 1 function reverse() {\n    [native code]\n}",
        "TypeError: not a constructor",
        "TypeError: Cannot convert undefined or null to object",
        "TypeError",
        "length,name false",
    ]


SEARCHES = r"""
var n = 2 ** 23, P = 'n'.repeat(20) + 'e', T = 'ab'.repeat(n / 2), U = T + P + 'cd' + P + 'ef';
console.log(JSON.stringify([U.indexOf(P), U.indexOf(P, n + 1), U.lastIndexOf(P), U.lastIndexOf(P, n), U.includes(P),
  T.includes(P), U.split(P).map(function (x) { return x.length; }).join(), U.split(P, 1).length,
  U.replace(P, '[$&|$$|$`]').length, U.replace(P, function (m, at, s) { return '!' + at + (s === U); }).slice(n - 2, n + 16),
  U.replaceAll(P, '-').slice(-5), new String(U).indexOf({toString: function () { return P; }}), U.indexOf(P, -5),
  U.lastIndexOf(P, NaN), U.indexOf(P, Infinity)]));
"""


def test_string_searches_past_the_bound_find_what_the_engines_find() -> None:
    """Past `builtinSearchMax` (text length times the searched string's) the searches run a
    window at a time: the same results as Python's own searches of the same strings."""
    n = 2 ** 23
    p = "n" * 20 + "e"
    t = "ab" * (n // 2)
    u = t + p + "cd" + p + "ef"
    assert len(u) * len(p) > BUILTIN_SEARCH_MAX
    expected = [u.find(p), u.find(p, n + 1), u.rfind(p), u.rfind(p, 0, n + len(p)), True, False,
                ",".join(str(len(x)) for x in u.split(p)), 1, len(u) - len(p) + len("[" + p + "|$|" + t + "]"),
                u.replace(p, f"!{n}true", 1)[n - 2:n + 16], u.replace(p, "-")[-5:], u.find(p), u.find(p), u.rfind(p), -1]
    result = SwanRuntime(timeout=20).run(SEARCHES)
    assert result.errors == [] and json.loads(result.console[0].text) == expected
