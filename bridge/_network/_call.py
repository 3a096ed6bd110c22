"""One transfer's state shared by the loop thread and its worker, and how it is stopped at any moment.

`abort()` and timeouts must work at any moment, including while a worker is blocked in a socket
read or write. httpx's `trace` extension hands us each new connection's socket; a thread
remembers the socket of its connection to each origin, so a request that reuses it is covered
too. Stopping a call `shutdown()`s that socket, which wakes the worker at once. (We hold the
socket object, never a bare fd: once httpcore closes it, a late shutdown is a harmless error.)
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

from .._exceptions import HostFailure


#: httpcore trace events whose return value is the connection's (new) network stream.
STREAM_EVENTS = ("connection.connect_tcp.complete", "connection.start_tls.complete")


def shutdown(sock: socket.socket) -> None:
    """Wake whoever is blocked reading or writing `sock` (a no-op once it is closed)."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


class TransferCall:
    """One transfer's shared state between the loop thread (abort, timeout) and its worker."""

    def __init__(self, call_id: int, api: str, params: dict[str, Any]) -> None:
        self.id = call_id
        self.api = api
        self.params = params
        self.stopped: str | None = None  # "abort" or "timeout" once stopped
        #: What the worker made of it: the result and the file written, or what it raised.
        self.outcome: tuple[dict[str, Any], Path | None] | None = None
        self.error: BaseException | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.published: tuple[str, Path] | None = None  # a temp file to register once delivered
        self.started_at: float | None = None  # when a worker picked the call up
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()

    def stop(self, kind: str) -> None:
        """Stop the transfer now: a worker blocked on the socket wakes with an error."""
        with self._lock:
            if self.stopped is None:
                self.stopped = kind
            sock = self._socket
        if sock is not None:
            shutdown(sock)

    def check(self) -> None:
        """Raise the stop (abort or timeout) in the worker, at its next step."""
        if self.stopped is not None:
            raise HostFailure(self.stopped)

    def attach(self, sock: socket.socket | None) -> None:
        """The socket this call's request is using (its connection's, new or reused)."""
        with self._lock:
            self._socket = sock
            stopped = self.stopped
        if stopped is not None and sock is not None:
            shutdown(sock)

    def tracer(self, url: httpx.URL, sockets: dict[tuple[str, str, int | None], socket.socket]) -> Callable[[str, dict[str, Any]], None]:
        """The httpx `trace` hook for this call's request to `url`. `sockets` is the worker
        thread's socket per origin: the request is covered on a reused connection too."""
        origin = (url.scheme, url.host, url.port)
        self.attach(sockets.get(origin))  # the kept-alive connection this request will likely reuse

        def trace(event: str, info: dict[str, Any]) -> None:
            if event in STREAM_EVENTS and info.get("return_value") is not None:
                sock = info["return_value"].get_extra_info("socket")
                sockets[origin] = sock
                self.attach(sock)

        return trace
