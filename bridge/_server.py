"""The embedded test server: a real HTTP/1.1 server on loopback for the demo, the tests and the benchmark.

POST (any path): a multipart upload, parsed as it streams in by python-multipart; the reply is
JSON with the fields and, per file part, its filename, content type, size and sha256.
GET (any path): deterministic bytes (`expected_body(size)`), shaped by query parameters:

    size=N        body length (default 65536)       chunk=N   bytes per write (default 65536)
    delay=S       seconds between writes             status=N  response status (default 200)
    type=T        Content-Type                       name=F    Content-Disposition filename
    length=omit   no Content-Length (body ends when the connection closes)
    length=lie    Content-Length larger than the body, then close
    reset=N       send N body bytes, then reset the connection
    stall=S       wait S seconds before answering (a server slower than a timeout)

Routes: `route(method, path, reply, query=...)` answers one method and URL path (and query
parameters, if given) with a `Reply` (status, JSON or bytes, headers), or with what a function of
the request returns: how a test plays the app's backend (`swan.request` to `/api/orders`). A
routed request's body is kept in its record (`record.body`, `record.json()`, and `record.fields`
for a form-urlencoded body); routes win over the built-in answers above, and
`clear_routes()` removes them (the pytest plugin does after each test).

Every request is logged in `requests` (headers, what was received, whether the client hung up),
and `max_active` counts the most requests in progress at once.

WebSocket (a GET with `Upgrade: websocket`, any path; carried out with wsproto on the handler's
own socket): every text or binary message is echoed back as it came. The first subprotocol the
client offers is accepted. Query parameters:

    close=CODE    after echoing the first message, close with CODE (and reason=TEXT)
    drop=1        after echoing the first message, drop the TCP connection (no close frame)
    status=N      refuse the upgrade with HTTP status N
    stall=S       wait S seconds before answering the handshake (a server slower than a timeout)

`ws_broadcast(path, text_or_bytes)` sends a message to every socket connected to `path` (the
URL path, without the query), `ws_close(path, code, reason)` closes them, and `websockets`
records each connection (headers, messages received, the close code it got).
"""

from __future__ import annotations

import hashlib
import json
import socket
import struct
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeAlias
from urllib.parse import parse_qs, urlsplit

import wsproto.events as ws_events
from python_multipart.multipart import MultipartParser, parse_options_header
from wsproto.connection import Connection as WsConnection
from wsproto.connection import ConnectionState as WsState
from wsproto.connection import ConnectionType as WsType
from wsproto.utilities import LocalProtocolError, RemoteProtocolError, generate_accept_token

_PERIOD = 251  # a prime, so the pattern never lines up with power-of-two chunk sizes
_BLOCK = bytes(range(_PERIOD)) * 4200  # a little over 1 MiB of the repeating pattern
MAX_CHUNK = len(_BLOCK) - _PERIOD
DEFAULT_SIZE = 65536


def pattern(offset: int, length: int) -> bytes:
    """`length` bytes of the deterministic download body starting at `offset`."""
    out = bytearray()
    while length > 0:
        n = min(length, MAX_CHUNK)
        start = offset % _PERIOD
        out += _BLOCK[start : start + n]
        offset += n
        length -= n
    return bytes(out)


def expected_body(size: int) -> bytes:
    """The exact body a GET with `size=N` returns."""
    return pattern(0, size)


class Headers(dict[str, str]):
    """Request headers as the client sent them (a plain dict, so JSON and equality work), with
    lookups that ignore case, as HTTP does: `headers["authorization"]`, `.get("Content-Type")`."""

    def _key(self, name: str) -> str:
        if not super().__contains__(name):
            lower = name.lower()
            for key in self:
                if key.lower() == lower:
                    return key
        return name

    def __getitem__(self, name: str) -> str:
        return super().__getitem__(self._key(name))

    def __contains__(self, name: object) -> bool:
        return super().__contains__(self._key(name) if isinstance(name, str) else name)

    def get(self, name: str, default: Any = None) -> Any:
        return super().get(self._key(name), default)


def _pairs(text: str) -> dict[str, str]:
    """Form-urlencoded pairs (a query or a form body): the last value of each name, blank ones kept."""
    return {k: v[-1] for k, v in parse_qs(text, keep_blank_values=True).items()}


