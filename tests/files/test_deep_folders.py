"""Folders of any depth in the data folder: the store's count, recursive stat and rmdir, and the
removal of a runtime's directory walk them without recursion and without passing PATH_MAX."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge import SwanRuntime

from support import lines

HOST_DEPTH = 5000  # 10,000 bytes of path below usr/: five times Python's recursion limit, past PATH_MAX
SCRIPT_DEPTH = 1500


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A folder for a deep tree: in memory (tmpfs) where there is one, as thousands of folders
    made and removed on a disk take seconds; tmp_path otherwise."""
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    made = Path(tempfile.mkdtemp(dir=shm, prefix="swan-bridge-test-"))
    try:
        yield made
    finally:
        subprocess.run(["rm", "-rf", "--", str(made)], check=False)  # (shutil.rmtree recurses)


def place_deep_tree(usr: Path, depth: int, content: bytes) -> None:
    """`a/a/.../a/deep` with `depth` folders, made below `usr` from descriptors (the path is too long to name)."""
    usr.mkdir(parents=True, exist_ok=True)
    fd = os.open(usr, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(depth):
            os.mkdir("a", dir_fd=fd)
            child = os.open("a", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = child
        file = os.open("deep", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
        os.write(file, content)
        os.close(file)
    finally:
        os.close(fd)


CHECK = """
const fs = swan.getFileSystemManager(), D = swan.env.USER_DATA_PATH;
const tryIt = (tag, f) => { try { console.log(tag, f()) } catch (e) { console.log(tag, e.errCode, e.message) } };
const deepest = '/' + 'a/'.repeat(%(depth)d) + 'deep';
tryIt('stat', () => { const s = fs.statSync(D, true); const keys = Object.keys(s);
  return [keys.length, s[deepest].size, s['/' + 'a/'.repeat(%(depth)d - 1) + 'a'].isDirectory()].join(' ') });
tryIt('over', () => fs.writeFileSync(D + '/x.bin', new ArrayBuffer(%(over)d)));
tryIt('rmdir', () => fs.rmdirSync(D + '/a', true));
tryIt('left', () => JSON.stringify(fs.readdirSync(D)));
tryIt('write', () => fs.writeFileSync(D + '/x.bin', new ArrayBuffer(%(over)d)));
"""


def test_a_tree_placed_by_the_host_is_counted_stated_and_removed(folder: Path) -> None:
    # The deep file holds 10 MB less 100 KB: it counts in the store, so 200 KB more is refused
    # until the tree is gone.
    data = folder / "data"
    place_deep_tree(data / "usr", HOST_DEPTH, b"\0" * (10 * 1024 * 1024 - 100 * 1024))
    with SwanRuntime(data_dir=data, timeout=20) as rt:
        result = rt.run(CHECK % {"depth": HOST_DEPTH, "over": 200 * 1024})
    assert lines(result) == [
        f"stat {HOST_DEPTH + 2} {10 * 1024 * 1024 - 100 * 1024} true",
        "over 2002 writeFileSync:fail the maximum size of the file storage limit is exceeded",
        "rmdir undefined",
        "left []",
        "write undefined",
    ]
    assert sorted(os.listdir(data / "usr")) == ["x.bin"]


BUILD = """
const fs = swan.getFileSystemManager(), D = swan.env.USER_DATA_PATH;
fs.mkdirSync(D + '/a');
fs.writeFileSync(D + '/a/deep', 'deep');
for (let i = 0; i < %d; i++) { fs.mkdirSync(D + '/n'); fs.renameSync(D + '/a', D + '/n/a'); fs.renameSync(D + '/n', D + '/a'); }
fs.writeFileSync(D + '/x.txt', 'x');
console.log('built', JSON.stringify(fs.readdirSync(D)));
"""


def test_a_tree_built_by_a_script_with_short_paths(folder: Path) -> None:
    # Each path the script names stays short (mkdir and rename of one folder into another), the
    # tree grows SCRIPT_DEPTH levels deep: later runtimes on the folder write, stat and remove it.
    data = folder / "data"
    with SwanRuntime(data_dir=data, timeout=20) as rt:
        assert lines(rt.run(BUILD % SCRIPT_DEPTH)) == ['built ["a","x.txt"]']
    with SwanRuntime(data_dir=data, timeout=20) as rt:
        result = rt.run(CHECK % {"depth": SCRIPT_DEPTH + 1, "over": 3})
    assert lines(result) == [
        f"stat {SCRIPT_DEPTH + 1 + 3} 4 true",
        "over undefined",
        "rmdir undefined",
        'left ["x.bin","x.txt"]',
        "write undefined",
    ]


def test_a_runtime_removes_its_own_deep_folder(folder: Path) -> None:
    # Without a data_dir the data folder is the runtime's own, removed when it closes.
    with SwanRuntime(temp_dir=folder, timeout=20) as rt:
        assert lines(rt.run(BUILD % SCRIPT_DEPTH)) == ['built ["a","x.txt"]']
        assert len(os.listdir(folder)) == 1
    assert os.listdir(folder) == []
