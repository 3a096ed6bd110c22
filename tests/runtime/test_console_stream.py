"""Console output reaches the host as the script runs (docs/how-it-works.md "Console output",
bridge/_protocol.py): `on_console` sees each line during the turn that wrote it, every text
arrives exactly as written (NUL, lone surrogates, characters beyond U+FFFF, lines larger than a
piece), `keep_console=False` keeps no record, and a hook's exception or call into the runtime
during the turn has a defined outcome."""

from __future__ import annotations

from pathlib import Path

import pytest

from bridge import SwanRuntime
from support import lines

FLOOD = "const PAD = 'p'.repeat(1000); for (let i = 0; i < 5000; i++) { console.log(i + PAD); }"
FLOOD_LINES = [f"{i}" + "p" * 1000 for i in range(5000)]


@pytest.mark.parametrize("first", ["", "swan.getSystemInfo({}); swan.request({url: 'http://127.0.0.1:9/'});"],
                         ids=["no-call-before", "after-async-calls"])
def test_on_console_sees_a_line_before_the_script_goes_on(tmp_path: Path, first: str) -> None:
    """The hook sees 'before' while the script has not yet written the file it writes next, and
    'after' once it has: the lines reach the host during the turn, in order with the script's work,
    also once the turn has made calls that the event loop carries out after it."""
    seen: list[tuple[str, bool]] = []
    target = tmp_path / "usr" / "f.txt"

    def hook(message: object) -> None:
        seen.append((message.text, target.exists()))  # type: ignore[attr-defined]

    with SwanRuntime(data_dir=tmp_path, on_console=hook) as rt:
        rt.run(first + """const fs = swan.getFileSystemManager();
          console.log('before'); fs.writeFileSync(swan.env.USER_DATA_PATH + '/f.txt', 'x'); console.log('after');""")
    assert seen == [("before", False), ("after", True)]


def test_an_uncaught_error_comes_after_the_lines_printed_before_it() -> None:
    """In the log, to on_console / on_error, and in the result: the order the script wrote
    them in, whether or not the turn made a call the loop carries out after it."""
    heard: list[str] = []
    with SwanRuntime(on_console=lambda m: heard.append(m.text), on_error=lambda e: heard.append("error")) as rt:
        result = rt.run("console.log('a'); swan.getSystemInfo({}); console.log('b'); throw new Error('boom');")
        kinds = [(e.kind, e.fields.get("api") or e.fields.get("text", "")) for e in rt.log
                 if e.kind in ("console", "call", "error")]
    assert heard == ["a", "b", "error"]
    assert lines(result) == ["a", "b"] and [e.message for e in result.errors] == ["Error: boom"]
    assert [k for k, _ in kinds] == ["console", "call", "console", "error"]


@pytest.mark.parametrize("text", [
    "a\0b", "\0", "\ud800", "x\udc00y", "😀 é 中", "\ud83d", "\ude00", "end\\n\n\r", "",
], ids=["nul", "only-nul", "lone-high", "lone-low", "astral", "half-1", "half-2", "newlines", "empty"])
def test_every_text_arrives_as_written(text: str) -> None:
    """Each text alone, and in a flood that crosses pieces handed over during the turn."""
    with SwanRuntime(globals={"T": text}) as rt:
        assert lines(rt.run("console.log(T); console.warn(T, T)")) == [text, f"{text} {text}"]
        result = rt.run(FLOOD.replace("console.log(i + PAD)", "console.log(i + PAD); if (i % 999 === 0) console.error(T)"))
    expected = []
    for i, flood_line in enumerate(FLOOD_LINES):
        expected.append(flood_line)
        if i % 999 == 0:
            expected.append(text)
    assert lines(result) == expected
    assert [m.level for m in result.console].count("error") == len(range(0, 5000, 999))


def test_halves_of_a_pair_written_as_two_lines_stay_two_lines() -> None:
    """A line ending in a high surrogate and the next starting with a low one travel side by
    side; each arrives as its own half."""
    with SwanRuntime() as rt:
        result = rt.run(r"for (let i = 0; i < 3000; i++) { console.log('a' + i + '\ud83d'); console.log('\ude00' + i); }")
    assert lines(result) == [text for i in range(3000) for text in (f"a{i}\ud83d", f"\ude00{i}")]


def test_a_line_larger_than_a_piece_arrives_whole() -> None:
    with SwanRuntime() as rt:
        result = rt.run("console.log('s'); console.log('é'.repeat(3 << 20) + '😀'); console.log('e')")
    assert lines(result) == ["s", "é" * (3 << 20) + "😀", "e"]


