"""Files and storage from the inside: encodings, atomic writes, the FileSystemManager's channel.

Why inside: these check the host-side pieces under conditions a script cannot arrange (a write
interrupted halfway, every encoding against Python's codecs, the channel's answer to garbage).
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest
from support import lines

from bridge import ScriptError, SwanRuntime
from bridge._files import _storage
from bridge._files._fs import FileSystem, decode, encode
from bridge._files._storage import atomic_write

# `out(tag)`: callbacks that print "tag ok <json>" / "tag fail <errCode> <errMsg>" then "tag complete <errMsg>".
P = """
var fs = swan.getFileSystemManager();
var U = swan.env.USER_DATA_PATH;
var show = (v) => v instanceof ArrayBuffer ? 'AB[' + Array.from(new Uint8Array(v)).join(',') + ']' : JSON.stringify(v);
var out = (tag) => ({
  success: r => console.log(tag, 'ok', show(r)),
  fail: e => console.log(tag, 'fail', e.errCode, e.errMsg),
  complete: r => console.log(tag, 'complete', r.errMsg),
});
var sync = (tag, fn) => { try { console.log(tag, 'ok', show(fn())); } catch (e) { console.log(tag, 'throw', e.errCode, e.message, e instanceof Error); } };
"""


def run(rt: SwanRuntime, script: str) -> list[str]:
    result = rt.run(P + script)
    assert result.errors == []
    return lines(result)


@pytest.fixture
def rt(make_runtime, tmp_path: Path) -> SwanRuntime:
    return make_runtime(data_dir=tmp_path / "data")


def test_encode_decode_round_trip_helpers() -> None:
    data = bytes(range(256))
    for encoding in ("base64", "hex", "latin1", "binary"):
        assert encode(decode(data, encoding), encoding) == data
    assert decode(b"abc", "ucs2") == "\u6261"  # an odd byte is dropped


def test_the_channel_never_raises_into_the_engine(tmp_path) -> None:
    from bridge._files._sandbox import Sandbox

    sandbox = Sandbox(tmp_path)
    try:
        fs = FileSystem(sandbox)
        for text in ["", "nul", "[]", '{"method": "readFile"}', '{"method": "nope", "params": {}}',
                     '{"method": "readFile", "params": {"filePath": 5}}', '{"method": "writeFile", "params": {"filePath": "bdfile://usr/a"}}',
                     '{"method": "writeFile", "params": {"filePath": "bdfile://usr/a", "dataBase64": "%%%"}}']:
            answer = json.loads(fs.sync(text))
            assert answer["ok"] is False and answer["kind"] in ("param", "internal", "invalid_path"), (text, answer)
    finally:
        sandbox.close()


def test_without_the_interrupt_handler_sync_forms_throw_a_clear_error(make_runtime, tmp_path, monkeypatch) -> None:
    from bridge._engine import _native

    monkeypatch.setattr(_native, "install", lambda context, deadlines: None)  # the wrapper's time limit instead
    rt = make_runtime(data_dir=tmp_path / "data", cpu_limit=5)
    out = run(rt, """
    sync('s', () => fs.writeFileSync(U + '/a', 'q'));
    fs.writeFile({filePath: U + '/a', data: 'q', ...out('async')});
    """)
    assert out[0].startswith("s throw 1001 writeFileSync:fail Sync file APIs cannot run under the engine's CPU time limit")
    assert out[1:] == ['async ok {"errMsg":"writeFile:ok"}', "async complete writeFile:ok"]
    # With no limit in force, the wrapper lets host calls through.
    rt2 = make_runtime(data_dir=tmp_path / "data2", timeout=None, cpu_limit=None)
    assert run(rt2, "fs.writeFileSync(U + '/a', 'z'); console.log(fs.readFileSync(U + '/a', 'utf8'))") == ["z"]


def test_the_sync_forms_are_the_ones_the_host_answers(rt) -> None:
    from bridge._files._fs import FS_METHODS, FS_SYNC_METHODS

    [names] = run(rt, "console.log(JSON.stringify(Object.keys(fs).sort()))")
    assert json.loads(names) == sorted([*FS_METHODS, *(m + "Sync" for m in FS_SYNC_METHODS)])


def stored_file(data_dir: Path) -> Any:
    return json.loads((data_dir / "storage.json").read_text(encoding="ascii"))


# -- atomic writes ------------------------------------------------------------------------------
def _fail_replace(*args: Any) -> None:
    raise OSError(errno.EIO, "simulated crash before the rename")


def _fail_fsync(fd: int) -> None:
    raise OSError(errno.ENOSPC, "simulated crash in the middle of the write")


class _HalfWrite:
    """A file whose write stores half the bytes, then fails (a disk that filled up mid-write)."""

    def __init__(self, file: Any) -> None:
        self._file = file

    def __enter__(self) -> _HalfWrite:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def write(self, data: bytes) -> None:
        self._file.write(data[: len(data) // 2])
        self._file.flush()
        raise OSError(errno.ENOSPC, "No space left on device")


def _half_write(patch: pytest.MonkeyPatch) -> None:
    real = os.fdopen
    patch.setattr(_storage.os, "fdopen", lambda fd, mode: _HalfWrite(real(fd, mode)))


CRASHES = {
    "os.replace fails": lambda patch: patch.setattr(_storage.os, "replace", _fail_replace),
    "fsync fails": lambda patch: patch.setattr(_storage.os, "fsync", _fail_fsync),
    "the write stops halfway": _half_write,
}


def test_without_data_dir_the_storage_is_removed_on_close(runtime) -> None:
    rt = runtime()
    run(rt, "swan.setStorageSync('k', 1)")
    path = rt._storage.path
    assert json.loads(path.read_text()) == {"k": 1}
    rt.close()
    assert not path.exists() and not path.parent.exists()


def test_a_turn_writes_the_file_once(runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes: list[bytes] = []
    real = _storage.atomic_write
    monkeypatch.setattr(_storage, "atomic_write", lambda path, data: (writes.append(data), real(path, data)))
    rt = runtime(data_dir=tmp_path / "data")
    run(rt, "for (var i = 0; i < 500; i++) swan.setStorageSync('k' + (i % 5), i);")
    assert len(writes) == 1
    assert json.loads(writes[0]) == {"k0": 495, "k1": 496, "k2": 497, "k3": 498, "k4": 499}
    run(rt, "swan.getStorageSync('k0'); swan.getStorageInfoSync();")  # reads write nothing
    assert len(writes) == 1


@pytest.mark.parametrize("crash", list(CRASHES))
def test_a_failed_write_leaves_the_old_file_intact(runtime, tmp_path: Path, crash: str) -> None:
    data = tmp_path / "data"
    rt = runtime(data_dir=data)
    run(rt, "swan.setStorageSync('a', 'old'); swan.setStorageSync('list', [1, 2, 3]);")
    before = (data / "storage.json").read_bytes()

    with pytest.MonkeyPatch.context() as patch:
        CRASHES[crash](patch)
        result = rt.run("swan.setStorageSync('a', 'new'); swan.setStorageSync('b', 'x'.repeat(100000)); swan.clearStorage();")
        assert [e.where for e in result.errors] == ["storage"]
        assert isinstance(result.errors[0], ScriptError)
        assert result.errors[0].message.startswith(f"swan-bridge: storage not saved to {data / 'storage.json'}: ")
        # The old file is intact, and no temp file is left beside it.
        assert (data / "storage.json").read_bytes() == before
        assert sorted(p.name for p in data.iterdir()) == ["storage.json", "store", "usr"]
        # A runtime started now (after a crash) reads the old data.
        other = runtime(data_dir=data)
        assert dict(other.storage) == {"a": "old", "list": [1, 2, 3]}
        other.close()

    # The runtime that failed keeps going, and its next write saves everything it holds.
    assert run(rt, "swan.setStorageSync('after', true)") == []
    assert stored_file(data) == {"after": True}


def test_atomic_write_replaces_or_keeps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.json"
    atomic_write(path, b"one")
    atomic_write(path, b"two")
    assert path.read_bytes() == b"two"
    monkeypatch.setattr(_storage.os, "replace", _fail_replace)
    with pytest.raises(OSError, match="simulated crash"):
        atomic_write(path, b"three")
    assert path.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]
