"""swan.downloadFile against a real loopback server: bytes, progress, statuses, failures."""

from __future__ import annotations

import json

import httpx
import pytest
from conftest import lines

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


def test_no_http_client_is_shared_between_worker_threads(make_runtime, server) -> None:
    """httpcore's sync pool is not safe across threads (encode/httpcore#1110): one client per worker."""
    import threading

    rt = make_runtime(max_concurrency=8)
    used: dict[int, set[int]] = {}
    original = rt._transfers._thread_client

    def spy():
        client = original()
        used.setdefault(id(client), set()).add(threading.get_ident())
        return client

    rt._transfers._thread_client = spy
    result = rt.run("for (let i = 0; i < 40; i++) swan.downloadFile({url: '%s/t?size=20000&chunk=5000&delay=0.005'})" % server.url)
    assert all(t.ok for t in result.tasks) and len(result.tasks) == 40
    assert len(used) > 1
    assert all(len(threads) == 1 for threads in used.values())


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


def test_the_first_progress_event_is_never_merged_away_when_the_loop_falls_behind() -> None:
    """A worker emits many events while the loop thread is busy: the loop then sees the first
    event with its own counts, one coalesced event for everything between, and the final 100."""
    from bridge._network._call import TransferCall
    from bridge._network._progress import Progress

    scheduled: list[tuple[object, tuple[object, ...]]] = []
    delivered: list[tuple[int, int | None]] = []

    class BusyLoop:  # what Progress needs of its host (Transfers); callbacks run only when we say
        def call_in_loop(self, fn, *args):
            scheduled.append((fn, args))

        def wants(self, call_id, *, hook=False):
            return True

        def deliver(self, event, info=None):
            delivered.append((event["done"], event["total"]))

    progress = Progress(TransferCall(1, "downloadFile", {"url": "u"}), BusyLoop(), interval=0)  # type: ignore[arg-type]
    progress.total = None  # unknown size: an event every 256 KiB
    for chunk in range(1, 6):
        progress.update(chunk * 256 * 1024)
    progress.finish(5 * 256 * 1024 + 10)
    for fn, args in scheduled:
        fn(*args)
    assert delivered == [(256 * 1024, None), (5 * 256 * 1024, None), (5 * 256 * 1024 + 10, 5 * 256 * 1024 + 10)]


def test_with_no_interval_every_percent_reaches_a_loop_that_keeps_up() -> None:
    from bridge._network._call import TransferCall
    from bridge._network._progress import Progress

    delivered: list[int] = []

    class PromptLoop:  # callbacks run at once: the loop never falls behind
        def call_in_loop(self, fn, *args):
            fn(*args)

        def wants(self, call_id, *, hook=False):
            return True

        def deliver(self, event, info=None):
            delivered.append(event["percent"])

    progress = Progress(TransferCall(1, "downloadFile", {"url": "u"}), PromptLoop(), interval=0)  # type: ignore[arg-type]
    progress.total = 1000
    for done in range(0, 1001, 5):
        progress.update(done)
    progress.finish(1000)
    assert delivered == list(range(0, 101))


@pytest.mark.parametrize("total", [7, 333, 1000, 65_537])
def test_with_no_interval_each_new_percent_is_sent_once_at_the_first_count_that_reaches_it(total: int) -> None:
    from bridge._network._call import TransferCall
    from bridge._network._progress import Progress

    delivered: list[tuple[int, int]] = []

    class PromptLoop:
        def call_in_loop(self, fn, *args):
            fn(*args)

        def wants(self, call_id, *, hook=False):
            return True

        def deliver(self, event, info=None):
            delivered.append((event["done"], event["percent"]))

    progress = Progress(TransferCall(1, "downloadFile", {"url": "u"}), PromptLoop(), interval=0)  # type: ignore[arg-type]
    progress.total = total
    for done in range(total + 1):
        progress.update(done)
    progress.finish(total)
    expected, seen = [], set()
    for done in range(total + 1):  # the first count of each percent, by the protocol's own rule
        if (p := done * 100 // total) not in seen:
            seen.add(p)
            expected.append((done, p))
    assert delivered == expected


def test_a_burst_of_worker_hand_offs_wakes_the_loop_once_and_runs_them_in_order() -> None:
    """Each wake-up makes the loop and the worker trade the GIL; a burst shares one."""
    import asyncio
    import threading

    from bridge._network._transfers import Transfers

    transfers = Transfers.__new__(Transfers)
    Transfers.__init__(transfers, post=lambda m: None, client=None, sandbox=None, router=None, settings=None)  # type: ignore[arg-type]
    ran: list[int] = []
    wakes = 0

    async def main() -> None:
        nonlocal wakes
        loop = asyncio.get_running_loop()
        transfers._loop = loop
        original = loop.call_soon_threadsafe

        def counting(*args):
            nonlocal wakes
            wakes += 1
            return original(*args)

        loop.call_soon_threadsafe = counting  # type: ignore[method-assign]
        worker = threading.Thread(target=lambda: [transfers.call_in_loop(ran.append, i) for i in range(100)])
        worker.start()
        worker.join()  # the loop is "busy" (blocked here) for the whole burst
        await asyncio.sleep(0)
        transfers.call_in_loop(ran.append, 100)  # after the burst has run: a new wake
        await asyncio.sleep(0)

    asyncio.run(main())
    assert ran == list(range(101))
    assert wakes == 2


def test_a_hand_off_that_raises_is_reported_and_the_rest_still_run() -> None:
    import asyncio

    from bridge._network._transfers import Transfers

    transfers = Transfers.__new__(Transfers)
    Transfers.__init__(transfers, post=lambda m: None, client=None, sandbox=None, router=None, settings=None)  # type: ignore[arg-type]
    ran: list[str] = []
    reported: list[BaseException] = []

    def boom() -> None:
        raise ValueError("boom")

    async def main() -> None:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _loop, context: reported.append(context["exception"]))
        transfers._loop = loop
        transfers.call_in_loop(ran.append, "a")
        transfers.call_in_loop(boom)
        transfers.call_in_loop(ran.append, "b")
        await asyncio.sleep(0)

    asyncio.run(main())
    assert ran == ["a", "b"]
    assert [str(e) for e in reported] == ["boom"]


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


@pytest.mark.parametrize("sizes", [
    [65536] * 4,                                   # already aligned: written as they come
    [65503] + [65536] * 5 + [33],                  # shifted by a 33-byte header
    [1, 2, 3, 70000, 131072, 5, 65535, 65537, 9],  # anything
    [10],
    [],
])
def test_a_download_is_written_in_whole_aligned_blocks_and_nothing_is_lost(sizes: list[int]) -> None:
    import os

    from bridge._network._transfers import BlockWriter

    class Recorder:
        def __init__(self) -> None:
            self.writes: list[bytes] = []

        def write(self, data) -> int:
            self.writes.append(bytes(data))
            return len(data)

    chunks = [os.urandom(n) for n in sizes]
    file = Recorder()
    writer = BlockWriter(file)  # type: ignore[arg-type]
    for chunk in chunks:
        writer.write(chunk)
    writer.flush()
    assert b"".join(file.writes) == b"".join(chunks)
    offsets = [sum(map(len, file.writes[:i])) for i in range(len(file.writes))]
    assert all(offset % 65536 == 0 for offset in offsets)
    assert all(len(w) % 65536 == 0 for w in file.writes[:-1])
    if sizes == [65536] * 4:
        assert [len(w) for w in file.writes] == sizes


LISTENER_FROM_HEADERS = """
const progress = [];
const task = swan.downloadFile({
    url: '%s',
    success: () => console.log(JSON.stringify(progress)),
    fail: err => console.log(JSON.stringify(err)),
});
task.onHeadersReceived(() => task.onProgressUpdate(p => progress.push(p.progress)));
"""


@pytest.mark.parametrize(("query", "expected"), [
    ("size=1000", [100]),
    ("size=200000&chunk=10000&delay=0.005", list(range(5, 101, 5))),
])
def test_a_progress_listener_added_by_onheadersreceived_gets_every_event_after_the_headers(make_runtime, server, query, expected) -> None:
    """The headers come before any progress event, so a listener the headers callback adds sees
    them all from the first (as on a phone). Ten runs: a host that decided too early missed the
    first events half the time. (Events in between may be merged when the loop thread falls
    behind, by design; the first and the last never are.)"""
    for _ in range(10):
        rt = make_runtime(progress_interval=0)
        got = json.loads(lines(rt.run(LISTENER_FROM_HEADERS % f"{server.url}/hp?{query}"))[0])
        assert got[0] == expected[0] and got[-1] == 100, got
        assert got == sorted(set(got)) and set(got) <= set(expected), got


def test_a_hand_off_interrupted_by_ctrl_c_leaves_the_rest_for_the_next_run() -> None:
    import asyncio

    from bridge._network._transfers import Transfers

    transfers = Transfers.__new__(Transfers)
    Transfers.__init__(transfers, post=lambda m: None, client=None, sandbox=None, router=None, settings=None)  # type: ignore[arg-type]
    ran: list[str] = []

    def interrupt() -> None:
        raise KeyboardInterrupt

    loop = asyncio.new_event_loop()
    transfers._loop = loop
    for fn, args in ((ran.append, ("a",)), (interrupt, ()), (ran.append, ("b",)), (ran.append, ("c",))):
        transfers.call_in_loop(fn, *args)
    with pytest.raises(KeyboardInterrupt):
        loop.run_until_complete(asyncio.sleep(0.01))
    assert ran == ["a"]
    loop.run_until_complete(asyncio.sleep(0.01))  # the script's next run
    loop.close()
    assert ran == ["a", "b", "c"]
