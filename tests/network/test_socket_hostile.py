"""WebSocket servers that misbehave: one that floods a socket while no run is going, one that never
answers the close frame. The host's memory and threads stay bounded (docs/reliability.md,
"Hostile hosts, servers and values").

The servers here are raw loopback servers (wsproto over a plain TCP socket on port 0), so that
they can do what the embedded server never does.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable

import pytest
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, CloseConnection, Request, TextMessage
from wsproto.utilities import LocalProtocolError

from bridge import SwanRuntime
from bridge.testing import run_until, socket_events

pytestmark = pytest.mark.timeout(120)

SERVER_THREAD = "hostile-ws-server"


class HostileServer:
    """A loopback WebSocket server. "flood": once `go` is set, sends `frames` text messages of
    `size` characters as fast as the connection takes them. "deaf": after the handshake, reads and
    ignores everything, the close frame too, until the client drops the connection."""

    def __init__(self, mode: str, frames: int = 0, size: int = 65536) -> None:
        self.mode, self.frames, self.size = mode, frames, size
        self.go = threading.Event()
        self.done = threading.Event()  # a connection ended
        self.sent = 0
        self.close_codes: list[int] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._conns: list[socket.socket] = []
        threading.Thread(target=self._accept, name=SERVER_THREAD, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), name=SERVER_THREAD, daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        ws = WSConnection(ConnectionType.SERVER)
        try:
            while not any(isinstance(e, Request) for e in ws.events()):
                data = conn.recv(65536)
                if not data:
                    return
                ws.receive_data(data)
            conn.sendall(ws.send(AcceptConnection()))
            if self.mode == "flood":
                self.go.wait(30)
                frame = ws.send(TextMessage("x" * self.size))
                for _ in range(self.frames):
                    conn.sendall(frame)
                    self.sent += 1
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                if self.mode == "deaf":
                    continue
                ws.receive_data(data)
                for event in ws.events():
                    if isinstance(event, CloseConnection):
                        self.close_codes.append(event.code)
                        conn.sendall(ws.send(event.response()))
                        return
        except (OSError, LocalProtocolError):
            pass  # the client went away
        finally:
            conn.close()
            self.done.set()

    def close(self) -> None:
        self._listener.close()
        for conn in self._conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


@pytest.fixture
def hostile() -> Callable[..., HostileServer]:
    made: list[HostileServer] = []

    def make(mode: str, **kwargs: int) -> HostileServer:
        server = HostileServer(mode, **kwargs)
        made.append(server)
        return server

    yield make
    for server in made:
        server.close()


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def new_threads(before: set[threading.Thread]) -> list[str]:
    """The threads started since `before` (the test servers' left out) that are still running."""
    return [t.name for t in threading.enumerate() if t not in before and t.name != SERVER_THREAD]


TRACE = """
var n = 0, t = swan.connectSocket({url: 'wss://chat.example.com/ws'});
t.onMessage(function (res) { n++; if (res.data.length !== 65536) console.log('bad message'); });
t.onError(function (res) { console.log('onError after ' + n + ': ' + res.errMsg); });
t.onClose(function (res) { console.log('onClose after ' + n + ': ' + res.code + ' ' + res.reason); });
"""


def test_a_flood_between_runs_is_bounded_then_closed_with_1009(hostile: Callable[..., HostileServer]) -> None:
    """docs/reliability.md: a socket holds at most 1,000 messages or 16 MB for the script while they
    wait (here no run is going); past that the client closes it with 1009, as a client whose buffer
    is full. The next run gets exactly the messages held (256 of 65,536 characters: 16 MB), then
    onError and onClose(1009): of the frames the server sent, the host never held more than 16 MB."""
    server = hostile("flood", frames=1500)
    with SwanRuntime(route_all_to=server.url, timeout=30) as rt:
        rt.run(TRACE)
        run_until(rt, lambda: any(e["event"] == "open" for e in socket_events(rt)))
        server.go.set()  # the flood starts now, while no run is going
        assert server.done.wait(30)
        run_until(rt, lambda: any(e["event"] == "close" for e in socket_events(rt)))
        assert [m.text for m in rt.console] == [
            "onError after 256: connectSocket:fail too many messages waiting for the script (more than 1000 or 16 MB)",
            "onClose after 256: 1009 too many messages waiting",
        ]
        assert [e["event"] for e in socket_events(rt)] == ["open"] + ["message"] * 256 + ["error", "close"]


def test_closing_a_runtime_releases_every_socket_thread_of_a_deaf_server(hostile: Callable[..., HostileServer]) -> None:
    """docs/reliability.md: closing a runtime closes its sockets; one whose server never answers
    the close frame is cut off after the close wait (2 s), and every thread the runtime started
    for its sockets (readers, writers, the WebSocket library's own) ends."""
    server = hostile("deaf")
    before = set(threading.enumerate())
    for _ in range(2):  # a second runtime: nothing left over from the first adds up
        rt = SwanRuntime(route_all_to=server.url, timeout=30)
        rt.run("for (var i = 0; i < 5; i++) swan.connectSocket({url: 'wss://chat.example.com/ws'});")
        run_until(rt, lambda rt=rt: sum(e["event"] == "open" for e in socket_events(rt)) == 5)
        assert len(new_threads(before)) >= 10  # a reader and a writer per socket, at least
        rt.close()
        wait_for(lambda: new_threads(before) == [])


def test_a_script_close_to_a_deaf_server_ends_with_its_code_and_no_thread_left(hostile: Callable[..., HostileServer]) -> None:
    """swan docs SocketTask.close: onClose reports the code the script asked for; when the server
    never answers, the connection is cut after the close wait and its threads end."""
    server = hostile("deaf")
    before = set(threading.enumerate())
    with SwanRuntime(route_all_to=server.url, timeout=30) as rt:
        rt.run(TRACE + "t.onOpen(function () { t.close({code: 4000, reason: 'bye'}); });")
        run_until(rt, lambda: any(e["event"] == "close" for e in socket_events(rt)))
        assert [m.text for m in rt.console] == ["onClose after 0: 4000 bye"]
        wait_for(lambda: new_threads(before) == [])
