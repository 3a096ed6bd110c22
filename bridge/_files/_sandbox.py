"""The file sandbox: the `bdfile://` paths a script may use, mapped to host files the runtime owns.

A script never names a host path. There are three kinds of path, and nothing else resolves:

- temp files `bdfile://tmp_<id>[.ext]` (downloads, and files the host handed in), looked up in a
  registry, so `bdfile://tmp_../..` is simply not there;
- saved files `bdfile://store_<16 hex>[.ext]`, named by a strict pattern in the store directory;
- user files `bdfile://usr/<relative path>` below the user directory, with every component
  checked (no `..`, no empty or dot names, no backslash) and no symlink followed.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import stat
import tempfile
import threading
import time
import weakref
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from .._exceptions import HostFailure
from .._spec import STORE_PREFIX, TEMP_PREFIX, USER_DATA_PATH

_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}")
_STORE_NAME = re.compile(r"[0-9a-f]{16}(\.[A-Za-z0-9]{1,10})?")
_TEMP_NAME = re.compile(r"[A-Za-z0-9_]{1,64}(\.[A-Za-z0-9]{1,10})?")
MAX_PATH_LENGTH = 1024
MAX_NAME_LENGTH = 255


def safe_extension(ext: str) -> str:
    """An extension a server or a file name suggested, kept only if it is short and plain."""
    ext = ext.lower()
    return ext if _EXTENSION.fullmatch(ext) else ""


def _invalid(vpath: object) -> HostFailure:
    shown = vpath[:200] if isinstance(vpath, str) else repr(vpath)[:200]
    return HostFailure("invalid_path", f"invalid file path: {shown}")


def _not_found(vpath: str) -> HostFailure:
    return HostFailure("not_found", f"file not found: {vpath[:200]}")


class Sandbox:
    """Owns a runtime's temp directory and data directory, and decides which paths exist."""

    def __init__(self, temp_dir: str | os.PathLike[str] | None = None, data_dir: str | os.PathLike[str] | None = None) -> None:
        # The runtime's own (private) directory, and the folders inside it, are made when first
        # used: most runtimes write no file, and making and removing the directory took longer
        # than the rest of a runtime's start but its engine. Its name is random, as mkdtemp's.
        parent = tempfile.gettempdir() if temp_dir is None else os.fspath(temp_dir)
        self._root = Path(os.path.abspath(parent)) / f"swan-bridge-{secrets.token_hex(8)}"
        self._made: set[Path] = set()
        self._making = threading.Lock()
        # Removed on close(), or when the runtime is collected or the interpreter exits without
        # a close(): a forgotten runtime leaves no directory behind.
        self._remove = weakref.finalize(self, _remove_tree, self._root, self._made)
        if temp_dir is not None:  # the caller's folder: checked now, by making the directory in it
            self._folder(self._root)
        self._dir = self._root / "tmp"
        #: Where storage.json, the saved files (store/) and the user files (usr/) live.
        self.data_dir = Path(data_dir) if data_dir is not None else self._root / "data"
        self._store_dir = self.data_dir / "store"
        self._user_dir = self.data_dir / "usr"
        try:
            if data_dir is not None:  # the caller's folder: checked now, not at the first file
                for directory in (self._store_dir, self._user_dir):
                    directory.mkdir(parents=True, exist_ok=True)
                    if directory.is_symlink():
                        raise ValueError(f"{directory} is a symlink; the data directory must hold real directories")
                    self._made.add(directory)
            self._usage = _Usage.of(self.data_dir, (self._user_dir, self._store_dir))
        except BaseException:
            self._remove()
            raise
        self._files: dict[str, Path] = {}
        self._handed_in = 0

    def _folder(self, path: Path) -> Path:
        if path in self._made:
            return path
        with self._making:  # (transfers write their files from worker threads)
            if self._root not in self._made and (path == self._root or self._root in path.parents):
                self._root.mkdir(mode=0o700)  # private, as mkdtemp makes it; FileExistsError if taken
                self._made.add(self._root)
            if path != self._root and path not in self._made:
                path.mkdir(parents=True, exist_ok=True)
                self._made.add(path)
        return path

    def data_folder(self) -> Path:
        """The data directory, for storage.json: made if it is not there (the runtime's own is
        made at its first use; any is made again if it was removed since)."""
        self._folder(self.data_dir)
        if self._root in self._made and self._root in self.data_dir.parents:
            self._root.mkdir(mode=0o700, exist_ok=True)  # (the whole directory removed since)
        self.data_dir.mkdir(exist_ok=True)
        return self.data_dir

    @property
    def directory(self) -> Path:
        """Where temp files live."""
        return self._folder(self._dir)

    @property
    def store_dir(self) -> Path:
        """Where saved files live."""
        return self._folder(self._store_dir)

    @property
    def user_dir(self) -> Path:
        """The folder behind `bdfile://usr`."""
        return self._folder(self._user_dir)

    # -- temp files -------------------------------------------------------------------------
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
        return f"bdfile://{name}", self.directory / name

    def publish(self, vpath: str, host_path: Path) -> None:
        self._files[vpath] = host_path

    def discard(self, vpath: str) -> None:
        """Forget a temp path; delete its file unless it is a file the host handed in."""
        host = self._files.pop(vpath, None)
        if host is not None and host.parent == self._dir:
            host.unlink(missing_ok=True)

    # -- saved files --------------------------------------------------------------------------
    def new_saved(self, ext: str) -> tuple[str, Path]:
        name = f"{secrets.token_hex(8)}{safe_extension(ext)}"
        return f"{STORE_PREFIX}{name}", self.store_dir / name

    def saved_path(self, vpath: str) -> Path:
        """The store file behind a `bdfile://store_*` path (it may not exist)."""
        self._check_text(vpath)
        if not vpath.startswith(STORE_PREFIX) or not _STORE_NAME.fullmatch(vpath[len(STORE_PREFIX) :]):
            raise _invalid(vpath)
        return self.store_dir / vpath[len(STORE_PREFIX) :]

    def saved_files(self) -> list[tuple[str, Path]]:
        out = []
        for entry in sorted(self.store_dir.iterdir()):
            if _STORE_NAME.fullmatch(entry.name) and entry.is_file() and not entry.is_symlink():
                out.append((STORE_PREFIX + entry.name, entry))
        return out

    def saved_file_list(self) -> list[dict[str, Any]]:
        """getSavedFileList's `fileList` (swan.getSavedFileList and the FileSystemManager's)."""
        files = []
        for vpath, path in self.saved_files():
            info = path.stat()
            files.append({"filePath": vpath, "size": info.st_size, "createTime": int(info.st_mtime)})
        return files

    @staticmethod
    def regular_size(path: Path) -> int:
        """The size of a regular file; anything else (a FIFO, a device: copying one would hang the
        host) is an I/O failure."""
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise HostFailure("io", "not a regular file")
        return info.st_size

    def store(self, temp: str, source: Path, target: Path) -> None:
        """Save a temp file as `target` (a saved or a user file): a file the runtime made is moved,
        as on the client; one the host handed in is copied and stays where it is. The temp path
        stops working either way. The caller checks the 10 MB first."""
        with self.changing(target):
            if source.parent == self._dir:
                os.replace(source, target)
            else:
                shutil.copyfile(source, target)
            now = time.time()
            os.utime(target, (now, now))
        self.discard(temp)

    # -- user files ---------------------------------------------------------------------------
    def user_path(self, vpath: str) -> Path:
        """The host path behind `bdfile://usr/...`, checked component by component (may not exist)."""
        self._check_text(vpath)
        if not vpath.startswith(USER_DATA_PATH + "/"):
            raise _invalid(vpath)
        parts = vpath[len(USER_DATA_PATH) + 1 :].split("/")
        for part in parts:
            if part in ("", ".", "..") or "\\" in part or len(part) > MAX_NAME_LENGTH:
                raise _invalid(vpath)
        path = self.user_dir
        for part in parts:
            path = path / part
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                break  # nothing further can be a symlink
            except OSError:
                raise _invalid(vpath) from None
            if stat.S_ISLNK(mode):
                raise _invalid(vpath)
        return self.user_dir.joinpath(*parts)

    # -- any readable path --------------------------------------------------------------------
    def resolve(self, vpath: str) -> Path:
        """The host file behind any path a script may read, or HostFailure: nothing outside is reachable."""
        self._check_text(vpath)
        if vpath.startswith(USER_DATA_PATH + "/"):
            host = self.user_path(vpath)
        elif vpath.startswith(STORE_PREFIX):
            host = self.saved_path(vpath)
        elif vpath.startswith(TEMP_PREFIX):
            if not _TEMP_NAME.fullmatch(vpath[len(TEMP_PREFIX) :]):
                raise _invalid(vpath)
            found = self._files.get(vpath)
            if found is None:
                raise _not_found(vpath)
            host = found
        else:
            raise _invalid(vpath)
        try:
            mode = os.lstat(host).st_mode
        except FileNotFoundError:
            raise _not_found(vpath) from None
        except OSError:
            raise _invalid(vpath) from None
        if not stat.S_ISREG(mode):
            raise _not_found(vpath) if stat.S_ISDIR(mode) else _invalid(vpath)
        return host

    @staticmethod
    def _check_text(vpath: object) -> None:
        if not isinstance(vpath, str) or not vpath.startswith("bdfile://") or "\x00" in vpath or len(vpath) > MAX_PATH_LENGTH:
            raise _invalid(vpath)

    def stored_bytes(self, replacing: Path | None = None) -> int:
        """Bytes of the saved files and the user files (regular files only), without the file
        `replacing` (one about to be rewritten): what STORE_LIMIT_BYTES bounds."""
        return self._usage.total(replacing)

    def changing(self, *paths: Path) -> AbstractContextManager[None]:
        """Around a change to these files of the data folder (written, replaced, removed, moved):
        keeps the stored bytes counted without walking the folders again (see _Usage)."""
        return self._usage.changing(paths)

    def recount(self) -> None:
        """Files changed in a way not followed file by file (a folder moved or removed, or by
        someone else: the test between runs): walk the folders again at the next check."""
        self._usage.recount()

    def close(self) -> None:
        self._files.clear()
        self._remove()


