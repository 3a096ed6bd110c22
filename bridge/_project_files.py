"""A mini-program folder's files, read as its sandbox allows: both the app loader (`_app`) and
the view's reader (`_view`) go through it.

The folder is a sandbox. A path is resolved inside it after symlinks are resolved, and one that
lands outside is not there (a link to a file outside is left out of every listing). Only regular
files are read: a FIFO, a device or a socket is refused by its type before it is opened (opening
a FIFO blocks; reading `/dev/zero` never ends). A file is read up to its size cap whatever
`stat()` says, so a file that grows, or lies about its size, costs at most the cap.
"""

from __future__ import annotations

import codecs
import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ._spec import PROJECT_JSON_DEPTH, USING_COMPONENTS

#: Folders that hold nothing of the app itself: never walked.
SKIPPED_DIRS = frozenset({"node_modules", ".git", ".svn", "__pycache__", ".swan", "dist", "tests", "test"})

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1024 * 1024


class FileRefused(Exception):
    """A file of the folder that is not read, and why: `rel` is its path in the folder, `line`
    and `col` (1-based, 0 when it is the whole file) where its text goes wrong."""

    def __init__(self, rel: str, reason: str, line: int = 0, col: int = 0, *, syntax: bool = False) -> None:
        super().__init__(f"{rel}: {reason}")
        self.rel = rel
        self.reason = reason
        self.line = line
        self.col = col
        #: The text is wrong (bad UTF-8, bad JSON), as opposed to the file (its type, size, access).
        self.syntax = syntax

    @property
    def location(self) -> str:
        """`file:line:col` of the fault in the text, or "" when the file as a whole is refused."""
        return f"{self.rel}:{self.line}:{self.col}" if self.line else ""


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether a directory entry is a folder once its link is followed."""
    try:
        return entry.is_dir()
    except OSError:
        return False


class ProjectFolder:
    """The files of one mini-program folder."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self._real = os.path.realpath(self.root)
        self._prefix = self._real.rstrip(os.sep) + os.sep
        #: Files the walk met that are no links, in folders it entered without links: their
        #: real path is known without asking the system again.
        self._plain: dict[str, str] = {}

    def resolve(self, rel: str) -> str | None:
        """The real path `rel` names, if it stays inside the folder once symlinks are resolved."""
        plain = self._plain.get(rel)
        if plain is not None:
            return plain
        if not rel or "\x00" in rel or os.path.isabs(rel):
            return None
        try:
            real = os.path.realpath(os.path.join(self._real, rel))
        except (OSError, ValueError):
            return None
        return real if real.startswith(self._prefix) else None

    def walk(self, wanted: Callable[[str], bool]) -> Iterator[str]:
        """Paths ("/"-separated, relative to the folder, sorted per folder) of the files whose
        name is `wanted` and that resolve inside the folder. Folders in SKIPPED_DIRS and hidden
        ones are not entered, nor a symlinked one that leads out of the folder or to a folder the
        walk entered through a link already (a link to a folder around it would never end); a
        walk of any depth uses no recursion."""
        pending = [""]
        linked = {self._real}  # real paths of the folders entered through a link, and the root
        while pending:
            rel_dir = pending.pop()
            try:
                with os.scandir(os.path.join(self._real, rel_dir)) as entries:
                    found = sorted(entries, key=lambda e: e.name)
            except OSError:
                continue
            subdirs = []
            for entry in found:
                rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if is_dir:
                    if entry.name not in SKIPPED_DIRS and not entry.name.startswith("."):
                        subdirs.append(rel)
                elif entry.is_symlink() and not entry.name.startswith(".") and entry.name not in SKIPPED_DIRS and _is_dir(entry):
                    real = self.resolve(rel)
                    if real is not None and real not in linked:
                        linked.add(real)
                        subdirs.append(rel)
                elif wanted(entry.name):
                    try:
                        plain = not entry.is_symlink()
                    except OSError:
                        continue
                    if plain:
                        self._plain[rel] = os.path.join(self._real, rel)
                    if plain or self.resolve(rel) is not None:
                        yield rel
            pending.extend(reversed(subdirs))

    def read_bytes(self, rel: str, limit: int) -> bytes:
        """The bytes of a regular file inside the folder, at most `limit` of them; FileRefused
        otherwise (also when the file is not there)."""
        real = self.resolve(rel)
        if real is None:
            raise FileRefused(rel, "outside the project (a link out of it is not followed)")
        return read_regular_file(real, limit, rel)

    def read_text(self, rel: str, limit: int) -> str:
        """A file's UTF-8 text (a leading BOM dropped); FileRefused where it is not UTF-8."""
        return decode_text(self.read_bytes(rel, limit), rel)

    def read_json(self, rel: str, limit: int) -> Any:
        """A json file's value, as strict JSON (no NaN or Infinity); FileRefused where it is not."""
        text = self.read_text(rel, limit)
        try:
            value = json.loads(text, parse_constant=no_constant)
        except json.JSONDecodeError as exc:
            raise FileRefused(rel, exc.msg, exc.lineno, exc.colno, syntax=True) from None
        except RecursionError:
            value = _TOO_DEEP
        except ValueError as exc:  # an integer too long to convert, a constant
            raise FileRefused(rel, str(exc), syntax=True) from None
        if value is _TOO_DEEP or nesting(value, PROJECT_JSON_DEPTH) > PROJECT_JSON_DEPTH:
            raise FileRefused(rel, f"nested deeper than {PROJECT_JSON_DEPTH} levels", syntax=True)
        return value


