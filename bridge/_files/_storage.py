"""swan storage on the host side: the copy that persists to `<data_dir>/storage.json`.

The storage a script sees lives in JS memory (js_shim/storage.js), because the Sync APIs
(`getStorageSync`) must answer at once and JS never calls Python. The shim posts every change as
a {"op": "storage"} outbox message (see `_protocol`); this module applies it to a Python copy and
writes that copy to one JSON file, atomically, at the end of each turn that changed it. At
start-up the file (and the `storage=` seed over it) is sent to the shim.

Keys are keys of one JSON object in that one file, never file names: a key such as
'../../etc/passwd' or 'a/b' touches nothing but storage.json.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from .._project_files import FileRefused, nesting, no_constant, read_regular_file
from .._protocol import Message
from .._registry import Params, api
from .._spec import STORAGE_DEPTH, STORAGE_LIMIT_BYTES

try:
    import fcntl
except ImportError:  # Windows: writes are merged without a lock
    fcntl = None  # type: ignore[assignment]

STORAGE_FILE = "storage.json"
#: The largest storage.json read: the 10 MB of values as JSON with every character escaped.
STORAGE_FILE_BYTES = 8 * STORAGE_LIMIT_BYTES


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves either the old file or the
    new one, never a mix: write a temp file in the same directory, fsync it, os.replace it over
    the old one, then fsync the directory so the rename itself is durable.

    (`atomicwrites` would do the same, but it is unmaintained since 2022; this is its recipe.)
    """
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    with suppress(OSError):  # not every platform can open a directory
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


