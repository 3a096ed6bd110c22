"""The swan-bridge command as a user runs it: a new process, exit codes, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from support import sha256

EXE = Path(sys.executable).with_name("swan-bridge")


def swan_bridge(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    command = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def script(tmp_path: Path, source: str) -> str:
    path = tmp_path / "script.js"
    path.write_text(source, encoding="utf-8")
    return str(path)


def test_exit_0_with_console_split_between_stdout_and_stderr(tmp_path) -> None:
    proc = swan_bridge("run", script(tmp_path, "console.log('out'); console.warn('warned'); console.error('bad');"), cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout == "out\n"
    assert proc.stderr == "warned\nbad\n"


def test_exit_1_on_an_uncaught_error_in_a_callback_with_its_stack(tmp_path) -> None:
    source = "function explode() { throw new Error('kaboom'); }\nsetTimeout(() => explode(), 0);\nsetTimeout(() => console.log('loop went on'), 5);"
    proc = swan_bridge("run", script(tmp_path, source), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == "loop went on\n"
    assert "Error: kaboom" in proc.stderr and "at explode" in proc.stderr


def test_exit_1_on_timeout(tmp_path) -> None:
    proc = swan_bridge("run", "--timeout", "0.5", script(tmp_path, "setInterval(() => {}, 10)"), cwd=tmp_path)
    assert proc.returncode == 1
    assert "still busy after 0.5 s" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["run"],
        ["run", "missing.js"],
        ["run", "--global", "x={", "SCRIPT"],
        ["run", "--route", "nonsense", "SCRIPT"],
        ["run", "--platform", "windows", "SCRIPT"],
        ["run", "--network-timeout", "fetchMagic=5", "SCRIPT"],
        ["run", "--max-upload-mb", "1e308", "SCRIPT"],
        ["bogus"],
    ],
)
def test_exit_2_on_bad_usage(tmp_path, args: list[str]) -> None:
    path = script(tmp_path, "console.log(1)")
    proc = swan_bridge(*[path if a == "SCRIPT" else a for a in args], cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""


def test_serve_routes_every_url_to_the_embedded_server(tmp_path) -> None:
    image = tmp_path / "pic.png"
    image.write_bytes(b"\x89PNG fake image bytes")
    source = """
    swan.chooseImage({success: res => swan.uploadFile({
        url: 'https://anywhere.example/upload', filePath: res.tempFilePaths[0], name: 'file', formData: {who: who},
        success: r => console.log(r.statusCode, r.data),
    })});"""
    proc = swan_bridge("run", "--serve", "--choose-image", str(image), "--global", 'who="me"', script(tmp_path, source), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    status, _, body = proc.stdout.strip().partition(" ")
    reply = json.loads(body)
    assert status == "200"
    assert reply["fields"] == {"who": "me"}
    assert reply["files"]["file"]["sha256"] == sha256(image)


def test_progress_draws_nothing_when_stderr_is_not_a_terminal(tmp_path) -> None:
    source = "swan.downloadFile({url: 'https://x.example/f?size=200000', success: r => console.log(r.statusCode)})"
    proc = swan_bridge("run", "--serve", "--progress", script(tmp_path, source), cwd=tmp_path)
    assert proc.returncode == 0
    assert (proc.stdout, proc.stderr) == ("200\n", "")


def test_demo_runs_the_four_samples(tmp_path) -> None:
    proc = swan_bridge("demo", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for name in ("upload_file.js", "upload_task.js", "download_file.js", "download_task.js"):
        assert f"== {name} ==" in out
    assert "错误信息：uploadFile:fail abort" in out and "错误信息：downloadFile:fail abort" in out
    assert "[server] POST /xxx fields [user=test] files [myfile: tmp_chosen_0.png (463 bytes)]" in out
    assert "临时文件路径bdfile://tmp_" in out


def test_progress_draws_a_bar_per_transfer_when_stderr_is_a_terminal(tmp_path) -> None:
    import os
    import pty

    source = "swan.downloadFile({url: 'https://x.example/big.bin?size=3000000&chunk=100000&delay=0.02', success: r => console.log(r.statusCode)})"
    master, slave = pty.openpty()
    command = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]
    proc = subprocess.Popen([*command, "run", "--serve", "--progress", script(tmp_path, source)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=slave, text=True)
    os.close(slave)
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the process is gone
            break
        if not chunk:
            break
        drawn += chunk
    out, _ = proc.communicate(timeout=60)
    os.close(master)
    assert proc.returncode == 0 and out == "200\n"
    screen = drawn.decode("utf-8", "replace")
    assert "downloadFile x.example/big.bin (ok)" in screen
    assert "3.0/3.0 MB" in screen


def test_a_run_leaves_no_temp_folder_and_all_its_output(tmp_path) -> None:
    """The command freezes the garbage collector as it exits (a faster exit); the runtime's temp
    folder must still be gone and every line printed, however much was printed."""
    import os

    temp = tmp_path / "tmp"
    temp.mkdir()
    source = """
    for (let i = 0; i < 5000; i++) console.log('line ' + i);
    swan.downloadFile({url: 'https://anywhere.example/f.bin?size=200000', success: r => console.log('saved', r.tempFilePath)});"""
    command = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]
    proc = subprocess.run([*command, "run", "--serve", script(tmp_path, source)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "TMPDIR": str(temp)})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    assert out[:5000] == [f"line {i}" for i in range(5000)]
    assert out[5000].startswith("saved bdfile://tmp_") and len(out) == 5001
    assert list(temp.iterdir()) == []


def test_ctrl_c_stops_swan_bridge_run_at_once_with_what_was_printed(tmp_path) -> None:
    import signal
    import time

    command = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]
    # 'start' is printed when the first turn ends; the endless loop is the next turn's
    source = "console.log('start'); setTimeout(() => { while (true) {} }, 0);"
    proc = subprocess.Popen([*command, "run", "--timeout", "60", "--cpu-limit", "60", script(tmp_path, source)],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout is not None
    assert proc.stdout.readline() == "start\n"  # the loop is running
    proc.send_signal(signal.SIGINT)
    sent = time.monotonic()
    out, err = proc.communicate(timeout=60)
    assert time.monotonic() - sent < 10  # not the 60 s timeout
    assert proc.returncode == 1 and err.strip() == "Aborted!", err  # no error report, no traceback


PAGE_SAMPLE = """// a doc sample of a page: its work happens in the page's hooks
Page({
  data: { n: 1 },
  onLoad(query) { console.log('onLoad', JSON.stringify(query)); },
  onShow() { console.log('onShow'); },
  onReady() { console.log('onReady', this.data.n); setTimeout(() => console.log('timer after onReady'), 10); },
  tapped(e) { console.log('tapped', e.type, this.data.n); }
});
"""


def test_run_opens_a_file_that_calls_page_as_a_phone_opens_a_page(tmp_path) -> None:
    """A page file's hooks run in the client's order (onLoad with the query, as strings, then
    onShow, onReady), the run goes on until idle, and --call methods run after that, in order."""
    path = script(tmp_path, PAGE_SAMPLE)
    proc = swan_bridge("run", path, cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, 'onLoad {}\nonShow\nonReady 1\ntimer after onReady\n', "")
    proc = swan_bridge("run", path, "--query", "id=7", "--query", "from=share", "--call", "tapped", "--call", "tapped", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ['onLoad {"id":"7","from":"share"}', "onShow", "onReady 1", "timer after onReady",
                                        "tapped tap 1", "tapped tap 1"]


def test_a_page_whose_onload_throws_exits_1_naming_its_line(tmp_path) -> None:
    path = script(tmp_path, "Page({\n  onLoad() {\n    null.boom;\n  }\n});\n")
    proc = swan_bridge("run", path, cwd=tmp_path)
    assert proc.returncode == 1
    assert "script.js:3:" in proc.stderr and "TypeError" in proc.stderr


def test_a_script_that_only_mentions_page_runs_as_a_script(tmp_path) -> None:
    """Only a call of Page(...) outside comments and strings makes a file a page file."""
    source = "// Page({}) in a comment\nvar myPage = function (x) { return x; };\nconsole.log('Page(', myPage(2), `Page(`);\n"
    proc = swan_bridge("run", script(tmp_path, source), cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "Page( 2 Page(\n", "")


IMPORTED_AT_EXIT = """import atexit, sys
atexit.register(lambda: print(sorted(m for m in ("httpx", "httpx_ws", "lxml", "PIL") if m in sys.modules), file=sys.stderr))
sys.argv = ["swan-bridge", "run", sys.argv[1]]
from bridge._cli import main
main()
"""


def test_a_script_without_a_transfer_starts_without_the_network_libraries(tmp_path) -> None:
    """The HTTP client (httpx) and everything heavier is imported at its first use: a script
    that never transfers starts in about the time Python takes to import httpx alone (the
    benchmark's CLI cold start row); one that transfers imports it then."""
    quiet = subprocess.run([sys.executable, "-c", IMPORTED_AT_EXIT, script(tmp_path, "console.log('hello')")],
                           cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "hello\n", "[]\n")
    fetching = subprocess.run([sys.executable, "-c", IMPORTED_AT_EXIT,
                               script(tmp_path, "swan.request({url: 'http://127.0.0.1:9/', complete: r => console.log(r.errMsg)})")],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert fetching.returncode == 0 and fetching.stdout.startswith("request:fail")
    assert fetching.stderr == "['httpx']\n"
