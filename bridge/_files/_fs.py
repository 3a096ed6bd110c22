"""The FileSystemManager (`swan.getFileSystemManager()`): its disk I/O and sandbox policy.

The shim (js_shim/fs.js) owns the surface: argument checks, encodings of strings it writes
(it sends the string and the encoding, or the bytes of an ArrayBuffer as base64), Stats objects,
callbacks and the errors a Sync form throws. This module does what touches the disk, for both
forms: the asynchronous methods arrive as calls of the "fs" family (API names
"FileSystemManager.<method>", so that `FileSystemManager.saveFile` is not `swan.saveFile`), the
Sync forms through the synchronous channel (`FileSystem.sync`, see `_protocol`).

Policy (swan docs develop/api/file/FileSystemManager-*.md; WeChat's FileSystemManager pages
where Baidu is silent):

- Writes (writeFile, appendFile, copyFile's and rename's targets, mkdir, rmdir, unlink, unzip's
  target, saveFile's filePath) only below `swan.env.USER_DATA_PATH` (`bdfile://usr`), through
  `Sandbox.user_path` (no `..`, no symlink, no backslash). Reads also reach temp files and saved
  files. Anything else is "permission denied" (errCode 2000) and touches nothing.
- Every file written is written whole and atomically (`_storage.atomic_write`: a temp file in
  the same directory, then os.replace): appendFile rewrites the file with the data added.
- The user files and the saved files share the 10 MB of "本地文件存储" (swan docs
  save_swan-saveFile.md: "本地文件存储的大小限制为 10M"): a write that would pass it fails with
  "the maximum size of the file storage limit is exceeded" (2002).
- Failures carry the errMsg reasons of the docs ("no such file or directory, open <path>" ...);
  the shim puts "<method>:fail " (or "<method>Sync:fail ") before them.
"""

from __future__ import annotations

import base64
import json
import os
import posixpath
import re
import stat
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .._exceptions import HostFailure
from .._registry import Handler, api, declared_apis, handlers_of, sync_apis
from .._spec import (
    READ_HEAP_BYTES,
    READ_MAX_BYTES,
    STORE_LIMIT_BYTES,
    STORE_PREFIX,
    TEMP_PREFIX,
    USER_DATA_PATH,
    MiB,
)
from ._sandbox import Sandbox, remove_tree, walk_tree
from ._storage import atomic_write

if TYPE_CHECKING:
    import zipfile  # imported where unzip runs: most runs never unzip (the CLI's start)

#: The recorded API names carry this prefix ("FileSystemManager.readFile"): the errMsg a script
#: sees has the method's own name ("readFile:ok").
FS_PREFIX = "FileSystemManager."

#: Entries an archive may hold (a zip of a million empty names is no use to a mini-program).
MAX_ZIP_ENTRIES = 10_000
#: The largest central directory unzip reads: MAX_ZIP_ENTRIES headers of about 400 bytes (46
#: bytes, the name, the extra fields and the comment). Read before the archive is parsed, so a
#: directory of millions of entries is refused without building them.
MAX_ZIP_DIRECTORY_BYTES = 4 * MiB
#: The largest zip file unzip opens: the store's 10 MB of contents, with the local and central
#: headers of MAX_ZIP_ENTRIES entries, fit well inside it (a project's own files have no other cap).
MAX_ZIP_BYTES = 32 * MiB
_ZIP_END = struct.Struct("<4s4H2LH")  # end of central directory: signature ... entries, size, offset
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_END = struct.Struct("<4sQ2H2L4Q")  # signature ... entries here, entries, size, offset
_ZIP_CENTRAL = 46  # a central directory header's fixed part; its name, extra, comment lengths at 28
_HEX_PREFIX = re.compile(r"(?:[0-9a-fA-F]{2})*")
_B64_OTHER = re.compile(r"[^A-Za-z0-9+/]")

SyncRecorder = Callable[[str, "dict[str, Any] | None", dict[str, Any]], object]


# -- encodings (Node's Buffer rules, which the client follows) ------------------------------------
def _utf16_units(text: str) -> bytes:
    """The string's UTF-16 code units, little-endian (lone surrogates kept, as JS holds them)."""
    return text.encode("utf-16-le", "surrogatepass")