def _remove_tree(root: Path, made: set[Path]) -> None:
    """Remove a runtime's directory, if it was made: most are empty (one system call), the
    others walked."""
    if root not in made:
        return
    try:
        os.rmdir(root)
    except OSError:
        try:
            remove_tree(root)
        except OSError:
            pass  # (what is left stays: as shutil.rmtree's ignore_errors)


class _Usage:
    """The bytes stored in one data folder (user files and saved files), for the 10 MB limit.

    Why not walk the folders at each check: a script writing its thousandth small file would
    walk the other 999 first (2,000 files in one turn ran into the 10 s CPU limit). So the folders
    are walked once, and each change made through the runtime updates the count. Files are known
    by (device, inode), as the file system resolves their names, so a case-insensitive file
    system (macOS) or a hard link cannot count one file twice, and a download's `.part` file that
    becomes the final file keeps one entry. Runtimes of one process that share a data folder
    share one count.
    """

    _shared: weakref.WeakValueDictionary[str, _Usage] = weakref.WeakValueDictionary()
    _shared_lock = threading.Lock()

    def __init__(self, folders: tuple[Path, ...]) -> None:
        self._folders = folders
        self._lock = threading.Lock()  # downloads into the user folder finish on worker threads
        self._sizes: dict[tuple[int, int], int] | None = None  # None: walk at the next check
        self._total = 0

    @classmethod
    def of(cls, data: Path, folders: tuple[Path, ...]) -> _Usage:
        key = os.path.realpath(data)
        with cls._shared_lock:
            usage = cls._shared.get(key)
            if usage is None:
                usage = cls._shared[key] = cls(folders)
            return usage

    def total(self, replacing: Path | None = None) -> int:
        with self._lock:
            if self._sizes is None:
                self._sizes = self._walk()
                self._total = sum(self._sizes.values())
            total = self._total
            if replacing is not None:
                known = _file_id(replacing)
                if known is not None:
                    total -= self._sizes.get(known[0], 0)
            return total

    @contextmanager
    def changing(self, paths: Iterable[Path]) -> Iterator[None]:
        paths = tuple(paths)
        self._update(paths, add=False)  # before: what the names point at now leaves the count
        try:
            yield
        finally:
            self._update(paths, add=True)  # after: what they point at then joins it

    def recount(self) -> None:
        with self._lock:
            self._sizes = None

    def _update(self, paths: tuple[Path, ...], *, add: bool) -> None:
        with self._lock:
            if self._sizes is None:
                return  # walked afresh at the next check
            for path in paths:
                known = _file_id(path)
                if known is None:
                    continue
                file, size = known
                self._total -= self._sizes.pop(file, 0)
                if add:
                    self._sizes[file] = size
                    self._total += size

    def _walk(self) -> dict[tuple[int, int], int]:
        sizes: dict[tuple[int, int], int] = {}
        for folder in self._folders:
            try:
                for _parts, _name, info in walk_tree(folder):
                    if stat.S_ISREG(info.st_mode):
                        sizes[(info.st_dev, info.st_ino)] = info.st_size
            except OSError:
                pass  # the folder itself is not there (yet), or not a directory
        return sizes


