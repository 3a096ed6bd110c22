"""swan.connectSocket and SocketTask, carried out with httpx-ws in worker threads.

What the docs say (swan-team/swan-docs develop/api/net/websocket*.md, net_rule.md) and Baidu's
own JS layer (mosuite/swan-js-api src/swan/api/network/web-socket.js), and what is done here:
- `url` must be wss on a configured domain: with `domains=` on, the domain check of the other
  APIs applies (after reading wss as https), so ws:// fails; with no check (the IDE's switch),
  ws:// and wss:// both work. The URL is routed like the others (`routes`, `route_all_to`), with
  ws/wss read as http/https for the router.
- at most 5 sockets at once (net_rule.md: "websocket 最大并发数5"); a sixth connectSocket fails
  with "exceed max task count" (iOS errorCode 1, Android 1001).
- the Referer cannot be set (the shim drops it); the client's own is sent.
- connectSocket succeeds as soon as the task exists ({socketTaskId}); the handshake follows and
  ends in onOpen({header}), or in onError({errMsg}) then onClose({code: 1006, reason}).
- the handshake's timeout is network_timeouts["connectSocket"] when the options carry it, else
  60 s (the documented default). It bounds the whole handshake (connection, TLS, the upgrade's
  response), however slowly the server trickles it: past it the handshake is cut off and ends as
  a failed one, with "connectSocket:fail timeout".

Threads: httpx-ws's sync session reads in a background thread of its own. Each socket here has
one reader thread (the handshake, then it waits for the connection to end and reports how) and
one writer thread (sends and the close frame, in order), so a socket never blocks the loop; a
small frame with nothing queued ahead of it, on a socket that can take it at once, is written
by the loop thread itself (one thread hop less per message). The
session's receiving thread hands each message straight to the runtime's loop
(call_soon_threadsafe); with an httpx-ws whose session does not allow that (see _Session), the
reader thread takes them with `receive()` instead. Each socket has its own httpx client (built
like the transfers', so `transport=` and TCP_NODELAY apply); an upgraded connection never goes
back to a pool. An async-only transport (httpx-ws's ASGIWebSocketTransport, for an in-process
ASGI app) runs on the runtime's loop, and its network stream is driven from the threads through
that loop (so such a runtime must be driven with arun / arun_until).

sendSocketMessage succeeds once the frame is written or queued for the writer (as the client's
native layer takes it); a write that fails ends the connection (onError, then onClose 1006).
"""

from __future__ import annotations

import asyncio
import base64
import functools
import queue
import select
import socket
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

import httpcore
import httpx
import wsproto.events
from httpx_ws import WebSocketDisconnect, WebSocketNetworkError, WebSocketSession, WebSocketUpgradeError, connect_ws
from wsproto.connection import ConnectionState

from ._call import STREAM_EVENTS, shutdown
from .._exceptions import HostFailure, failure_from_exception
from .._spec import MAX_RESPONSE_BYTES, MAX_SOCKETS, NETWORK_TIMEOUT_MS, SOCKET_BACKLOG, SOCKET_BACKLOG_BYTES
from .._protocol import Message, failure_event, socket_event, success_event
from ._routing import Router, domain_allowed
from ._transfers import TransferSettings

#: The APIs of the "socket" family (the SocketTask methods are sendSocketMessage / closeSocket
#: calls on one socket; the global forms act on the shim's current socket, or on every socket).
#: Frames up to this many bytes (UTF-8) may be written from the loop thread (Sockets._write_now):
#: a socket that select() calls writable has more room than that in its send buffer (Linux: at
#: least a third of SO_SNDBUF, whose minimum is 4,608 bytes; macOS: SO_SNDLOWAT, 2,048 bytes), so
#: the write cannot block the loop.
DIRECT_WRITE_MAX = 1024
#: After sending its close frame, how long a socket waits for the server's (messages still arrive).
CLOSE_WAIT_S = 2.0
#: How often a reader thread looks whether its socket was asked to close.
_POLL_S = 0.05
#: Largest message handed to a script (as for swan.request's response).
MAX_MESSAGE_BYTES = MAX_RESPONSE_BYTES
#: Messages (and their bytes: text characters, or binary as base64) a socket holds for the script
#: while they wait to be delivered (no run is going, or JS is slower than the server): past either,
#: the socket is closed with 1009, as a client closes one whose buffer is full.
MAX_BACKLOG = SOCKET_BACKLOG
MAX_BACKLOG_BYTES = SOCKET_BACKLOG_BYTES
BACKLOG_REASON = "too many messages waiting"
#: Close code and reason reported when the connection ends without a close frame.
ABNORMAL = (1006, "abnormal closure")

