"""pages/chat/chat: one WebSocket to the (routed) chat server, which echoes and can push."""

from __future__ import annotations


import pytest

from bridge import EmbeddedServer, SwanRuntime
from bridge.testing import run_until, socket_events

CHAT = "pages/chat/chat"
PATH = "/chat/ws"  # the path of the page's wss:// URL, routed to the embedded server


def opened(swan: SwanRuntime) -> bool:
    return any(e["event"] == "open" for e in socket_events(swan))


def received(swan: SwanRuntime, count: int) -> bool:
    return sum(e["event"] == "message" for e in socket_events(swan)) >= count


def closed(swan: SwanRuntime) -> bool:
    return any(e["event"] == "close" for e in socket_events(swan))


def test_open_connects_to_the_room(swan: SwanRuntime, swan_server: EmbeddedServer) -> None:
    page = swan.open_page(CHAT, query={"room": "dev"})  # runs until idle: the handshake is done

    assert page.data == {"room": "dev", "status": "open", "messages": [], "draft": "", "error": "", "closeCode": 0}
    assert swan.calls("connectSocket") == [
        {"url": "wss://chat.smartprogram.example.com/chat/ws?room=dev", "protocols": ["chat"]},
    ]
    record = swan_server.websockets[-1]
    assert record.path == PATH and record.subprotocol == "chat"


def test_send_and_echo(swan: SwanRuntime) -> None:
    page = swan.open_page(CHAT)
    run_until(swan, lambda: opened(swan))

    page.tap("onInput", {"value": "  你好  "})
    assert page.call("send") is True
    run_until(swan, lambda: received(swan, 1))

    assert page.data["draft"] == ""
    assert page.data["messages"] == [{"from": "me", "text": "你好"}, {"from": "server", "text": "你好"}]
    assert page.call("send") is False  # nothing to send


def test_server_push(swan: SwanRuntime, swan_server: EmbeddedServer) -> None:
    page = swan.open_page(CHAT)
    run_until(swan, lambda: opened(swan))

    assert swan_server.ws_broadcast(PATH, "欢迎") >= 1
    assert swan_server.ws_broadcast(PATH, b"\x00" * 3) >= 1
    run_until(swan, lambda: received(swan, 2))

    assert page.data["messages"] == [{"from": "server", "text": "欢迎"}, {"from": "server", "text": "[3 字节]"}]


def test_leaving_the_page_closes_the_socket(swan: SwanRuntime, swan_server: EmbeddedServer) -> None:
    swan.open_page(CHAT)
    run_until(swan, lambda: opened(swan))
    record = swan_server.websockets[-1]

    swan.open_page("pages/index/index")  # reLaunch: the chat page unloads
    run_until(swan, lambda: closed(swan))

    assert record.closed.wait(5)
    assert (record.close_code, record.close_reason) == (1000, "page unloaded")
    assert socket_events(swan)[-1] == {"id": 1, "event": "close", "code": 1000, "reason": "page unloaded"}


def test_server_closes_then_reconnect(swan: SwanRuntime, swan_server: EmbeddedServer) -> None:
    page = swan.open_page(CHAT)
    run_until(swan, lambda: opened(swan))

    assert swan_server.ws_close(PATH, 4000, "maintenance") >= 1
    run_until(swan, lambda: closed(swan))
    assert (page.data["status"], page.data["closeCode"]) == ("closed", 4000)

    page.tap("reconnect")
    run_until(swan, lambda: sum(e["event"] == "open" for e in socket_events(swan)) == 2)
    assert page.data["status"] == "open"


@pytest.mark.swan(route_all_to="http://127.0.0.1:9")  # nothing listens there
def test_server_down(swan: SwanRuntime) -> None:
    page = swan.open_page(CHAT)
    run_until(swan, lambda: closed(swan))

    assert page.data["status"] == "closed"
    assert page.data["error"] == "connectSocket:fail connection refused"
    assert page.data["closeCode"] == 1006


@pytest.mark.swan(domains=["chat.example.org"])
def test_domain_not_configured(swan: SwanRuntime) -> None:
    page = swan.open_page(CHAT)

    assert page.data["status"] == "failed"
    assert page.data["error"] == "connectSocket:fail url not in domain list"


def test_the_user_types_sends_and_reconnects_with_the_controls(swan: SwanRuntime, swan_server: EmbeddedServer, button) -> None:
    page = swan.open_page(CHAT)
    run_until(swan, lambda: opened(swan))
    assert page.select(".status").text == "lobby · open"

    page.select("input.draft").input("  你好  ")
    button(page, "发送").tap()
    run_until(swan, lambda: received(swan, 1))

    assert [(n.attrs["class"], n.text) for n in page.select_all(".message")] == [("message me", "你好"), ("message server", "你好")]
    assert page.select("input.draft").attrs["value"] == ""
    assert [n.text for n in page.select_all("button")] == ["发送"]  # no reconnect button while open

    swan_server.ws_close(PATH, 4000, "maintenance")
    run_until(swan, lambda: closed(swan))
    assert page.select(".status").text == "lobby · closed"
    assert button(page, "发送").attrs["disabled"] is True

    button(page, "重新连接").tap()
    run_until(swan, lambda: sum(e["event"] == "open" for e in socket_events(swan)) == 2)
    assert page.select(".status").text == "lobby · open"
