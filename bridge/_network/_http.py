"""httpx plumbing for the transfers: each worker's client, bodies that report and stop, and reading responses.

Connections are kept alive, with TCP_NODELAY (without it a reused connection stalls uploads on
delayed ACKs). An async-only transport (an in-process ASGI app) is run on the event loop for the
worker threads that use it.

Response bodies are decoded here, not by httpx: its decoders inflate a whole network read at
once with no cap (a 64 KiB read of a gzip bomb is tens of MB, and nested codings multiply), so
each coding is undone in steps of at most DECODE_STEP bytes, pulled only as the reader takes
them, and the reader's size limit stops the transfer within one step of it.
"""

from __future__ import annotations

import asyncio
import base64
import codecs
import mimetypes
import posixpath
import socket
import zlib
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from email.message import Message as EmailMessage
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx

from ._call import TransferCall

#: The content codings the client asks for (its Accept-Encoding) and undoes, each in bounded
#: steps. httpx's default list would add br and zstd when their optional packages are installed,
#: whose decoders take no output cap: the header is set here so it is the same everywhere.
DECODED_CODINGS = ("gzip", "deflate")
ACCEPT_ENCODING = ", ".join(DECODED_CODINGS)
#: The most decoded codings one response may stack (curl and urllib3 allow 5 as well): each holds
#: an inflater with its 32 KiB window and one step of output.
MAX_CODINGS = 5
#: The most bytes one decoding step produces: one BlockWriter block, so a decoded download is
#: written in aligned 64 KiB blocks.
DECODE_STEP = 64 * 1024


class UploadBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A request body that reports how many bytes the transport has taken, and stops on abort."""

    def __init__(self, inner: Any, call: TransferCall, on_sent: Callable[[int], None]) -> None:
        self._inner = inner
        self._call = call
        self._on_sent = on_sent

    def __iter__(self) -> Iterator[bytes]:
        sent = 0
        for chunk in self._inner:
            self._call.check()
            yield chunk
            sent += len(chunk)
            self._on_sent(sent)

    async def __aiter__(self) -> AsyncIterator[bytes]:  # for async transports, see LoopTransport
        for chunk in self:
            yield chunk


class LoopTransport(httpx.BaseTransport):
    """Lets worker threads use an async-only transport (ASGITransport) by running it on the loop."""

    def __init__(self, transport: httpx.AsyncBaseTransport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop

    def _wait(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._wait(self._transport.handle_async_request(request))
        return httpx.Response(response.status_code, headers=response.headers, stream=LoopStream(response.stream, self._wait),
                              extensions=response.extensions)

    def close(self) -> None:
        pass  # the caller owns the transport it handed in (and closing it here could block the loop)


class LoopStream(httpx.SyncByteStream):
    def __init__(self, stream: Any, wait: Callable[[Any], Any]) -> None:
        self._stream = stream
        self._wait = wait

    def __iter__(self) -> Iterator[bytes]:
        chunks = self._stream.__aiter__()
        while True:
            try:
                yield self._wait(chunks.__anext__())
            except StopAsyncIteration:
                return

    def close(self) -> None:
        self._wait(self._stream.aclose())


def make_client(transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None, loop: asyncio.AbstractEventLoop,
                verify: Any) -> httpx.Client:
    """A worker thread's own sync client (see the module docstring)."""
    if transport is None:
        transport = httpx.HTTPTransport(
            verify=verify, limits=httpx.Limits(max_connections=None, max_keepalive_connections=8),
            socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
        )
    if not isinstance(transport, httpx.BaseTransport):
        transport = LoopTransport(transport, loop)
    return httpx.Client(transport=transport, follow_redirects=True, timeout=None, headers={"Accept-Encoding": ACCEPT_ENCODING})


class Head:
    """A response's headers, read once (each httpx lookup walks them all): `header` as the script
    gets them, repeated values joined with ',' (as the client does), and `get` by lower-case name."""

    __slots__ = ("header", "_lower")

    def __init__(self, response: httpx.Response) -> None:
        header: dict[str, str] = {}
        names: dict[str, str] = {}  # lower-case name -> the name as first sent
        for raw_name, raw_value in response.headers.raw:
            name = raw_name.decode("latin-1")
            value = raw_value.decode("latin-1")
            key = name.lower()
            first = names.get(key)
            if first is None:
                names[key] = name
                header[name] = value
            else:
                header[first] += "," + value
        self.header = header
        self._lower = {key: header[name] for key, name in names.items()}

    def get(self, name: str) -> str | None:
        """The value of a header by its lower-case name."""
        return self._lower.get(name)


