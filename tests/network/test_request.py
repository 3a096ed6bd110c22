"""swan.request: data conversion as a real server receives it, every method, dataType/responseType,
RequestTask (abort, onHeadersReceived), timeout, the shared concurrency cap and parameter errors.

The embedded server answers GET and parses multipart POSTs only, so the bodies, queries and
methods are checked against `echo`: a small ThreadingHTTPServer on loopback that records each
request exactly as it arrived (method, path, raw query, headers, body bytes) and answers with
that record as JSON. Queries and form bodies are read back with urllib.parse.parse_qs, JSON bodies
with json.loads.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from bridge import EmbeddedServer, SwanRuntime
from bridge._server import expected_body

from support import lines

METHODS = ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT"]
NOT_UTF8 = b"ok \xff\xfe bad \xc3( end \x80"


@dataclass
class Received:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Echo:
    url: str
    received: list[Received] = field(default_factory=list)

    def last(self) -> Received:
        return self.received[-1]


class _EchoHandler(BaseHTTPRequestHandler):
    """Records the request; /echo answers the record as JSON, /bytes answers NOT_UTF8,
    /text?body=...&type=... answers that text, /status?code=N answers N."""

    protocol_version = "HTTP/1.1"
    server: Any

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        record = Received(self.command, parts.path, parts.query, dict(self.headers.items()), body)
        self.server.echo.received.append(record)
        q = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        status, ctype = 200, "application/json"
        if parts.path == "/bytes":
            out, ctype = NOT_UTF8, "application/octet-stream"
        elif parts.path == "/text":
            out, ctype = q.get("body", "").encode(q.get("charset", "utf-8")), q.get("type", "text/plain")
        else:
            status = int(q.get("code", 200)) if parts.path == "/status" else 200
            out = json.dumps({"method": record.method, "path": record.path, "query": record.query,
                              "headers": record.headers, "body": base64.b64encode(body).decode("ascii")}).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(out)))
        self.send_header("X-Multi", "a")
        self.send_header("X-Multi", "b")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(out)

    do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_HEAD = do_TRACE = do_CONNECT = _handle


class _EchoServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up (abort, CONNECT) is part of the tests


@pytest.fixture(scope="module")
def echo() -> Iterator[Echo]:
    srv = _EchoServer(("127.0.0.1", 0), _EchoHandler)
    srv.echo = Echo(f"http://127.0.0.1:{srv.server_address[1]}")  # type: ignore[attr-defined]
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv.echo  # type: ignore[attr-defined]
    srv.shutdown()
    thread.join()
    srv.server_close()


def encode_uri_component(text: str) -> str:
    """JS encodeURIComponent, for strings without lone surrogates."""
    return quote(text, safe="-_.!~*'()")


LOG = """success: r => console.log('success', JSON.stringify(r)),
    fail: e => console.log('fail', e.errCode, e.errMsg), complete: () => console.log('complete')"""


def run_one(rt: SwanRuntime, args: str) -> tuple[list[str], Any]:
    result = rt.run("swan.request({%s, %s});" % (args, LOG))
    assert result.errors == []
    return lines(result), result


# ------------------------------------------------------------------------------------------------
# data conversion, as the server received it
# ------------------------------------------------------------------------------------------------
def test_get_turns_an_object_into_the_query_string(make_runtime, echo) -> None:
    rt = make_runtime()
    data = {"a": 1, "b": "x y&z=é", "c": {"d": [1, "é"]}, "n": None, "t": True, "k y": "v/?"}
    out, result = run_one(rt, "url: '%s/echo?pre=1#frag', data: Object.assign(%s, {u: undefined, f: () => 1})"
                          % (echo.url, json.dumps(data)))
    assert out[1] == "complete" and out[0].startswith("success ")
    got = echo.last()
    assert (got.method, got.path, got.body) == ("GET", "/echo", b"")
    expected = "pre=1&" + "&".join(
        f"{encode_uri_component(k)}={encode_uri_component(v if isinstance(v, str) else json.dumps(v, separators=(',', ':'), ensure_ascii=False))}"
        for k, v in data.items())
    assert got.query == expected
    assert parse_qs(got.query) == {
        "pre": ["1"], "a": ["1"], "b": ["x y&z=é"], "c": ['{"d":[1,"é"]}'], "n": ["null"], "t": ["true"], "k y": ["v/?"]}
    assert result.tasks[0].url == f"{echo.url}/echo?{expected}#frag"
    assert got.headers["content-type"] == "application/json"  # the client's default


def test_get_appends_a_string_as_is_and_an_empty_object_adds_nothing(make_runtime, echo) -> None:
    rt = make_runtime()
    run_one(rt, "url: '%s/echo', data: 'x=1&y=%%20'" % echo.url)
    assert echo.last().query == "x=1&y=%20"
    run_one(rt, "url: '%s/echo?a=1&', data: {b: 2}" % echo.url)
    assert echo.last().query == "a=1&b=2"
    run_one(rt, "url: '%s/echo?a=1', data: {}" % echo.url)
    assert echo.last().query == "a=1"


def test_post_sends_an_object_as_json_by_default(make_runtime, echo) -> None:
    rt = make_runtime()
    data = {"key": "value", "n": 1.5, "list": [1, None, "美食"], "nested": {"ok": True}}
    out, _ = run_one(rt, "url: '%s/echo', method: 'POST', data: %s" % (echo.url, json.dumps(data)))
    assert out[0].startswith("success ")
    got = echo.last()
    assert got.method == "POST"
    assert json.loads(got.body) == data
    assert got.headers["content-type"] == "application/json"
    assert got.headers["Content-Length"] == str(len(got.body))


def test_post_form_urlencoded_sends_a_query_string_body(make_runtime, echo) -> None:
    rt = make_runtime()
    data = {"key": "value", "sp ace": "a&b=c", "obj": {"x": [1]}, "num": 3}
    run_one(rt, "url: '%s/echo', method: 'POST', header: {'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8'}, data: %s"
            % (echo.url, json.dumps(data)))
    got = echo.last()
    assert got.headers["content-type"] == "application/x-www-form-urlencoded; charset=UTF-8"
    assert "Content-Type" not in got.headers or got.headers["Content-Type"] == got.headers["content-type"]
    assert parse_qs(got.body.decode("ascii")) == {"key": ["value"], "sp ace": ["a&b=c"], "obj": ['{"x":[1]}'], "num": ["3"]}


def test_a_string_is_sent_as_is_in_utf8_whatever_the_content_type(make_runtime, echo) -> None:
    rt = make_runtime()
    run_one(rt, "url: '%s/echo', method: 'POST', data: '美食酒水 {not json'" % echo.url)
    assert echo.last().body == "美食酒水 {not json".encode()
    run_one(rt, "url: '%s/echo', method: 'PUT', header: {'content-type': 'text/plain'}, data: 'a\\u0000b\\ud800c'" % echo.url)
    assert echo.last().body == "a\x00b\ufffdc".encode()  # a lone surrogate becomes U+FFFD, as TextEncoder does
    run_one(rt, "url: '%s/echo', method: 'POST', data: 42" % echo.url)
    assert echo.last().body == b"42"


def test_an_arraybuffer_or_view_is_sent_as_its_exact_bytes(make_runtime, echo) -> None:
    rt = make_runtime()
    run_one(rt, "url: '%s/echo', method: 'POST', header: {'content-type': 'application/octet-stream'}, "
                "data: new Uint8Array(Array.from({length: 256}, (_, i) => 255 - i)).buffer" % echo.url)
    assert echo.last().body == bytes(range(255, -1, -1))
    run_one(rt, "url: '%s/echo', method: 'PUT', data: new Uint8Array([9, 0, 1, 2, 255, 7]).subarray(1, 5)" % echo.url)
    assert echo.last().body == b"\x00\x01\x02\xff"
    run_one(rt, "url: '%s/echo', method: 'POST', data: new DataView(new Uint8Array([1, 2, 3]).buffer, 1)" % echo.url)
    assert echo.last().body == b"\x02\x03"
    run_one(rt, "url: '%s/echo', method: 'POST', data: new ArrayBuffer(0)" % echo.url)
    assert echo.last().body == b""


def test_a_large_body_and_a_large_arraybuffer_response_cross_exactly(make_runtime, echo, server) -> None:
    rt = make_runtime()
    size = 3 * 1024 * 1024 + 7
    result = rt.run("""
    const bytes = new Uint8Array(%d); for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) & 255;
    swan.request({url: '%s/echo', method: 'POST', data: bytes.buffer, success: r => console.log('sent', r.statusCode)});
    swan.request({url: '%s/big?size=%d', responseType: 'arraybuffer', success: r => {
        const b = new Uint8Array(r.data); let sum = 0; for (let i = 0; i < b.length; i++) sum = (sum * 31 + b[i]) %% 1000000007;
        console.log('got', b.length, sum);
    }});
    """ % (size, echo.url, server.url, size))
    assert result.errors == []
    body = expected_body(size)
    checksum = 0
    for b in body:
        checksum = (checksum * 31 + b) % 1000000007
    assert sorted(lines(result)) == sorted(["sent 200", f"got {size} {checksum}"])
    sent = next(r for r in reversed(echo.received) if r.method == "POST")
    assert hashlib.sha256(sent.body).digest() == hashlib.sha256(bytes((i * 7) & 255 for i in range(size))).digest()


# ------------------------------------------------------------------------------------------------
# methods, statuses, headers
# ------------------------------------------------------------------------------------------------
def test_every_method_reaches_the_server_as_that_method(make_runtime, echo) -> None:
    rt = make_runtime()
    seen = len(echo.received)
    result = rt.run("""
    const methods = %s;
    methods.forEach(m => swan.request({url: '%s/echo?m=' + m, method: m.toLowerCase(), data: {k: 'v'},
        success: r => console.log(m, r.statusCode, typeof r.data === 'object' ? r.data.method : JSON.stringify(r.data)),
        fail: e => console.log(m, 'fail', e.errMsg)}));
    """ % (json.dumps(METHODS), echo.url))
    assert result.errors == []
    out = sorted(lines(result))
    expected = []
    for m in METHODS:
        # HEAD has no body; a 2xx answer to CONNECT opens a tunnel and has no body (RFC 9110 9.3.6).
        expected.append(f"{m} 200 " + ('""' if m in ("HEAD", "CONNECT") else m))
    assert out == sorted(expected)
    got = {r.query: r for r in echo.received[seen:]}
    assert sorted(r.method for r in got.values()) == sorted(METHODS)
    for m in METHODS:
        record = got[f"m={m}"] if m != "GET" else got["m=GET&k=v"]
        assert record.method == m
        assert record.body == (b"" if m == "GET" else b'{"k":"v"}')


@pytest.mark.parametrize("code", [201, 301, 404, 500, 503])
def test_any_http_status_is_a_success(make_runtime, echo, code: int) -> None:
    rt = make_runtime()
    out, result = run_one(rt, "url: '%s/status?code=%d'" % (echo.url, code))
    assert out[1] == "complete"
    res = json.loads(out[0].removeprefix("success "))
    assert res["statusCode"] == code
    assert list(res) == ["data", "statusCode", "header", "errMsg"]
    assert res["errMsg"] == "request:ok"
    assert res["data"]["method"] == "GET"  # (a 301 without Location is not followed)
    assert result.tasks[0].events == ["success", "complete"]


def test_response_headers_in_success_and_on_headers_received(make_runtime, echo) -> None:
    rt = make_runtime()
    result = rt.run("""
    const task = swan.request({url: '%s/echo', success: r => console.log('success', r.header['X-Multi'], r.header['Content-Type'])});
    const off = () => console.log('never');
    task.onHeadersReceived(off);
    task.onHeadersReceived(h => console.log('headers', h.header['X-Multi']));
    task.offHeadersReceived(off);
    const methods = ['abort', 'onHeadersReceived', 'offHeadersReceived'].map(m => typeof task[m]);
    console.log(methods.join(','));
    """ % echo.url)
    assert result.errors == []
    assert lines(result) == ["function,function,function", "headers a,b", "success a,b application/json"]
    assert result.tasks[0].events == ["headers", "success", "complete"]


def test_referer_and_user_agent_are_dropped_and_the_client_referer_sent(make_runtime, echo) -> None:
    rt = make_runtime(app_key="key1", app_version="2.0")
    result = rt.run("swan.request({url: '%s/echo', header: {Referer: 'https://evil', 'user-agent': 'x', 'X-Token': 7}})"
                    % echo.url)
    got = echo.last().headers
    assert got["Referer"] == "https://smartapps.cn/key1/2.0/page-frame.html"
    assert got["X-Token"] == "7"
    assert "evil" not in json.dumps(got) and got.get("User-Agent") != "x"
    assert [m.level for m in result.console] == ["warn", "warn"]


def test_routes_apply_to_requests(make_runtime, server) -> None:
    rt = make_runtime()  # https://smartprogram.baidu.com/ goes to the embedded server
    out, result = run_one(rt, "url: 'https://smartprogram.baidu.com/x?size=3', dataType: 'string'")
    assert json.loads(out[0].removeprefix("success "))["data"] == "\x00\x01\x02"
    assert result.tasks[0].url == "https://smartprogram.baidu.com/x?size=3"


# ------------------------------------------------------------------------------------------------
# dataType / responseType
# ------------------------------------------------------------------------------------------------
def data_of(rt: SwanRuntime, args: str) -> Any:
    out, _ = run_one(rt, args)
    assert out[1] == "complete", out
    return json.loads(out[0].removeprefix("success "))["data"]


def test_data_type_json_parses_a_json_body_and_keeps_other_text(make_runtime, echo) -> None:
    rt = make_runtime()
    assert data_of(rt, "url: '%s/echo'" % echo.url)["method"] == "GET"  # dataType json is the default
    assert data_of(rt, "url: '%s/echo', dataType: 'JSON'" % echo.url)["method"] == "GET"
    assert isinstance(data_of(rt, "url: '%s/echo', dataType: 'string'" % echo.url), str)
    assert data_of(rt, "url: '%s/text?body=%%7Bnot%%20json&type=application/json'" % echo.url) == "{not json"
    assert data_of(rt, "url: '%s/text?body=12'" % echo.url) == 12
    assert data_of(rt, "url: '%s/text?body=12', dataType: 'text'" % echo.url) == "12"
    assert data_of(rt, "url: '%s/text'" % echo.url) == ""  # an empty body is not JSON


def test_text_is_utf8_with_replacement_or_the_declared_charset(make_runtime, echo) -> None:
    rt = make_runtime()
    assert data_of(rt, "url: '%s/bytes'" % echo.url) == NOT_UTF8.decode("utf-8", "replace")
    assert data_of(rt, "url: '%s/bytes', responseType: 'text', dataType: 'string'" % echo.url) == NOT_UTF8.decode("utf-8", "replace")
    assert data_of(rt, "url: '%s/text?body=caf%%C3%%A9&charset=latin-1&type=text/plain;%%20charset=iso-8859-1'" % echo.url) == "café"
    assert data_of(rt, "url: '%s/text?body=%%EF%%BB%%BF%%7B%%22a%%22:1%%7D'" % echo.url) == {"a": 1}  # UTF-8 BOM dropped


def test_response_type_arraybuffer_gives_the_exact_bytes(make_runtime, echo) -> None:
    rt = make_runtime()
    for extra in ("", ", dataType: 'json'", ", responseType: 'ArrayBuffer'"):
        result = rt.run("""swan.request({url: '%s/bytes', responseType: 'arraybuffer'%s,
            success: r => console.log(r.data instanceof ArrayBuffer, Array.from(new Uint8Array(r.data)).join(','))});"""
                        % (echo.url, extra))
        assert lines(result) == ["true " + ",".join(str(b) for b in NOT_UTF8)]
    empty = rt.run("""swan.request({url: '%s/text', responseType: 'arraybuffer',
        success: r => console.log(r.data instanceof ArrayBuffer, r.data.byteLength)});""" % echo.url)
    assert lines(empty) == ["true 0"]


# ------------------------------------------------------------------------------------------------
# abort, timeout, failures, limits
# ------------------------------------------------------------------------------------------------
ABORT = """{
const task = swan.request({url: '%s', %s
    success: () => console.log('success'), fail: e => console.log('fail', e.errCode, e.errMsg),
    complete: () => console.log('complete')});
%s
}"""


def test_abort_right_after_the_call_sends_nothing(make_runtime, echo) -> None:
    rt = make_runtime()
    seen = len(echo.received)
    result = rt.run(ABORT % (echo.url + "/echo", "method: 'POST', data: {a: 1},", "task.abort(); task.abort();"))
    assert lines(result) == ["fail 1001 request:fail abort", "complete"]
    assert result.tasks[0].events == ["fail", "complete"]
    time.sleep(0.1)
    assert echo.received[seen:] == []


def test_abort_mid_transfer_stops_the_response(make_runtime, server) -> None:
    rt = make_runtime()
    seen = len(server.requests)
    size = 4 * 1024 * 1024
    result = rt.run(ABORT % (f"{server.url}/slow?size={size}&chunk=65536&delay=0.02", "",
                             "task.onHeadersReceived(() => setTimeout(() => task.abort(), 100));"))
    assert result.errors == []
    assert lines(result) == ["fail 1001 request:fail abort", "complete"]
    assert result.tasks[0].events == ["headers", "fail", "complete"]
    [request] = server.requests[seen:]
    assert request.finished.wait(10)
    assert request.client_closed and 0 < request.body_bytes_sent < size


def test_abort_while_the_server_stalls_and_after_success(make_runtime, server) -> None:
    rt = make_runtime()
    started = time.monotonic()
    result = rt.run(ABORT % (f"{server.url}/stall?stall=3", "", "setTimeout(() => task.abort(), 100);"))
    assert lines(result) == ["fail 1001 request:fail abort", "complete"]
    assert time.monotonic() - started < 2
    done = rt.run("""const t = swan.request({url: '%s/x?size=2', success: () => console.log('success'),
        complete: () => { t.abort(); console.log('complete'); }});""" % server.url)
    assert lines(done) == ["success", "complete"]
    assert done.tasks[0].events == ["success", "complete"]


def test_timeout_from_network_timeouts(make_runtime, server) -> None:
    rt = make_runtime(network_timeouts={"request": 200})
    started = time.monotonic()
    result = rt.run(ABORT % (f"{server.url}/stall?stall=2", "", ""))
    assert lines(result) == ["fail 1001 request:fail timeout", "complete"]
    assert time.monotonic() - started < 1.5
    # a slow body counts too, and the other transfers keep their own timeout
    body = rt.run(ABORT % (f"{server.url}/slow?size=100000&chunk=10000&delay=0.05", "", ""))
    assert lines(body) == ["fail 1001 request:fail timeout", "complete"]
    down = rt.run("swan.downloadFile({url: '%s/d?size=10&stall=0.4', success: r => console.log(r.statusCode)})" % server.url)
    assert lines(down) == ["200"]


def test_network_timeouts_accepts_request_and_app_json_style_values() -> None:
    with SwanRuntime(network_timeouts={"request": 5, "uploadFile": 10}):
        pass


def test_connection_refused_is_1001(make_runtime) -> None:
    with EmbeddedServer() as closed:
        url = closed.url + "/gone"
    rt = make_runtime()
    result = rt.run(ABORT % (url, "", ""))
    assert lines(result) == ["fail 1001 request:fail connection refused", "complete"]


@pytest.mark.parametrize("path", ["/r?size=500000&chunk=50000&delay=0.01&reset=200000", "/l?size=300000&length=lie"])
def test_a_broken_response_is_1001_and_ends_once(make_runtime, server, path: str) -> None:
    result = make_runtime().run(ABORT % (server.url + path, "", ""))
    out = lines(result)
    assert len(out) == 2 and out[0].startswith("fail 1001 request:fail ") and out[1] == "complete", out
    assert result.tasks[0].events == ["fail", "complete"]


def test_domain_check_applies(make_runtime, server) -> None:
    rt = make_runtime(domains=["smartprogram.baidu.com"])
    result = rt.run(ABORT % (f"{server.url}/x", "", "") + ABORT % (
        "https://smartprogram.baidu.com/x?size=1", "dataType: 'string',", ""))
    assert lines(result) == ["fail 1001 request:fail url not in domain list", "complete", "success", "complete"]


def test_a_response_over_16mb_fails_with_a_clear_reason(make_runtime, server) -> None:
    rt = make_runtime()
    over = 16 * 1024 * 1024 + 1
    seen = len(server.requests)
    result = rt.run(ABORT % (f"{server.url}/big?size={over}&delay=0.2&chunk=65536", "", ""))
    assert lines(result) == ["fail 1001 request:fail exceed max response size (16 MB)", "complete"]
    request = server.requests[seen]
    assert request.finished.wait(10)
    assert request.body_bytes_sent < 1024 * 1024  # refused from Content-Length, before the body
    streamed = rt.run(ABORT % (f"{server.url}/big?size={over}&length=omit", "responseType: 'arraybuffer',", ""))
    assert lines(streamed) == ["fail 1001 request:fail exceed max response size (16 MB)", "complete"]
    exact = rt.run("swan.request({url: '%s/big?size=%d', responseType: 'arraybuffer', success: r => console.log(r.data.byteLength)})"
                   % (server.url, 16 * 1024 * 1024))
    assert lines(exact) == [str(16 * 1024 * 1024)]


def test_the_same_cap_applies_to_an_upload_reply() -> None:
    import httpx

    big = httpx.MockTransport(lambda request: httpx.Response(200, content=b"x" * (16 * 1024 * 1024 + 1)))
    with SwanRuntime(transport=big) as rt:
        result = rt.run("swan.uploadFile({url: 'https://a.example/u', filePath: '%s', name: 'f', "
                        "fail: e => console.log(e.errCode, e.errMsg)})" % rt.chosen_paths[0])
    assert lines(result) == ["1001 uploadFile:fail exceed max response size (16 MB)"]


def test_a_body_over_max_upload_mb_is_refused_before_sending(make_runtime, echo) -> None:
    rt = make_runtime(max_upload_mb=1)
    seen = len(echo.received)
    result = rt.run(ABORT % (echo.url + "/echo", "method: 'POST', data: new ArrayBuffer(1024 * 1024 + 1),", ""))
    assert lines(result) == ["fail 1001 request:fail exceed max file size", "complete"]
    assert echo.received[seen:] == []


def test_requests_and_downloads_share_one_concurrency_cap(make_runtime) -> None:
    rt = make_runtime(max_concurrency=3)
    with EmbeddedServer() as server:  # its own server: stalled handlers of other tests do not count
        result = rt.run("""
    let ok = 0;
    const done = () => { if (++ok === 12) console.log('all 12 ok'); };
    for (let i = 0; i < 6; i++) {
        swan.request({url: '%s/r' + i + '?size=40000&chunk=10000&delay=0.04', responseType: 'arraybuffer',
            success: r => r.data.byteLength === 40000 && done()});
        swan.downloadFile({url: '%s/d' + i + '?size=40000&chunk=10000&delay=0.04', success: done});
    }
    """ % (server.url, server.url))
        assert server.max_active == 3
    assert result.errors == []
    assert lines(result) == ["all 12 ok"]


# ------------------------------------------------------------------------------------------------
# parameter errors
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("{}", "request:fail parameter error: url is required"),
        ("{url: 5}", "request:fail parameter error: url must be a string, got number"),
        ("{url: 'ftp://a.example/x'}", 'request:fail parameter error: invalid url "ftp://a.example/x"'),
        ("{url: '/relative'}", 'request:fail parameter error: invalid url "/relative"'),
        ("{url: ''}", 'request:fail parameter error: invalid url ""'),
        ("{url: 'https://a.example', method: 'FETCH'}",
         'request:fail parameter error: method must be one of OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT, got "FETCH"'),
        ("{url: 'https://a.example', method: 1}", "request:fail parameter error: method must be a string, got number"),
        ("{url: 'https://a.example', header: 'x'}", "request:fail parameter error: header must be an object, got string"),
        ("{url: 'https://a.example', success: 5}", "request:fail parameter error: success must be a function"),
        ("{url: 'https://a.example', dataType: 1}", "request:fail parameter error: dataType must be a string, got number"),
        ("{url: 'https://a.example', responseType: {}}", "request:fail parameter error: responseType must be a string, got object"),
        ("{url: 'https://a.example', data: () => 1}",
         "request:fail parameter error: data must be an object, a string or an ArrayBuffer, got function"),
        ("{url: 'https://a.example', data: new ArrayBuffer(2)}",
         "request:fail parameter error: data cannot be an ArrayBuffer for a GET request"),
        ("{url: 'https://a.example', method: 'POST', data: (() => { const o = {}; o.o = o; return o; })()}", None),
    ],
)
def test_parameter_errors_fail_with_202_then_complete(args: str, message: str | None) -> None:
    with SwanRuntime() as rt:
        result = rt.run("""
        const a = %s;
        const t = swan.request(Object.assign(a, {fail: e => console.log(e.errCode, e.errMsg), complete: () => console.log('complete')}));
        console.log(typeof t.abort);
        """ % args)
    assert result.errors == []
    out = lines(result)
    assert out[0] == "function" and out[2] == "complete"
    if message is None:
        assert out[1].startswith("202 request:fail parameter error: TypeError"), out
    else:
        assert out[1] == f"202 {message}"
    assert result.tasks[0].events == ["fail", "complete"]


def test_a_server_that_redirects_without_end_fails_the_request_as_a_network_error() -> None:
    from bridge import EmbeddedServer, SwanRuntime
    from bridge.testing import Reply

    with EmbeddedServer() as server, SwanRuntime() as rt:
        server.route("GET", "/loop", lambda record: Reply(status=302, headers={"Location": "/loop"}))
        result = rt.run("""swan.request({url: '%s/loop', success: r => console.log('ok', r.statusCode),
            fail: e => console.log(e.errCode, e.errMsg), complete: () => console.log('complete')});""" % server.url)
    assert [m.text for m in result.console] == [
        "1001 request:fail too many redirects: Exceeded maximum allowed redirects.", "complete"]