def read_regular_file(path: str | os.PathLike[str], limit: int, name: str | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them, or FileRefused (named
    `name`): the type is checked before the file is opened and again on the open file, which is
    opened without blocking and without following a symlink in its last component."""
    rel = os.fspath(path) if name is None else name
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileRefused(rel, "not found") from None
    except (OSError, ValueError) as exc:
        raise FileRefused(rel, f"cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    _check_regular(rel, info.st_mode)
    if info.st_size > limit:
        raise _too_large(rel, limit)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise FileRefused(rel, f"cannot be read: {exc.strerror or exc}") from None
    try:
        _check_regular(rel, os.fstat(fd).st_mode)  # the same file as the one checked above
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise FileRefused(rel, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > limit:
        raise _too_large(rel, limit)
    return b"".join(chunks)


def decode_text(data: bytes, rel: str) -> str:
    """UTF-8 text (a leading BOM dropped), or FileRefused at the first byte that is not UTF-8."""
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise FileRefused(rel, f"invalid UTF-8 (byte 0x{data[exc.start]:02x})", line, col, syntax=True) from None


def nul_position(rel: str, text: str) -> FileRefused | None:
    """A NUL character in `text` (a JS engine reads source as a C string), as a refusal."""
    at = text.find("\x00")
    if at < 0:
        return None
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return FileRefused(rel, "a NUL character in the source", line, col, syntax=True)


def using_components_problem(using: Any) -> str | None:
    """Why a json file's usingComponents is refused (None: it is not): past
    `limits.usingComponents` entries, swan-bridge's own bound, every page and component that
    file covers would be checked against each of them."""
    if isinstance(using, dict) and len(using) > USING_COMPONENTS:
        return f"usingComponents has {len(using)} entries, more than the {USING_COMPONENTS} swan-bridge takes"
    return None


def _check_regular(rel: str, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise FileRefused(rel, f"not a regular file ({kind})")


def _too_large(rel: str, limit: int) -> FileRefused:
    return FileRefused(rel, f"larger than {limit // (1024 * 1024)} MB, the limit for this kind of file")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `offset`."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, col


_TOO_DEEP = object()


def nesting(value: Any, limit: int | None = None) -> int:
    """How deeply arrays and objects nest in a parsed JSON value (a scalar is 0), without
    recursion; with `limit`, not looked at below limit + 1 levels (the answer is then over it)."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, level = pending.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if limit is None or level <= limit:
            pending.extend((child, level + 1) for child in children)
    return deepest


def no_constant(name: str) -> Any:
    """json.loads' parse_constant: NaN and Infinity are not JSON."""
    raise ValueError(f"{name} is not a JSON value")
