"""uploadFile and downloadFile, carried out with httpx as asyncio tasks.

Each call runs as one task that posts protocol events (headers, progress, exactly one end) and
cleans up after itself: a download is written to a `.part` file that only becomes visible under
its temp path once complete, and is removed on any failure or abort.
"""

from __future__ import annotations

import asyncio
import ipaddress
import mimetypes
import os
import posixpath
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from email.message import Message as EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx

from ._exceptions import HostFailure, failure_from_exception
from ._protocol import Message, failure_event, headers_event, progress_event, success_event
from ._routing import Router
from ._sandbox import Sandbox

MiB = 1024 * 1024
TRANSFER_APIS = ("uploadFile", "downloadFile")


@dataclass
class TransferSettings:
    """Policy for transfers; every number here is a documented, configurable default."""

    timeouts: dict[str, float] = field(default_factory=lambda: {"uploadFile": 60.0, "downloadFile": 60.0})
    max_download_bytes: int = 10 * MiB
    max_upload_bytes: int = 25 * MiB
    max_upload_response_bytes: int = 16 * MiB
    max_concurrency: int = 10
    referer: str = "https://smartapps.cn/swan-bridge/devtools/page-frame.html"
    #: When set, only https URLs of these hosts may be used (checked before routing).
    domains: frozenset[str] | None = None
    #: iOS refuses downloads whose size it cannot know in advance (errCode 1002).
    require_content_length: bool = False


@dataclass(frozen=True)
class TransferProgress:
    """What a progress display needs to know about one transfer; sent to `on_progress` hooks."""

    call_id: int
    api: str
    url: str
    done: int
    total: int | None
    finished: bool = False
    ok: bool | None = None


ProgressHook = Callable[[TransferProgress], None]


