"""Transfers and sockets from the inside: what no script can show, tested on the internal objects.

Why inside: these behaviours are about threads and wake-ups (which worker's client, how many
times the loop is woken, which thread writes a frame, how a download lands on disk in blocks).
A script sees only their outcome, which the tests in tests/network/ check through the public API.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx
import pytest
from support import lines

from bridge import SwanRuntime
from bridge.testing import (
    run_until,
    socket_events,
)


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


def test_abort_after_the_transfer_finished_but_before_js_saw_it_removes_the_file(tmp_path) -> None:
    """The race where Python has finished a download but JS aborts before the end event reaches it."""
    import asyncio

    from bridge._files._sandbox import Sandbox
    from bridge._network._routing import Router
    from bridge._network._transfers import Transfers, TransferSettings

    async def scenario() -> tuple[list[dict], bool, bool]:
        posted: list[dict] = []
        sandbox = Sandbox(tmp_path)
        client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=b"data")))
        transfers = Transfers(post=posted.append, client=lambda: client, sandbox=sandbox, router=Router(),
                              settings=TransferSettings())
        transfers.start(1, "downloadFile", {"url": "https://example.com/f.txt"})
        while transfers.busy:
            await asyncio.sleep(0.01)
        end = posted[-1]
        path = sandbox.directory / end["result"]["tempFilePath"].removeprefix("bdfile://")
        existed = path.exists()
        transfers.abort(1)  # JS aborted before it saw `end`
        transfers.close()
        client.close()
        return posted, existed, path.exists()

    posted, existed_before, exists_after = asyncio.run(scenario())
    assert posted[-1]["ok"] is True
    assert existed_before and not exists_after


@pytest.fixture
def make(make_socket_runtime: Callable[..., SwanRuntime]) -> Callable[..., SwanRuntime]:
    return make_socket_runtime


def closed(rt: SwanRuntime, count: int = 1) -> Callable[[], bool]:
    return lambda: sum(e["event"] == "close" for e in socket_events(rt)) >= count


def test_small_frames_are_written_by_the_loop_thread_and_the_others_by_the_writer(
        make: Callable[..., SwanRuntime], monkeypatch: pytest.MonkeyPatch) -> None:
    from bridge._network._sockets import Sockets

    writers: list[tuple[int, str]] = []
    write = Sockets._write

    def spy(self: Sockets, sock: object, ws: object, data: str | bytes) -> None:
        writers.append((len(data.encode() if isinstance(data, str) else data), threading.current_thread().name))
        write(self, sock, ws, data)  # type: ignore[arg-type]

    monkeypatch.setattr(Sockets, "_write", spy)
    rt = make()
    rt.run("""
    var t = connect('wss://chat.example.com/ws'), n = 0;
    t.onOpen(function () { t.send({data: 'small'}); });
    t.onMessage(function () {
      n++;
      if (n === 1) t.send({data: '字'.repeat(400)});  // 400 characters, 1,200 bytes
      // The writer counts a frame written just after writing it, so the echo can come back
      // before it has: the small frame waits until the writer is surely done.
      else if (n === 2) setTimeout(function () { t.send({data: new Uint8Array(1024).buffer}); }, 200);
      else close(t);
    });
    """)
    run_until(rt, closed(rt))
    loop = threading.current_thread().name
    assert [(size, name == loop) for size, name in writers] == [(5, True), (1200, False), (1024, True)]


def test_without_event_forwarding_receive_is_used(make: Callable[..., SwanRuntime], monkeypatch: pytest.MonkeyPatch) -> None:
    """The path for an httpx-ws whose session does not let its events be forwarded."""
    import bridge._network._sockets as sockets

    init = sockets._Session.__init__

    def no_forwarding(self: sockets._Session, stream: object, **kwargs: object) -> None:
        kwargs["on_event"] = None
        init(self, stream, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sockets._Session, "__init__", no_forwarding)
    rt = make()
    rt.run("""
    var a = connect('wss://chat.example.com/ws', 'a');
    a.onOpen(function () { send(a, 'hi'); });
    a.onMessage(function () { close(a, 4005, 'done'); });
    var b = connect('wss://chat.example.com/ws?close=4006&reason=server', 'b');
    b.onOpen(function () { send(b, 'x', 'bsend'); });
    """)
    run_until(rt, closed(rt, 2))
    assert 'a onMessage "hi"' in lines(rt)
    assert 'a onClose 4005 "done" 3' in lines(rt)
    assert 'b onClose 4006 "server" 3' in lines(rt)
