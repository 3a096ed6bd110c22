"""Fault injection against a real loopback server: each transfer ends once, and nothing leaks."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from bridge import EmbeddedServer, SwanRuntime
from bridge.testing import pending_tasks, transfers_in_flight

from support import lines

SCRIPT = """swan.%s({url: '%s', ...(%s ? {filePath: 'bdfile://tmp_chosen_0.png', name: 'f'} : {}),
    success: r => console.log('success', r.statusCode), fail: e => console.log('fail', e.errCode, e.errMsg),
    complete: () => console.log('complete')});"""


@pytest.fixture(scope="module")
def refused_url() -> str:
    with EmbeddedServer() as closed:
        return closed.url + "/gone"


FAULTS = {
    "refused": (None, "fail 1001 {api}:fail connection refused"),
    "reset mid-body": ("/r?size=500000&chunk=50000&delay=0.01&reset=200000", "fail 1001 {api}:fail "),
    "content-length larger than body": ("/l?size=300000&length=lie", "fail 1001 {api}:fail connection closed by server"),
    "slower than the timeout": ("/s?stall=1.5", "fail 1001 {api}:fail timeout"),
    "500": ("/e?status=500&size=100", "success 500"),
}


@pytest.mark.parametrize("api", ["downloadFile", "uploadFile"])
@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_fault_ends_in_exactly_one_terminal_callback_and_complete(server, refused_url, api: str, fault: str) -> None:
    path, expected = FAULTS[fault]
    if api == "uploadFile" and fault in ("reset mid-body", "content-length larger than body"):
        path = "/u?stall=0&status=200"  # upload replies are small; these faults apply to response bodies
        expected = "success 200"
    url = refused_url if path is None else server.url + path
    with SwanRuntime(network_timeouts={api: 500}, timeout=30) as rt:
        result = rt.run(SCRIPT % (api, url, "true" if api == "uploadFile" else "false"))
        out = lines(result)
        assert len(out) == 2 and out[1] == "complete", out
        assert out[0].startswith(expected.format(api=api)), out
        assert [e for e in result.tasks[0].events if e in ("success", "fail", "complete")] == [
            "success" if out[0].startswith("success") else "fail", "complete"]
        leftovers = [p for p in rt.temp_directory.iterdir() if not out[0].startswith("success")]
        assert leftovers == []


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else len(os.listdir("/dev/fd"))


def settle(server: EmbeddedServer) -> None:
    """The server shares this process: wait until its handlers (and their sockets) are done."""
    for request in list(server.requests):
        assert request.finished.wait(10)
    deadline = time.monotonic() + 5
    while server.active and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)


def test_200_failing_transfers_leave_no_open_files_or_tasks(server, refused_url) -> None:
    urls = [refused_url, server.url + "/l?size=20000&length=lie", server.url + "/r?size=20000&reset=5000",
            server.url + "/s?stall=0.3"]
    script = """{ const urls = %s; let done = 0;
    for (let i = 0; i < 200; i++) swan.downloadFile({url: urls[i %% urls.length],
        success: () => console.log('unexpected success'), complete: () => { if (++done === 200) console.log('200 done'); }}); }"""
    with SwanRuntime(network_timeouts={"downloadFile": 100}, max_concurrency=20, timeout=60) as rt:
        rt.run(script % repr(urls))  # warm up: the client, its pool and the loop exist from here on
        settle(server)
        before = open_fds()
        result = rt.run(script % repr(urls))
        settle(server)
        assert lines(result) == ["200 done"]
        assert all(t.ok is False for t in result.tasks)
        assert not transfers_in_flight(rt)
        assert pending_tasks(rt) == []
        assert list(rt.temp_directory.iterdir()) == []
        assert open_fds() <= before


def test_closing_a_runtime_with_transfers_in_flight_cancels_them_and_removes_files(server, tmp_path) -> None:
    seen = len(server.requests)

    async def scenario() -> None:
        rt = SwanRuntime(temp_dir=tmp_path)
        run = asyncio.ensure_future(rt.arun(
            "swan.downloadFile({url: '%s/slow?size=2000000&chunk=20000&delay=0.05'})" % server.url))
        while not any(p.name.endswith(".part") for p in rt.temp_directory.iterdir()):
            await asyncio.sleep(0.02)
        run.cancel()
        await rt.aclose()

    asyncio.run(scenario())
    assert list(tmp_path.iterdir()) == []
    request = server.requests[seen]
    assert request.finished.wait(10) and request.client_closed