_SCHEMES = {"ws": "http", "wss": "https"}


def http_url(url: str) -> str:
    """ws://... -> http://..., wss://... -> https://... (other URLs unchanged)."""
    scheme, sep, rest = url.partition("://")
    mapped = _SCHEMES.get(scheme.lower()) if sep else None
    return f"{mapped}://{rest}" if mapped else url


def _text(text: str) -> str:
    """A JS string as sendable text: a lone surrogate becomes U+FFFD (as TextEncoder does)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    return text


class _LoopNetworkStream(httpcore.NetworkStream):
    """A sync face for an async network stream that lives on the runtime's loop (an ASGI app's)."""

    def __init__(self, stream: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._stream = stream
        self._loop = loop

    def _wait(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self._wait(self._stream.read(max_bytes, timeout))  # type: ignore[no-any-return]
        except Exception as exc:  # the app ended: as a closed connection
            raise httpcore.ReadError(str(exc)) from exc

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        try:
            self._wait(self._stream.write(buffer, timeout))
        except Exception as exc:
            raise httpcore.WriteError(str(exc)) from exc

    def close(self) -> None:
        try:
            self._wait(self._stream.aclose())
        except Exception:
            pass

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _Forward:
    """Stands in for a session's event queue: its receiving thread hands each event straight to
    `deliver` (one thread hop less per message than a reader blocked in `receive()`)."""

    def __init__(self, deliver: Callable[[Any], None]) -> None:
        self._deliver = deliver

    def put(self, item: Any, block: bool = True, timeout: float | None = None) -> None:
        self._deliver(item)

    put_nowait = put


class _TextTooBig(wsproto.events.TextMessage):
    """Stands for a text message over MAX_MESSAGE_BYTES: its fragments are not kept."""


class _BytesTooBig(wsproto.events.BytesMessage):
    """Stands for a binary message over MAX_MESSAGE_BYTES: its fragments are not kept."""


class _CappedConnection:
    """wsproto's connection as httpx-ws reads it, with a message cut short once its fragments
    pass MAX_MESSAGE_BYTES: httpx-ws joins a message's fragments before handing it over, so a
    server could make the host hold any size. The fragments past the cap are dropped and a
    finished `_TextTooBig` / `_BytesTooBig` takes the message's place (the socket is then closed
    with 1009); everything else is the connection's own."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._size = 0  # characters or bytes of the message under way
        self._dropping = False  # the rest of a message already cut short

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)

    def events(self) -> Any:
        for event in self._connection.events():
            if isinstance(event, wsproto.events.Message):
                if self._dropping:
                    self._dropping = not event.message_finished
                    continue
                self._size += len(event.data)
                if self._size > MAX_MESSAGE_BYTES:
                    self._size = 0
                    self._dropping = not event.message_finished
                    text = isinstance(event, wsproto.events.TextMessage)
                    yield _TextTooBig("") if text else _BytesTooBig(b"")
                    continue
                if event.message_finished:
                    self._size = 0
            yield event