def _file_id(path: Path) -> tuple[tuple[int, int], int] | None:
    """(device, inode) and size of the regular file at `path` (not followed if a link), or None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return ((info.st_dev, info.st_ino), info.st_size) if stat.S_ISREG(info.st_mode) else None


_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def walk_tree(root: Path) -> Iterator[tuple[list[str], str, os.stat_result]]:
    """Every entry below the directory `root`, as (the parts of its folder below root, its name,
    its lstat), each folder's entries in name order before the folders below it. Links are not
    followed; an entry that goes away meanwhile, or a folder that cannot be opened, is left out.
    No depth limit: see _tree."""
    return _tree(root, remove=False)


def remove_tree(root: Path) -> None:
    """Remove the directory `root` and everything below it, links not followed, at any depth
    (shutil.rmtree recurses, and passes PATH_MAX on a deep enough tree): OSError on a failure."""
    for _ in _tree(root, remove=True):
        pass
    os.rmdir(root)


def _tree(root: Path, *, remove: bool) -> Iterator[tuple[list[str], str, os.stat_result]]:
    """The walk behind walk_tree and remove_tree: a loop over an explicit stack of the folders
    still to enter, with one descriptor open (a folder is opened from its parent's descriptor,
    by name, and left through ".." checked to be the parent entered from), so neither Python's
    recursion limit, nor PATH_MAX, nor the open files limit bounds the depth. The `parts` list
    yielded changes as the walk goes on: read it before the next step."""
    fd = os.open(root, _DIR_FLAGS)
    try:
        ids = [_identity(os.fstat(fd))]  # the folders open from the root down, to check ".."
        parts: list[str] = []
        pending: list[list[str]] = []  # per open level: its folders still to enter, last first
        listing = True
        while True:
            if listing:
                folders = []
                for name in sorted(os.listdir(fd)):
                    try:
                        info = os.stat(name, dir_fd=fd, follow_symlinks=False)
                    except FileNotFoundError:
                        continue
                    yield parts, name, info
                    if stat.S_ISDIR(info.st_mode):
                        folders.append(name)
                    elif remove:
                        os.unlink(name, dir_fd=fd)
                folders.reverse()
                pending.append(folders)
            if pending[-1]:
                name = pending[-1].pop()
                try:
                    child = os.open(name, _DIR_FLAGS, dir_fd=fd)
                except OSError:
                    if remove:
                        raise
                    listing = False
                    continue  # gone, replaced, or not readable (os.walk skips it too)
                os.close(fd)
                fd = child
                ids.append(_identity(os.fstat(fd)))
                parts.append(name)
                listing = True
                continue
            pending.pop()
            if not pending:
                return
            parent = os.open("..", _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = parent
            ids.pop()
            if _identity(os.fstat(fd)) != ids[-1]:
                raise OSError(errno.ESTALE, "a folder was moved during the walk")
            name = parts.pop()
            if remove:
                os.rmdir(name, dir_fd=fd)
            listing = False
    finally:
        os.close(fd)


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino
