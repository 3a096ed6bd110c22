"""swan.downloadFile against a real loopback server: bytes, progress, statuses, failures."""

from __future__ import annotations

import json

import httpx
import pytest
from support import lines

from bridge import EmbeddedServer, SwanRuntime, expected_body

PROGRESS_SCRIPT = """
const events = [];
const task = swan.downloadFile({
    url: '%s',
    success: res => console.log(JSON.stringify({ok: res, events})),
    fail: err => console.log(JSON.stringify({fail: err, events})),
});
task.onProgressUpdate(p => events.push(p));
"""


def run_json(rt, script: str) -> dict:
    result = rt.run(script)
    assert result.errors == []
    [line] = lines(result)
    return json.loads(line)


def test_sliced_5mb_download_reports_integer_non_decreasing_progress_ending_at_100(make_runtime, server) -> None:
    size = 5 * 1024 * 1024
    rt = make_runtime()
    out = run_json(rt, PROGRESS_SCRIPT % f"{server.url}/big.bin?size={size}&chunk=262144&delay=0.01")
    events = out["events"]
    assert len(events) >= 2
    percents = [e["progress"] for e in events]
    assert all(isinstance(p, int) for p in percents)
    assert percents == sorted(percents)
    written = [e["totalBytesWritten"] for e in events]
    assert written == sorted(written)
    assert events[-1] == {"progress": 100, "totalBytesWritten": size, "totalBytesExpectedToWrite": size}
    assert out["ok"]["statusCode"] == 200 and out["ok"]["errMsg"] == "downloadFile:ok"
    assert rt.host_path(out["ok"]["tempFilePath"]).read_bytes() == expected_body(size)
    assert out["ok"]["tempFilePath"].endswith(".bin")


@pytest.mark.parametrize("status", [404, 500])
def test_http_error_statuses_reach_success(make_runtime, server, status: int) -> None:
    rt = make_runtime()
    out = run_json(rt, PROGRESS_SCRIPT % f"{server.url}/missing?status={status}&size=10")
    assert out["ok"]["statusCode"] == status
    assert rt.host_path(out["ok"]["tempFilePath"]).read_bytes() == expected_body(10)


def test_fifty_concurrent_downloads_get_their_own_bytes_and_paths(make_runtime, server) -> None:
    rt = make_runtime()
    script = """
    const sizes = %s, paths = {};
    let left = sizes.length;
    sizes.forEach(size => swan.downloadFile({
        url: '%s/f?size=' + size,
        success: res => { paths[size] = res.tempFilePath; },
        complete: () => { if (--left === 0) console.log(JSON.stringify(paths)); },
    }));
    """
    sizes = [1000 + 977 * i for i in range(50)]
    result = rt.run(script % (json.dumps(sizes), server.url))
    assert result.errors == []
    paths = json.loads(lines(result)[0])
    assert len(paths) == 50 and len(set(paths.values())) == 50
    for size in sizes:
        assert rt.host_path(paths[str(size)]).read_bytes() == expected_body(size)
    assert [t.events[-2:] for t in result.tasks] == [["success", "complete"]] * 50


def test_headers_arrive_before_success_with_repeated_values_joined() -> None:
    from bridge import SwanRuntime

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=[("X-Tag", "a"), ("x-tag", "b"), ("Content-Type", "image/png")], content=b"png")

    script = """
    const t = swan.downloadFile({url: 'https://example.com/p', success: r => console.log('success', r.tempFilePath)});
    t.onHeadersReceived(r => console.log('headers', r.header['X-Tag'], r.header['Content-Type']));
    """
    with SwanRuntime(transport=httpx.MockTransport(handler)) as rt:
        result = rt.run(script)
        assert lines(result)[0] == "headers a,b image/png"
        assert lines(result)[1].startswith("success bdfile://tmp_") and lines(result)[1].endswith(".png")
        assert result.tasks[0].events == ["headers", "success", "complete"]


@pytest.mark.parametrize(
    ("query", "ext"),
    [("name=report.pdf&type=image/png", ".pdf"), ("type=image/png", ".png"), ("", ".zip")],
)
def test_temp_file_extension_from_disposition_then_type_then_url(make_runtime, server, query: str, ext: str) -> None:
    out = run_json(make_runtime(), PROGRESS_SCRIPT % f"{server.url}/archive.zip?size=5&{query}")
    assert out["ok"]["tempFilePath"].endswith(ext)


def test_refused_connection_fails_with_errcode_and_readable_message(make_runtime) -> None:
    with EmbeddedServer() as closed:
        url = closed.url
    rt = make_runtime()
    out = run_json(rt, PROGRESS_SCRIPT % f"{url}/x")
    assert out["fail"] == {"errCode": 1001, "errMsg": "downloadFile:fail connection refused"}
    assert list(rt.temp_directory.iterdir()) == []


def test_body_shorter_than_content_length_fails_and_leaves_no_file(make_runtime, server) -> None:
    rt = make_runtime()
    out = run_json(rt, PROGRESS_SCRIPT % f"{server.url}/x?size=100000&length=lie")
    assert out["fail"]["errCode"] == 1001
    assert out["fail"]["errMsg"].startswith("downloadFile:fail connection closed by server")
    assert list(rt.temp_directory.iterdir()) == []