def body_chunks(response: httpx.Response, head: Head) -> Iterator[bytes]:
    """A streamed response's body as the client decodes it (see the module docstring): the
    network's chunks as they come when no coding applies, else pieces of at most DECODE_STEP
    bytes. Codings other than DECODED_CODINGS are left on the bytes, as httpx leaves a coding
    it has no decoder for."""
    if response.is_stream_consumed:  # a transport that answered with the body already read (MockTransport)
        return response.iter_bytes()
    coding_list = head.get("content-encoding")
    codings = [value.strip().lower() for value in coding_list.split(",")] if coding_list is not None else []
    layers = [coding for coding in codings if coding in DECODED_CODINGS]
    if len(layers) > MAX_CODINGS:
        raise httpx.DecodingError(f"more than {MAX_CODINGS} content codings: {', '.join(codings)}")
    chunks = response.iter_raw()
    for coding in reversed(layers):  # the last coding applied is the first undone
        chunks = _inflate(chunks, coding)
    return chunks


def _inflate(chunks: Iterator[bytes], coding: str) -> Iterator[bytes]:
    """One gzip or deflate layer undone DECODE_STEP bytes at a time (as httpx's decoders read
    it: deflate with or without its zlib header, input past the end of the stream ignored)."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16 if coding == "gzip" else zlib.MAX_WBITS)
    headerless_retry = coding == "deflate"  # until the first step succeeds
    for data in chunks:  # read to the end, so that the connection can serve another request
        while not inflater.eof:
            try:
                out = inflater.decompress(data, DECODE_STEP)
            except zlib.error as exc:
                if not headerless_retry:
                    raise httpx.DecodingError(str(exc)) from exc
                inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # a bare deflate stream, sent by some servers
                headerless_retry = False
                continue
            headerless_retry = False
            if out:
                yield out
            data = inflater.unconsumed_tail
            if not data and len(out) < DECODE_STEP:  # all the input taken and nothing held back
                break
        # Input past the end of the stream is never given to zlib, which would keep it all (unused_data).
    if not inflater.eof:
        try:
            out = inflater.flush()
        except zlib.error as exc:
            raise httpx.DecodingError(str(exc)) from exc
        if out:
            yield out


def download_extension(head: Head, url: str) -> str:
    """Content-Disposition filename, else Content-Type, else the URL path (what the client names a download by)."""
    disposition = head.get("content-disposition")
    if disposition:
        msg = EmailMessage()
        msg["content-disposition"] = disposition
        filename = msg.get_filename()
        if filename:
            ext = posixpath.splitext(posixpath.basename(filename.replace("\\", "/")))[1]
            if ext:
                return ext
    content_type = (head.get("content-type") or "").split(";")[0].strip().lower()
    if content_type and content_type != "application/octet-stream":
        guessed = mimetypes.guess_extension(content_type, strict=False)
        if guessed:
            return guessed
    return posixpath.splitext(unquote(urlsplit(url).path))[1]


def content_length(head: Head) -> int | None:
    value = head.get("content-length")
    if value is None or head.get("content-encoding") is not None:
        return None
    try:
        length = int(value)
    except ValueError:
        return None
    return length if length >= 0 else None


def request_content(params: Mapping[str, Any]) -> bytes | None:
    """The body the shim prepared for swan.request: bytes as base64, or text sent as UTF-8
    (a lone surrogate, which a JS string may hold, becomes U+FFFD as with TextEncoder)."""
    if params.get("bodyBase64") is not None:
        return base64.b64decode(params["bodyBase64"], validate=True)
    text = params.get("body")
    if text is None:
        return None
    try:
        return text.encode("utf-8")  # type: ignore[no-any-return]
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text).encode("utf-8")


#: The charsets a response may name, as Python's codecs call them: the encodings of the WHATWG
#: Encoding Standard (what a browser or a client's web view decodes). Any other name (an unknown
#: one, or a Python codec that is no charset: zlib, base64, rot13, unicode_escape, undefined) is
#: read as UTF-8, as when no charset is named.
WEB_CHARSETS: frozenset[str] = frozenset({
    "utf-8", "utf-16", "utf-16-be", "utf-16-le", "ascii", "cp866", "koi8-r", "koi8-u", "mac-roman",
    "mac-cyrillic", "cp874", *(f"iso8859-{n}" for n in range(1, 17) if n != 12), *(f"cp{n}" for n in range(1250, 1259)),
    "gbk", "gb2312", "gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr",
})


def decode_text(body: bytes, response: httpx.Response, head: Head) -> str:
    """A response body as text: its declared charset when it is one of WEB_CHARSETS, else UTF-8
    (BOM dropped); U+FFFD for bytes that do not decode."""
    # (httpx's charset_encoding parses the header with the email package: skipped when no charset is named)
    declared = "charset" in (head.get("content-type") or "").lower()
    name = "utf-8"
    if declared:
        try:
            found = codecs.lookup(response.charset_encoding or "utf-8").name
        except (LookupError, ValueError):
            found = "utf-8"
        if found in WEB_CHARSETS:
            name = found
    if name != "utf-8":
        try:
            return body.decode(name, errors="replace")
        except (LookupError, UnicodeError, ValueError):  # a codec that fails even with "replace"
            pass
    return body.decode("utf-8-sig", errors="replace")