class StorageView(Mapping[str, Any]):
    """A read-only, live view of a runtime's storage: `rt.storage["key"]` is a copy of the value
    the script would read (changing it changes nothing in the runtime)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        # A copy through the C JSON codec: values nest up to STORAGE_DEPTH levels, deeper than
        # copy.deepcopy's Python recursion goes.
        return json.loads(json.dumps(self._data[key]))

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._data))

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"StorageView({self._data!r})"


#: A key the runtime removed since its last write (see Storage._changes).
_REMOVED = object()


class Storage:
    """The host's copy of the storage, persisted to `<directory>/storage.json`.

    Several runtimes may share one data directory: each write merges this runtime's changes
    since its last write (keys set, keys removed, a clear) into the file as it is on disk then,
    under a lock, so that no runtime's acknowledged key is lost to another's write. A runtime
    sees the other's keys when it is made (it reads the file then), not while it runs.
    """

    def __init__(self, directory: Path, seed: Mapping[str, Any] | None = None,
                 make_directory: Callable[[], object] | None = None) -> None:
        self.path = directory / STORAGE_FILE
        self._directory = directory
        #: Makes the directory when it is not there yet (a runtime's own data folder, made when
        #: first used by its sandbox); None: the directory is made here.
        self._make_directory = make_directory or (lambda: directory.mkdir(exist_ok=True))
        self._disk: tuple[int, int, int] | None = None  # the file as this runtime last read or wrote it
        with self._locked():
            self._data: dict[str, Any] = self._load()
        #: The file as this runtime last read or wrote it: other runtimes' keys merged into it
        #: stay in it when this runtime writes again (its own copy, `_data`, lacks them).
        self._file: dict[str, Any] = dict(self._data)
        #: What changed since the last write: the keys set (their values) or removed (_REMOVED),
        #: and whether the storage was cleared first.
        self._changes: dict[str, Any] = {}
        self._cleared = False
        #: Whether the last write failed (the runtime reports a failure once, not at every retry).
        self.failing = False
        if seed:
            for key, value in seed.items():
                if nesting(value, STORAGE_DEPTH) > STORAGE_DEPTH:
                    raise ValueError(f"storage[{key!r}] is nested deeper than {STORAGE_DEPTH} levels")
            self.apply({"set": copy.deepcopy(dict(seed))})
            self.save()

    def _load(self) -> dict[str, Any]:
        """The file's keys, or ValueError naming the file when it is no storage file."""
        try:  # a regular file only, read up to its cap (a FIFO there would block, /dev/zero never end)
            raw = read_regular_file(self.path, STORAGE_FILE_BYTES)
        except FileRefused as exc:
            if exc.reason == "not found":
                self._disk = None
                return {}
            raise ValueError(f"{self.path} is not a swan-bridge storage file: {exc.reason}") from None
        self._disk = self._signature()
        problem = f"{self.path} is not a swan-bridge storage file"
        too_deep = f"it nests deeper than {STORAGE_DEPTH} levels"
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=no_constant)
        except RecursionError:  # deeper than this Python's parser goes (3.13's goes further)
            raise ValueError(f"{problem}: {too_deep}") from None
        except ValueError as exc:  # not UTF-8, not JSON, NaN or Infinity
            raise ValueError(f"{problem}: {exc}") from None
        if not isinstance(data, dict):  # too deep gets one answer whichever parser took it
            deep = nesting(data, STORAGE_DEPTH) > STORAGE_DEPTH
            raise ValueError(f"{problem}: {too_deep if deep else 'expected a JSON object'}")
        for key, value in data.items():
            if nesting(value, STORAGE_DEPTH) > STORAGE_DEPTH:
                raise ValueError(f"{problem}: the value of {key!r} nests deeper than {STORAGE_DEPTH} levels")
        return data

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the storage lock: an flock on the data directory itself (no lock file is left in
        it); a no-op where fcntl is missing."""
        if fcntl is None or not self._directory.is_dir():
            yield  # (a runtime's own data folder, not made yet: nobody else can share it)
            return
        fd = os.open(self._directory, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # (closing releases the lock)

    @property
    def data(self) -> dict[str, Any]:
        """The values, for the shim's start-up configuration."""
        return self._data

    @property
    def view(self) -> StorageView:
        return StorageView(self._data)

    def apply(self, message: Message) -> None:
        """One {"op": "storage"} message: "clear", then "remove" (keys), then "set" ({key: value})."""
        if message.get("clear"):
            self._data.clear()
            self._changes.clear()
            self._cleared = True
        for key in message.get("remove", ()):
            self._data.pop(key, None)
            self._changes[key] = _REMOVED
        added = message.get("set", {})
        self._data.update(added)
        self._changes.update(added)

    @property
    def _dirty(self) -> bool:
        return self._cleared or bool(self._changes)

    def save(self) -> None:
        """Write the changes if there are any: merged into the file as another runtime may have
        left it, under the lock. On failure (OSError) the old file is intact and the changes stay
        pending: the next save tries again."""
        if not self._dirty:
            return
        try:
            self._make_directory()
            with self._locked():
                # Nobody else wrote since this runtime did: the file is as it left it.
                merged = self._merged(self._file if self._signature() == self._disk else None)
                text = json.dumps(merged, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
                atomic_write(self.path, text.encode("ascii"))
                self._disk = self._signature()
                self._file = merged
        except OSError:
            self.failing = True
            raise
        self._changes.clear()
        self._cleared = self.failing = False

    def _merged(self, known: dict[str, Any] | None) -> dict[str, Any]:
        """The file as it is now (`known`, else read again: another runtime wrote it), with this
        runtime's changes on top."""
        if self._cleared:
            base: dict[str, Any] = {}
        elif known is not None:
            base = dict(known)
        else:
            try:
                base = self._load()
            except ValueError:  # damaged since it was read: this runtime's copy replaces it
                base = dict(self._data)
        for key, value in self._changes.items():
            if value is _REMOVED:
                base.pop(key, None)
            else:
                base[key] = value
        return base


class Acknowledged:
    """APIs whose results the shim fills in itself: storage (held in JS so that the Sync forms
    answer at once; their Sync forms never reach the host) and the device profile (in JS for
    getSystemInfoSync). The host's answer only releases the callbacks."""

    @api("storage")
    def setStorage(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("storage")
    def getStorage(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("storage")
    def removeStorage(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("storage")
    def clearStorage(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("storage")
    def getStorageInfo(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("system")
    def getSystemInfo(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("system")
    def getNetworkType(self, api: str, params: Params) -> dict[str, Any]:
        return {}
