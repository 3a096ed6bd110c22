"""The on-disk cache of the shim's compiled bytecode, so that a new process (a CLI run) skips
compiling the 140 KB shim (7 ms of its first runtime's 12 ms).

Where: `$SWAN_BRIDGE_CACHE_DIR`, else the user's cache directory (`$XDG_CACHE_HOME` or
`~/.cache` on Linux, `~/Library/Caches` on macOS) under `swan-bridge/`; `SWAN_BRIDGE_CACHE_DIR=`
(empty) turns it off. The key names the shim's source and the engine build exactly, so an
upgrade of either misses. A file holds the SHA-256 of its bytecode first: a truncated or damaged
file (a crash while writing, a full disk) is never handed to the engine, and is written again.
The cache is the user's own, as Python's `__pycache__` is: it is read as trusted as the package.
Any failure to read or write it only means compiling again.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

_DIGEST = 32  # bytes of SHA-256 before the bytecode


def directory() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    chosen = os.environ.get("SWAN_BRIDGE_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "swan-bridge"


def key(*parts: str | bytes) -> str:
    """A file name for the bytecode of these inputs (source, engine identity)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return f"shim-{digest.hexdigest()[:40]}.qjsbc"


def load(name: str) -> bytes | None:
    """The cached bytecode under `name`, if it is there and whole."""
    where = directory()
    if where is None:
        return None
    try:
        data = (where / name).read_bytes()
    except OSError:
        return None
    code = data[_DIGEST:]
    if len(data) <= _DIGEST or hashlib.sha256(code).digest() != data[:_DIGEST]:
        return None
    return code


def store(name: str, code: bytes) -> None:
    """Keep `code` under `name` (atomically: a reader sees the old file, the new one, or none)."""
    where = directory()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=where, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(hashlib.sha256(code).digest() + code)
            os.replace(temp, where / name)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass  # a read-only home, a full disk: compile again next time