@dataclass
class RequestRecord:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    body_bytes_sent: int = 0
    client_closed: bool = False
    finished: threading.Event = field(default_factory=threading.Event)
    #: The request body, for a routed request (see `EmbeddedServer.route`).
    body: bytes = b""

    @property
    def query(self) -> dict[str, str]:
        """The URL's query parameters (the last value of each; a blank value is kept as "")."""
        return _pairs(urlsplit(self.path).query)

    def json(self) -> Any:
        """The body parsed as JSON (UTF-8)."""
        return json.loads(self.body.decode("utf-8"))


@dataclass(frozen=True)
class Reply:
    """What a route answers: a status, a body (`json` serialised, else `body` as bytes or UTF-8
    text) and headers (Content-Type is JSON's, or text/plain, unless given)."""

    status: int = 200
    json: Any = None
    body: bytes | str = b""
    headers: Mapping[str, str] = field(default_factory=dict)

    def encode(self) -> tuple[bytes, dict[str, str]]:
        headers = dict(self.headers)
        if self.json is not None:
            data = json.dumps(self.json, ensure_ascii=False).encode("utf-8")
            headers.setdefault("Content-Type", "application/json; charset=utf-8")
        else:
            data = self.body.encode("utf-8") if isinstance(self.body, str) else bytes(self.body)
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        return data, headers


#: A route's answer: a fixed Reply, or a function of the request that returns one.
Answer: TypeAlias = "Reply | Callable[[RequestRecord], Reply]"


@dataclass
class WebSocketRecord:
    """One WebSocket connection as the server saw it: the messages it received (str or bytes) and
    the close code and reason the client sent (None while it is open, or if it only dropped)."""

    path: str
    headers: dict[str, str]
    subprotocol: str | None = None
    messages: list[str | bytes] = field(default_factory=list)
    close_code: int | None = None
    close_reason: str | None = None
    closed: threading.Event = field(default_factory=threading.Event)


