"""The embedded server plays a test's backend: routes answer chosen methods and paths with JSON,
text or bytes, and keep what the app sent; swan.request reaches them over loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from bridge import SwanRuntime
from bridge.testing import EmbeddedServer, Reply, RequestRecord


@pytest.fixture
def server() -> Iterator[EmbeddedServer]:
    with EmbeddedServer() as srv:
        yield srv


@pytest.fixture
def rt(server: EmbeddedServer) -> Iterator[SwanRuntime]:
    with SwanRuntime(route_all_to=server.url) as runtime:
        yield runtime


LOG = "success: r => console.log(r.statusCode, JSON.stringify(r.data)), fail: e => console.log('fail', e.errMsg)"


def test_a_json_backend_answers_and_keeps_the_body(rt: SwanRuntime, server: EmbeddedServer) -> None:
    server.route("POST", "/api/orders", Reply(201, {"id": 7, "orderInfo": {"dealId": "d1"}}))
    out = rt.run("swan.request({url: 'https://shop.example.com/api/orders?src=cart', method: 'POST', "
                 "data: {goodsId: 3, note: '送货上门'}, %s})" % LOG)
    assert [line.text for line in out.console] == ['201 {"id":7,"orderInfo":{"dealId":"d1"}}']
    [record] = server.requests
    assert (record.method, record.path, record.query) == ("POST", "/api/orders?src=cart", {"src": "cart"})
    assert record.json() == {"goodsId": 3, "note": "送货上门"}
    assert record.headers["content-type"] == record.headers["Content-Type"] == "application/json"
    assert "CONTENT-TYPE" in record.headers and record.headers.get("x-missing", "-") == "-"
    assert json.loads(json.dumps(record.headers)) == record.headers  # still a plain dict


def test_a_function_answers_from_the_request(rt: SwanRuntime, server: EmbeddedServer) -> None:
    def orders(record: RequestRecord) -> Reply:
        if record.headers.get("authorization") != "Bearer t1":  # any case, as HTTP
            return Reply(401, {"error": "login"})
        return Reply(json={"page": int(record.query["page"]), "orders": []})

    server.route("GET", "/api/orders", orders)
    out = rt.run("""
    swan.request({url: 'https://shop.example.com/api/orders?page=2', %s});
    swan.request({url: 'https://shop.example.com/api/orders?page=2', header: {Authorization: 'Bearer t1'}, %s});
    """ % (LOG, LOG))
    assert sorted(line.text for line in out.console) == ['200 {"page":2,"orders":[]}', '401 {"error":"login"}']


def test_other_methods_text_bytes_and_headers(rt: SwanRuntime, server: EmbeddedServer) -> None:
    server.route("PUT", "/api/cart", Reply(body="好", headers={"X-Version": "3"}))
    server.route("DELETE", "/api/cart", Reply(204))
    server.route("GET", "/logo", Reply(body=b"\x89PNG", headers={"Content-Type": "image/png"}))
    out = rt.run("""
    swan.request({url: 'https://a.example.com/api/cart', method: 'PUT', data: 'x', dataType: 'text',
      success: r => console.log('put', r.statusCode, r.data, r.header['X-Version'])});
    """)
    assert [line.text for line in out.console] == ["put 200 好 3"]
    out = rt.run("swan.request({url: 'https://a.example.com/api/cart', method: 'DELETE', %s})" % LOG)
    assert [line.text for line in out.console] == ['204 ""']
    out = rt.run("swan.request({url: 'https://a.example.com/logo', responseType: 'arraybuffer', "
                 "success: r => console.log(Array.from(new Uint8Array(r.data)).join(','))})")
    assert [line.text for line in out.console] == ["137,80,78,71"]
    assert [r.body for r in server.requests] == [b"x", b"", b""]


def test_an_unrouted_method_is_a_404_and_a_failing_route_a_500(server: EmbeddedServer) -> None:
    def broken(record: RequestRecord) -> Reply:
        raise KeyError("user")

    server.route("POST", "/api/pay", broken)
    with httpx.Client(base_url=server.url) as client:
        missing = client.put("/api/nothing", content=b"abc")
        assert (missing.status_code, missing.json()) == (404, {"error": "no route for PUT /api/nothing"})
        failed = client.post("/api/pay", json={"a": 1})
        assert (failed.status_code, failed.json()) == (500, {"error": "route POST /api/pay: KeyError: 'user'"})
        assert server.requests[-1].json() == {"a": 1}
        # chunked request bodies are read too
        chunked = client.post("/api/pay", content=iter([b'{"b"', b": 2}"]))
        assert chunked.status_code == 500 and server.requests[-1].json() == {"b": 2}
        # without a route, GET and POST keep their built-in answers
        assert server.clear_routes() == ["route POST /api/pay: KeyError: 'user'"] * 2  # for the test to fail on
        assert server.clear_routes() == []
        assert len(client.get("/api/pay?size=10").content) == 10
        assert client.post("/api/pay", files={"f": ("a.txt", b"hi")}).json()["files"]["f"]["size"] == 2


def test_bad_routes_are_refused(server: EmbeddedServer) -> None:
    with pytest.raises(ValueError, match="starts with '/'"):
        server.route("GET", "api", Reply())
    with pytest.raises(TypeError, match="Reply or a function"):
        server.route("GET", "/api", {"status": 200})  # type: ignore[arg-type]
    server.route("get", "/ok", Reply(json=[1, "二"]))
    with httpx.Client(base_url=server.url) as client:
        assert json.loads(client.get("/ok").content) == [1, "二"]


def test_routes_on_one_path_are_told_apart_by_their_query(rt: SwanRuntime, server: EmbeddedServer) -> None:
    """A PHP-style backend: one path, the action in the query. The most specific route answers;
    a route without a query answers the rest."""
    server.route("GET", "/api.php", Reply(200, {"page": "home"}), query={"s": "index/index"})
    server.route("GET", "/api.php", Reply(200, {"page": "cart"}), query={"s": "cart/index"})
    server.route("GET", "/api.php", Reply(200, {"page": "cart, logged in"}), query={"s": "cart/index", "token": "t1"})
    server.route("GET", "/api.php", Reply(404, {"page": "none"}))
    out = rt.run("""
    const get = (q) => new Promise(done => swan.request({url: 'https://shop.example.com/api.php?' + q,
        success: r => { console.log(q, r.statusCode, r.data.page); done(); }}));
    (async () => {
      await get('s=index/index'); await get('s=cart/index'); await get('token=t1&s=cart/index&x=1');
      await get('s=user/index'); await get('');
    })();
    """)
    assert [line.text for line in out.console] == [
        "s=index/index 200 home", "s=cart/index 200 cart", "token=t1&s=cart/index&x=1 200 cart, logged in",
        "s=user/index 404 none", " 404 none",
    ]


def test_a_form_body_is_parsed_into_fields_and_blank_query_values_are_kept(rt: SwanRuntime, server: EmbeddedServer) -> None:
    server.route("POST", "/login", lambda record: Reply(200, {"fields": record.fields, "query": record.query}))
    out = rt.run("""swan.request({url: 'https://shop.example.com/login?token=&from=app', method: 'POST',
        header: {'content-type': 'application/x-www-form-urlencoded'}, data: {user: '张三', pass: '', n: 7},
        success: r => console.log(JSON.stringify(r.data))})""")
    assert json.loads(out.console[0].text) == {"fields": {"user": "张三", "pass": "", "n": "7"},
                                               "query": {"token": "", "from": "app"}}
    [record] = server.requests
    assert record.fields == {"user": "张三", "pass": "", "n": "7"}


def test_a_routes_query_must_map_names_to_strings(server: EmbeddedServer) -> None:
    with pytest.raises(TypeError, match="query maps names to string values"):
        server.route("GET", "/api.php", Reply(), query={"page": 1})  # type: ignore[dict-item]