class _Session(WebSocketSession):
    """httpx-ws's sync session, over a loop-driven stream when the transport was async, with its
    events handed to `on_event` as they come when this version of httpx-ws lets us (its receiving
    thread puts them in `self._events`, a queue.Queue); else they are read with `receive()`."""

    def __init__(self, stream: Any, *, loop: asyncio.AbstractEventLoop | None = None,
                 on_event: Callable[[Any], None] | None = None, **kwargs: Any) -> None:
        if not isinstance(stream, httpcore.NetworkStream) and loop is not None:
            stream = _LoopNetworkStream(stream, loop)
        super().__init__(stream, **kwargs)
        self.connection = _CappedConnection(self.connection)  # type: ignore[assignment]
        self.forwarding = on_event is not None and isinstance(getattr(self, "_events", None), queue.Queue)
        if self.forwarding:
            assert on_event is not None
            self._events = _Forward(on_event)  # type: ignore[assignment]


class _Socket:
    """One socket's state, shared by the loop thread and its reader and writer threads."""

    def __init__(self, socket_id: int, url: str, target: str, header: dict[str, str], protocols: list[str]) -> None:
        self.id = socket_id
        self.url = url
        self.target = target
        self.header = header
        self.protocols = protocols
        self.state = "connecting"  # -> open -> closing -> closed (loop thread's view)
        self.session: WebSocketSession | None = None
        self.outbox: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        #: Frames handed to the writer (counted by the loop thread) and written by it (counted by
        #: the writer): equal when no write is queued or under way.
        self.handed = 0
        self.written = 0
        self.done: Future[None] = Future()
        self.close_request: tuple[int, str] | None = None  # what the script (or close()) asked for
        #: Set when the handshake ran out of time (the loop's timer, `expire`), before it ended.
        self.expired = False
        self.timer: asyncio.TimerHandle | None = None  # the handshake's deadline, on the loop
        #: Set when the connection has ended (forwarding sessions), with how it ended.
        self.ended = threading.Event()
        self.end: tuple[int, str, str | None] = (*ABNORMAL, None)
        self.raw: socket.socket | None = None  # the connection's socket, once known
        #: A second descriptor of the same connection, ours alone: shutting it down wakes any
        #: thread blocked reading the connection (httpx-ws's reader), even after the session
        #: closed its own descriptor; closed when the reader thread ends.
        self.waker: socket.socket | None = None
        #: Messages handed to the loop and not yet delivered into JS, and their size (see
        #: Sockets.hand_over): a script that runs nothing leaves them waiting.
        self.backlog = 0
        self.backlog_bytes = 0
        self._lock = threading.Lock()

    def stop(self, code: int, reason: str) -> None:
        """Ask the socket to close: the handshake is cut off, an open socket sends its close frame."""
        with self._lock:
            if self.close_request is None:
                self.close_request = (code, reason)
            sock, session = self.waker, self.session
        if session is None:
            if sock is not None:
                shutdown(sock)
        else:
            self.outbox.put(("close",))

    def expire(self) -> None:
        """The handshake's time is up: cut it off, unless it has ended or the socket is closing."""
        with self._lock:
            if self.session is not None or self.close_request is not None:
                return
            self.expired = True
            sock = self.waker
        if sock is not None:
            shutdown(sock)

    def attach(self, sock: socket.socket | None) -> None:
        waker = None
        if sock is not None:
            try:
                waker = sock.dup()
            except OSError:
                waker = None
        with self._lock:
            self.raw = sock
            self.waker = waker
            stopped = self.close_request is not None or self.expired
        if stopped and waker is not None:
            shutdown(waker)

    def release(self) -> None:
        """The connection is over: wake every thread still blocked on it, then drop our descriptor."""
        with self._lock:
            waker, self.waker = self.waker, None
        if waker is not None:
            shutdown(waker)
            waker.close()


