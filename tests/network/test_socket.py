"""swan.connectSocket / SocketTask against the embedded server's WebSocket endpoint, over loopback.

Each test checks the exact sequence of callbacks the script sees.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable

import pytest
from support import SOCKET_TRACE

from bridge import SwanRuntime
from bridge.testing import (
    EmbeddedServer,
    run_until,
    set_socket_timeout,
    socket_events,
    socket_threads,
    sockets_open,
)


@pytest.fixture
def make(make_socket_runtime: Callable[..., SwanRuntime]) -> Callable[..., SwanRuntime]:
    return make_socket_runtime


def lines(rt: SwanRuntime) -> list[str]:
    return [m.text for m in rt.console]


def closed(rt: SwanRuntime, count: int = 1) -> Callable[[], bool]:
    return lambda: sum(e["event"] == "close" for e in socket_events(rt)) >= count


def wait_for(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.01)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- the normal life of a socket ----------------------------------------------------------------
def test_open_echo_text_and_binary_then_close_from_the_client(make: Callable[..., SwanRuntime], server: EmbeddedServer) -> None:
    rt = make()
    rt.run("""
    var got = 0;
    var t = connect('wss://chat.example.com/ws?a=1');
    console.log('returned ' + t.readyState + ' ' + t.CONNECTING + t.OPEN + t.CLOSING + t.CLOSED);
    t.onOpen(function () { send(t, 'héllo \\u2603'); send(t, new Uint8Array([0, 1, 255]).buffer, 'sendbin'); });
    t.onMessage(function () { if (++got === 2) close(t, 4001, 'bye now'); });
    """)
    run_until(rt, closed(rt))
    assert lines(rt) == [
        "returned 0 0123",
        'connect success {"socketTaskId":1,"errMsg":"connectSocket:ok"}',
        "connect complete",
        "socket onOpen 1 header",
        'send success {"errMsg":"sendSocketMessage:ok"}',
        "send complete",
        'sendbin success {"errMsg":"sendSocketMessage:ok"}',
        "sendbin complete",
        'socket onMessage "héllo ☃"',
        "socket onMessage bytes[0,1,255]",
        'close success {"errMsg":"closeSocket:ok"}',
        "close complete",
        'socket onClose 4001 "bye now" 3',
    ]
    assert rt.errors == []
    record = server.websockets[-1]
    wait_for(record.closed.is_set)
    assert record.path == "/ws"
    assert record.messages == ["héllo ☃", b"\x00\x01\xff"]
    assert (record.close_code, record.close_reason) == (4001, "bye now")
    assert [e["event"] for e in socket_events(rt)] == ["open", "message", "message", "close"]
    assert sockets_open(rt) == 0
    assert [(t.api, t.events) for t in rt.tasks] == [
        ("connectSocket", ["success", "complete"]),
        ("sendSocketMessage", ["success", "complete"]),
        ("sendSocketMessage", ["success", "complete"]),
        ("closeSocket", ["success", "complete"]),
    ]


def test_typed_arrays_and_data_views_are_sent_as_their_bytes(make: Callable[..., SwanRuntime], server: EmbeddedServer) -> None:
    rt = make()
    rt.run("""
    var t = connect('wss://chat.example.com/ws');
    var n = 0;
    t.onOpen(function () {
      var b = new Uint8Array([9, 8, 7, 6, 5]);
      send(t, b.subarray(1, 3), 'view');
      send(t, new DataView(b.buffer, 3, 2), 'dv');
    });
    t.onMessage(function () { if (++n === 2) close(t); });
    """)
    run_until(rt, closed(rt))
    assert "socket onMessage bytes[8,7]" in lines(rt)
    assert "socket onMessage bytes[6,5]" in lines(rt)
    assert 'socket onClose 1000 "" 3' in lines(rt)


def test_frames_keep_their_order_whether_written_at_once_or_queued(make: Callable[..., SwanRuntime], server: EmbeddedServer) -> None:
    # Small frames are written from the loop thread when nothing is queued ahead of them; large
    # ones go to the socket's writer thread. Mixed in one turn, they still leave in order.
    rt = make()
    rt.run("""
    var t = connect('wss://chat.example.com/ws'), got = [];
    t.onOpen(function () {
      var big = 'x'.repeat(300000);
      ['a', big, 'b', 'c', big + 'y', 'd'].forEach(function (d) { t.send({data: d}); });
    });
    t.onMessage(function (res) {
      got.push(res.data.length > 10 ? res.data.length : res.data);
      if (got.length === 6) { console.log(JSON.stringify(got)); close(t); }
    });
    """)
    run_until(rt, closed(rt))
    assert '["a",300000,"b","c",300001,"d"]' in lines(rt)
    record = server.websockets[-1]
    assert [m if len(m) < 10 else len(m) for m in record.messages] == ["a", 300000, "b", "c", 300001, "d"]


def test_a_message_the_server_sent_before_its_close_still_arrives(make: Callable[..., SwanRuntime]) -> None:
    # The script sends and closes in one turn: the echo comes back before the server's close
    # frame, so onMessage runs, then onClose with the code the script asked for.
    rt = make()
    rt.run("""
    var t = connect('wss://chat.example.com/ws');
    t.onOpen(function () { send(t, 'last words'); close(t, 4000, 'done'); });
    """)
    run_until(rt, closed(rt))
    assert lines(rt)[3:] == [
        'send success {"errMsg":"sendSocketMessage:ok"}', "send complete",
        'close success {"errMsg":"closeSocket:ok"}', "close complete",
        'socket onMessage "last words"',
        'socket onClose 4000 "done" 3',
    ]


def test_header_protocols_and_referer(make: Callable[..., SwanRuntime], server: EmbeddedServer) -> None:
    rt = make(app_key="myapp", app_version="1.2.3")
    rt.run("""
    var t = connect('wss://chat.example.com/ws', 'socket', {header: {'X-Token': 'abc', Referer: 'https://evil/', 'X-N': 5},
                                                       protocols: ['', 'chat', 'json']});
    t.onOpen(function (res) { console.log('protocol ' + res.header['sec-websocket-protocol']); close(t); });
    """)
    run_until(rt, closed(rt))
    assert 'connectSocket: header "Referer" cannot be set by a mini program and was dropped' in lines(rt)
    assert "protocol chat" in lines(rt)
    headers = server.websockets[-1].headers
    assert headers["X-Token"] == "abc" and headers["X-N"] == "5"
    assert headers["Referer"] == "https://smartapps.cn/myapp/1.2.3/page-frame.html"
    assert headers["sec-websocket-protocol"] == "chat, json"


def test_server_push_reaches_every_socket_on_the_path(make: Callable[..., SwanRuntime], server: EmbeddedServer) -> None:
    rt = make()
    rt.run("""
    var a = connect('wss://chat.example.com/room1', 'a');
    var b = connect('wss://chat.example.com/room1', 'b');
    var c = connect('wss://chat.example.com/room2', 'c');
    """)
    run_until(rt, lambda: sum(e["event"] == "open" for e in socket_events(rt)) == 3)
    assert server.ws_broadcast("/room1", "news") == 2
    assert server.ws_broadcast("/room1", b"\x07") == 2
    run_until(rt, lambda: sum(e["event"] == "message" for e in socket_events(rt)) == 4)
    got = [line for line in lines(rt) if "onMessage" in line]
    assert sorted(got) == sorted(['a onMessage "news"', "a onMessage bytes[7]", 'b onMessage "news"', "b onMessage bytes[7]"])
    assert got.index('a onMessage "news"') < got.index("a onMessage bytes[7]")


# -- closing --------------------------------------------------------------------------------------
def test_server_closes_with_a_code(make: Callable[..., SwanRuntime]) -> None:
    rt = make()
    rt.run("""
    var t = connect('wss://chat.example.com/ws?close=4000&reason=go%20away');
    t.onOpen(function () { send(t, 'one'); });
    t.onClose(function () { send(t, 'too late', 'late'); });
    """)
    run_until(rt, lambda: "late complete" in lines(rt))
    assert lines(rt)[3:] == [
        'send success {"errMsg":"sendSocketMessage:ok"}',
        "send complete",
        'socket onMessage "one"',
        'socket onClose 4000 "go away" 3',
        "late fail 1001 sendSocketMessage:fail SocketTask.readyState is not OPEN",
        "late complete",
    ]


def test_server_close_from_python(make: Callable[..., SwanRuntime], server: EmbeddedServer) -> None:
    rt = make()
    rt.run("var t = connect('wss://chat.example.com/kick');")
    run_until(rt, lambda: bool(socket_events(rt)))
    assert server.ws_close("/kick", 4321, "kicked") == 1
    run_until(rt, closed(rt))
    assert lines(rt)[-1] == 'socket onClose 4321 "kicked" 3'


def test_connection_dropped_without_a_close_frame(make: Callable[..., SwanRuntime]) -> None:
    rt = make()
    rt.run("var t = connect('wss://chat.example.com/ws?drop=1'); t.onOpen(function () { send(t, 'x'); });")
    run_until(rt, closed(rt))
    assert lines(rt)[-3:] == [
        'socket onMessage "x"',
        "socket onError connectSocket:fail connection lost 3",
        'socket onClose 1006 "abnormal closure" 3',
    ]


def test_close_while_connecting_cuts_the_handshake(make: Callable[..., SwanRuntime]) -> None:
    rt = make()
    rt.run("var t = connect('wss://chat.example.com/ws?stall=3'); close(t, 1000, 'changed my mind');")
    started = time.monotonic()
    run_until(rt, closed(rt))
    assert time.monotonic() - started < 2
    assert lines(rt) == [
        'connect success {"socketTaskId":1,"errMsg":"connectSocket:ok"}',
        "connect complete",
        'close success {"errMsg":"closeSocket:ok"}',
        "close complete",
        'socket onClose 1000 "changed my mind" 3',
    ]


def test_runtime_close_closes_open_sockets(server: EmbeddedServer) -> None:
    before = len(server.websockets)
    rt = SwanRuntime(route_all_to=server.url)
    rt.run("var a = swan.connectSocket({url: 'wss://x.example.com/bye'}); var b = swan.connectSocket({url: 'wss://x.example.com/bye'});")
    run_until(rt, lambda: sum(e["event"] == "open" for e in socket_events(rt)) == 2)
    assert server.ws_count("/bye") == 2
    rt.close()
    wait_for(lambda: server.ws_count("/bye") == 0)
    assert [(r.close_code, r.close_reason) for r in server.websockets[before:]] == [(1001, "going away")] * 2
    wait_for(lambda: socket_threads(rt) == 0)


def test_close_codes_and_reasons_are_checked(make: Callable[..., SwanRuntime], server: EmbeddedServer) -> None:
    rt = make()
    rt.run("""
    var t = connect('wss://chat.example.com/ws');
    t.onOpen(function () {
      close(t, 1005, undefined, 'reserved');
      close(t, 999, undefined, 'low');
      close(t, 'abc', undefined, 'text');
      close(t, 1000, new Array(125).join('x'), 'long');
      close(t, 1000, new Array(43).join('\\u2603'), 'long3');
      // The docs' closeSocket sample passes the code as a string; 41 snowmen are 123 bytes.
      close(t, '1001', new Array(42).join('\\u2603'), 'string');
    });
    """)
    run_until(rt, closed(rt))
    snowmen = "\u2603" * 41
    assert lines(rt)[3:] == [
        "reserved fail 202 closeSocket:fail parameter error: code must be 1000-1003, 1007-1014 or 3000-4999, got 1005",
        "reserved complete",
        "low fail 202 closeSocket:fail parameter error: code must be 1000-1003, 1007-1014 or 3000-4999, got 999",
        "low complete",
        'text fail 202 closeSocket:fail parameter error: code must be 1000-1003, 1007-1014 or 3000-4999, got "abc"',
        "text complete",
        "long fail 202 closeSocket:fail parameter error: reason must be at most 123 bytes of UTF-8, got 124",
        "long complete",
        "long3 fail 202 closeSocket:fail parameter error: reason must be at most 123 bytes of UTF-8, got 126",
        "long3 complete",
        'string success {"errMsg":"closeSocket:ok"}',
        "string complete",
        f'socket onClose 1001 "{snowmen}" 3',
    ]
    record = server.websockets[-1]
    wait_for(record.closed.is_set)
    assert (record.close_code, record.close_reason) == (1001, snowmen)


# -- the global forms -----------------------------------------------------------------------------
def test_global_forms_act_on_the_first_socket_until_it_closes(make: Callable[..., SwanRuntime], server: EmbeddedServer) -> None:
    rt = make()
    rt.run("""
    swan.onSocketOpen(function (res) { console.log('global open ' + typeof res.header); swan.sendSocketMessage(cbs('gsend')); });
    swan.onSocketOpen(function () { console.log('global open (the last one set)'); swan.sendSocketMessage({data: 'via global'}); });
    swan.onSocketMessage(function (res) { console.log('global message ' + res.data); swan.closeSocket(Object.assign(cbs('gclose'), {code: 4002, reason: 'all'})); });
    swan.onSocketClose(function (res) { console.log('global close ' + res.code + ' ' + res.reason); });
    swan.onSocketError(function (res) { console.log('global error ' + res.errMsg); });
    swan.sendSocketMessage(Object.assign(cbs('early'), {data: 'no socket yet'}));
    var first = connect('wss://chat.example.com/ws', 'first');
    """)
    run_until(rt, closed(rt))
    assert lines(rt) == [
        "early fail 1001 sendSocketMessage:fail SocketTask.readyState is not OPEN",
        "early complete",
        'first success {"socketTaskId":1,"errMsg":"connectSocket:ok"}',
        "first complete",
        "first onOpen 1 header",
        "global open (the last one set)",
        "first onMessage \"via global\"",
        "global message via global",
        'gclose success {"errMsg":"closeSocket:ok"}',
        "gclose complete",
        'first onClose 4002 "all" 3',
        "global close 4002 all",
    ]
    assert server.websockets[-1].messages == ["via global"]


def test_close_socket_with_nothing_open_fails(make: Callable[..., SwanRuntime]) -> None:
    rt = make()
    rt.run("swan.closeSocket(cbs('gclose'));")
    assert lines(rt) == ["gclose fail 1001 closeSocket:fail WebSocket is not connected", "gclose complete"]


# -- failures -------------------------------------------------------------------------------------
def test_too_many_sockets(make: Callable[..., SwanRuntime]) -> None:
    rt = make()
    rt.run("""
    var tasks = [];
    for (var i = 1; i <= 6; i++) tasks.push(connect('wss://chat.example.com/ws', 's' + i));
    console.log('states ' + tasks.map(function (t) { return t.readyState; }).join(''));
    """)
    assert lines(rt)[0] == "states 000000"
    assert lines(rt).index("s6 fail 1001 connectSocket:fail exceed max task count") + 1 == lines(rt).index("s6 complete")
    rt.run("console.log('sixth ' + tasks[5].readyState); close(tasks[0]);")
    run_until(rt, closed(rt))
    assert "sixth 3" in lines(rt)
    rt.run("var again = connect('wss://chat.example.com/ws', 's7'); again.onOpen(function () { tasks.slice(1, 5).concat([again]).forEach(function (t) { t.close({}); }); });")
    run_until(rt, closed(rt, 6))
    assert "s7 onOpen 1 header" in lines(rt)


def test_ios_error_codes(make: Callable[..., SwanRuntime]) -> None:
    rt = make(platform="ios", domains=["chat.example.com"])
    rt.run("""
    connect('https://chat.example.com/ws', 'bad');
    connect('ws://chat.example.com/ws', 'plain');
    for (var i = 1; i <= 6; i++) connect('wss://chat.example.com/ws', 's' + i);
    """)
    assert 'bad fail 4 connectSocket:fail parameter error: invalid url "https://chat.example.com/ws"' in lines(rt)
    assert "plain fail 7 connectSocket:fail url not in domain list" in lines(rt)
    assert "s6 fail 1 connectSocket:fail exceed max task count" in lines(rt)


def test_parameter_errors(make: Callable[..., SwanRuntime]) -> None:
    rt = make()
    rt.run("""
    var a = connect('http://chat.example.com/ws', 'a');
    console.log('a state ' + a.readyState);
    connect(5, 'b');
    swan.connectSocket(Object.assign(cbs('c'), {url: 'wss://chat.example.com/ws', protocols: [1]}));
    swan.connectSocket(Object.assign(cbs('d'), {url: 'wss://chat.example.com/ws', header: 'x'}));
    var t = connect('wss://chat.example.com/ws', 'ok');
    t.onOpen(function () { send(t, 42, 'num'); send(t, undefined, 'none'); send(t, {}, 'obj'); close(t); });
    """)
    run_until(rt, closed(rt))
    out = lines(rt)
    assert 'a fail 202 connectSocket:fail parameter error: invalid url "http://chat.example.com/ws"' in out
    assert "a state 3" in out
    assert "b fail 202 connectSocket:fail parameter error: url must be a string, got number" in out
    assert "c fail 202 connectSocket:fail parameter error: protocols must be an array of strings, got array" in out
    assert "d fail 202 connectSocket:fail parameter error: header must be an object, got string" in out
    assert "num fail 202 sendSocketMessage:fail parameter error: data must be a string or an ArrayBuffer, got number" in out
    assert "none fail 202 sendSocketMessage:fail parameter error: data is required" in out
    assert "obj fail 202 sendSocketMessage:fail parameter error: data must be a string or an ArrayBuffer, got object" in out
    assert rt.errors == []


def test_domain_check_allows_wss_on_a_listed_host_only(make: Callable[..., SwanRuntime], server: EmbeddedServer) -> None:
    rt = make(domains=["chat.example.com"])
    rt.run("""
    connect('ws://chat.example.com/ws', 'plain');
    connect('wss://other.example.com/ws', 'other');
    connect('wss://chat.example.com:8443/ws', 'port');
    var ok = connect('wss://chat.example.com/ws', 'ok');
    ok.onOpen(function () { close(ok); });
    """)
    run_until(rt, closed(rt))
    for name in ("plain", "other", "port"):
        assert f"{name} fail 1001 connectSocket:fail url not in domain list" in lines(rt)
    assert "ok onOpen 1 header" in lines(rt)


def test_ws_scheme_works_without_a_domain_check(make: Callable[..., SwanRuntime]) -> None:
    rt = make()
    rt.run("var t = connect('ws://chat.example.com/ws'); t.onOpen(function () { close(t); });")
    run_until(rt, closed(rt))
    assert "socket onOpen 1 header" in lines(rt)


def test_routes_may_name_wss_prefixes(server: EmbeddedServer) -> None:
    with SwanRuntime(routes={"wss://chat.example.com/": server.url + "/"}) as rt:
        rt.run(SOCKET_TRACE + "var t = connect('wss://chat.example.com/routed'); t.onOpen(function () { close(t); });")
        run_until(rt, closed(rt))
        assert "socket onOpen 1 header" in lines(rt)


def test_handshake_refused_with_a_status(make: Callable[..., SwanRuntime]) -> None:
    rt = make()
    rt.run("var t = connect('wss://chat.example.com/ws?status=403');")
    run_until(rt, closed(rt))
    assert lines(rt)[2:] == [
        "socket onError connectSocket:fail handshake refused: HTTP 403 3",
        'socket onClose 1006 "abnormal closure" 3',
    ]


def test_connection_refused(make: Callable[..., SwanRuntime]) -> None:
    rt = make(route_all_to=f"http://127.0.0.1:{free_port()}")
    rt.run("var t = connect('wss://chat.example.com/ws');")
    run_until(rt, closed(rt))
    assert lines(rt) == [
        'connect success {"socketTaskId":1,"errMsg":"connectSocket:ok"}',
        "connect complete",
        "socket onError connectSocket:fail connection refused 3",
        'socket onClose 1006 "abnormal closure" 3',
    ]


def test_handshake_timeout(make: Callable[..., SwanRuntime]) -> None:
    rt = make()
    set_socket_timeout(rt, 0.3)
    started = time.monotonic()
    rt.run("var t = connect('wss://chat.example.com/ws?stall=3');")  # runs until the handshake ends
    run_until(rt, closed(rt))
    assert 0.25 < time.monotonic() - started < 2
    assert lines(rt)[2:] == ["socket onError connectSocket:fail timeout 3", 'socket onClose 1006 "abnormal closure" 3']


def trickling_server(stop: threading.Event) -> int:
    """A loopback server that answers a handshake with its response headers one byte every 50 ms,
    without end (each read of the client's gets a byte well inside any timeout); its port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def serve() -> None:
        with listener:
            conn, _ = listener.accept()
            with conn:
                conn.recv(65536)
                for byte in b"HTTP/1.1 101 Switching Protocols\r\nX-Slow: " + b"a" * 10_000:
                    if stop.wait(0.05):
                        return
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:  # the client gave up
                        return

    threading.Thread(target=serve, daemon=True).start()
    return int(listener.getsockname()[1])


def test_network_timeout_bounds_the_whole_of_a_trickled_handshake(make: Callable[..., SwanRuntime]) -> None:
    stop = threading.Event()
    try:
        port = trickling_server(stop)
        rt = make(route_all_to=f"http://127.0.0.1:{port}", network_timeouts={"connectSocket": 300}, timeout=3)
        started = time.monotonic()
        rt.run("var t = connect('wss://chat.example.com/ws');")  # runs until the handshake ends
        assert 0.25 < time.monotonic() - started < 1.5
        assert lines(rt)[2:] == ["socket onError connectSocket:fail timeout 3", 'socket onClose 1006 "abnormal closure" 3']
        wait_for(lambda: socket_threads(rt) == 0, timeout=1)
    finally:
        stop.set()


def test_an_open_socket_outlives_its_handshake_timeout(make: Callable[..., SwanRuntime]) -> None:
    rt = make(network_timeouts={"connectSocket": 100})
    rt.run("var t = connect('wss://chat.example.com/ws'); t.onOpen(function () { setTimeout(function () { send(t, 'late'); }, 300); });"
           "t.onMessage(function () { close(t); });")
    run_until(rt, closed(rt))
    assert lines(rt)[2:] == [
        "socket onOpen 1 header", "send success {\"errMsg\":\"sendSocketMessage:ok\"}", "send complete",
        'socket onMessage "late"', 'close success {"errMsg":"closeSocket:ok"}', "close complete",
        'socket onClose 1000 "" 3',
    ]


def test_fifty_failing_sockets_leave_no_thread_or_fd(make: Callable[..., SwanRuntime]) -> None:
    def fds() -> int:
        return len(os.listdir("/proc/self/fd"))

    rt = make(routes={"wss://dead.example.com/": f"http://127.0.0.1:{free_port()}/"})
    rt.run("var t = connect('wss://chat.example.com/ws'); t.onOpen(function () { close(t); });")  # warm up
    run_until(rt, closed(rt))
    wait_for(lambda: socket_threads(rt) == 0)
    time.sleep(0.2)
    threads, files = threading.active_count(), fds()
    for batch in range(10):
        url = "wss://chat.example.com/ws?status=500" if batch % 2 else "wss://dead.example.com/ws"
        rt.run(f"for (var i = 0; i < 5; i++) swan.connectSocket({{url: '{url}'}});")
        run_until(rt, closed(rt, 1 + 5 * (batch + 1)))
    assert sum(e["event"] == "error" for e in socket_events(rt)) == 50
    wait_for(lambda: socket_threads(rt) == 0)
    wait_for(lambda: threading.active_count() <= threads)
    wait_for(lambda: fds() <= files)


def test_a_listener_that_throws_is_reported_and_the_others_run(make: Callable[..., SwanRuntime]) -> None:
    rt = make()
    rt.run("""
    var t = swan.connectSocket({url: 'wss://chat.example.com/ws'});
    t.onOpen(function () { throw new Error('boom'); });
    t.onOpen(function () { console.log('second listener'); t.close(); });
    """)
    run_until(rt, closed(rt))
    assert "second listener" in lines(rt)
    assert [e.message for e in rt.errors] == ["Error: boom"]


# -- an in-process ASGI app through transport= ------------------------------------------------------
async def shouting_app(scope: dict, receive: Callable, send: Callable) -> None:
    """A WebSocket ASGI app: answers each text message in capitals, then closes on "bye"."""
    assert scope["type"] == "websocket"
    await receive()  # websocket.connect
    await send({"type": "websocket.accept", "subprotocol": (scope["subprotocols"] or [None])[0]})
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text") or ""
        if text == "bye":
            await send({"type": "websocket.close", "code": 4100, "reason": "see you"})
            return
        await send({"type": "websocket.send", "text": text.upper()})


def test_asgi_app_serves_sockets_in_process() -> None:
    import asyncio

    from httpx_ws.transport import ASGIWebSocketTransport

    from bridge.testing import arun_until

    async def main() -> list[str]:
        async with ASGIWebSocketTransport(shouting_app) as transport:
            async with SwanRuntime(transport=transport) as rt:
                await rt.arun(SOCKET_TRACE + """
                var t = connect('wss://chat.example.com/ws', undefined, {protocols: ['shout']});
                t.onOpen(function () { send(t, 'hello'); });
                t.onMessage(function (res) { if (res.data === 'HELLO') send(t, 'bye', 'bye'); });
                """)
                await arun_until(rt, closed(rt))
                return lines(rt)

    out = asyncio.run(main())
    assert out == [
        'connect success {"socketTaskId":1,"errMsg":"connectSocket:ok"}',
        "connect complete",
        "socket onOpen 1 header",
        'send success {"errMsg":"sendSocketMessage:ok"}',
        "send complete",
        'socket onMessage "HELLO"',
        'bye success {"errMsg":"sendSocketMessage:ok"}',
        "bye complete",
        'socket onClose 4100 "see you" 3',
    ]


