"""`swan-bridge run` prints console output as the script runs (docs/cli.md, docs/how-it-works.md
"Console output"): every line, in order, stdout and stderr meeting in the script's order, also
when the CPU limit stops the script, and before the script's turn ends. Each test runs the real
command in a subprocess and reads its pipes."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

EXE = Path(sys.executable).with_name("swan-bridge")
COMMAND = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]

#: Line i of a flood: 1,024 characters, numbered; every 7,777th has non-ASCII text (é and an
#: emoji, beyond U+FFFF) and every 33,333rd a NUL character.
LINE_JS = """
const PAD = 'x'.repeat(1017);
function line(i) {
  let text = String(i).padStart(6, '0') + ' ' + PAD;
  if (i % 7777 === 0) text += ' é😀';
  if (i % 33333 === 0) text += ' \\0nul';
  return text;
}
"""


def line(i: int) -> str:
    text = f"{i:06d} " + "x" * 1017
    if i % 7777 == 0:
        text += " é😀"
    if i % 33333 == 0:
        text += " \0nul"
    return text


def write_script(tmp_path: Path, source: str) -> str:
    path = tmp_path / "script.js"
    path.write_text(LINE_JS + source, encoding="utf-8")
    return path.name  # the command runs in tmp_path


def start(tmp_path: Path, source: str, *flags: str, merged: bool = True) -> subprocess.Popen[str]:
    """`swan-bridge run` on the script, its stderr in the same pipe as stdout (`merged`) or apart."""
    return subprocess.Popen([*COMMAND, "run", *flags, write_script(tmp_path, source)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT if merged else subprocess.PIPE,
                            text=True, encoding="utf-8")


def compare(got: Iterator[str], expected: Iterator[str]) -> int:
    """Read `got` line by line against `expected`; the number of lines that matched."""
    count = 0
    for want in expected:
        have = next(got, None)
        assert have == want + "\n", f"line {count}: expected {want[:60]!r}, got {have and have[:60]!r}"
        count += 1
    return count


def first_line(proc: subprocess.Popen[str]) -> str:
    """The first line of the process's stdout, read in a thread: a run that never prints it fails
    the test after a minute instead of hanging it (no test here waits for a time to pass)."""
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    stdout = proc.stdout
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=60)
    except queue.Empty:
        proc.kill()
        raise AssertionError("the script's first line never reached the pipe while it ran") from None


def test_100000_lines_of_1_kb_arrive_whole_and_in_order_with_the_errors_between_them(tmp_path: Path) -> None:
    """One turn prints 100,000 lines of 1 KB with a console.error every 10,000; two timers
    follow, the first throwing. With stdout and stderr in one pipe, every line arrives, checked
    one by one, in the order the script wrote it, the error report between the timers' lines."""
    source = """
    for (let i = 0; i < 100000; i++) {
      console.log(line(i));
      if (i % 10000 === 9999) console.error('error after ' + i);
    }
    setTimeout(() => { console.log('timer 1'); throw new Error('boom'); }, 0);
    setTimeout(() => console.log('timer 2'), 0);
    """

    def expected() -> Iterator[str]:
        for i in range(100_000):
            yield line(i)
            if i % 10_000 == 9_999:
                yield f"error after {i}"
        yield "timer 1"

    proc = start(tmp_path, source)
    assert proc.stdout is not None
    got = iter(proc.stdout)
    assert compare(got, expected()) == 100_000 + 10 + 1
    rest = list(got)
    assert proc.wait(60) == 1
    assert rest[0].startswith("script.js:") and "Uncaught error (timer): Error: boom" in rest[0]
    assert rest[-1] == "timer 2\n"
    assert all(" at " in frame for frame in rest[1:-1])  # the stack of the error, nothing else


def test_stdout_holds_the_log_lines_and_stderr_the_errors(tmp_path: Path) -> None:
    """Apart, each stream holds exactly its own lines: log/info/debug on stdout, warn/error on
    stderr, each in order."""
    source = """
    for (let i = 0; i < 30000; i++) {
      (i % 3 === 0 ? console.info : i % 3 === 1 ? console.debug : console.log)(line(i));
      if (i % 1000 === 0) (i % 2000 === 0 ? console.warn : console.error)('problem ' + i);
    }
    """
    proc = start(tmp_path, source, merged=False)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-2000:]
    assert out.split("\n") == [line(i) for i in range(30_000)] + [""]
    assert err.split("\n") == [f"problem {i}" for i in range(0, 30_000, 1000)] + [""]


def test_a_line_reaches_the_pipe_while_the_script_is_still_running(tmp_path: Path) -> None:
    """A script that prints and then computes for ever (no limit stops it): its line is on the
    pipe while it runs. The test reads it, then ends the process."""
    proc = start(tmp_path, "console.log('first'); while (true) {}", "--cpu-limit", "none", "--timeout", "none",
                 merged=False)
    try:
        assert first_line(proc) == "first\n"
        assert proc.poll() is None  # still computing
    finally:
        proc.kill()
        proc.communicate()


def test_what_a_script_printed_is_on_the_pipe_before_its_next_file_call(tmp_path: Path) -> None:
    """Lines printed before a synchronous file call reach the pipe before the call runs: the
    script prints, then polls for a file that only the test makes, once it has read the lines."""
    source = """
    const fs = swan.getFileSystemManager(), go = swan.env.USER_DATA_PATH + '/go';
    for (let i = 0; i < 3; i++) console.log('waiting ' + i);
    for (;;) {
      try { fs.accessSync(go); break; } catch (e) { const t = Date.now(); while (Date.now() - t < 2) {} }
    }
    console.log('go');
    """
    data = tmp_path / "data"
    (data / "usr").mkdir(parents=True)
    proc = start(tmp_path, source, "--data-dir", str(data), merged=False)
    try:
        assert first_line(proc) == "waiting 0\n"
        assert proc.stdout is not None
        assert [proc.stdout.readline(), proc.stdout.readline()] == ["waiting 1\n", "waiting 2\n"]
        (data / "usr" / "go").write_text("")
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert (proc.returncode, out, err) == (0, "go\n", "")


def test_a_script_stopped_by_the_cpu_limit_has_printed_everything_before_the_stop(tmp_path: Path) -> None:
    """20 MB of lines, then an endless loop the CPU limit stops: every line is printed, then the
    error."""
    proc = start(tmp_path, "for (let i = 0; i < 20000; i++) console.log(line(i));\nwhile (true) {}",
                 "--cpu-limit", "0.5")
    assert proc.stdout is not None
    got = iter(proc.stdout)
    assert compare(got, (line(i) for i in range(20_000))) == 20_000
    rest = list(got)
    assert proc.wait(60) == 1
    assert rest[0].startswith("script.js:") and "Uncaught error (script): CPULimitExceeded" in rest[0], rest[:2]
    assert all(" at " in frame for frame in rest[1:])


def test_an_endless_flood_stopped_by_the_cpu_limit_has_printed_every_line_it_wrote(tmp_path: Path) -> None:
    """A script that prints for ever: when the CPU limit stops it, the lines it wrote are all
    there, numbered without a gap, then the error."""
    proc = start(tmp_path, "for (let i = 0; ; i++) console.log('line ' + i + ' ' + 'y'.repeat(90));", "--cpu-limit", "0.2")
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 1
    lines = out.split("\n")
    stop = next(i for i, text in enumerate(lines) if not text.startswith("line "))
    assert stop > 1000
    assert lines[:stop] == [f"line {i} " + "y" * 90 for i in range(stop)]
    assert "Uncaught error (script): CPULimitExceeded" in lines[stop]