class Sockets:
    """The WebSockets of one runtime: started by the socket family's calls, closed with it."""

    def __init__(
        self,
        *,
        post: Callable[[Message], None],
        client: Callable[[], httpx.Client],
        router: Router,
        settings: TransferSettings,
        max_sockets: int = MAX_SOCKETS,
    ) -> None:
        self._post = post
        self._client = client
        self._router = router
        self._settings = settings
        self.max_sockets = max_sockets
        #: Seconds the handshake may take.
        self.connect_timeout: float = settings.timeouts.get("connectSocket", NETWORK_TIMEOUT_MS / 1000)
        self._sockets: dict[int, _Socket] = {}
        self._threads: set[threading.Thread] = set()
        self._threads_lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def busy(self) -> bool:
        """A socket is opening or closing."""
        return any(s.state in ("connecting", "closing") for s in self._sockets.values())

    @property
    def live(self) -> int:
        """Sockets not closed yet (as the loop thread knows them)."""
        return len(self._sockets)

    def threads_alive(self) -> int:
        """Reader and writer threads still running (for leak tests)."""
        with self._threads_lock:
            self._threads = {t for t in self._threads if t.is_alive()}
            return len(self._threads)

    def _track(self, thread: threading.Thread) -> None:
        with self._threads_lock:
            self._threads.add(thread)

    # -- loop thread --------------------------------------------------------------------------
    def start(self, call_id: int, operation: str, params: dict[str, Any]) -> None:
        """Carry out one call: `operation` is "connect", "send" or "close" (the APIs are declared
        in `_apis.NetworkApis`); a refusal ends the call at once."""
        self._loop = asyncio.get_running_loop()
        try:
            getattr(self, "_" + operation)(call_id, params)
        except HostFailure as exc:
            self._post(failure_event(call_id, exc.kind, exc.detail))

    def _connect(self, call_id: int, params: dict[str, Any]) -> None:
        socket_id, url = params["socketId"], params["url"]
        if self._router.offline is not None:
            self._refuse(socket_id)
            raise HostFailure("network", self._router.offline)
        domains = self._settings.domains
        if domains is not None and not domain_allowed(http_url(url), domains):
            self._refuse(socket_id)
            raise HostFailure("domain")
        if len(self._sockets) >= self.max_sockets:
            self._refuse(socket_id)
            raise HostFailure("limit", "exceed max task count")
        routed = self._router.resolve(url)
        if routed == url:
            routed = self._router.resolve(http_url(url))
        sock = _Socket(socket_id, url, http_url(routed), params.get("header") or {}, list(params.get("protocols") or []))
        self._sockets[socket_id] = sock
        self._post(success_event(call_id, {"socketTaskId": socket_id}))
        # The whole handshake is bounded here: httpx's timeout bounds each read and write alone.
        assert self._loop is not None
        sock.timer = self._loop.call_later(self.connect_timeout, sock.expire)
        self._spawn(self._read, sock, f"swan-bridge-socket-{socket_id}")

    def _refuse(self, socket_id: int) -> None:
        """Tell the shim the task will never open (its readyState is CLOSED before fail runs)."""
        self._post(socket_event(socket_id, "refused"))

    def _send(self, call_id: int, params: dict[str, Any]) -> None:
        sock = self._sockets.get(params.get("socketId", 0))
        if sock is None or sock.state != "open":
            raise HostFailure("network", "SocketTask.readyState is not OPEN")
        if "dataBase64" in params:
            data: str | bytes = base64.b64decode(params["dataBase64"], validate=True)
        else:
            data = _text(params["data"])
        if len(data) > self._settings.max_upload_bytes:
            raise HostFailure("too_large")
        # Answered once the frame is written or handed to the socket's writer thread, as the
        # client answers once its native layer has the message; a write that fails then ends the
        # connection (onError, onClose 1006).
        if not self._write_now(sock, data):
            sock.handed += 1
            sock.outbox.put(("send", data))
        self._post(success_event(call_id, {}))

    def _write_now(self, sock: _Socket, data: str | bytes) -> bool:
        """Write a small frame from the loop thread, when nothing is queued ahead of it and the
        socket can take it at once (so the loop cannot block): one thread hop less per message,
        about 20 µs of a 250 µs round trip (python -m bench, the WebSocket row)."""
        ws, raw = sock.session, sock.raw
        size = len(data) if isinstance(data, bytes) else len(data) if data.isascii() else len(data.encode("utf-8"))
        if (ws is None or raw is None or size > DIRECT_WRITE_MAX or sock.handed != sock.written
                or not isinstance(ws.stream, httpcore.NetworkStream) or isinstance(ws.stream, _LoopNetworkStream)):
            return False
        try:
            if not select.select([], [raw], [], 0)[1]:
                return False
        except (OSError, ValueError):  # closed meanwhile: the writer reports how
            return False
        self._write(sock, ws, data)
        return True

    def _close(self, call_id: int, params: dict[str, Any]) -> None:
        code, reason = int(params.get("code", 1000)), params.get("reason", "")
        if params.get("all"):
            targets = [s for s in self._sockets.values() if s.state != "closing"]
        else:
            one = self._sockets.get(params.get("socketId", 0))
            targets = [one] if one is not None and one.state != "closing" else []
        if not targets:
            raise HostFailure("network", "WebSocket is not connected")
        for sock in targets:
            sock.state = "closing"
            sock.stop(code, reason)
        self._post(success_event(call_id, {}))

    def _spawn(self, target: Callable[[_Socket], None], sock: _Socket, name: str) -> None:
        thread = threading.Thread(target=target, args=(sock,), name=name, daemon=True)
        self._track(thread)
        thread.start()

    def _in_loop(self, fn: Callable[..., None], *args: Any) -> None:
        """From a socket thread: run `fn` on the loop thread (nothing, once the loop is gone)."""
        loop = self._loop
        if loop is None:
            return
        try:
            loop.call_soon_threadsafe(fn, *args)
        except RuntimeError:
            pass  # the loop is closed: the runtime is gone

    def _event(self, sock: _Socket, event: Message) -> None:  # loop thread
        if sock.id in self._sockets:
            self._post(event)
        elif event.get("event") == "message":
            self.delivered(event)  # dropped: the socket is gone

    def hand_over(self, sock: _Socket, message: Message) -> bool:
        """From a socket thread: queue a message for the loop, unless the socket's backlog (the
        messages not yet delivered into JS) would pass MAX_BACKLOG messages or MAX_BACKLOG_BYTES;
        then False, and the caller closes the socket with 1009, as a client whose buffer is full."""
        size = len(message["data"]) if "data" in message else len(message["dataBase64"])
        with sock._lock:
            if sock.backlog + 1 > MAX_BACKLOG or sock.backlog_bytes + size > MAX_BACKLOG_BYTES:
                return False
            sock.backlog += 1
            sock.backlog_bytes += size
        self._in_loop(self._event, sock, message)
        return True

    def delivered(self, event: Message) -> None:
        """On the loop thread: a socket's message event reached JS (or was dropped)."""
        sock = self._sockets.get(event.get("id", 0))
        if sock is None or event.get("event") != "message":
            return
        size = len(event["data"]) if "data" in event else len(event.get("dataBase64", ""))
        with sock._lock:
            sock.backlog = max(0, sock.backlog - 1)
            sock.backlog_bytes = max(0, sock.backlog_bytes - size)

    def _opened(self, sock: _Socket, header: dict[str, str]) -> None:  # loop thread
        _disarm(sock)
        if sock.state == "connecting":
            sock.state = "open"
        self._event(sock, socket_event(sock.id, "open", header=header))

    def _closed(self, sock: _Socket, code: int, reason: str, error: str | None) -> None:  # loop thread
        _disarm(sock)
        if self._sockets.pop(sock.id, None) is None:
            return
        sock.state = "closed"
        if error is not None:
            self._post(socket_event(sock.id, "error", errMsg=error))
        self._post(socket_event(sock.id, "close", code=code, reason=reason))

    # -- reader thread ------------------------------------------------------------------------
    def _read(self, sock: _Socket) -> None:
        """Handshake, then every message to the loop, then the close (or error) event."""
        code, reason = ABNORMAL
        error: str | None = None
        client: httpx.Client | None = None
        writer: threading.Thread | None = None
        try:
            client = self._client()
            headers = {**sock.header, "Referer": self._settings.referer}

            def trace(event: str, info: dict[str, Any]) -> None:
                if event in STREAM_EVENTS:
                    stream = info.get("return_value")
                    if stream is not None:
                        sock.attach(stream.get_extra_info("socket"))

            # A factory in place of a class: httpx-ws only calls it (with the stream and its options).
            session_class: Any = functools.partial(_Session, loop=self._loop, on_event=lambda e: self._on_event(sock, e))
            ws: _Session
            with connect_ws(
                sock.target, client, subprotocols=sock.protocols or None, headers=headers,
                timeout=self.connect_timeout, extensions={"trace": trace},
                keepalive_ping_interval_seconds=None, session_class=session_class,
            ) as ws:
                with sock._lock:
                    if not sock.expired:
                        sock.session = ws
                    stop = sock.close_request
                if sock.expired:  # out of time just as the handshake ended: its connection is cut
                    raise HostFailure("timeout")
                if stop is not None:  # closed while the handshake ran
                    code, reason = stop
                    ws.close(code, reason or None)
                    return
                header = dict(ws.response.headers) if ws.response is not None else {}
                self._in_loop(self._opened, sock, header)
                writer = threading.Thread(target=self._writer, args=(sock, ws), name=f"swan-bridge-socket-{sock.id}-w",
                                          daemon=True)
                self._track(writer)
                writer.start()
                if ws.forwarding:
                    sock.ended.wait()
                    code, reason, error = sock.end
                    if error is not None and sock.close_request is not None:
                        (code, reason), error = sock.close_request, None
                else:
                    code, reason, error = self._receive(sock, ws)
        except WebSocketUpgradeError as exc:
            error = f"connectSocket:fail handshake refused: HTTP {exc.response.status_code}"
        except Exception as exc:  # a transport failure (refused, timeout, reset) or a bug
            if sock.expired:  # cut off by the handshake's deadline (the connection reports how)
                error = "connectSocket:fail timeout"
            elif sock.close_request is not None:
                code, reason = sock.close_request
            else:
                kind, detail = failure_from_exception(exc)
                error = f"connectSocket:fail {detail or kind}"
        finally:
            sock.outbox.put(None)
            sock.release()  # a reader or writer still blocked on the connection returns now
            if writer is not None:
                writer.join()
            if client is not None:
                client.close()
            if sock.close_request is not None and error is None and (code, reason) == ABNORMAL:
                code, reason = sock.close_request
            self._in_loop(self._closed, sock, code, reason, error)
            sock.done.set_result(None)

    def _on_event(self, sock: _Socket, event: Any) -> None:
        """On the session's receiving thread (forwarding sessions): a message goes to the loop,
        the end of the connection to the reader thread."""
        if isinstance(event, wsproto.events.Message):
            if sock.ended.is_set():
                return  # closed for a backlog or a message too big: later ones are dropped
            message = self._message(sock, event)
            if message is not None and self.hand_over(sock, message):
                return
            reason, error = ("message too big", _too_big()) if message is None else (BACKLOG_REASON, _backlog_full())
            session = sock.session
            if session is not None:
                session.close(1009, reason)
            self._ended(sock, 1009, reason, error)
        elif isinstance(event, wsproto.events.CloseConnection):  # the server's close frame
            # (the answer to ours, when the script closed: onClose reports what it asked for)
            code, reason = sock.close_request or (event.code, event.reason or "")
            self._ended(sock, code, reason, None)
        elif isinstance(event, Exception):  # the connection broke
            self._ended(sock, *ABNORMAL, "connectSocket:fail connection lost")

    def _ended(self, sock: _Socket, code: int, reason: str, error: str | None) -> None:
        if not sock.ended.is_set():
            sock.end = (code, reason, error)
            sock.ended.set()

    def _message(self, sock: _Socket, event: wsproto.events.Message) -> Message | None:  # type: ignore[type-arg]
        """The event for a message, or None when it is over the size limit."""
        if isinstance(event, (_TextTooBig, _BytesTooBig)):
            return None
        if isinstance(event, wsproto.events.TextMessage):
            if len(event.data) > MAX_MESSAGE_BYTES:
                return None
            return socket_event(sock.id, "message", data=event.data)
        data = bytes(event.data)
        if len(data) > MAX_MESSAGE_BYTES:
            return None
        return socket_event(sock.id, "message", dataBase64=base64.b64encode(data).decode("ascii"))

    def _receive(self, sock: _Socket, ws: WebSocketSession) -> tuple[int, str, str | None]:
        """Sessions that do not forward: read with receive(), looking for a close request."""
        while True:
            try:
                event = ws.receive(timeout=_POLL_S)
            except queue.Empty:
                if sock.close_request is not None and _closing(ws):
                    return (*sock.close_request, None)
                continue
            except WebSocketDisconnect as exc:  # the server's close frame
                return exc.code, exc.reason or "", None
            except WebSocketNetworkError:
                if sock.close_request is not None:
                    return (*sock.close_request, None)
                return (*ABNORMAL, "connectSocket:fail connection lost")
            if not isinstance(event, wsproto.events.Message):
                continue
            message = self._message(sock, event)
            if message is None:
                ws.close(1009, "message too big")
                return 1009, "message too big", _too_big()
            if not self.hand_over(sock, message):
                ws.close(1009, BACKLOG_REASON)
                return 1009, BACKLOG_REASON, _backlog_full()

    # -- writer thread ------------------------------------------------------------------------
    def _writer(self, sock: _Socket, ws: WebSocketSession) -> None:
        while True:
            item = sock.outbox.get()
            if item is None:
                return
            if item[0] == "close":
                code, reason = sock.close_request or (1000, "")
                try:
                    # The close frame first; then, as OkHttp does, messages the server sent before
                    # its own close frame still reach onMessage, for up to CLOSE_WAIT_S.
                    if ws.connection.state == ConnectionState.OPEN:
                        ws.send(wsproto.events.CloseConnection(code, reason or None))
                    if getattr(ws, "forwarding", False):
                        sock.ended.wait(CLOSE_WAIT_S)
                    ws.close(code, reason or None)
                except Exception:
                    pass
                self._ended(sock, code, reason, None)
                continue
            self._write(sock, ws, item[1])
            sock.written += 1

    def _write(self, sock: _Socket, ws: WebSocketSession, data: str | bytes) -> None:
        try:
            if isinstance(data, str):
                ws.send_text(data)
            else:
                ws.send_bytes(data)
        except Exception:  # the connection is gone: the session reports it (or already has)
            self._ended(sock, *ABNORMAL, "connectSocket:fail connection lost")

    # -- closing ------------------------------------------------------------------------------
    async def cancel_all(self) -> None:
        """Close every socket (code 1001, going away) and wait for their threads."""
        socks = list(self._sockets.values())
        for sock in socks:
            sock.stop(1001, "going away")
        if socks:
            await asyncio.wait([asyncio.wrap_future(s.done) for s in socks], timeout=5)
        await asyncio.sleep(0)  # let their last events reach the loop (the caller clears them)

    def close(self) -> None:
        """Without a loop: close every socket and wait (a little) for the threads."""
        socks = list(self._sockets.values())
        self._loop = None
        for sock in socks:
            sock.stop(1001, "going away")
        with self._threads_lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout=2)
        self._sockets.clear()


def _disarm(sock: _Socket) -> None:
    """The handshake has ended: its deadline no longer applies."""
    if sock.timer is not None:
        sock.timer.cancel()
        sock.timer = None


def _too_big() -> str:
    return f"connectSocket:fail exceed max message size ({MAX_MESSAGE_BYTES // (1024 * 1024)} MB)"


def _backlog_full() -> str:
    return (f"connectSocket:fail too many messages waiting for the script "
            f"(more than {MAX_BACKLOG} or {MAX_BACKLOG_BYTES // (1024 * 1024)} MB)")


def _closing(ws: WebSocketSession) -> bool:
    """The close frame has been sent (or the connection is gone)."""
    return ws.connection.state in (ConnectionState.LOCAL_CLOSING, ConnectionState.CLOSED, ConnectionState.REMOTE_CLOSING)
