"""The swan file APIs (saveFile, getSavedFileList, ...) over the sandbox, with the 10 MB store limit,
and chooseImage, which hands the runtime's chosen files to the script."""

from __future__ import annotations

import hashlib
import posixpath
from typing import Any

from .._exceptions import HostFailure
from .._registry import api
from .._spec import STORE_LIMIT_BYTES, TEMP_PREFIX, MiB
from ._sandbox import Sandbox


class FileApis:
    """Carries out the file API calls; every failure is a HostFailure with a file error kind."""

    def __init__(self, sandbox: Sandbox, chosen: list[str], store_limit_bytes: int = STORE_LIMIT_BYTES) -> None:
        self._sandbox = sandbox
        self._chosen = chosen  # the files chooseImage picks, in order (`SwanRuntime.chosen_paths`)
        self._store_limit = store_limit_bytes

    @api("media")
    def chooseImage(self, api: str, params: dict[str, Any]) -> dict[str, Any]:
        count = params.get("count", 9)
        count = max(1, min(9, int(count))) if isinstance(count, (int, float)) and count == count else 9
        paths = self._chosen[:count]
        files = [{"path": p, "size": self._sandbox.resolve(p).stat().st_size} for p in paths]
        return {"tempFilePaths": paths, "tempFiles": files}

    @api("files")
    def _saveFile(self, api: str, params: dict[str, Any]) -> dict[str, Any]:
        temp = params["tempFilePath"]
        if not temp.startswith(TEMP_PREFIX):
            raise HostFailure("invalid_path", f"not a temp file path: {temp[:200]}")
        source = self._sandbox.resolve(temp)
        size = self._sandbox.regular_size(source)
        if self._sandbox.stored_bytes() + size > self._store_limit:  # shared with the user files
            raise HostFailure("size_limit", f"saved and user files would exceed {self._store_limit // MiB} MB")
        saved, dest = self._sandbox.new_saved(posixpath.splitext(temp)[1])
        self._sandbox.store(temp, source, dest)
        return {"savedFilePath": saved}

    @api("files")
    def _getSavedFileList(self, api: str, params: dict[str, Any]) -> dict[str, Any]:
        return {"fileList": self._sandbox.saved_file_list()}

    @api("files")
    def _getSavedFileInfo(self, api: str, params: dict[str, Any]) -> dict[str, Any]:
        path = self._existing_saved(params["filePath"])
        info = path.stat()
        return {"size": info.st_size, "createTime": int(info.st_mtime)}

    @api("files")
    def _removeSavedFile(self, api: str, params: dict[str, Any]) -> dict[str, Any]:
        path = self._existing_saved(params["filePath"])
        try:
            with self._sandbox.changing(path):
                path.unlink()
        except OSError as exc:
            raise HostFailure("delete_failed", f"could not delete: {exc.strerror}") from None
        return {}

    @api("files")
    def _getFileInfo(self, api: str, params: dict[str, Any]) -> dict[str, Any]:
        path = self._sandbox.resolve(params["filePath"])
        digest = hashlib.new(params.get("digestAlgorithm") or "md5")
        size = 0
        with open(path, "rb") as file:
            while chunk := file.read(1024 * 1024):
                digest.update(chunk)
                size += len(chunk)
        return {"size": size, "digest": digest.hexdigest()}

    def _existing_saved(self, vpath: str) -> Any:
        path = self._sandbox.saved_path(vpath)
        if not path.is_file() or path.is_symlink():
            raise HostFailure("not_found", f"file not found: {vpath[:200]}")
        return path