class _WebSocket:
    """The server end of one WebSocket connection (wsproto over the handler's socket)."""

    def __init__(self, handler: _Handler, record: WebSocketRecord) -> None:
        self.handler = handler
        self.record = record
        self.conn = WsConnection(WsType.SERVER)
        self.lock = threading.Lock()

    def send(self, event: ws_events.Event) -> bool:
        with self.lock:
            if self.conn.state is not WsState.OPEN and not isinstance(event, ws_events.CloseConnection):
                return False
            try:
                data = self.conn.send(event)
                self.handler.connection.sendall(data)
            except (OSError, LocalProtocolError):
                return False
        return True

    def message(self, data: str | bytes) -> bool:
        return self.send(ws_events.TextMessage(data) if isinstance(data, str) else ws_events.BytesMessage(data))

    def close(self, code: int = 1000, reason: str = "") -> bool:
        return self.send(ws_events.CloseConnection(code, reason))

    def drop(self) -> None:
        try:
            self.handler.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class _Part:
    def __init__(self) -> None:
        self.headers: dict[str, str] = {}
        self.name = ""
        self.filename: str | None = None
        self.data = bytearray()
        self.size = 0
        self.sha256 = hashlib.sha256()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out as separate writes; with Nagle on, a kept-alive connection would
    # hold the body until the client's delayed ACK (about 40 ms per reply).
    disable_nagle_algorithm = True
    server: _Server
    _active = False

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:
        if self.headers.get("Upgrade", "").lower() == "websocket":
            self._serve_websocket()
            return
        self._serve(self._routed() or self._serve_download)

    def do_POST(self) -> None:
        self._serve(self._routed() or self._serve_upload)

    def _other(self) -> None:  # PUT, DELETE, ...: only routes answer them
        self._serve(self._routed() or self._serve_no_route)

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = do_TRACE = _other

    def _routed(self) -> Callable[[RequestRecord], None] | None:
        url = urlsplit(self.path)
        query = _pairs(url.query)
        candidates = self.server.routes.get((self.command, url.path), [])
        answer = next((a for required, a in candidates if all(query.get(k) == v for k, v in required.items())), None)
        if answer is None:
            return None

        def serve(record: RequestRecord) -> None:
            record.body = self._read_body()
            if self.headers.get("Content-Type", "").split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
                record.fields.update(_pairs(record.body.decode("utf-8", "replace")))
            try:
                reply = answer(record) if callable(answer) else answer
                if not isinstance(reply, Reply):
                    raise TypeError(f"a route must answer a Reply, got {type(reply).__name__}")
            except Exception as exc:  # the test's handler failed: a 500 that says why, kept for the test
                reason = f"route {self.command} {record.path}: {type(exc).__name__}: {exc}"
                self.server.route_errors.append(reason)
                reply = Reply(500, {"error": reason})
            self._send_reply(reply)

        return serve

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _send_reply(self, reply: Reply) -> None:
        data, headers = reply.encode()
        self._done_sending()
        self.send_response(reply.status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _serve_no_route(self, record: RequestRecord) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._send_reply(Reply(404, {"error": f"no route for {self.command} {urlsplit(self.path).path}"}))

    def _serve(self, serve: Any) -> None:
        self._active = True
        self.server.track(+1)
        record = self._record()
        try:
            serve(record)
        except OSError:
            record.client_closed = True
            self.close_connection = True
        finally:
            self._done_sending()
            record.finished.set()

    def _done_sending(self) -> None:
        """Stop counting this request as active. Called before the last write, because the
        client may start its next request as soon as that write lands, before this thread runs."""
        if self._active:
            self._active = False
            self.server.track(-1)

    def _record(self) -> RequestRecord:
        record = RequestRecord(self.command, self.path, Headers(self.headers.items()))
        self.server.log(record)
        return record

    def _query(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}

    def _serve_download(self, record: RequestRecord) -> None:
        q = self._query()
        if "stall" in q:
            time.sleep(float(q["stall"]))
        size = int(q.get("size", DEFAULT_SIZE))
        chunk = max(1, min(MAX_CHUNK, int(q.get("chunk", 65536))))
        delay = float(q.get("delay", 0))
        length_mode = q.get("length", "")
        reset_at = int(q["reset"]) if "reset" in q else None
        self.send_response(int(q.get("status", 200)))
        self.send_header("Content-Type", q.get("type", "application/octet-stream"))
        if "name" in q:
            self.send_header("Content-Disposition", f'attachment; filename="{q["name"]}"')
        if length_mode == "omit":
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            declared = size + 1000 if length_mode == "lie" else size
            self.send_header("Content-Length", str(declared))
        self.end_headers()
        sent = 0
        if size == 0:
            self._done_sending()
        while sent < size:
            n = min(chunk, size - sent)
            if sent + n >= size:
                self._done_sending()
            if reset_at is not None and sent + n >= reset_at:
                self.wfile.write(pattern(sent, reset_at - sent))
                self._reset()
                return
            self.wfile.write(pattern(sent, n))
            sent += n
            record.body_bytes_sent = sent
            if delay and sent < size:
                time.sleep(delay)
        if length_mode == "lie":
            self.close_connection = True

    def _serve_websocket(self) -> None:
        """The handshake by hand (http.server has parsed the request), then wsproto's frames."""
        q = self._query()
        self.close_connection = True
        if "stall" in q:
            time.sleep(float(q["stall"]))
        key = self.headers.get("Sec-WebSocket-Key")
        if "status" in q or key is None:
            self.send_response(int(q.get("status", 400)))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        offered = [p.strip() for p in self.headers.get("Sec-WebSocket-Protocol", "").split(",") if p.strip()]
        record = WebSocketRecord(urlsplit(self.path).path, Headers(self.headers.items()),
                                 offered[0] if offered else None)
        ws = _WebSocket(self, record)
        try:
            # Listed before the 101 goes out, so a client that sees the socket open finds it
            # here; its lock keeps a broadcast from writing before the 101.
            with ws.lock:
                self.server.ws_opened(ws)
                self.send_response(101, "Switching Protocols")
                self.send_header("Upgrade", "websocket")
                self.send_header("Connection", "Upgrade")
                self.send_header("Sec-WebSocket-Accept", generate_accept_token(key.encode("ascii")).decode("ascii"))
                if record.subprotocol is not None:
                    self.send_header("Sec-WebSocket-Protocol", record.subprotocol)
                self.end_headers()
            self._websocket_loop(ws, q)
        except (OSError, LocalProtocolError, RemoteProtocolError):
            pass  # the client went away, or sent what is not WebSocket
        finally:
            self.server.ws_closed(ws)
            record.closed.set()

    def _websocket_loop(self, ws: _WebSocket, q: dict[str, str]) -> None:
        parts: list[str | bytes] = []
        while True:
            data = self.rfile.read1(65536)  # read1: bytes http.server buffered come first
            if not data:
                return  # the client dropped the connection
            ws.conn.receive_data(data)
            for event in ws.conn.events():
                if isinstance(event, ws_events.Message):
                    parts.append(event.data)
                    if not event.message_finished:
                        continue
                    message = "".join(parts) if isinstance(event.data, str) else b"".join(parts)  # type: ignore[arg-type]
                    parts.clear()
                    ws.record.messages.append(message)
                    ws.message(message)
                    if "close" in q:
                        ws.close(int(q["close"]), q.get("reason", ""))
                    elif q.get("drop"):
                        ws.drop()
                        return
                elif isinstance(event, ws_events.Ping):
                    ws.send(event.response())
                elif isinstance(event, ws_events.CloseConnection):
                    ws.record.close_code, ws.record.close_reason = int(event.code), event.reason
                    if ws.conn.state is WsState.REMOTE_CLOSING:
                        ws.send(event.response())
                    return

    def _reset(self) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True

    def _serve_upload(self, record: RequestRecord) -> None:
        q = self._query()
        if "stall" in q:
            time.sleep(float(q["stall"]))
        length = self.headers.get("Content-Length")
        ctype, options = parse_options_header(self.headers.get("Content-Type", ""))
        if length is None:
            self._reply_json(411, {"error": "Content-Length required"})
            return
        remaining = int(length)
        if ctype != b"multipart/form-data" or b"boundary" not in options:
            self.rfile.read(remaining)
            self._reply_json(400, {"error": "expected multipart/form-data"})
            return
        parts: list[_Part] = []
        current: list[_Part] = []
        header_field = bytearray()
        header_value = bytearray()

        def on_part_begin() -> None:
            current[:] = [_Part()]

        def on_header_field(data: bytes, start: int, end: int) -> None:
            header_field.extend(data[start:end])

        def on_header_value(data: bytes, start: int, end: int) -> None:
            header_value.extend(data[start:end])

        def on_header_end() -> None:
            current[0].headers[header_field.decode("latin-1").lower()] = header_value.decode("utf-8", "replace")
            header_field.clear()
            header_value.clear()

        def on_headers_finished() -> None:
            part = current[0]
            _, opts = parse_options_header(part.headers.get("content-disposition", ""))
            part.name = opts.get(b"name", b"").decode("utf-8", "replace")
            filename = opts.get(b"filename")
            part.filename = filename.decode("utf-8", "replace") if filename is not None else None

        def on_part_data(data: bytes, start: int, end: int) -> None:
            part = current[0]
            piece = data[start:end]
            part.size += len(piece)
            if part.filename is None:
                if len(part.data) < 1_000_000:
                    part.data += piece
            else:
                part.sha256.update(piece)

        def on_part_end() -> None:
            parts.append(current[0])

        parser = MultipartParser(
            options[b"boundary"],
            callbacks={
                "on_part_begin": on_part_begin,
                "on_header_field": on_header_field,
                "on_header_value": on_header_value,
                "on_header_end": on_header_end,
                "on_headers_finished": on_headers_finished,
                "on_part_data": on_part_data,
                "on_part_end": on_part_end,
            },
        )
        while remaining > 0:
            data = self.rfile.read(min(remaining, 1024 * 1024))
            if not data:
                raise ConnectionResetError("client closed the connection during the upload")
            remaining -= len(data)
            parser.write(data)
        parser.finalize()
        for part in parts:
            if part.filename is None:
                record.fields[part.name] = part.data.decode("utf-8", "replace")
            else:
                record.files[part.name] = {
                    "filename": part.filename,
                    "content_type": part.headers.get("content-type"),
                    "size": part.size,
                    "sha256": part.sha256.hexdigest(),
                }
        if "delay" in q:
            time.sleep(float(q["delay"]))
        body = {"fields": record.fields, "files": record.files, "headers": record.headers}
        self._reply_json(int(q.get("status", 200)), body)

    def _reply_json(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode("utf-8")
        self._done_sending()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int]) -> None:
        super().__init__(address, _Handler)
        self.requests: list[RequestRecord] = []
        # (method, path) -> [(query the route requires, answer)], most specific first
        self.routes: dict[tuple[str, str], list[tuple[dict[str, str], Answer]]] = {}
        self.route_errors: list[str] = []
        self.websockets: list[WebSocketRecord] = []
        self.live_websockets: list[_WebSocket] = []
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()

    def log(self, record: RequestRecord) -> None:
        with self._lock:
            self.requests.append(record)

    def ws_opened(self, ws: _WebSocket) -> None:
        with self._lock:
            self.websockets.append(ws.record)
            self.live_websockets.append(ws)

    def ws_closed(self, ws: _WebSocket) -> None:
        with self._lock:
            if ws in self.live_websockets:
                self.live_websockets.remove(ws)

    def ws_at(self, path: str | None) -> list[_WebSocket]:
        with self._lock:
            return [ws for ws in self.live_websockets if path is None or ws.record.path == path]

    def track(self, delta: int) -> None:
        with self._lock:
            self.active += delta
            self.max_active = max(self.max_active, self.active)


