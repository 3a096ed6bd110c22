"""The file sandbox: `bdfile://` paths a script may use, mapped to host files the runtime owns.

A script never names a host path. Temp files and files the host handed in are looked up in a
registry (so `bdfile://tmp_../..` is simply not there); user files live below one directory.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path

from ._exceptions import HostFailure

TEMP_PREFIX = "bdfile://tmp_"
USER_DATA_PATH = "bdfile://usr"
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}")
MAX_PATH_LENGTH = 1024


def safe_extension(ext: str) -> str:
    """An extension a server or a file name suggested, kept only if it is short and plain."""
    ext = ext.lower()
    return ext if _EXTENSION.fullmatch(ext) else ""


class Sandbox:
    """Owns a runtime's temp directory and decides which `bdfile://` paths exist."""

    def __init__(self, temp_dir: str | os.PathLike[str] | None = None) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix="swan-bridge-", dir=temp_dir))
        self._files: dict[str, Path] = {}
        self._handed_in = 0

    @property
    def directory(self) -> Path:
        return self._dir

    def hand_in(self, host_path: str | os.PathLike[str]) -> str:
        """Make a host file readable by the script (chooseImage); returns its temp path."""
        path = Path(host_path)
        if not path.is_file():
            raise FileNotFoundError(f"not a file: {path}")
        vpath = f"{TEMP_PREFIX}chosen_{self._handed_in}{safe_extension(path.suffix)}"
        self._handed_in += 1
        self._files[vpath] = path.resolve()
        return vpath

    def new_temp(self, ext: str = "") -> tuple[str, Path]:
        """A fresh temp path and the host file behind it (not visible until `publish`)."""
        name = f"tmp_{secrets.token_hex(8)}{safe_extension(ext)}"
        return f"bdfile://{name}", self._dir / name

    def publish(self, vpath: str, host_path: Path) -> None:
        self._files[vpath] = host_path

    def discard(self, vpath: str) -> None:
        """Forget a temp file and delete it, unless it is a file the host handed in."""
        host = self._files.pop(vpath, None)
        if host is not None and host.parent == self._dir:
            host.unlink(missing_ok=True)

    def resolve(self, vpath: str) -> Path:
        """The host file behind a script's path, or HostFailure: nothing outside is reachable."""
        if not isinstance(vpath, str) or "\x00" in vpath or len(vpath) > MAX_PATH_LENGTH:
            raise HostFailure("invalid_path", "invalid file path")
        if not vpath.startswith("bdfile://"):
            raise HostFailure("invalid_path", f"invalid file path: {vpath[:200]}")
        host = self._files.get(vpath)
        if host is None or not host.is_file():
            raise HostFailure("not_found", f"file not found: {vpath[:200]}")
        return host

    def close(self) -> None:
        self._files.clear()
        shutil.rmtree(self._dir, ignore_errors=True)
