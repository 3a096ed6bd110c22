"""Network rules: size limits, timeouts, headers, concurrency, the domain check and platform codes."""

from __future__ import annotations

import json

import pytest

from support import lines

DOWNLOAD = """swan.downloadFile({url: '%s', %s
    success: r => console.log('success', r.statusCode),
    fail: e => console.log('fail', e.errCode, e.errMsg), complete: () => console.log('complete')});"""


def test_download_over_10mb_fails_from_content_length_before_reading(make_runtime, server) -> None:
    rt = make_runtime()
    seen = len(server.requests)
    result = rt.run(DOWNLOAD % (f"{server.url}/big?size={10 * 1024 * 1024 + 1}&delay=0.2&chunk=65536", ""))
    assert lines(result) == ["fail 1001 downloadFile:fail exceed max file size", "complete"]
    assert list(rt.temp_directory.iterdir()) == []
    request = server.requests[seen]
    assert request.finished.wait(10)
    assert request.body_bytes_sent < 1024 * 1024  # refused before the body was read


def test_download_over_the_limit_without_content_length_fails_while_streaming(make_runtime, server) -> None:
    rt = make_runtime(max_download_mb=1)
    result = rt.run(DOWNLOAD % (f"{server.url}/big?size={2 * 1024 * 1024}&length=omit", ""))
    assert lines(result) == ["fail 1001 downloadFile:fail exceed max file size", "complete"]
    assert list(rt.temp_directory.iterdir()) == []


def test_exactly_10mb_is_allowed_and_the_limit_is_configurable(make_runtime, server) -> None:
    ten = 10 * 1024 * 1024
    assert lines(make_runtime().run(DOWNLOAD % (f"{server.url}/f?size={ten}", ""))) == ["success 200", "complete"]
    assert lines(make_runtime(max_download_mb=0.5).run(DOWNLOAD % (f"{server.url}/f?size=600000", ""))) == [
        "fail 1001 downloadFile:fail exceed max file size", "complete"]


def test_upload_over_25mb_fails_before_anything_is_sent(make_runtime, server, random_file) -> None:
    big = random_file(25 * 1024 * 1024 + 1, "big.bin")
    rt = make_runtime(choose_images=[big])
    seen = len(server.requests)
    result = rt.run("""swan.uploadFile({url: '%s/u', filePath: '%s', name: 'f',
        fail: e => console.log(e.errCode, e.errMsg)});""" % (server.url, rt.chosen_paths[0]))
    assert lines(result) == ["1001 uploadFile:fail exceed max file size"]
    assert server.requests[seen:] == []
    small = make_runtime(choose_images=[random_file(2 * 1024 * 1024, "two.bin")], max_upload_mb=1)
    out = small.run("swan.uploadFile({url: '%s/u', filePath: 'bdfile://tmp_chosen_0.bin', name: 'f', fail: e => console.log(e.errMsg)})" % server.url)
    assert lines(out) == ["uploadFile:fail exceed max file size"]


def test_per_api_timeout(make_runtime, server) -> None:
    rt = make_runtime(network_timeouts={"downloadFile": 300})
    result = rt.run(DOWNLOAD % (f"{server.url}/slow?stall=2", ""))
    assert lines(result) == ["fail 1001 downloadFile:fail timeout", "complete"]
    # uploadFile keeps its own (default) timeout
    up = rt.run("swan.uploadFile({url: '%s/u?delay=0.5', filePath: '%s', name: 'f', success: r => console.log(r.statusCode)})"
                % (server.url, rt.chosen_paths[0]))
    assert lines(up) == ["200"]


def test_timeouts_are_validated() -> None:
    from bridge import SwanRuntime

    with pytest.raises(ValueError, match="per API"):
        SwanRuntime(network_timeouts={"fetchMagic": 5})


def test_referer_and_user_agent_from_the_script_are_dropped_with_a_warning(make_runtime, server) -> None:
    rt = make_runtime(app_key="myAppKey", app_version="1.2.3")
    seen = len(server.requests)
    result = rt.run(DOWNLOAD % (f"{server.url}/h?size=1", "header: {Referer: 'https://evil.example', 'user-agent': 'me', 'X-Ok': 'yes'},"))
    assert [(m.level, m.text) for m in result.console] == [
        ("warn", 'downloadFile: header "Referer" cannot be set by a mini program and was dropped'),
        ("warn", 'downloadFile: header "user-agent" cannot be set by a mini program and was dropped'),
        ("log", "success 200"), ("log", "complete"),
    ]
    headers = server.requests[seen].headers
    assert headers["Referer"] == "https://smartapps.cn/myAppKey/1.2.3/page-frame.html"
    assert headers["X-Ok"] == "yes"
    assert "me" not in headers.get("User-Agent", "")


def test_default_referer(make_runtime, server) -> None:
    seen = len(server.requests)
    make_runtime().run(DOWNLOAD % (f"{server.url}/h?size=1", ""))
    assert server.requests[seen].headers["Referer"] == "https://smartapps.cn/swan-bridge/devtools/page-frame.html"


@pytest.mark.parametrize("limit", [1, 3, 10])
def test_concurrency_cap_queues_transfers_and_none_fail(limit: int) -> None:
    """At most `limit` transfers are in flight, and the cap is reached: the first `limit` requests
    are answered only once all of them have arrived together (a barrier, not a timing), so fewer
    in flight would fail them and more would show in max_active."""
    import threading

    from bridge import EmbeddedServer, SwanRuntime
    from bridge.testing import Reply

    arrived = []
    together = threading.Barrier(limit, timeout=20)

    def answer(record: object) -> Reply:
        arrived.append(1)
        if len(arrived) <= limit:
            together.wait()  # BrokenBarrierError (a failed request) unless `limit` are in flight
        return Reply(body=b"x" * 20000)

    with EmbeddedServer() as server, SwanRuntime(max_concurrency=limit) as rt:  # a server no other test uses
        server.route("GET", "/c", answer)
        result = rt.run("""
        let ok = 0;
        for (let i = 0; i < 12; i++) swan.downloadFile({url: '%s/c',
            success: () => ok++, complete: () => { if (ok === 12) console.log('all 12 ok'); }});
        """ % server.url)
        assert lines(result) == ["all 12 ok"]
        assert server.max_active == limit