def test_the_log_keeps_console_lines_in_order_with_the_calls_between_them() -> None:
    with SwanRuntime() as rt:
        result = rt.run(FLOOD.replace("console.log(i + PAD)", "console.log(i + PAD); if (i % 1000 === 0) swan.setNavigationBarTitle({title: 't' + i})"))
    kinds = [(e.kind, e["text"] if e.kind == "console" else e["params"]["title"]) for e in result.log
             if e.kind in ("console", "call")]
    expected = []
    for i, flood_line in enumerate(FLOOD_LINES):
        expected.append(("console", flood_line))
        if i % 1000 == 0:
            expected.append(("call", f"t{i}"))
    assert kinds == expected


def test_keep_console_false_leaves_the_lines_to_on_console_alone() -> None:
    seen: list[str] = []
    with SwanRuntime(keep_console=False, on_console=lambda m: seen.append(m.text)) as rt:
        result = rt.run(FLOOD + " console.error('last'); swan.setNavigationBarTitle({title: 't'});")
        assert seen == [*FLOOD_LINES, "last"]
        assert result.console == [] and result.output == "" and rt.console == []
        assert [e.kind for e in rt.log] == ["call", "callback", "callback"]  # the call is still logged


class Stop(Exception):
    pass


def test_a_hooks_exception_during_the_turn_stops_the_script_and_is_raised() -> None:
    """Raised from run() as when the hook runs after the turn; the script does not run on (its
    endless loop would end only at the CPU limit) and the runtime runs the next script."""
    seen: list[str] = []

    def hook(message: object) -> None:
        seen.append(message.text)  # type: ignore[attr-defined]
        if message.text == "1500":  # type: ignore[attr-defined]
            raise Stop

    with SwanRuntime(on_console=hook) as rt:
        with pytest.raises(Stop):
            rt.run("for (let i = 0; i < 3000; i++) console.log(i === 1500 ? '1500' : i + ' ' + 'q'.repeat(1000)); while (true) {}")
        assert seen[-1] == "1500" and seen[:1500] == [f"{i} " + "q" * 1000 for i in range(1500)]
        assert rt.errors == []  # not stopped by the CPU limit
        assert lines(rt.run("console.log('next')"))[-1] == "next"


def test_a_hook_cannot_call_the_runtime_while_the_script_runs() -> None:
    """The engine is busy with the script: a call from the hook during the turn is refused with
    a RuntimeError that says so (close() too, during or after the turn)."""
    refused: list[str] = []
    holder: list[SwanRuntime] = []

    def hook(message: object) -> None:
        for call in (lambda: holder[0].set_global("g", 1), holder[0].close):
            try:
                call()
            except RuntimeError as exc:
                refused.append(str(exc))

    with SwanRuntime(on_console=hook) as rt:
        holder.append(rt)
        rt.run("console.log('first')")
    assert refused[0].startswith("the runtime cannot be used from a callback (on_console, on_error) while its script is running")
    assert refused[1].startswith("SwanRuntime.close() cannot be called while the runtime is running")


def test_a_run_or_call_from_a_hook_is_refused_and_the_run_keeps_its_timeout() -> None:
    """run(), page calls and the rest from a hook during the turn are refused before they change
    anything: the run the hook interrupted still times out when it should, and its transfers
    still work."""
    from bridge import RunTimeout

    refused: list[str] = []
    holder: list[SwanRuntime] = []

    def hook(message: object) -> None:
        for call in (lambda: holder[0].run("1"), lambda: holder[0].advance(0)):
            try:
                call()
            except RuntimeError as exc:
                refused.append(str(exc))

    with SwanRuntime(on_console=hook, timeout=1, cpu_limit=5, clock="virtual") as rt:
        holder.append(rt)
        with pytest.raises(RunTimeout):
            rt.run("console.log('first'); (function spin() { Promise.resolve().then(spin); })();")
        assert len(refused) == 2 and all(r.startswith("the runtime cannot be used from a callback") for r in refused)
        result = rt.run("console.log('x'); swan.request({url: 'http://127.0.0.1:9/', complete: r => console.log(r.errMsg)})")
        assert lines(result)[1].startswith("request:fail") and "event loop" not in lines(result)[1]


def test_each_sync_calls_log_entry_shows_its_own_parameters(tmp_path: Path) -> None:
    """What a turn wrote reaches the host before each synchronous call: the log entry of the
    first of two Sync calls in one turn shows its own parameters, not the second's."""
    with SwanRuntime(data_dir=tmp_path) as rt:
        result = rt.run("""const fs = swan.getFileSystemManager();
          console.log('first'); fs.writeFileSync(swan.env.USER_DATA_PATH + '/a.txt', 'one');
          console.log('second'); fs.writeFileSync(swan.env.USER_DATA_PATH + '/b.txt', 'two');""")
    assert [(e.kind, e["text"] if e.kind == "console" else e["params"]["filePath"].rsplit("/", 1)[-1])
            for e in result.log if e.kind in ("console", "call")] == [
        ("console", "first"), ("call", "a.txt"), ("console", "second"), ("call", "b.txt")]
