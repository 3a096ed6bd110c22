"""The swan-bridge command given bad input: every case ends in a one-line usage error (exit 2) or a
clear runtime error (exit 1), never a Python traceback (docs/cli.md, "Bad input").

Each case runs the command in a process of its own, as a user runs it (the console script, or
`python -m bridge` where it is not installed), with a deadline: a FIFO that blocked the command
fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXE = Path(sys.executable).with_name("swan-bridge")


def swan_bridge(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def usage_error(proc: subprocess.CompletedProcess[str]) -> str:
    """The one line a usage error ends with (click's "Error: ..."), after checking its form."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert (proc.returncode, proc.stdout) == (2, ""), proc.stderr
    last = proc.stderr.rstrip("\n").splitlines()[-1]
    assert last.startswith("Error: ")
    return last


@pytest.fixture
def script(tmp_path: Path) -> str:
    (tmp_path / "hello.js").write_text("console.log('hello');\n", encoding="utf-8")
    return "hello.js"


def project(root: Path, files: dict[str, str | bytes]) -> str:
    for rel, content in {"app.json": '{"pages": ["pages/a/a"]}', "pages/a/a.js": "Page({});\n", **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(root)


class TestUsageErrors:
    def test_a_malformed_app_json(self, tmp_path: Path, script: str) -> None:
        """A --project whose app.json is not JSON is a bad --project: exit 2, the file named."""
        folder = project(tmp_path / "p", {"app.json": '{"pages": ['})
        line = usage_error(swan_bridge("run", script, "--project", folder, cwd=tmp_path))
        assert line == f"Error: Invalid value for '--project': {folder}/app.json:1:12: Expecting value"

    def test_an_app_json_that_is_a_fifo(self, tmp_path: Path, script: str) -> None:
        """A FIFO is refused by its type, never opened (it would block the command)."""
        folder = project(tmp_path / "p", {})
        os.remove(Path(folder) / "app.json")
        os.mkfifo(Path(folder) / "app.json")
        line = usage_error(swan_bridge("render", "pages/a/a", "--project", folder, cwd=tmp_path))
        assert line == f"Error: Invalid value for '--project': {folder}/app.json: not a regular file (a FIFO)"

    def test_a_script_that_is_a_fifo(self, tmp_path: Path) -> None:
        """SCRIPT must be a regular file: a FIFO is refused before it is opened."""
        os.mkfifo(tmp_path / "pipe.js")
        line = usage_error(swan_bridge("run", "pipe.js", cwd=tmp_path))
        assert line == "Error: Invalid value for SCRIPT: cannot read pipe.js: not a regular file (a FIFO)"

    def test_a_corrupt_storage_file_in_the_data_dir(self, tmp_path: Path, script: str) -> None:
        """--data-dir whose storage.json is not a storage file: exit 2, the file named."""
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "storage.json").write_text("{not json", encoding="utf-8")
        line = usage_error(swan_bridge("run", script, "--data-dir", "data", cwd=tmp_path))
        assert line.startswith("Error: data/storage.json is not a swan-bridge storage file: ")

    def test_a_temp_dir_where_nothing_can_be_made(self, tmp_path: Path, script: str) -> None:
        """--temp-dir names a folder the runtime cannot make its own folder in: exit 2, the flag named."""
        line = usage_error(swan_bridge("run", script, "--temp-dir", "/proc", cwd=tmp_path))
        assert line.startswith("Error: Invalid value for '--temp-dir': ")

    @pytest.mark.parametrize("flag", ["--global", "--storage", "--system-info"])
    def test_json_nested_60000_deep(self, tmp_path: Path, script: str, flag: str) -> None:
        """A NAME=JSON flag whose value nests deeper than the JSON parser goes: exit 2, the flag named."""
        value = "x=" + "[" * 60_000 + "]" * 60_000
        line = usage_error(swan_bridge("run", script, flag, value, cwd=tmp_path))
        assert line == f"Error: Invalid value for '{flag}': the JSON value is nested too deeply"


class TestRuntimeErrors:
    def test_a_module_that_is_not_utf8(self, tmp_path: Path, script: str) -> None:
        """A module that is not UTF-8 is reported at its place when the runtime starts; the script
        still runs, and the command exits 1 for the error (docs/cli.md)."""
        folder = project(tmp_path / "p", {"utils/bad.js": b"var ok = 1;\nvar s = '\xff';\n"})
        proc = swan_bridge("run", script, "--project", folder, cwd=tmp_path)
        assert (proc.returncode, proc.stdout) == (1, "hello\n")
        assert proc.stderr == ("utils/bad.js:2:10: Uncaught error (script): SyntaxError: invalid UTF-8 (byte 0xff)\n"
                               "    at utils/bad.js:2:10\n")

    def test_call_on_a_file_that_never_calls_page(self, tmp_path: Path, script: str) -> None:
        """`run --call` on a file that is no page: the page cannot open, which is an error (exit 1,
        the harness's message on stderr), not a silent success."""
        proc = swan_bridge("run", script, "--call", "tap", cwd=tmp_path)
        assert (proc.returncode, proc.stdout) == (1, "hello\n")
        assert proc.stderr == "swan-bridge: Error: hello.js did not call Page()\n"

    def test_a_project_that_does_not_load_within_the_timeout(self, tmp_path: Path, script: str) -> None:
        """Loading a project runs under the run's timeout: past it, exit 1 with a one-line message."""
        folder = project(tmp_path / "p", {"pages/a/a.swan": "<view>{{a}}</view>\n" * 200})
        proc = swan_bridge("run", script, "--project", folder, "--timeout", "1e-9", cwd=tmp_path)
        assert (proc.returncode, proc.stdout, proc.stderr) == (
            1, "", "swan-bridge: loading the project was still busy after 1e-09 s\n")

    def test_a_module_that_closes_its_wrapper(self, tmp_path: Path, script: str) -> None:
        """A module whose text closes the function it is loaded in runs nothing: a syntax error at
        that '}' (exit 1), and the script runs."""
        folder = project(tmp_path / "p", {"utils/x.js": "});\nconsole.log('escaped'); (function () {\n"})
        proc = swan_bridge("run", script, "--project", folder, cwd=tmp_path)
        assert (proc.returncode, proc.stdout) == (1, "hello\n")
        assert proc.stderr == ("utils/x.js:1:1: Uncaught error (script): SyntaxError: unexpected '}': "
                               "it closes the function the module is loaded in\n    at utils/x.js:1:1\n")



@pytest.mark.parametrize(("text", "where"), [
    ("console.log(1);\nfunction f() {\n  var x = 1;\n", "4:1"),  # a script whose block never closes
    ("Page({ onLoad() {\n  console.log(1);\n", "3:1"),  # a page file: its module never closes
    ("var s = 'x';\nvar t = `${s}", "2:13"),  # a template literal open at the end, no newline
])
def test_a_fault_at_the_end_of_a_file_is_at_the_files_end(tmp_path: Path, text: str, where: str) -> None:
    """Errors name the user's file:line:col: a text the engine finds unfinished only at its end
    (past the lines the host adds after it) is reported at the file's last position."""
    script = tmp_path / "unfinished.js"
    script.write_text(text)
    proc = subprocess.run([sys.executable, "-m", "bridge", "run", str(script)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0].startswith(f"{script}:{where}: Uncaught error (script): SyntaxError: ")


def test_a_script_whose_path_is_not_utf8_runs_and_is_named_with_a_replacement_character(tmp_path: Path) -> None:
    """A path's bytes that are not UTF-8 reach Python as surrogate escapes; the engine names the
    file with U+FFFD in their place, and a correct script exits 0."""
    name = os.fsdecode(b"n\xff.js")
    (tmp_path / name).write_text("console.log(1); throw new Error('x');")
    proc = subprocess.run([sys.executable, "-m", "bridge", "run", name], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert proc.stdout == "1\n"
    assert proc.stderr == "n\ufffd.js:1:27: Uncaught error (script): Error: x\n    at n\ufffd.js:1:27\n"
    assert proc.returncode == 1


def test_a_memory_limit_too_small_for_the_shim_is_a_usage_error(tmp_path: Path) -> None:
    root = tmp_path / "app"
    (root / "pages" / "a").mkdir(parents=True)
    (root / "app.json").write_text('{"pages": ["pages/a/a"]}')
    (root / "pages" / "a" / "a.js").write_text("Page({});")
    (root / "pages" / "a" / "a.swan").write_text("<view/>")
    proc = subprocess.run([sys.executable, "-m", "bridge", "render", "--project", str(root), "pages/a/a", "--memory-limit", "1"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Error: Invalid value for '--memory-limit': MemoryLimitExceeded: swan-bridge's own JS could not be loaded" in proc.stderr
    assert "Traceback" not in proc.stderr
