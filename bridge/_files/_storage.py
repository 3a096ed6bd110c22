"""swan storage on the host side: the copy that persists to `<data_dir>/storage.json`.

The storage a script sees lives in JS memory (js_shim/storage.js), because the Sync APIs
(`getStorageSync`) must answer at once and JS never calls Python. The shim posts every change as
a {"op": "storage"} outbox message (see `_protocol`); this module applies it to a Python copy and
writes that copy to one JSON file, atomically, at the end of each turn that changed it. At
start-up the file (and the `storage=` seed over it) is sent to the shim.

The 10 MB limit holds for the data folder as a whole, whichever runtimes share it: before the
shim stores a value it asks the host through the synchronous channel (`Storage.reserve`), which
checks the value against the store as it would be written (the file as on disk, with this
runtime's changes on top) under the folder's lock, and keeps that lock until the turn's write, so
that no other runtime can take the room in between.

Keys are keys of one JSON object in that one file, never file names: a key such as
'../../etc/passwd' or 'a/b' touches nothing but storage.json.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import threading
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
#: The synchronous channel's requests that `Storage.sync` answers (the rest are the file system's).
STORAGE_SYNC_PREFIX = '{"method":"storage.'
FULL = "exceed max storage size"

#: The data folders whose lock a runtime of this process holds across a turn: (st_dev, st_ino) ->
#: the holding thread. Another runtime on the same thread cannot wait for it (it would wait for
#: itself), so it is refused instead of blocking.
_HELD: dict[tuple[int, int], int] = {}
_HELD_LOCK = threading.Lock()


def entry_bytes(key: str, value: Any) -> int:
    """The bytes a key and its value count against the limit: the UTF-8 bytes of the key and of
    the value's JSON text (a lone surrogate counts 3, as the shim counts it)."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return len(key.encode("utf-8", "surrogatepass")) + len(text.encode("utf-8", "surrogatepass"))


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
    sees the other's keys when it is made (it reads the file then), not while it runs. A value
    is stored only if the merged store stays within the limit (`reserve`).
    """

    def __init__(self, directory: Path, seed: Mapping[str, Any] | None = None,
                 make_directory: Callable[[], object] | None = None) -> None:
        self.path = directory / STORAGE_FILE
        self._directory = directory
        #: Makes the directory when it is not there yet (a runtime's own data folder, made when
        #: first used by its sandbox); None: the directory is made here.
        self._make_directory = make_directory or (lambda: directory.mkdir(exist_ok=True))
        self._disk: tuple[int, int, int] | None = None  # the file as this runtime last read or wrote it
        #: The bytes of each key of the store as it would be written (`_file` with `_changes` on
        #: top), counted at the first `reserve`; the keys `reserve` counted whose value is on its way.
        self._sizes: dict[str, int] | None = None
        self._total = 0
        self._reserved: set[str] = set()
        #: The lock held from the first `reserve` of a turn until the turn's write: its fd.
        self._held: int | None = None
        self._held_key: tuple[int, int] | None = None
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

    def _folder_fd(self) -> tuple[int, tuple[int, int]]:
        """An fd of the data directory to lock, and the directory's (st_dev, st_ino). OSError
        when a runtime on this thread holds the lock across its turn: waiting for it here would
        wait forever."""
        fd = os.open(self._directory, os.O_RDONLY)
        st = os.fstat(fd)
        folder = (st.st_dev, st.st_ino)
        with _HELD_LOCK:
            if _HELD.get(folder) == threading.get_ident():
                os.close(fd)
                raise OSError(f"{self._directory}: another runtime on this thread holds its storage lock in its turn")
        return fd, folder

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the storage lock: an flock on the data directory itself (no lock file is left in
        it); a no-op where fcntl is missing, or when this runtime holds it already (`_hold`)."""
        if fcntl is None or self._held is not None or not self._directory.is_dir():
            yield  # (a runtime's own data folder, not made yet: nobody else can share it)
            return
        fd, _ = self._folder_fd()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # (closing releases the lock)

    def _hold(self) -> None:
        """Take the storage lock until `release` (the turn's write), and see the file as it is now."""
        if self._held is not None or fcntl is None:
            return
        self._make_directory()
        fd, folder = self._folder_fd()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        with _HELD_LOCK:
            _HELD[folder] = threading.get_ident()
        self._held, self._held_key = fd, folder
        self._refresh()

    def release(self) -> None:
        """Let go of the lock `_hold` took, if this runtime holds it."""
        fd, self._held = self._held, None
        if fd is None:
            return
        with _HELD_LOCK:
            _HELD.pop(self._held_key, None)  # type: ignore[arg-type]
        os.close(fd)

    def reserve(self, key: str, size: int) -> str | None:
        """Whether `key` may take a value of `size` bytes (the shim's count): None when the store
        as it would be written, with it, stays within the limit, else the reason. Checked, and
        counted, under the folder's lock, which is kept until the turn's write (`save`) so that
        no other runtime fills the room first."""
        try:
            self._hold()
        except OSError as exc:
            return f"storage is unavailable: {exc.strerror or exc}"
        sizes = self._counted()
        total = self._total - sizes.get(key, 0) + size
        if total > STORAGE_LIMIT_BYTES:
            if not self._dirty and not self._reserved:
                self.release()  # nothing of this turn's to write
            return FULL
        sizes[key] = size
        self._total = total
        self._reserved.add(key)
        return None

    def sync(self, text: str) -> str:
        """The synchronous channel's storage requests: {"method": "storage.reserve", "key": k,
        "bytes": n} in, {"ok": true, "room": r} or {"ok": false, "kind": k, "detail": d} out. Never raises."""
        try:
            request = json.loads(text)
            key, size = request["key"], request["bytes"]
            if request["method"] != "storage.reserve" or not isinstance(key, str) or type(size) is not int:
                raise ValueError(request["method"])
            refused = self.reserve(key, size)
        except Exception as exc:  # a bug: reported as a failure, never raised into the engine
            return json.dumps({"ok": False, "kind": "internal", "detail": f"swan-bridge internal error: {type(exc).__name__}"})
        if refused is None:
            # While this turn holds the folder's lock, no other runtime adds to the store: the room
            # left is the shim's to spend until the turn's end (see storage.js `room`).
            room = STORAGE_LIMIT_BYTES - self._total if self._held is not None else 0
            return '{"ok":true,"room":%d}' % max(room, 0)
        return json.dumps({"ok": False, "kind": "size_limit" if refused == FULL else "io", "detail": refused},
                          ensure_ascii=True)

    def _refresh(self) -> None:
        """`_file` as the file is now, when another runtime wrote it since this one last read or
        wrote it."""
        if self._signature() == self._disk:
            return
        try:
            self._file = self._load()
        except ValueError:  # damaged since it was read: this runtime's copy replaces it
            self._file = dict(self._data)
        self._sizes = None

    def _counted(self) -> dict[str, int]:
        """The bytes of each key of the store as it would be written (counted once, then kept up
        to date by `apply` and `reserve`)."""
        if self._sizes is None:
            self._sizes = {key: entry_bytes(key, value) for key, value in self._merged().items()}
            self._total = sum(self._sizes.values())
            self._reserved.clear()
        return self._sizes

    @property
    def data(self) -> dict[str, Any]:
        """The values, for the shim's start-up configuration."""
        return self._data

    @property
    def view(self) -> StorageView:
        return StorageView(self._data)

    def apply(self, message: Message) -> None:
        """One {"op": "storage"} message: "clear", then "remove" (keys), then "set" ({key: value})."""
        sizes = self._sizes
        if message.get("clear"):
            self._data.clear()
            self._changes.clear()
            self._cleared = True
            if sizes is not None:
                sizes.clear()
                self._total = 0
        for key in message.get("remove", ()):
            self._data.pop(key, None)
            self._changes[key] = _REMOVED
            if sizes is not None:
                self._total -= sizes.pop(key, 0)
        added = message.get("set", {})
        self._data.update(added)
        self._changes.update(added)
        if sizes is not None:
            for key, value in added.items():
                if key in self._reserved:  # counted by `reserve`
                    self._reserved.discard(key)
                else:
                    size = entry_bytes(key, value)
                    self._total += size - sizes.get(key, 0)
                    sizes[key] = size

    @property
    def _dirty(self) -> bool:
        return self._cleared or bool(self._changes)

    def save(self) -> None:
        """Write the changes if there are any: merged into the file as another runtime may have
        left it, under the lock; then let go of the lock a `reserve` took. On failure (OSError)
        the old file is intact and the changes stay pending: the next save tries again."""
        try:
            if not self._dirty:
                return
            try:
                self._make_directory()
                with self._locked():
                    self._refresh()
                    merged = self._merged()
                    text = json.dumps(merged, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
                    atomic_write(self.path, text.encode("ascii"))
                    self._disk = self._signature()
                    self._file = merged
            except OSError:
                self.failing = True
                raise
            self._changes.clear()
            self._cleared = self.failing = False
        finally:
            if self._reserved:  # counted, but the value never came (the turn stopped first)
                self._sizes = None
                self._reserved.clear()
            self.release()

    def _merged(self) -> dict[str, Any]:
        """The file as this runtime last saw it (`_refresh`), with this runtime's changes on top."""
        base: dict[str, Any] = {} if self._cleared else dict(self._file)
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