def test_download_without_content_length_reports_unknown_total_then_100(make_runtime, server) -> None:
    out = run_json(make_runtime(), PROGRESS_SCRIPT % f"{server.url}/x?size=700000&length=omit")
    events = out["events"]
    assert events[0]["totalBytesExpectedToWrite"] == -1 and events[0]["progress"] == 0
    assert events[-1] == {"progress": 100, "totalBytesWritten": 700000, "totalBytesExpectedToWrite": 700000}




# With interval 0 each of the 80 chunks crosses a percent; events that arrive while the loop
# thread is behind are coalesced by design (see the next test), so only a floor is certain.
@pytest.mark.parametrize(("interval", "check"), [(0, lambda n: n >= 20), (10, lambda n: n == 2)])
def test_progress_interval_throttles_events_but_keeps_the_first_and_the_final_100(make_runtime, server, interval, check) -> None:
    rt = make_runtime(progress_interval=interval)
    out = run_json(rt, PROGRESS_SCRIPT % f"{server.url}/p?size=5242880&chunk=65536&delay=0.002")
    events = out["events"]
    assert check(len(events)), len(events)
    percents = [e["progress"] for e in events]
    assert percents == sorted(set(percents))  # at most one event per percent, never decreasing
    assert events[-1] == {"progress": 100, "totalBytesWritten": 5242880, "totalBytesExpectedToWrite": 5242880}












LATE_LISTENERS = """
const progress = [], headers = [], early = [];
const task = swan.downloadFile({
    url: '%s',
    success: () => console.log(JSON.stringify({progress, headers, early})),
    fail: err => console.log(JSON.stringify({fail: err})),
});
task.onHeadersReceived(h => early.push(Object.keys(h.header).length > 0));
setTimeout(() => {  // the headers have come and gone; the body is still arriving
    task.onProgressUpdate(p => progress.push(p.totalBytesWritten));
    task.onHeadersReceived(h => headers.push(h));
}, 150);
"""


def test_listeners_added_later_get_the_events_that_come_after_them(make_runtime, server) -> None:
    """The host sends headers and progress events only once the task has a listener (op
    "listen"); a listener added in a later turn still gets every event that follows."""
    out = run_json(make_runtime(progress_interval=0), LATE_LISTENERS % f"{server.url}/late?size=200000&chunk=10000&delay=0.02")
    assert out["early"] == [True]
    assert out["headers"] == []
    progress = out["progress"]
    assert len(progress) >= 3, progress
    assert 0 < progress[0] < 200000 and progress[-1] == 200000
    assert progress == sorted(progress)


def test_the_progress_hook_sees_every_transfer_whether_or_not_the_script_listens(server) -> None:
    seen: list[tuple[int, int | None, bool]] = []
    with SwanRuntime(on_progress=lambda p: seen.append((p.done, p.total, p.finished))) as rt:
        result = rt.run("swan.downloadFile({url: '%s/h?size=300000&chunk=100000&delay=0.01'})" % server.url)
    assert [t.ok for t in result.tasks] == [True]
    assert seen[0][0] > 0 and seen[0][1] == 300000 and not seen[0][2]
    assert seen[-2] == (300000, 300000, False) and seen[-1][2] is True


@pytest.mark.parametrize("encoding", ["gzip", "identity", None])
def test_a_download_is_saved_as_the_client_decodes_it(make_runtime, server, encoding) -> None:
    """Content-Encoding gzip is undone (as OkHttp does for the gzip it asked for); identity or
    none is written as it came."""
    import gzip

    from bridge.testing import Reply

    body = expected_body(50_000)
    headers = {"Content-Type": "application/octet-stream"}
    if encoding is not None:
        headers["Content-Encoding"] = encoding
    server.route("GET", f"/enc-{encoding}.bin", Reply(body=gzip.compress(body) if encoding == "gzip" else body, headers=headers))
    rt = make_runtime()
    result = rt.run("swan.downloadFile({url: '%s/enc-%s.bin', success: r => console.log(r.tempFilePath)})" % (server.url, encoding))
    [path] = lines(result)
    assert rt.host_path(path).read_bytes() == body




LISTENER_FROM_HEADERS = """
const progress = [];
const task = swan.downloadFile({
    url: '%s',
    success: () => console.log(JSON.stringify(progress)),
    fail: err => console.log(JSON.stringify(err)),
});
task.onHeadersReceived(() => task.onProgressUpdate(p => progress.push(p.progress)));
"""


@pytest.mark.parametrize(("query", "first_at_most"), [
    ("size=1000", 100),
    ("size=20000&chunk=10000&delay=0.2", 50),
])
def test_a_progress_listener_added_by_onheadersreceived_gets_every_event_after_the_headers(make_runtime, server, query, first_at_most) -> None:
    """The headers come before any progress event, so a listener the headers callback adds sees
    every event, from the first: here the first half of the body arrives with the headers and the
    second 0.2 s later, so the first event the listener sees is at most 50 percent. Ten runs: a
    host that decided too early missed the first events half the time. (The percents in between
    depend on how the bytes are read; the last is always 100.)"""
    for _ in range(10):
        rt = make_runtime(progress_interval=0)
        got = json.loads(lines(rt.run(LISTENER_FROM_HEADERS % f"{server.url}/hp?{query}"))[0])
        assert got[0] <= first_at_most and got[-1] == 100 and got == sorted(set(got)), got