def encode(text: str, encoding: str) -> bytes:
    """The bytes a string stands for in `encoding` (writeFile's data)."""
    if encoding in ("utf8", "utf-8"):
        # A lone surrogate becomes U+FFFD, as TextEncoder and Node do.
        return _utf16_units(text).decode("utf-16-le", "replace").encode("utf-8")
    if encoding in ("latin1", "binary", "ascii"):
        return _utf16_units(text)[0::2]  # the low byte of each code unit
    if encoding in ("ucs2", "ucs-2", "utf16le", "utf-16le"):
        return _utf16_units(text)
    if encoding == "hex":
        match = _HEX_PREFIX.match(text)  # up to the first pair that is not hex, as Node does
        return bytes.fromhex(match.group() if match else "")
    if encoding == "base64":
        # Lenient, as Node: URL-safe letters, whitespace and junk ignored, stops at padding.
        cleaned = _B64_OTHER.sub("", text.split("=", 1)[0].replace("-", "+").replace("_", "/"))
        cleaned = cleaned[: len(cleaned) - (len(cleaned) % 4 == 1)]
        return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4))
    raise HostFailure("param", f"parameter error: unknown encoding {encoding[:40]!r}")


def decode(data: bytes, encoding: str) -> str:
    """The string readFile gives for `data` in `encoding`."""
    if encoding in ("utf8", "utf-8"):
        return data.decode("utf-8", "replace")
    if encoding in ("latin1", "binary"):
        return data.decode("latin-1")
    if encoding == "ascii":
        return bytes(b & 0x7F for b in data).decode("ascii")
    if encoding in ("ucs2", "ucs-2", "utf16le", "utf-16le"):
        return data[: len(data) // 2 * 2].decode("utf-16-le", "surrogatepass")
    if encoding == "hex":
        return data.hex()
    if encoding == "base64":
        return base64.b64encode(data).decode("ascii")
    raise HostFailure("param", f"parameter error: unknown encoding {encoding[:40]!r}")


def _shown(vpath: object) -> str:
    return vpath[:300] if isinstance(vpath, str) else repr(vpath)[:300]


def _fail(kind: str, text: str) -> HostFailure:
    return HostFailure(kind, text)


class FileSystem:
    """Carries out every FileSystemManager method inside a runtime's sandbox."""

    def __init__(self, sandbox: Sandbox, limit_bytes: int = STORE_LIMIT_BYTES, on_sync_call: SyncRecorder | None = None,
                 package_root: Path | None = None, memory_limit: int | None = None) -> None:
        self._sandbox = sandbox
        self._limit = limit_bytes
        self._memory_limit = memory_limit
        self._on_sync_call = on_sync_call
        self._package = package_root.resolve() if package_root is not None else None

    # -- entry points ---------------------------------------------------------------------------
    def handlers(self) -> dict[str, Handler]:
        """The asynchronous methods as APIs ("FileSystemManager.readFile"), each answered through
        `call`, which turns what a method raises into a failure kind."""
        return {name: h.calling(self.call) for name, h in handlers_of(self, FS_PREFIX).items()}

    def call(self, api: str, params: dict[str, Any]) -> dict[str, Any]:
        """An asynchronous call ("FileSystemManager.readFile"): its result, or HostFailure."""
        return self._run(api[len(FS_PREFIX):] if api.startswith(FS_PREFIX) else api, params)

    def sync(self, text: str) -> str:
        """The synchronous channel: {"method": m, "params": {...}, "error": str|null} in, {"ok": true, "result": {...}}
        or {"ok": false, "kind": k, "detail": d} out, as JSON. Never raises (it runs inside a JS
        turn, where a Python exception would corrupt the engine)."""
        try:
            request = json.loads(text)
            method = request["method"]
            params = request["params"]
            if method not in FS_SYNC_METHODS or not isinstance(params, dict):
                raise HostFailure("param", f"parameter error: no Sync form {str(method)[:40]!r}")
            if self._on_sync_call is not None:
                given = request.get("given")
                self._on_sync_call(FS_PREFIX + method + "Sync", given if isinstance(given, dict) else None, params)
            if request.get("error") is not None:  # refused by the shim's checks: recorded, not run
                raise HostFailure("param", str(request["error"]))
            answer: dict[str, Any] = {"ok": True, "result": self._run(method, params)}
        except HostFailure as exc:
            answer = {"ok": False, "kind": exc.kind, "detail": exc.detail}
        except Exception as exc:  # a bug: reported as a failure, never raised into the engine
            answer = {"ok": False, "kind": "internal", "detail": f"swan-bridge internal error: {type(exc).__name__}"}
        return json.dumps(answer, ensure_ascii=True, separators=(",", ":"))

    def _run(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method not in FS_METHODS:
            raise HostFailure("param", f"parameter error: no method {method[:40]!r}")
        handler: Callable[[dict[str, Any]], dict[str, Any]] = getattr(self, "_" + method)
        try:
            return handler(params)
        except HostFailure:
            raise
        except UnicodeError:  # a path with a lone surrogate names no file on disk
            raise HostFailure("invalid_path", "permission denied, the path is not valid text") from None
        except (KeyError, TypeError, ValueError) as exc:  # params the shim should have refused
            raise HostFailure("param", f"parameter error: {type(exc).__name__}") from None
        except OSError as exc:
            raise HostFailure("io", f"{(exc.strerror or 'I/O error').lower()}") from None

    # -- paths ----------------------------------------------------------------------------------
    def _user(self, vpath: Any, denied: str, *, root: bool = False) -> Path:
        """A path below USER_DATA_PATH (the directory itself only when `root`); a trailing "/" is
        dropped. Anything else is `denied` (permission denied, errCode 2000)."""
        if not isinstance(vpath, str):
            raise _fail("invalid_path", denied)
        path = vpath[:-1] if vpath.endswith("/") and len(vpath) > len(USER_DATA_PATH) + 1 else vpath
        if path in (USER_DATA_PATH, USER_DATA_PATH + "/"):
            if root:
                return self._sandbox.user_dir
            raise _fail("invalid_path", denied)
        try:
            return self._sandbox.user_path(path)
        except HostFailure:
            raise _fail("invalid_path", denied) from None

    def _readable(self, vpath: Any, denied: str, missing: str, *, root: bool = True) -> Path:
        """A path the script may read: a user file or directory, a temp file, a saved file. It may
        not exist (only for user paths); a temp or saved path that names nothing is `missing`."""
        if isinstance(vpath, str) and self._package is not None and not vpath.startswith("bdfile://"):
            return self._package_file(vpath, denied)
        if isinstance(vpath, str) and (vpath.startswith(TEMP_PREFIX) or vpath.startswith(STORE_PREFIX)):
            try:
                return self._sandbox.resolve(vpath)
            except HostFailure as exc:
                raise _fail("not_found" if exc.kind == "not_found" else "invalid_path",
                            missing if exc.kind == "not_found" else denied) from None
        return self._user(vpath, denied, root=root)

    def _package_file(self, vpath: str, denied: str) -> Path:
        """A file of the mini-program's own folder, read-only (swan docs, FileSystemManager-readFile.md:
        a path that does not start with USER_DATA_PATH is a "代码包文件" such as 'asset/bg.jpg';
        relative paths "./", "../" are not supported). No component may be empty, "." or "..",
        hold a backslash or NUL, or be a symlink. Writes never reach it."""
        assert self._package is not None
        parts = vpath[1:].split("/") if vpath.startswith("/") else vpath.split("/")
        if len(vpath) > 1024 or any(p in ("", ".", "..") or "\\" in p or "\x00" in p or len(p) > 255 for p in parts):
            raise _fail("invalid_path", denied)
        path = self._package
        for part in parts:
            path = path / part
            info = self._lstat(path)
            if info is None:
                break
            if stat.S_ISLNK(info.st_mode):
                raise _fail("invalid_path", denied)
        return self._package.joinpath(*parts)

    @staticmethod
    def _lstat(path: Path) -> os.stat_result | None:
        try:
            return os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            return None

    def _need_dir(self, path: Path, missing: str) -> None:
        """`path` is a directory (not a link to one), else the call fails as not found."""
        info = self._lstat(path)
        if info is None or not stat.S_ISDIR(info.st_mode):
            raise _fail("not_found", missing)

    def _check_room(self, size: int, replacing: Path | None = None) -> None:
        if self._sandbox.stored_bytes(replacing) + size > self._limit:
            raise _fail("size_limit", "the maximum size of the file storage limit is exceeded")

    @staticmethod
    def _read_bytes(path: Path, limit: int | None = None, shown: str = "") -> bytes:
        """A regular file's bytes. Opened without blocking and checked before reading: a FIFO or a
        device planted in the data or package folder would hang the host in open() or read(). A
        file over `limit` bytes fails before it is read (also one that grows while it is)."""
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as file:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise HostFailure("io", "not a regular file")
            if limit is None:
                return file.read()
            if info.st_size > limit:
                raise _too_large(limit, shown)
            data = file.read(limit + 1)
            if len(data) > limit:
                raise _too_large(limit, shown)
            return data

    def _write(self, path: Path, data: bytes) -> None:
        self._check_room(len(data), path)
        with self._sandbox.changing(path):
            _write_file(path, data)

    @staticmethod
    def _data(params: dict[str, Any]) -> bytes:
        if "dataBase64" in params:
            return base64.b64decode(params["dataBase64"], validate=True)
        data = params["data"]
        if not isinstance(data, str):
            raise HostFailure("param", "parameter error: data must be a string or an ArrayBuffer")
        return encode(data, params.get("encoding") or "utf8")

    # -- the methods ----------------------------------------------------------------------------
    @api("fs", sync=True)
    def _access(self, params: dict[str, Any]) -> dict[str, Any]:
        vpath = params["path"]
        missing = f"no such file or directory {_shown(vpath)}"
        path = self._readable(vpath, f"permission denied, open {_shown(vpath)}", missing)
        if self._lstat(path) is None:
            raise _fail("not_found", missing)
        return {}

    @api("fs", sync=True)
    def _readFile(self, params: dict[str, Any]) -> dict[str, Any]:
        vpath = params["filePath"]
        shown = _shown(vpath)
        missing = f"no such file or directory, open {shown}"
        path = self._readable(vpath, f"permission denied, open {shown}", missing)
        info = self._lstat(path)
        if info is None:
            raise _fail("not_found", missing)
        if stat.S_ISDIR(info.st_mode):
            raise _fail("io", f'illegal operation on a directory, open "{shown}"')
        encoding = params.get("encoding")
        data = self._read_bytes(path, read_limit(self._memory_limit, encoding), shown)
        if encoding:
            return {"data": decode(data, encoding)}
        return {"dataBase64": base64.b64encode(data).decode("ascii")}

    def _writable_file(self, vpath: Any, *, must_exist: bool) -> Path:
        shown = _shown(vpath)
        path = self._user(vpath, f"permission denied, open {shown}")
        self._need_dir(path.parent, f"no such file or directory, open {shown}")
        info = self._lstat(path)
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise _fail("io", f'illegal operation on a directory, open "{shown}"')
        if must_exist and info is None:
            raise _fail("not_found", f"no such file or directory, open {shown}")
        return path

    @api("fs", sync=True)
    def _writeFile(self, params: dict[str, Any]) -> dict[str, Any]:
        path = self._writable_file(params["filePath"], must_exist=False)
        self._write(path, self._data(params))
        return {}

    @api("fs", sync=True)
    def _appendFile(self, params: dict[str, Any]) -> dict[str, Any]:
        path = self._writable_file(params["filePath"], must_exist=True)
        data = self._data(params)
        info = self._lstat(path)
        self._check_room((info.st_size if info is not None else 0) + len(data), path)  # before a large file is read
        old = self._read_bytes(path, self._limit)
        self._write(path, old + data)
        return {}

    @api("fs", sync=True)
    def _copyFile(self, params: dict[str, Any]) -> dict[str, Any]:
        src, dest = params["srcPath"], params["destPath"]
        how = f"copyFile {_shown(src)} -> {_shown(dest)}"
        denied, missing = f"permission denied, {how}", f"no such file or directory, {how}"
        source = self._readable(src, denied, missing)
        target = self._user(dest, denied)
        info = self._lstat(source)
        if info is None or not stat.S_ISREG(info.st_mode):
            raise _fail("not_found" if info is None else "io", missing if info is None else f"operation not permitted, {how}")
        self._need_dir(target.parent, missing)
        existing = self._lstat(target)
        if existing is not None and stat.S_ISDIR(existing.st_mode):
            raise _fail("io", f"illegal operation on a directory, {how}")
        self._check_room(info.st_size, target)  # before a large source is read
        self._write(target, self._read_bytes(source))
        return {}

    @api("fs", sync=True)
    def _rename(self, params: dict[str, Any]) -> dict[str, Any]:
        old, new = params["oldPath"], params["newPath"]
        how = f"rename {_shown(old)} -> {_shown(new)}"
        denied, missing = f"permission denied, {how}", f"no such file or directory, {how}"
        target = self._user(new, denied)
        if isinstance(old, str) and old.startswith(TEMP_PREFIX):
            # A temp file (a download) moved into the user directory: its temp path stops working.
            source = self._readable(old, denied, missing)
            self._need_dir(target.parent, missing)
            self._check_room(source.stat().st_size, target)  # before a large download is read
            self._write(target, self._read_bytes(source))
            self._sandbox.discard(old)
            return {}
        source = self._user(old, denied)
        moved = self._lstat(source)
        if moved is None:
            raise _fail("not_found", missing)
        self._need_dir(target.parent, missing)
        try:
            with self._sandbox.changing(source, target):
                os.replace(source, target)
        except OSError as exc:
            raise _fail("io", f"{(exc.strerror or 'I/O error').lower()}, {how}") from None
        finally:
            if stat.S_ISDIR(moved.st_mode):
                self._sandbox.recount()  # a whole folder moved (or over another)
        return {}

    @api("fs", sync=True)
    def _unlink(self, params: dict[str, Any]) -> dict[str, Any]:
        vpath = params["filePath"]
        shown = _shown(vpath)
        path = self._user(vpath, f"permission denied, open {shown}")
        info = self._lstat(path)
        if info is None:
            raise _fail("not_found", f"no such file or directory {shown}")
        if stat.S_ISDIR(info.st_mode):
            raise _fail("io", f"operation not permitted, unlink {shown}")
        with self._sandbox.changing(path):
            path.unlink()
        return {}

    @api("fs", sync=True)
    def _mkdir(self, params: dict[str, Any]) -> dict[str, Any]:
        vpath = params["dirPath"]
        shown = _shown(vpath)
        path = self._user(vpath, f"permission denied, open {shown}")
        info = self._lstat(path)
        recursive = params.get("recursive") is True
        if info is not None:
            if recursive and stat.S_ISDIR(info.st_mode):
                return {}
            raise _fail("io", f"file already exists {shown}")
        if recursive:
            try:
                path.mkdir(parents=True)
            except (FileExistsError, NotADirectoryError):
                raise _fail("io", f"not a directory {shown}") from None
            return {}
        self._need_dir(path.parent, f"no such file or directory {shown}")
        path.mkdir()
        return {}

    @api("fs", sync=True)
    def _rmdir(self, params: dict[str, Any]) -> dict[str, Any]:
        vpath = params["dirPath"]
        shown = _shown(vpath)
        path = self._user(vpath, f"permission denied, open {shown}")
        info = self._lstat(path)
        if info is None:
            raise _fail("not_found", f"no such file or directory {shown}")
        if not stat.S_ISDIR(info.st_mode):
            raise _fail("io", f"not a directory {shown}")
        if params.get("recursive") is True:
            try:
                remove_tree(path)  # does not follow symlinks
            finally:
                self._sandbox.recount()
        elif any(path.iterdir()):
            raise _fail("io", "directory not empty")
        else:
            path.rmdir()
        return {}

    @api("fs", sync=True)
    def _readdir(self, params: dict[str, Any]) -> dict[str, Any]:
        vpath = params["dirPath"]
        shown = _shown(vpath)
        path = self._user(vpath, f"permission denied, open {shown}", root=True)
        info = self._lstat(path)
        if info is None:
            raise _fail("not_found", f"no such file or directory {shown}")
        if not stat.S_ISDIR(info.st_mode):
            raise _fail("io", f"not a directory {shown}")
        return {"files": sorted(entry.name for entry in path.iterdir() if not _is_partial(entry.name))}

    @api("fs", sync=True)
    def _stat(self, params: dict[str, Any]) -> dict[str, Any]:
        vpath = params["path"]
        shown = _shown(vpath)
        missing = f"no such file or directory {shown}"
        path = self._readable(vpath, f"permission denied, open {shown}", missing)
        info = self._lstat(path)
        if info is None:
            raise _fail("not_found", missing)
        if params.get("recursive") is True and stat.S_ISDIR(info.st_mode):
            # WeChat's form (swan documents no `recursive`): {"/": root, "/a": ..., "/a/b.txt": ...}.
            stats: dict[str, Any] = {"/": _stats(info)}
            for parts, name, entry in walk_tree(path):
                if not _is_partial(name) and not stat.S_ISLNK(entry.st_mode):
                    stats["/" + "".join(part + "/" for part in parts) + name] = _stats(entry)
            return {"stats": dict(sorted(stats.items())), "recursive": True}
        return {"stats": _stats(info)}

    @api("fs")
    def _getFileInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        vpath = params["filePath"]
        path = self._readable(vpath, f"permission denied, open {_shown(vpath)}", "file not exist")
        info = self._lstat(path)
        if info is None or not stat.S_ISREG(info.st_mode):
            raise _fail("not_found", "file not exist")
        return {"size": info.st_size}

    @api("fs", sync=True)
    def _saveFile(self, params: dict[str, Any]) -> dict[str, Any]:
        temp = params["tempFilePath"]
        if not isinstance(temp, str) or not temp.startswith(TEMP_PREFIX):
            raise _fail("not_found", "tempFilePath file not exist")
        try:
            source = self._sandbox.resolve(temp)
        except HostFailure:
            raise _fail("not_found", "tempFilePath file not exist") from None
        vpath = params.get("filePath")
        if vpath is None:
            saved, target = self._sandbox.new_saved(posixpath.splitext(temp)[1])
        else:
            shown = _shown(vpath)
            if isinstance(vpath, str) and vpath.endswith("/"):  # a directory: the temp file's name in it
                vpath = vpath + temp[len("bdfile://"):]
            target = self._user(vpath, f'permission denied, open "{shown}"')
            self._need_dir(target.parent, f'no such file or directory "{_shown(posixpath.dirname(vpath))}"')
            existing = self._lstat(target)
            if existing is not None and stat.S_ISDIR(existing.st_mode):
                raise _fail("io", f'illegal operation on a directory, open "{shown}"')
            saved = vpath
        self._check_room(self._sandbox.regular_size(source), target)
        self._sandbox.store(temp, source, target)  # the temp path stops working, as the docs say
        return {"savedFilePath": saved}

    @api("fs")
    def _getSavedFileList(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"fileList": self._sandbox.saved_file_list()}

    @api("fs")
    def _removeSavedFile(self, params: dict[str, Any]) -> dict[str, Any]:
        # A saved file, or (as the swan doc's own sample does) a file under USER_DATA_PATH.
        vpath = params["filePath"]
        denied = f"permission denied, open {_shown(vpath)}"
        if isinstance(vpath, str) and vpath.startswith(STORE_PREFIX):
            try:
                path = self._sandbox.saved_path(vpath)
            except HostFailure:
                raise _fail("invalid_path", denied) from None
        else:
            path = self._user(vpath, denied)
        info = self._lstat(path)
        if info is None or not stat.S_ISREG(info.st_mode):
            raise _fail("not_found", "file not exist")
        with self._sandbox.changing(path):
            path.unlink()
        return {}

    @api("fs")
    def _unzip(self, params: dict[str, Any]) -> dict[str, Any]:
        src, dest = params["zipFilePath"], params["targetPath"]
        denied = f"permission denied, unzip {_shown(src)} -> {_shown(dest)}"
        missing = f'no such file or directory, unzip {_shown(src)} -> "{_shown(dest)}"'
        source = self._readable(src, denied, missing, root=False)
        target = self._user(dest, denied, root=True)
        info = self._lstat(source)
        if info is None or not stat.S_ISREG(info.st_mode):
            raise _fail("not_found", missing)
        existing = self._lstat(target)
        if existing is not None and not stat.S_ISDIR(existing.st_mode):
            raise _fail("io", f"not a directory, unzip {_shown(src)} -> {_shown(dest)}")
        import zipfile

        too_many = _fail("size_limit", "the maximum size of the file storage limit is exceeded")
        try:
            file = _open_regular(source)
        except OSError:
            raise _fail("io", f"invalid zip file, unzip {_shown(src)} -> {_shown(dest)}") from None
        with file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_ZIP_BYTES or _too_many_entries(file, size):
                raise too_many
            try:
                archive = zipfile.ZipFile(file)
            except (zipfile.BadZipFile, OSError, ValueError):
                raise _fail("io", f"invalid zip file, unzip {_shown(src)} -> {_shown(dest)}") from None
            with archive:
                return self._extract(archive, src, dest, target, denied, too_many)

    def _extract(self, archive: zipfile.ZipFile, src: str, dest: str, target: Path, denied: str,
                 too_many: HostFailure) -> dict[str, Any]:
        """The members of an opened archive written below `target`: all or nothing."""
        import zipfile

        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise too_many
        plan: list[tuple[zipfile.ZipInfo, list[str]]] = []
        for entry in entries:
            parts = _entry_parts(entry)
            if parts is None:  # zip-slip: an entry that would land outside the target
                raise _fail("invalid_path", denied)
            if parts:
                plan.append((entry, parts))
        self._check_room(sum(entry.file_size for entry, _ in plan if not entry.is_dir()))
        # All or nothing: every destination is checked and every member read (at most the
        # 10 MB just checked) before the first file is written.
        invalid = _fail("io", f"invalid zip file, unzip {_shown(src)} -> {_shown(dest)}")
        writes: list[tuple[Path, bytes | None]] = []
        for entry, parts in plan:
            destination = self._user(dest.rstrip("/") + "/" + "/".join(parts), denied)
            for ancestor in destination.parents:
                if ancestor == target.parent:
                    break
                if ancestor.is_symlink():
                    raise _fail("invalid_path", denied)
            existing = self._lstat(destination)
            if entry.is_dir():
                writes.append((destination, None))
                continue
            if existing is not None and stat.S_ISDIR(existing.st_mode):
                raise _fail("io", f"illegal operation on a directory, unzip {_shown(src)} -> {_shown(dest)}")
            try:
                with archive.open(entry) as member:
                    data = member.read(entry.file_size + 1)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError, zlib.error):
                raise invalid from None  # a bad CRC, an encrypted or unknown-method entry
            if len(data) > entry.file_size:
                raise invalid
            writes.append((destination, data))
        target.mkdir(parents=True, exist_ok=True)
        for destination, content in writes:
            if content is None:
                destination.mkdir(parents=True, exist_ok=True)
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                with self._sandbox.changing(destination):
                    _write_file(destination, content)  # the room for every entry was checked above
        return {}


#: The methods, as their handlers above declare them, and those with a Sync form.
FS_METHODS = frozenset(declared_apis(FileSystem))
FS_SYNC_METHODS = frozenset(sync_apis(FileSystem))


def read_limit(memory_limit: int | None, encoding: str | None) -> int:
    """The largest file readFile hands to the script, in bytes: WeChat's documented 100 MB (Baidu
    names none), and no more than the JS heap's limit can hold: the answer's text and the value
    made from it are both in the heap at once, READ_HEAP_BYTES bytes for each byte of the file at
    worst (a text read: a control character's \\u escape, then a two-byte character)."""
    if memory_limit is None:
        return READ_MAX_BYTES
    per_byte = READ_HEAP_BYTES.get(encoding or "", READ_HEAP_BYTES["text"])
    return min(READ_MAX_BYTES, memory_limit // per_byte)


def _too_large(limit: int, shown: str) -> HostFailure:
    return _fail("io", f"file size exceeds the read limit of {_megabytes(limit)}, open {shown}")


def _megabytes(size: int) -> str:
    return f"{round(size / MiB, 1):g} MB"


def _write_file(path: Path, data: bytes) -> None:
    """Write the whole file atomically; it is readable by its owner and group as a file an app
    writes would be (the temp file atomic_write starts from is private)."""
    atomic_write(path, data)
    os.chmod(path, 0o644)  # os.replace put a regular file there: no link to follow


def _is_partial(name: str) -> bool:
    """A file `atomic_write` is writing (".<name>.<random>.tmp"): not a file of the script's."""
    return name.startswith(".") and name.endswith(".tmp")


def _open_regular(path: Path) -> IO[bytes]:
    """A regular file opened for reading without blocking or following a link (a FIFO planted
    in the data or package folder would hang the host in open() or read())."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    file = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        file.close()
        raise OSError("not a regular file")
    return file


def _too_many_entries(file: IO[bytes], size: int) -> bool:
    """Whether a zip's central directory holds more than MAX_ZIP_ENTRIES entries or more than
    MAX_ZIP_DIRECTORY_BYTES, found from its end records and by walking its headers, before
    zipfile parses it. A file without an end record, or a damaged directory, is left to zipfile
    to refuse."""
    tail_size = min(size, _ZIP_END.size + 0xFFFF)  # the end record, and a comment of at most 64 KB
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    found = tail.rfind(b"PK\x05\x06", 0, len(tail) - _ZIP_END.size + 4)
    if found < 0:
        return False
    end = size - tail_size + found  # where the end record starts in the file
    _sig, _disk, _disk_cd, _here, entries, directory_size, _offset, _comment = _ZIP_END.unpack_from(tail, found)
    if end >= _ZIP64_LOCATOR.size + _ZIP64_END.size:
        file.seek(end - _ZIP64_LOCATOR.size)
        if _ZIP64_LOCATOR.unpack(file.read(_ZIP64_LOCATOR.size))[0] == b"PK\x06\x07":
            end -= _ZIP64_LOCATOR.size + _ZIP64_END.size  # the directory ends at the zip64 end record
            file.seek(end)
            record = _ZIP64_END.unpack(file.read(_ZIP64_END.size))
            if record[0] != b"PK\x06\x06":
                return False
            entries, directory_size = record[7], record[8]
    if entries > MAX_ZIP_ENTRIES or directory_size > MAX_ZIP_DIRECTORY_BYTES:
        return True
    if directory_size > end:
        return False
    file.seek(end - directory_size)
    directory = file.read(directory_size)
    pos = count = 0
    while pos + _ZIP_CENTRAL <= len(directory) and directory[pos : pos + 4] == b"PK\x01\x02":
        count += 1
        if count > MAX_ZIP_ENTRIES:  # the end record's count may say less (it holds 65,535 at most)
            return True
        name, extra, comment = struct.unpack_from("<3H", directory, pos + 28)
        pos += _ZIP_CENTRAL + name + extra + comment
    return False


def _entry_parts(entry: zipfile.ZipInfo) -> list[str] | None:
    """The path components of a zip entry below the target, or None when it would escape (an
    absolute name, a drive, `..`, a backslash, a symlink entry)."""
    name = entry.filename
    if "\\" in name or "\x00" in name or name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return None
    if stat.S_ISLNK(entry.external_attr >> 16):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    return parts


def _stats(info: os.stat_result) -> dict[str, Any]:
    return {
        "mode": info.st_mode,
        "size": info.st_size,
        "lastAccessedTime": int(info.st_atime),
        "lastModifiedTime": int(info.st_mtime),
        "isDirectory": stat.S_ISDIR(info.st_mode),
    }