def test_transfer_threads_start_as_calls_need_them_and_end_with_their_runtime(server) -> None:
    """One thread while calls come one at a time; no more than the cap for twelve at once; none
    once the runtime is closed, or once a runtime nobody closed is freed. (Threads are told
    apart from other tests' by being new.)"""
    import gc
    import threading
    import time

    from bridge import SwanRuntime

    before = set(threading.enumerate())

    def new_transfer_threads() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t not in before and t.name.startswith("swan-bridge-transfer")]

    rt = SwanRuntime(max_concurrency=4)
    one_after_another = """(function next(i) { if (i < 3) swan.request({url: '%s/s' + i, complete: () => next(i + 1)}); })(0);"""
    rt.run(one_after_another % server.url).raise_for_errors()
    assert len(new_transfer_threads()) == 1
    rt.run("for (let i = 0; i < 12; i++) swan.request({url: '%s/p?delay=0.05'});" % server.url).raise_for_errors()
    assert 1 < len(new_transfer_threads()) <= 4
    rt.close()
    assert new_transfer_threads() == []  # close() waits for them
    rt = SwanRuntime()
    rt.run("swan.request({url: '%s/x'});" % server.url).raise_for_errors()
    assert len(new_transfer_threads()) == 1
    del rt
    deadline = time.monotonic() + 5
    while new_transfer_threads() and time.monotonic() < deadline:
        gc.collect()  # (a worker may still hold its last call's hand-back for a moment)
        time.sleep(0.01)
    assert new_transfer_threads() == []


DOMAIN_CASES = [
    ("https://smartprogram.baidu.com/xxx", True),
    ("https://SmartProgram.Baidu.com/xxx?q=1", True),
    ("https://api.example.com/x", True),
    ("http://smartprogram.baidu.com/xxx", False),  # not https
    ("https://smartprogram.baidu.com:8443/xxx", False),  # a port
    ("https://127.0.0.1/x", False),  # an IP
    ("https://[::1]/x", False),
    ("https://localhost/x", False),
    ("https://user@smartprogram.baidu.com/x", False),
    ("https://other.example/x", False),
    ("https://evil.smartprogram.baidu.com/x", False),  # only the listed host
]


def test_domain_check_uses_the_url_as_written_before_routing(make_runtime, server) -> None:
    rt = make_runtime(domains=["smartprogram.baidu.com", "api.example.com"], route_all_to=server.url)
    script = "const urls = %s; urls.forEach(u => swan.downloadFile({url: u, success: r => console.log('ok', u), fail: e => console.log('fail', u, e.errCode, e.errMsg)}));"
    result = rt.run(script % json.dumps([u for u, _ in DOMAIN_CASES]))
    outcome = {line.split(" ")[1]: line for line in lines(result)}
    for url, allowed in DOMAIN_CASES:
        if allowed:
            assert outcome[url] == f"ok {url}"
        else:
            assert outcome[url] == f"fail {url} 1001 downloadFile:fail url not in domain list"


def test_domain_check_is_off_by_default(make_runtime, server) -> None:
    result = make_runtime().run(DOWNLOAD % (f"{server.url}/x?size=1", ""))  # an http IP URL with a port
    assert lines(result) == ["success 200", "complete"]


def test_ios_profile_refuses_downloads_of_unknown_size_with_1002(make_runtime, server) -> None:
    url = f"{server.url}/x?size=1000&length=omit"
    assert lines(make_runtime(platform="ios").run(DOWNLOAD % (url, ""))) == [
        "fail 1002 downloadFile:fail unable to determine file size", "complete"]
    assert lines(make_runtime().run(DOWNLOAD % (url, ""))) == ["success 200", "complete"]
    assert lines(make_runtime(platform="ios").run(DOWNLOAD % (f"{server.url}/x?size=11000000", ""))) == [
        "fail 1001 downloadFile:fail exceed max file size", "complete"]


def test_upload_json_hands_the_response_over_parsed(make_runtime, server) -> None:
    script = """swan.uploadFile({url: '%s/u', filePath: 'bdfile://tmp_chosen_0.png', name: 'f', formData: {k: 'v'},
        success: r => console.log(typeof r.data, typeof r.data === 'object' ? r.data.fields.k : r.data.length > 0)});"""
    assert lines(make_runtime().run(script % server.url)) == ["string true"]
    assert lines(make_runtime(upload_json=True).run(script % server.url)) == ["object v"]


def test_time_spent_queued_behind_the_concurrency_cap_does_not_count_toward_the_timeout(make_runtime, server) -> None:
    rt = make_runtime(max_concurrency=1, network_timeouts={"downloadFile": 500})
    result = rt.run("""
    swan.downloadFile({url: '%s/a?size=4000&chunk=1000&delay=0.13', success: r => console.log('first', r.statusCode), fail: e => console.log('first', e.errMsg)});
    swan.downloadFile({url: '%s/b?size=2000&chunk=1000&delay=0.2', success: r => console.log('second', r.statusCode), fail: e => console.log('second', e.errMsg)});
    """ % (server.url, server.url))
    assert lines(result) == ["first 200", "second 200"]
