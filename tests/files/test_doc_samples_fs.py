"""The swan docs' FileSystemManager samples run verbatim through `swan-bridge run sample.js --call
METHOD`, on a real data directory.

tests/data/doc_samples/fs/FileSystemManager.js is the sample of file/FileSystemManager.md (one
page, a button per method); the other files are the samples of the per-method pages
(file/FileSystemManager-<method>.md), each that page's method with the same onLoad. The
per-method samples use files they never create (demo.txt, the folders rename/, readdir/ ...), so
the test puts them in the data directory first, as a user's earlier session would have; the
big sample runs its buttons in an order where each one has what it needs, on an empty directory.
MANIFEST.json names the doc page of each sample.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import DATA

SAMPLES = DATA / "doc_samples"
EXE = Path(sys.executable).with_name("swan-bridge")
COMMAND = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]

# File times (UNIX seconds) and the mode (POSIX st_mode, a string) depend on the moment and the umask.
STATS = re.compile(r'"mode":"\d+","size":(\d+),"lastAccessedTime":\d+,"lastModifiedTime":\d+')


def run(sample: str, data_dir: Path, *methods: str) -> subprocess.CompletedProcess[str]:
    args = [arg for m in methods for arg in ("--call", m)]
    return subprocess.run([*COMMAND, "run", f"fs/{sample}.js", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=60, cwd=SAMPLES, encoding="utf-8")


def lines(text: str) -> list[str]:
    return [STATS.sub(r'"mode":"…","size":\1,"lastAccessedTime":…,"lastModifiedTime":…', line) for line in text.splitlines()]


def tree(folder: Path) -> dict[str, str | None]:
    """Every file (its text) and folder (None) below `folder`, by relative path."""
    return {p.relative_to(folder).as_posix(): (p.read_text(encoding="utf-8") if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


STAT = '{"mode":"…","size":%d,"lastAccessedTime":…,"lastModifiedTime":…}'


def test_the_file_system_manager_sample_runs_every_button(tmp_path: Path) -> None:
    """Each button of the page once, in an order where each finds what it needs; the paths the
    sample names but never creates (readdir/, rename/, rmdir/, a saved temp file, demo/a.zip)
    fail as they would on a phone."""
    written = "writeFile" + "appendFile" + "appendFileSync"
    proc = run("FileSystemManager", tmp_path, "writeFile", "access", "accessSync", "appendFile", "appendFileSync",
               "readFile", "readFileSync", "copyFile", "copyFileSync", "getFileInfo", "stat", "statSync", "mkdir",
               "mkdirSync", "readdir", "readdirSync", "rename", "renameSync", "rmdir", "rmdirSync", "saveFile",
               "saveFileSync", "getSavedFileList", "unzip", "removeSavedFile", "writeFileSync", "unlink", "unlinkSync")
    assert (proc.returncode, proc.stderr) == (0, "")
    out = lines(proc.stdout)
    assert out[:14] == [
        'writeFile success {"errMsg":"writeFile:ok"}',
        'access success {"errMsg":"access:ok"}',
        "accessSync success undefined",
        'appendFile success {"errMsg":"appendFile:ok"}',
        "appendFileSync success undefined",
        'readFile success {"data":"%s","errMsg":"readFile:ok"}' % written,
        # No encoding: the file's bytes as an ArrayBuffer (which console.log shows as {}), as the
        # asynchronous readFile gives them.
        "readFileSync success {}",
        'copyFile success {"errMsg":"copyFile:ok"}',
        "copyFileSync success undefined",
        'getFileInfo success {"size":%d,"errMsg":"getFileInfo:ok"}' % len(written),
        'stat success {"stats":%s,"errMsg":"stat:ok"}' % (STAT % len(written)),
        "statSync success " + STAT % len(written),
        'mkdir success {"errMsg":"mkdir:ok"}',
        "mkdirSync success undefined",
    ]
    failures = out[14:22]
    assert [line.split(" ", 2)[:2] for line in failures] == [
        ["readdir", "fail"], ["readdirSync", "fail"], ["rename", "fail"], ["renameSync", "fail"],
        ["rmdir", "fail"], ["rmdirSync", "fail"], ["saveFile", "fail"], ["saveFileSync", "fail"],
    ]
    for line in failures:
        method, _, detail = line.split(" ", 2)
        if method.endswith("Sync"):  # the Sync forms throw an Error (swan-getFileSystemManager.md)
            assert detail.startswith(f"Error: {method}:fail "), line
        else:
            result = json.loads(detail)
            assert isinstance(result["errCode"], int) and result["errMsg"].startswith(f"{method}:fail "), line
    assert out[22] == 'getSavedFileList success {"fileList":[],"errMsg":"getSavedFileList:ok"}'
    unzip = json.loads(out[23].removeprefix("unzip fail "))
    assert unzip["errMsg"].startswith("unzip:fail "), out[23]
    assert out[24:] == [
        'removeSavedFile success {"errMsg":"removeSavedFile:ok"}',  # the sample's demo.txt, not a saved file
        "writeFileSync success undefined",
        'unlink success {"errMsg":"unlink:ok"}',
        f"unlinkSync fail Error: unlinkSync:fail no such file or directory {'bdfile://usr/demo.txt'}",
    ]
    assert tree(tmp_path / "usr") == {"copyFileSync.txt": written, "destPath.txt": written, "mkdir": None, "mkdirSyc": None}


# (sample, what the data directory holds first, stdout, what it holds after)
PER_METHOD = [
    ("appendFile", {"demo.txt": "demo"}, ['appendFile success {"errMsg":"appendFile:ok"}'], {"demo.txt": "demoappendFile"}),
    ("copyFile", {"demo.txt": "demo"}, ['copyFile success {"errMsg":"copyFile:ok"}'],
     {"demo.txt": "demo", "destPath.txt": "demo"}),
    ("copyFileSync", {"demo.txt": "demo"}, ["copyFileSync success undefined"],
     {"copyFileSync.txt": "demo", "demo.txt": "demo"}),
    ("readdir", {"readdir": None, "readdir/a.txt": "a"}, ['readdir success {"files":["a.txt"],"errMsg":"readdir:ok"}'],
     {"readdir": None, "readdir/a.txt": "a"}),
    ("rename", {"demo.txt": "demo", "rename": None}, ['rename success {"errMsg":"rename:ok"}'],
     {"rename": None, "rename/demo.txt": "demo"}),
    ("renameSync", {"demo.txt": "demo", "renameSync": None}, ["renameSync success undefined"],
     {"renameSync": None, "renameSync/demo.txt": "demo"}),
    ("rmdir", {"rmdir": None}, ['rmdir success {"errMsg":"rmdir:ok"}'], {}),
    ("rmdirSync", {"rmdirSync": None}, ["rmdirSync success undefined"], {}),
    ("statSync", {"demo.txt": "demo"}, ["statSync success " + STAT % 4], {"demo.txt": "demo"}),
    ("unlink", {"demo.txt": "demo"}, ['unlink success {"errMsg":"unlink:ok"}'], {}),
    ("unlinkSync", {"demo.txt": "demo"}, ["unlinkSync success undefined"], {}),
]


@pytest.mark.parametrize("case", PER_METHOD, ids=lambda c: c[0])
def test_the_per_method_sample_runs_on_the_files_it_expects(case: tuple[str, dict[str, str | None], list[str],
                                                                          dict[str, str | None]], tmp_path: Path) -> None:
    sample, before, stdout, after = case
    user = tmp_path / "usr"
    user.mkdir()
    for name, text in before.items():
        if text is None:
            (user / name).mkdir(parents=True, exist_ok=True)
        else:
            (user / name).parent.mkdir(parents=True, exist_ok=True)
            (user / name).write_text(text, encoding="utf-8")
    proc = run(sample, tmp_path, sample)
    assert (proc.returncode, lines(proc.stdout), proc.stderr) == (0, stdout, "")
    assert tree(user) == after


def test_the_save_file_sample_names_a_temp_file_that_does_not_exist(tmp_path: Path) -> None:
    """Its tempFilePath '/usr/temp.txt' is "仅为示例" (only an example), says the sample: it fails."""
    proc = run("saveFile", tmp_path, "saveFile")
    assert (proc.returncode, proc.stderr) == (0, "")
    [line] = proc.stdout.splitlines()
    result = json.loads(line.removeprefix("saveFile fail "))
    assert isinstance(result["errCode"], int) and result["errMsg"].startswith("saveFile:fail "), line
