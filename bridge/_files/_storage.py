"""swan storage on the host side: the copy that persists to `<data_dir>/storage.json`.

The storage a script sees lives in JS memory (js_shim/storage.js), because the Sync APIs
(`getStorageSync`) must answer at once and JS never calls Python. The shim posts every change as
a {"op": "storage"} outbox message (see `_protocol`); this module applies it to a Python copy and
writes that copy to one JSON file, atomically, once per drained outbox piece. At start-up the
file (and the `storage=` seed over it) is sent to the shim.

Keys are keys of one JSON object in that one file, never file names: a key such as
'../../etc/passwd' or 'a/b' touches nothing but storage.json.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

from .._protocol import Message
from .._registry import Params, api

STORAGE_FILE = "storage.json"


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
        return copy.deepcopy(self._data[key])

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._data))

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"StorageView({self._data!r})"


class Storage:
    """The host's copy of the storage, persisted to `<directory>/storage.json`."""

    def __init__(self, directory: Path, seed: Mapping[str, Any] | None = None) -> None:
        self.path = directory / STORAGE_FILE
        self._data: dict[str, Any] = self._load()
        self._dirty = False
        #: Whether the last write failed (the runtime reports a failure once, not at every retry).
        self.failing = False
        if seed:
            self._data.update(copy.deepcopy(dict(seed)))
            self._dirty = True
            self.save()

    def _load(self) -> dict[str, Any]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValueError(f"{self.path} is not a swan-bridge storage file: {exc}") from None
        if not isinstance(data, dict):
            raise ValueError(f"{self.path} is not a swan-bridge storage file: expected a JSON object")
        return data

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
        for key in message.get("remove", ()):
            self._data.pop(key, None)
        self._data.update(message.get("set", {}))
        self._dirty = True

    def save(self) -> None:
        """Write the file if anything changed since the last write. On failure (OSError) the old
        file is intact and the change stays pending: the next save tries again."""
        if not self._dirty:
            return
        text = json.dumps(self._data, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
        try:
            self.path.parent.mkdir(exist_ok=True)  # the runtime's own data folder is made when first used
            atomic_write(self.path, text.encode("ascii"))
        except OSError:
            self.failing = True
            raise
        self._dirty = self.failing = False


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