class _Progress:
    """Turns byte counts into progress events: one per integer percent, and 100 at the end."""

    def __init__(self, call_id: int, api: str, url: str, post: Callable[[Message], None], hook: ProgressHook | None) -> None:
        self._call_id = call_id
        self._api = api
        self._url = url
        self._post = post
        self._hook = hook
        self.total: int | None = None
        self._last_key: int | None = None
        self._last: tuple[int, int | None] | None = None

    def update(self, done: int) -> None:
        total = self.total
        if total:
            key = min(100, done * 100 // total)
        else:
            key = done // (256 * 1024)  # unknown size: an event every 256 KiB
        if key == self._last_key:
            return
        self._last_key = key
        self._emit(done, total)

    def finish(self, done: int) -> None:
        """The closing event: 100 percent with both counts equal."""
        if self._last != (done, done):
            self._emit(done, done)

    def _emit(self, done: int, total: int | None) -> None:
        self._last = (done, total)
        self._post(progress_event(self._call_id, done, total))
        if self._hook is not None:
            self._hook(TransferProgress(self._call_id, self._api, self._url, done, total))


class _CountingStream(httpx.AsyncByteStream):
    """Wraps a request body and reports how many bytes the transport has taken so far."""

    def __init__(self, inner: httpx.AsyncByteStream, on_sent: Callable[[int], None]) -> None:
        self._inner = inner
        self._on_sent = on_sent

    async def __aiter__(self) -> AsyncIterator[bytes]:
        sent = 0
        async for chunk in self._inner:
            yield chunk
            sent += len(chunk)
            self._on_sent(sent)

    async def aclose(self) -> None:
        await self._inner.aclose()


def joined_headers(response: httpx.Response) -> dict[str, str]:
    """Response headers as {name: value}, repeated values joined with ',' (as the client does)."""
    out: dict[str, str] = {}
    lower_to_name: dict[str, str] = {}
    for raw_name, raw_value in response.headers.raw:
        name = raw_name.decode("latin-1")
        value = raw_value.decode("latin-1")
        key = name.lower()
        if key in lower_to_name:
            out[lower_to_name[key]] += "," + value
        else:
            lower_to_name[key] = name
            out[name] = value
    return out


def download_extension(response: httpx.Response, url: str) -> str:
    """Content-Disposition filename, else Content-Type, else the URL path (SWAN_BEHAVIOUR.md)."""
    disposition = response.headers.get("content-disposition")
    if disposition:
        msg = EmailMessage()
        msg["content-disposition"] = disposition
        filename = msg.get_filename()
        if filename:
            ext = posixpath.splitext(posixpath.basename(filename.replace("\\", "/")))[1]
            if ext:
                return ext
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type != "application/octet-stream":
        ext = mimetypes.guess_extension(content_type, strict=False)
        if ext:
            return ext
    return posixpath.splitext(unquote(urlsplit(url).path))[1]


def domain_allowed(url: str, domains: frozenset[str]) -> bool:
    """The production rule: https, a listed host name, no IP address, no port, no user info."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or port is not None or "@" in parts.netloc or not host or host == "localhost":
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host in domains
    return False


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length")
    if value is None or "content-encoding" in response.headers:
        return None
    try:
        length = int(value)
    except ValueError:
        return None
    return length if length >= 0 else None


class Transfers:
    """Starts, tracks and cancels the uploadFile / downloadFile calls of one runtime."""

    def __init__(
        self,
        *,
        post: Callable[[Message], None],
        client: Callable[[], httpx.AsyncClient],
        sandbox: Sandbox,
        router: Router,
        settings: TransferSettings,
        on_progress: ProgressHook | None = None,
    ) -> None:
        self._post = post
        self._client = client
        self._sandbox = sandbox
        self._router = router
        self._settings = settings
        self._on_progress = on_progress
        self._tasks: dict[int, asyncio.Task[Message]] = {}
        self._delivered: dict[int, tuple[str, Path]] = {}  # call id -> file in an end event JS has not seen
        self._semaphore: asyncio.Semaphore | None = None

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def start(self, call_id: int, api: str, params: dict[str, Any]) -> None:
        task = asyncio.get_running_loop().create_task(self._run(call_id, api, params))
        self._tasks[call_id] = task
        # The end event is posted from here, so that a task cancelled before it ever ran
        # (abort() right after the call) still gets its one "end".
        task.add_done_callback(lambda t: self._finished(call_id, api, params.get("url", ""), t))

    def abort(self, call_id: int) -> None:
        task = self._tasks.get(call_id)
        if task is not None:
            task.cancel()
            return
        # The call finished, but JS aborted before it saw the result: the file is never handed over.
        delivered = self._delivered.pop(call_id, None)
        if delivered is not None:
            self._sandbox.discard(delivered[0])
            delivered[1].unlink(missing_ok=True)

    def settled(self, call_id: int) -> None:
        """JS has run the call's callbacks: the result is the script's now."""
        self._delivered.pop(call_id, None)

    async def cancel_all(self) -> None:
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _run(self, call_id: int, api: str, params: dict[str, Any]) -> Message:
        progress = _Progress(call_id, api, params.get("url", ""), self._post, self._on_progress)
        try:
            domains = self._settings.domains
            if domains is not None and not domain_allowed(params["url"], domains):
                raise HostFailure("domain")
            if self._semaphore is None:
                self._semaphore = asyncio.Semaphore(self._settings.max_concurrency)
            async with self._semaphore:
                handler = self._upload if api == "uploadFile" else self._download
                result, written = await asyncio.wait_for(handler(call_id, params, progress), self._settings.timeouts[api])
        except asyncio.CancelledError:
            return failure_event(call_id, "abort")
        except asyncio.TimeoutError:
            return failure_event(call_id, "timeout")
        except Exception as exc:  # every failure becomes a fail result, never an escape
            return failure_event(call_id, *failure_from_exception(exc))
        if written is not None:
            self._delivered[call_id] = (result.get("tempFilePath") or result["filePath"], written)
        return success_event(call_id, result)

    def _finished(self, call_id: int, api: str, url: str, task: asyncio.Task[Message]) -> None:
        self._tasks.pop(call_id, None)
        event = failure_event(call_id, "abort") if task.cancelled() else task.result()
        self._post(event)
        if self._on_progress is not None:
            self._on_progress(TransferProgress(call_id, api, url, 0, None, finished=True, ok=event["ok"]))

    def _request_headers(self, header: dict[str, str] | None, *, drop: tuple[str, ...] = ()) -> dict[str, str]:
        """The script's headers (the shim already dropped Referer and User-Agent) plus the client's Referer."""
        drop = (*drop, "referer", "user-agent")
        out = {name: value for name, value in (header or {}).items() if name.lower() not in drop}
        out["Referer"] = self._settings.referer
        return out

    async def _download(self, call_id: int, params: dict[str, Any], progress: _Progress) -> tuple[dict[str, Any], Path]:
        """GET into a .part file that becomes the temp (or `filePath`) file only once complete."""
        user_path = params.get("filePath")
        target = self._sandbox.user_path(user_path) if user_path is not None else None
        url = self._router.resolve(params["url"])
        headers = self._request_headers(params.get("header"))
        limit = self._settings.max_download_bytes
        async with self._client().stream("GET", url, headers=headers) as response:
            self._post(headers_event(call_id, joined_headers(response)))
            total = _content_length(response)
            if total is None and self._settings.require_content_length:
                raise HostFailure("size_unknown")
            if total is not None and total > limit:
                raise HostFailure("too_large")
            progress.total = total
            if target is None:
                vpath, final = self._sandbox.new_temp(download_extension(response, url))
            else:
                vpath, final = user_path, target
                final.parent.mkdir(parents=True, exist_ok=True)
            part = final.with_name(f"{final.name}.{call_id}.part")
            try:
                written = 0
                with open(part, "wb") as out:
                    # Chunks as the network delivers them: re-chunking would only copy bytes.
                    async for chunk in response.aiter_bytes():
                        out.write(chunk)
                        written += len(chunk)
                        if written > limit:
                            raise HostFailure("too_large")
                        progress.update(response.num_bytes_downloaded if total is not None else written)
                progress.finish(response.num_bytes_downloaded if total is not None else written)
                os.replace(part, final)
            except BaseException:
                part.unlink(missing_ok=True)
                raise
        if target is None:
            self._sandbox.publish(vpath, final)
            return {"tempFilePath": vpath, "statusCode": response.status_code}, final
        return {"filePath": vpath, "statusCode": response.status_code}, final

    async def _upload(self, call_id: int, params: dict[str, Any], progress: _Progress) -> tuple[dict[str, Any], None]:
        """A multipart POST streamed from disk: formData fields, then the file part under `name`."""
        source = self._sandbox.resolve(params["filePath"])
        size = source.stat().st_size
        if size > self._settings.max_upload_bytes:
            raise HostFailure("too_large")
        url = self._router.resolve(params["url"])
        headers = self._request_headers(params.get("header"), drop=("content-type", "content-length"))
        filename = posixpath.basename(params["filePath"])
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        client = self._client()
        with open(source, "rb") as file:
            request = client.build_request(
                "POST", url, headers=headers, data=params.get("formData") or {},
                files={params["name"]: (filename, file, content_type)},
            )
            body_length = int(request.headers["content-length"])
            # Progress counts the file's own bytes: the multipart framing before and after it
            # (fields, part headers, closing boundary) is left out.
            boundary = request.headers["content-type"].partition("boundary=")[2]
            file_end = body_length - len(b"\r\n--" + boundary.encode("ascii") + b"--\r\n")
            file_start = file_end - size
            progress.total = size

            def on_sent(sent: int) -> None:
                progress.update(max(0, min(size, sent - file_start)))

            request.stream = _CountingStream(request.stream, on_sent)  # type: ignore[arg-type]
            response = await client.send(request, stream=True)
        try:
            self._post(headers_event(call_id, joined_headers(response)))
            progress.finish(size)
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > self._settings.max_upload_response_bytes:
                    raise HostFailure("too_large", "response too large")
        finally:
            await response.aclose()
        encoding = response.charset_encoding or "utf-8"
        try:
            text = bytes(body).decode(encoding, errors="replace")
        except LookupError:
            text = bytes(body).decode("utf-8", errors="replace")
        return {"data": text, "statusCode": response.status_code}, None