class EmbeddedServer:
    """The embedded loopback server, started in a background thread (`with EmbeddedServer() as s`)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = _Server((host, port))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def requests(self) -> list[RequestRecord]:
        return self._server.requests

    @property
    def max_active(self) -> int:
        """The most requests that were in progress at once (since `reset_stats`)."""
        return self._server.max_active

    @property
    def active(self) -> int:
        """Requests in progress now."""
        return self._server.active

    @property
    def websockets(self) -> list[WebSocketRecord]:
        """Every WebSocket connection so far, in the order they opened."""
        return self._server.websockets

    def ws_broadcast(self, path: str, data: str | bytes) -> int:
        """Send `data` (text or binary) to every socket connected to `path`; returns how many."""
        return sum(ws.message(data) for ws in self._server.ws_at(path))

    def ws_close(self, path: str, code: int = 1000, reason: str = "") -> int:
        """Close every socket connected to `path` with `code` and `reason`; returns how many."""
        return sum(ws.close(code, reason) for ws in self._server.ws_at(path))

    def ws_count(self, path: str | None = None) -> int:
        """How many sockets are connected (to `path`, or to any path)."""
        return len(self._server.ws_at(path))

    def route(self, method: str, path: str, answer: Answer, *, query: Mapping[str, str] | None = None) -> None:
        """Answer `method` requests to the URL `path` with `answer`: a Reply, or a function of the
        RequestRecord (its `body`, `json()`, `fields`, `query`, `headers`) returning one.

        With `query`, only requests whose URL has these query parameters (with these values; other
        parameters may come too) match: `route("GET", "/api.php", reply, query={"s": "cart/index"})`.
        The most specific route that matches answers (the one requiring the most parameters); a
        route given again for the same method, path and query replaces the earlier one."""
        if not path.startswith("/"):
            raise ValueError(f"a route's path starts with '/': {path!r}")
        if not isinstance(answer, Reply) and not callable(answer):
            raise TypeError(f"a route answers a Reply or a function returning one, got {type(answer).__name__}")
        required = dict(query or {})
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in required.items()):
            raise TypeError(f"a route's query maps names to string values, got {required!r}")
        routes = [r for r in self._server.routes.get((method.upper(), path), []) if r[0] != required]
        routes.append((required, answer))
        routes.sort(key=lambda r: -len(r[0]))
        self._server.routes[(method.upper(), path)] = routes

    def clear_routes(self) -> list[str]:
        """Remove every route; returns the failures of route functions since the last clear
        (each also answered its request with a 500), so that a test can fail on them."""
        self._server.routes.clear()
        errors, self._server.route_errors = self._server.route_errors, []
        return errors

    def reset_stats(self) -> None:
        with self._server._lock:
            self._server.requests.clear()
            self._server.max_active = self._server.active

    def start(self) -> EmbeddedServer:
        if self._thread is None:
            self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (`swan-bridge serve`)."""
        try:
            self._server.serve_forever(poll_interval=0.2)
        finally:
            self._server.server_close()

    def close(self) -> None:
        for ws in self._server.ws_at(None):
            ws.drop()  # their handler threads end
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
