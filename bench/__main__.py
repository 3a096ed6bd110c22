"""swan-bridge benchmark: each case beside its anchor, measured in one run.

    python -m bench [--quick] [--json PATH] [--repeat N]

Starts the embedded server in its own process (so that it does not share the GIL with the code
being measured), runs every case several times, and prints medians and ratios. Memory is
measured in fresh child processes so that peak RSS belongs to the case alone.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import gc
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bridge import SwanRuntime
from bridge.testing import deliver_progress, evaluate

MiB = 1024 * 1024
#: Building an SSL context costs ~20 ms; the bridge shares one, so the anchors do too.
SSL = httpx.create_ssl_context()


@dataclass
class Case:
    name: str
    bridge: float  # median: seconds, MB or µs as `unit` says
    anchor: float | None
    unit: str
    target: str
    ok: bool
    anchor_name: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return self.bridge / self.anchor if self.anchor else None


def interleaved(runs: dict[str, Callable[[], Any]], repeat: int, warm_up: int = 1) -> dict[str, float]:
    """Median time of each function, run in turn round by round (after `warm_up` rounds), so
    that drift on a shared machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for round_ in range(repeat + warm_up):
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            if round_ >= warm_up:
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def median_time(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall time of `repeat` runs after an untimed warm-up run (first-use costs such as
    building the shared SSL context are not what a case measures)."""
    return interleaved({"": fn}, repeat)[""]


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MiB


def settle() -> None:
    """Collect garbage and hand free heap pages back (glibc), so that RSS counts what is kept,
    not what the allocator holds on to from earlier cases (a run once measured -67 MB)."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"))


class PeakRSS:
    """Samples this process's RSS every 2 ms while the block runs; `growth` is peak minus start."""

    def __enter__(self) -> PeakRSS:
        self.start = rss_mb()
        self.peak = self.start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.002):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())
        self.growth = self.peak - self.start


class Server:
    """`swan-bridge serve` in its own process, on a free loopback port. With `pin` (Linux, 2+
    cores) the server gets the first core and this process (and what it starts) the others: on a
    2-core machine the scheduler otherwise sometimes puts the client beside the server, and the
    same download then takes anywhere from 7 to 13 ms from one process to the next."""

    def __init__(self, pin: bool = False) -> None:
        cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
        self.pinned = pin and len(cores) >= 2
        self._cores = cores

    def __enter__(self) -> Server:
        self.proc = subprocess.Popen([sys.executable, "-m", "bridge", "serve", "--port", "0"],
                                     stdout=subprocess.PIPE, text=True)
        if self.pinned:
            os.sched_setaffinity(self.proc.pid, {self._cores[0]})
            os.sched_setaffinity(0, set(self._cores[1:]))
        self.placement = (f"server pinned to core {self._cores[0]}, the bench and what it starts to "
                          f"{', '.join(map(str, self._cores[1:]))}" if self.pinned else "not pinned")
        line = self.proc.stdout.readline()  # type: ignore[union-attr]
        self.url = line.split(" on ")[1].split(" ")[0]
        return self

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(10)


# ---------------------------------------------------------------------------------------------
# Bridge and anchor operations. Throughput compares warm against warm: one runtime reused for
# the bridge, one client reused for each anchor (runtime start is a case of its own).
# ---------------------------------------------------------------------------------------------
def big_runtime(size: int, **kwargs: Any) -> SwanRuntime:
    return SwanRuntime(max_download_mb=size / MiB + 1, max_upload_mb=size / MiB + 1,
                       network_timeouts={"downloadFile": 600_000, "uploadFile": 600_000}, **kwargs)


def bridge_download(rt: SwanRuntime, url: str) -> None:
    """One download into a new temp file, then the file removed (as the anchors do theirs)."""
    result = rt.run("swan.downloadFile({url: '%s', success: r => console.log(r.tempFilePath), fail: e => console.log(e.errMsg)})" % url)
    assert result.tasks[-1].ok, result.output
    rt.host_path(result.console[-1].text).unlink()


def bridge_upload(rt: SwanRuntime, url: str) -> None:
    result = rt.run("swan.uploadFile({url: '%s', filePath: '%s', name: 'file', formData: {user: 'bench'}})"
                    % (url, rt.chosen_paths[0]))
    assert result.tasks[-1].ok, result.output


#: Each side of a throughput case takes turns over this many kept-alive connections (bridge:
#: runtimes; anchors: clients). A loopback TCP connection keeps the receive buffer its first
#: transfers made the kernel grow it to (measured here: 0.3 to 1.3 MB across 8 connections, and
#: 10 MB downloads 8.1 to 10.3 ms accordingly), so one connection per side made the case a draw.
CONNECTIONS = 5


class Anchors:
    """Raw httpx doing the same transfer, with warm clients: sync with keep-alive, sync with a
    fresh connection per request, and async; the kept-alive ones take turns over CONNECTIONS
    clients each. The fastest one is the anchor."""

    def __init__(self) -> None:
        self._sync = [httpx.Client(timeout=None, verify=SSL) for _ in range(CONNECTIONS)]
        self.fresh = httpx.Client(timeout=None, verify=SSL, limits=httpx.Limits(max_keepalive_connections=0))
        self.loop = asyncio.new_event_loop()
        self._async = [httpx.AsyncClient(timeout=None, verify=SSL) for _ in range(CONNECTIONS)]
        self._turns = itertools.cycle(range(CONNECTIONS))
        self._async_turns = itertools.cycle(range(CONNECTIONS))

    @property
    def sync(self) -> httpx.Client:
        return self._sync[next(self._turns)]

    @property
    def async_(self) -> httpx.AsyncClient:
        return self._async[next(self._async_turns)]

    def close(self) -> None:
        for client in self._sync:
            client.close()
        self.fresh.close()
        for aclient in self._async:
            self.loop.run_until_complete(aclient.aclose())
        self.loop.close()

    # Each download writes a new file and removes it, exactly as bridge_download does: rewriting
    # one file in place would drop its dirty pages and spare the kernel's writeback throttling.
    def download_sync(self, url: str, dest: Path, fresh: bool = False) -> None:
        with (self.fresh if fresh else self.sync).stream("GET", url) as response, open(dest, "xb") as out:
            for chunk in response.iter_bytes():
                out.write(chunk)
        dest.unlink()

    def download_async(self, url: str, dest: Path) -> None:
        async def go() -> None:
            async with self.async_.stream("GET", url) as response:
                with open(dest, "xb") as out:
                    async for chunk in response.aiter_bytes():
                        out.write(chunk)

        self.loop.run_until_complete(go())
        dest.unlink()

    def upload_sync(self, url: str, path: Path, fresh: bool = False) -> None:
        with open(path, "rb") as f:
            (self.fresh if fresh else self.sync).post(url, data={"user": "bench"}, files={"file": (path.name, f, "application/octet-stream")}).raise_for_status()

    def upload_async(self, url: str, path: Path) -> None:
        async def go() -> None:
            with open(path, "rb") as f:
                response = await self.async_.post(url, data={"user": "bench"}, files={"file": (path.name, f, "application/octet-stream")})
                response.raise_for_status()

        self.loop.run_until_complete(go())


def curl_download(url: str, dest: Path) -> None:
    subprocess.run(["curl", "-s", "-o", str(dest), url], check=True)
    dest.unlink()


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------
def throughput_case(name: str, bridge_run: Callable[[], Any], anchor_runs: dict[str, Callable[[], Any]], repeat: int,
                    extra: dict[str, float] | None = None) -> Case:
    # A warm-up round per connection, so that every connection of each side is warm.
    medians = interleaved({"bridge": bridge_run, **anchor_runs}, repeat, warm_up=CONNECTIONS)
    bridge = medians.pop("bridge")
    anchor_name = min(medians, key=medians.__getitem__)
    anchor = medians[anchor_name]
    detail = {k: round(v, 4) for k, v in {**medians, **(extra or {})}.items()}
    return Case(name, bridge, anchor, "s", "<= 1.10", bridge / anchor <= 1.10, f"raw {anchor_name}", detail)


def case_download(server: str, size: int, repeat: int, work: Path, anchors: Anchors) -> Case:
    url = f"{server}/bench.bin?size={size}&chunk={MiB}"
    dest = work / "anchor.bin"
    extra = {}
    if shutil.which("curl"):  # reported beside the others; a new process each time, so not the anchor
        extra["curl -o"] = median_time(lambda: curl_download(url, dest), repeat)
    with ExitStack() as stack:
        runtimes = itertools.cycle([stack.enter_context(big_runtime(size)) for _ in range(CONNECTIONS)])
        return throughput_case(f"download {size // MiB} MB", lambda: bridge_download(next(runtimes), url), {
            "httpx sync": lambda: anchors.download_sync(url, dest),
            "httpx sync, new connection": lambda: anchors.download_sync(url, dest, fresh=True),
            "httpx async": lambda: anchors.download_async(url, dest),
        }, repeat, extra)


def case_upload(server: str, size: int, repeat: int, work: Path, anchors: Anchors) -> Case:
    path = work / f"upload-{size}.bin"
    with open(path, "wb") as f:
        f.write(os.urandom(MiB) * (size // MiB) + os.urandom(size % MiB))
    url = f"{server}/upload"
    with ExitStack() as stack:
        runtimes = itertools.cycle([stack.enter_context(big_runtime(size, choose_images=[path])) for _ in range(CONNECTIONS)])
        case = throughput_case(f"upload {size // MiB} MB", lambda: bridge_upload(next(runtimes), url), {
            "httpx sync": lambda: anchors.upload_sync(url, path),
            "httpx sync, new connection": lambda: anchors.upload_sync(url, path, fresh=True),
            "httpx async": lambda: anchors.upload_async(url, path),
        }, repeat)
    path.unlink()
    return case


def case_memory(server: str, kind: str, size: int, work: Path) -> Case:
    """Peak RSS growth of one transfer, in a fresh process after a warm-up transfer."""
    proc = subprocess.run([sys.executable, "-m", "bench", "--child", kind, server, str(size), str(work)],
                          capture_output=True, text=True, check=True)
    growth = json.loads(proc.stdout)["growth_mb"]
    return Case(f"memory: {kind} {size // MiB} MB", growth, size / MiB, "MB peak RSS growth", "< 32 MB", growth < 32,
                "file size")


def child_memory(kind: str, server: str, size: int, work: Path) -> None:
    if kind == "download":
        with big_runtime(size) as rt:
            bridge_download(rt, f"{server}/warm?size=100000")
            with PeakRSS() as peak:
                bridge_download(rt, f"{server}/big?size={size}&chunk={MiB}")
    else:
        path = work / "memory-upload.bin"
        with open(path, "wb") as f:
            for _ in range(size // MiB):
                f.write(os.urandom(MiB))
        small = work / "small.bin"
        small.write_bytes(b"x" * 100000)
        with big_runtime(size, choose_images=[small]) as rt:
            bridge_upload(rt, f"{server}/upload")
        with big_runtime(size, choose_images=[path]) as rt, PeakRSS() as peak:
            bridge_upload(rt, f"{server}/upload")
        path.unlink()
    print(json.dumps({"growth_mb": round(peak.growth, 2)}))


def case_runtime_start(repeat: int) -> Case:
    def once() -> None:
        with SwanRuntime() as rt:
            rt.run("console.log(1)")

    ms = median_time(once, repeat) * 1000
    return Case("runtime start (create, console.log(1), close)", ms, None, "ms", "< 5 ms", ms < 5)


def case_cli_cold_start(repeat: int, work: Path) -> Case:
    hello = work / "hello.js"
    hello.write_text("console.log('hello')")
    exe = Path(sys.executable).with_name("swan-bridge")
    cli = [str(exe)] if exe.exists() else [sys.executable, "-m", "bridge"]

    def run(cmd: list[str]) -> None:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    bridge = median_time(lambda: run([*cli, "run", str(hello)]), repeat)
    anchor = median_time(lambda: run([sys.executable, "-c", "import httpx, quickjs"]), repeat)
    return Case("CLI cold start (swan-bridge run hello.js)", bridge, anchor, "s", "<= 1.5", bridge / anchor <= 1.5,
                "python -c 'import httpx, quickjs'")


#: The console flood: `count` numbered lines of 1 KB in one turn, the same script for both sides.
CONSOLE_FLOOD_JS = """{
  const pad = 'x'.repeat(1017);
  for (let i = 0; i < %d; i++) console.log(String(i).padStart(6, '0') + ' ' + pad);
}
"""


def child_peak_mb(command: list[str], stdout: Any) -> float:
    """Run `command` to its end and return its own peak RSS (VmHWM, read from /proc every 2 ms
    while it runs; ru_maxrss would count the parent's memory, inherited across fork and exec)."""
    proc = subprocess.Popen(command, stdout=stdout)
    peak = 0
    status = f"/proc/{proc.pid}/status"
    while proc.poll() is None:
        try:
            with open(status) as f:
                peak = max(peak, next(int(line.split()[1]) for line in f if line.startswith("VmHWM")))
        except (OSError, StopIteration):  # gone between poll() and open(), or a zombie
            pass
        time.sleep(0.002)
    if proc.returncode != 0:
        raise RuntimeError(f"{command} exited {proc.returncode}")
    return peak / 1024


def cases_console(count: int, repeat: int, work: Path) -> list[Case]:
    """`count` console lines of 1 KB in one turn through `swan-bridge run`, beside node running
    the same script, both writing to /dev/null, medians of rounds taken in turn; and the peak RSS
    of that run over the peak of the same command printing one line. The output of each side is
    checked line by line once first."""
    lines = f"{count:,} lines of 1 KB"
    time_name = f"console: {lines}, swan-bridge run vs node"
    memory_name = f"console: {lines}, swan-bridge run memory growth"
    if shutil.which("node") is None:
        why = {"skipped": "node is not installed"}
        return [Case(time_name + " (skipped)", 0.0, None, "", "<= 1.5", True, detail=why),
                Case(memory_name + " (skipped)", 0.0, None, "", "< 64 MB", True, detail=why)]
    flood = work / "console-flood.js"
    flood.write_text(CONSOLE_FLOOD_JS % count)
    one = work / "console-one.js"
    one.write_text("console.log('one')")
    exe = Path(sys.executable).with_name("swan-bridge")
    bridge_cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "bridge"]
    expected = [f"{i:06d} " + "x" * 1017 for i in range(count)]
    for command in ([*bridge_cmd, "run", str(flood)], ["node", str(flood)]):
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        if out.split("\n") != [*expected, ""]:
            raise AssertionError(f"{command[0]} did not print the {lines} in order")
    del expected, out

    def run(command: list[str]) -> None:
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)

    timings = interleaved({"bridge": lambda: run([*bridge_cmd, "run", str(flood)]),
                           "node": lambda: run(["node", str(flood)])}, repeat)
    with open(os.devnull, "w") as devnull:
        peaks = [(child_peak_mb([*bridge_cmd, "run", str(flood)], devnull),
                  child_peak_mb([*bridge_cmd, "run", str(one)], devnull)) for _ in range(max(1, repeat // 2))]
        node_peak = child_peak_mb(["node", str(flood)], devnull)
    growth = statistics.median(flood_peak - one_peak for flood_peak, one_peak in peaks)
    b, n = timings["bridge"], timings["node"]
    return [Case(time_name, b, n, "s", "<= 1.5", b / n <= 1.5, f"node {platform_node()}, same script"),
            Case(memory_name, growth, None, "MB peak RSS growth", "< 64 MB", growth < 64,
                 detail={"peak MB (flood)": round(statistics.median(p for p, _ in peaks), 1),
                         "peak MB (one line)": round(statistics.median(o for _, o in peaks), 1),
                         "node peak MB (flood)": round(node_peak, 1)})]


def platform_node() -> str:
    return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()


def case_many(server: str, count: int, size: int, repeat: int) -> Case:
    urls = [f"{server}/m{i}?size={size}" for i in range(count)]
    script = """{ let ok = 0; const urls = %s;
      urls.forEach(u => swan.downloadFile({url: u, success: () => ok++,
        complete: () => { if (--left === 0 && ok !== urls.length) console.log('failed', urls.length - ok); }}));
      var left = urls.length; }""" % json.dumps(urls)

    def bridge() -> None:
        with SwanRuntime(max_concurrency=50) as rt:
            result = rt.run(script)
            assert result.console == [] and all(t.ok for t in result.tasks), result.output

    def anchor() -> None:
        async def go() -> None:
            sem = asyncio.Semaphore(50)
            with tempfile.TemporaryDirectory() as d:
                async with httpx.AsyncClient(timeout=None, verify=SSL, limits=httpx.Limits(max_connections=None)) as client:
                    async def one(i: int, url: str) -> None:
                        async with sem, client.stream("GET", url) as response:
                            with open(os.path.join(d, str(i)), "wb") as out:
                                async for chunk in response.aiter_bytes():
                                    out.write(chunk)

                    await asyncio.gather(*(one(i, u) for i, u in enumerate(urls)))

        asyncio.run(go())

    b = median_time(bridge, repeat)
    a = median_time(anchor, repeat)
    return Case(f"{count} downloads of {size // 1024} KB, 50 at once", b, a, "s", "<= 1.25", b / a <= 1.25,
                "raw httpx asyncio.gather + Semaphore(50)")


def case_requests(server: str, count: int, repeat: int) -> Case:
    """Small swan.request GETs, 10 in flight, beside raw httpx doing the same from 10 threads."""
    urls = [f"{server}/q{i}?size=256" for i in range(count)]
    script = """{ let ok = 0; const urls = %s;
      urls.forEach(u => swan.request({url: u, dataType: 'text', success: r => { if (r.statusCode === 200) ok++; },
        complete: () => { if (--left === 0 && ok !== urls.length) console.log('failed', urls.length - ok); }}));
      var left = urls.length; }""" % json.dumps(urls)
    rt = SwanRuntime(max_concurrency=10)

    def bridge() -> None:
        result = rt.run(script)
        assert result.console == [], result.output

    local = threading.local()

    def fetch(url: str) -> None:
        client = local.__dict__.get("client")
        if client is None:  # TCP_NODELAY, as the bridge's clients: small requests are not held back
            nodelay = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
            client = local.client = httpx.Client(timeout=None, transport=httpx.HTTPTransport(socket_options=nodelay))
        assert client.get(url).status_code == 200

    pool = ThreadPoolExecutor(10)

    def anchor() -> None:
        list(pool.map(fetch, urls))

    try:
        timings = interleaved({"bridge": bridge, "anchor": anchor}, repeat)
    finally:
        rt.close()
        pool.shutdown()
    b, a = timings["bridge"], timings["anchor"]
    return Case(f"{count:,} swan.request GETs, 10 in flight", b, a, "s", "<= 1.5", b / a <= 1.5,
                "raw httpx sync, 10 threads with keep-alive and TCP_NODELAY")


def case_storage(count: int, repeat: int) -> Case:
    """setStorageSync / getStorageSync pairs in one turn, written to disk once after it."""
    script = ("{ for (let i = 0; i < %d; i++) { swan.setStorageSync('k' + (i %% 100), {n: i, s: 'value'}); "
              "if (swan.getStorageSync('k' + (i %% 100)).n !== i) throw new Error('mismatch'); } }") % count
    with SwanRuntime() as rt:
        seconds = median_time(lambda: rt.run(script).raise_for_errors(), repeat)
    per_second = count / seconds
    return Case(f"storage: {count:,} setStorageSync + getStorageSync pairs", per_second, None, "pairs/s",
                "> 10,000 pairs/s", per_second > 10_000)


def case_timers(count: int, repeat: int) -> Case:
    script = "{ let n = 0; const f = () => { n++; }; for (let i = 0; i < %d; i++) setTimeout(f, 0); }" % count
    with SwanRuntime() as rt:
        seconds = median_time(lambda: rt.run(script), repeat)
    us = seconds / count * 1e6
    return Case(f"event loop: {count:,} setTimeout(fn, 0)", us, None, "µs/event", "< 20 µs", us < 20)


def case_progress(count: int, repeat: int) -> Case:
    """Progress events through the whole host path: JSON in, dispatch, listener, trace out."""
    with SwanRuntime(transport=httpx.MockTransport(lambda _: httpx.Response(200))) as rt:
        evaluate(rt, """globalThis.benchTask = swan.downloadFile({url: 'https://bench.invalid/'});
            let seen = 0; benchTask.onProgressUpdate(p => { seen = p.totalBytesWritten; });""")
        call_id = rt.tasks[-1].id
        total = count * 1000
        counts = [(i + 1) * 1000 for i in range(count)]

        def deliver() -> None:
            for done in counts:
                deliver_progress(rt, call_id, done, total)

        seconds = median_time(deliver, repeat)
        evaluate(rt, "benchTask.abort()")
    us = seconds / count * 1e6
    return Case(f"event loop: {count:,} progress events to a listener", us, None, "µs/event", "< 20 µs", us < 20)


def case_leaks(server: str, count: int) -> Case:
    url = f"{server}/leak?size=10000"

    def once() -> None:
        with SwanRuntime() as rt:
            assert rt.run("swan.downloadFile({url: '%s'})" % url).tasks[0].ok

    for _ in range(20):
        once()
    settle()
    rss_before, fds_before = rss_mb(), open_fds()
    for _ in range(count):
        once()
    settle()
    growth, fd_growth = rss_mb() - rss_before, open_fds() - fds_before
    return Case(f"no leaks: {count:,} runtimes x 1 download", growth, None, "MB RSS growth", "< 10 MB, no fd growth",
                growth < 10 and fd_growth <= 0, detail={"fd growth": fd_growth})


def case_websocket(server: str, count: int, repeat: int) -> Case:
    """Small messages echoed one at a time over one swan.connectSocket (send, onMessage, send the
    next), beside raw httpx-ws doing the same (send_text, receive_text) on its own connection."""
    import contextlib

    from httpx_ws import connect_ws

    from bridge.testing import run_until

    rt = SwanRuntime(route_all_to=server)
    rt.run("""var bench = {left: 0}; var sock = swan.connectSocket({url: 'wss://bench.example.com/ws'});
      sock.onOpen(function () { console.log('open'); });
      sock.onMessage(function () { if (--bench.left > 0) sock.send({data: 'ping ' + bench.left}); else console.log('done'); });
      function round(n) { bench.left = n; sock.send({data: 'ping'}); }""")
    run_until(rt, lambda: len(rt.console) == 1)

    def bridge() -> None:
        lines = len(rt.console)
        rt.run("round(%d)" % count)
        run_until(rt, lambda: len(rt.console) > lines, timeout=120)

    with contextlib.ExitStack() as stack:
        nodelay = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]  # as the bridge's clients
        client = stack.enter_context(httpx.Client(timeout=None, transport=httpx.HTTPTransport(socket_options=nodelay)))
        ws = stack.enter_context(connect_ws(server + "/ws", client, keepalive_ping_interval_seconds=None))

        def anchor() -> None:
            for i in range(count):
                ws.send_text("ping %d" % i)
                ws.receive_text()

        try:
            timings = interleaved({"bridge": bridge, "anchor": anchor}, repeat)
        finally:
            rt.close()
    b, a = count / timings["bridge"], count / timings["anchor"]
    added = (timings["bridge"] - timings["anchor"]) / count * 1e6
    return Case(f"WebSocket: {count:,} echo round trips, one at a time", b, a, "msg/s", ">= 0.5 x, < 200 µs added",
                b >= 0.5 * a and added < 200, "raw httpx-ws sync session, same server",
                detail={"µs per message (bridge)": round(1e6 / b, 1), "µs per message (raw)": round(1e6 / a, 1),
                        "µs added per message": round(added, 1)})


LIST_PAGE_JS = """
var rows = [];
for (var i = 0; i < 1000; i++) rows.push({ id: i, name: 'row ' + i, price: i % 50 });
Page({ data: { rows: rows, n: 0 }, bump(i) { this.setData('rows[' + i + '].name', 'changed ' + this.data.n++); } });
"""
LIST_PAGE_SWAN = """<view class="list">
  <view s-for="row in rows trackBy row.id" class="row" data-id="{{row.id}}" bindtap="bump"><text class="name">{{row.name}}</text></view>
</view>
"""


def list_project(work: Path) -> Path:
    """A one-page project whose page is a 1,000-row list: 2,001 elements."""
    root = work / "view-list"
    (root / "pages" / "list").mkdir(parents=True, exist_ok=True)
    (root / "app.json").write_text('{"pages": ["pages/list/list"]}')
    (root / "pages" / "list" / "list.js").write_text(LIST_PAGE_JS)
    (root / "pages" / "list" / "list.swan").write_text(LIST_PAGE_SWAN)
    return root


def case_view_update(work: Path, count: int, repeat: int) -> Case:
    """A page method that setData's one row of a 1,000-row s-for, called from Python: the JS
    update, the patches through the outbox and the Python mirror; minus an empty call."""
    with SwanRuntime(project=list_project(work), clock="virtual") as rt:
        page = rt.open_page("pages/list/list")
        rows = iter(range(10**9))
        timings = interleaved({"update": lambda: [page.call("bump", next(rows) * 7 % 1000) for _ in range(count)],
                               "empty": lambda: [page.call("getData", "n") for _ in range(count)]}, repeat)
        if not page.select_all(".row")[7].text.startswith("changed"):
            raise AssertionError("the view did not follow the data")
    ms = timings["update"] / count * 1000
    added = (timings["update"] - timings["empty"]) / count * 1000
    return Case("view: one-row setData of a 1,000-row s-for", ms, None, "ms", "< 5 ms", ms < 5,
                detail={"ms added over an empty page.call": round(added, 3)})


def case_call_overhead(count: int, repeat: int) -> Case:
    """What a test pays per call into a page or component that does nothing (a getData): the
    host's CPU time per call (process time, so a busy machine does not count), median of rounds."""
    with SwanRuntime(project=BENCH_DIR / "listapp", clock="virtual") as rt:
        page = rt.open_page("pages/index/index")
        comp = page.select_component("#list")
        assert comp is not None and comp.call("getData", "picked") == -1

        def cpu(fn: Callable[[], Any]) -> float:
            rounds = []
            for _ in range(repeat + 1):
                start = time.process_time()
                for _ in range(count):
                    fn()
                rounds.append((time.process_time() - start) / count)
            return statistics.median(rounds[1:])

        page_us = cpu(lambda: page.call("getData", "x")) * 1e6
        comp_us = cpu(lambda: comp.call("getData", "picked")) * 1e6
    worst = max(page_us, comp_us)
    return Case("a no-op page.call / comp.call, CPU", worst, None, "µs", "< 50 µs", worst < 50,
                detail={"page.call µs": round(page_us, 1), "comp.call µs": round(comp_us, 1)})


def case_view_select(work: Path, count: int, repeat: int) -> Case:
    """The same selector again and again (a test reading row after row), which the mirror's
    index of attribute values answers from its third use; beside it, one the index cannot start
    from (a child combinator in its first compound), which tests every element as every
    selector's first use does."""
    with SwanRuntime(project=list_project(work), clock="virtual") as rt:
        page = rt.open_page("pages/list/list")
        if len(page.select_all("*")) != 2001:
            raise AssertionError("expected 2,001 elements")
        scan = ".list > .row[data-id='999'] > .name"
        if page.select(scan) is None or page.select(scan).text != page.select(".row[data-id='999'] .name").text:
            raise AssertionError("the two selectors do not find the same element")
        timings = interleaved({"select": lambda: [page.select(".row[data-id='999'] .name") for _ in range(count)],
                               "scan": lambda: [page.select(scan) for _ in range(max(1, count // 10))]}, repeat)
    ms = timings["select"] / count * 1000
    return Case("view: page.select on a 2,001-element page", ms, None, "ms", "< 1 ms", ms < 1,
                detail={"ms for a selector the index cannot start from (every element tested)":
                        round(timings["scan"] / max(1, count // 10) * 1000, 3)})


# ---------------------------------------------------------------------------------------------
# The view: a generated 60-page app, and the 1,000-row list beside WeChat's miniprogram-simulate
# ---------------------------------------------------------------------------------------------
APP_PAGE_JS = """
var items = [];
for (var i = 0; i < 20; i++) items.push({ id: i, title: 'Item ' + i + ' of page %(n)d', price: (i * 7) %% 40, tags: ['new', 'hot'].slice(0, i %% 3) });
Page({
  data: { title: 'Page %(n)d', items: items, loading: false, empty: false, user: { name: 'Ann', vip: %(vip)s }, tab: 0 },
  onLoad() { this.setData({ tab: 1 }); },
  pick(e) { this.setData({ picked: e.currentTarget.dataset.id }); },
  switchTab(e) { this.setData({ tab: e.currentTarget.dataset.tab }); }
});
"""
APP_PAGE_SWAN = """<import src="/templates/row.swan" />
<view class="page page-%(n)d">
  <view class="header">
    <text class="title">{{title}}</text>
    <badge s-if="{{user.vip}}" count="{{items.length}}"></badge>
    <text s-else class="guest">{{user.name}}</text>
  </view>
  <view class="tabs">
    <view s-for="t, ti in ['All', 'New', 'Hot']" class="tab {{ti === tab ? 'on' : ''}}" data-tab="{{ti}}" bindtap="switchTab">{{t}}</view>
  </view>
  <view s-if="loading" class="loading">Loading</view>
  <view s-elif="empty" class="empty">Nothing here</view>
  <view s-else class="list">
    <card s-for="item in items trackBy item.id" card-title="{{item.title}}" data-id="{{item.id}}" bindtap="pick">
      <template is="row" data="{{{...item}}}" />
      <text s-for="tag in item.tags" class="tag">{{tag}}</text>
    </card>
  </view>
  <view class="footer">{{items.length}} items, {{picked === undefined ? 'none' : picked}} picked</view>
</view>
"""
APP_FILES = {
    "app.js": "App({ globalData: {} });",
    "templates/row.swan": '<template name="row"><view class="row"><text class="name">{{title}}</text>'
                          '<text class="price" s-if="price > 0">¥{{price}}</text><text s-else class="free">free</text></view></template>',
    "components/card/card.json": '{"component": true}',
    "components/card/card.js": "Component({ properties: { cardTitle: { type: String, value: '' } }, data: { open: false },"
                               " methods: { toggle() { this.setData({ open: !this.data.open }); } } });",
    "components/card/card.swan": '<view class="card {{open ? \'open\' : \'\'}}" bindtap="toggle"><view class="card-title">{{cardTitle}}</view>'
                                 '<slot></slot></view>',
    "components/badge/badge.json": '{"component": true}',
    "components/badge/badge.js": "Component({ properties: { count: { type: Number, value: 0 } } });",
    "components/badge/badge.swan": '<text class="badge">{{count > 99 ? \'99+\' : count}}</text>',
}


def app_project(work: Path, pages: int) -> Path:
    """A generated app of `pages` pages; each lists 20 cards (a component with a slot holding an
    imported template and a nested s-for), with s-if / s-elif / s-else, tabs and a badge."""
    root = work / f"view-app-{pages}"
    routes = [f"pages/p{n}/p{n}" for n in range(pages)]
    files = dict(APP_FILES)
    files["app.json"] = json.dumps({"pages": routes, "usingComponents": {"card": "/components/card/card",
                                                                           "badge": "/components/badge/badge"}})
    for n, route in enumerate(routes):
        files[route + ".js"] = APP_PAGE_JS % {"n": n, "vip": "true" if n % 2 else "false"}
        files[route + ".swan"] = APP_PAGE_SWAN % {"n": n}
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def case_view_app(work: Path, pages: int, repeat: int) -> Case:
    """Every page of a generated app opened (as reLaunch) and its markup read, in one runtime;
    one core. The runtime's start with the project's load is a detail."""
    root = app_project(work, pages)
    routes = [f"pages/p{n}/p{n}" for n in range(pages)]
    rt = SwanRuntime(project=root, clock="virtual")

    def all_pages() -> None:
        for route in routes:
            page = rt.open_page(route)
            if "items, none picked" not in page.html():
                raise AssertionError(f"{route} did not render")

    def load() -> None:
        SwanRuntime(project=root, clock="virtual").close()

    try:
        timings = interleaved({"pages": all_pages, "load": load}, repeat)
        if rt.errors:
            raise AssertionError(rt.errors[0])
    finally:
        rt.close()
    seconds = timings["pages"]
    return Case(f"view: open and render each of a {pages}-page app", seconds, None, "s", "< 1.5 s for 60",
                seconds < 1.5 * pages / 60,
                detail={"ms per page": round(seconds / pages * 1000, 2),
                        "runtime start with the project loaded, ms": round(timings["load"] * 1000, 1)})


def case_project_load(work: Path, pages: int, repeat: int) -> Case:
    """What a test pays to build a runtime over a project (the generated app above) once the
    process has loaded it before (a suite builds one per test): the host's CPU time, median of
    rounds; the first load of the process is a detail."""
    root = app_project(work / "load", pages)
    for template in root.rglob("*.swan"):  # texts of its own: the first load below compiles them
        template.write_text(template.read_text() + "<!-- load -->\n")

    def load() -> float:
        start = time.process_time()
        SwanRuntime(project=root, clock="virtual").close()
        return time.process_time() - start

    first = load()
    ms = statistics.median(load() for _ in range(repeat)) * 1000
    return Case(f"build a runtime over a {pages}-page project, CPU", ms, None, "ms", "< 20 ms", ms < 20,
                detail={"the process's first load, ms": round(first * 1000, 1)})


BENCH_DIR = Path(__file__).parent
PEER_DIR = BENCH_DIR / "peer"


def peer_ready(install: bool = True) -> str | None:
    """Why the miniprogram-simulate peer cannot run here, or None once it is installed (with
    `npm ci` from the committed lock file when node_modules is missing, unless `install` is
    False: a smoke run does not reach for the registry)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node and npm are not installed"
    if not (PEER_DIR / "node_modules" / "miniprogram-simulate").is_dir():
        if not install:
            return "the peer is not installed (a full run, python -m bench, installs it with npm ci)"
        proc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEER_DIR, capture_output=True, text=True,
                              timeout=600)
        if proc.returncode != 0:
            return "npm ci failed: " + (proc.stderr.strip().splitlines() or ["?"])[-1][:200]
    return None


def peer_list(rounds: int, per_round: int, calls: int) -> dict[str, Any]:
    """The peer's medians: the list's four operations (run.js, `per_round` of each per round),
    then the 100-item call (fill.js, `calls` per round)."""
    result: dict[str, Any] = {}
    for script, per in (("run.js", per_round), ("fill.js", calls)):
        proc = subprocess.run(["node", str(PEER_DIR / script), str(rounds), str(per)], capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            raise RuntimeError(f"the peer's {script} failed: " + proc.stderr[-500:])
        answer = json.loads(proc.stdout.strip().splitlines()[-1])
        result.update({**answer, "checks": {**result.get("checks", {}), **answer["checks"]}})
    checks = result["checks"]
    if checks["rows"] != 1000 or checks["picked"] < 0 or not checks["changed"] or checks["filled"] != 100:
        raise AssertionError(f"the peer's list did not behave: {checks}")
    return result


def bridge_list(rounds: int, per_round: int, calls: int) -> dict[str, Any]:
    """The same four operations on the swan form of the component (bench/listapp), placed on a
    page: open the page (render and attach), one-row setData through the component's method,
    select_all over the rows, and a tap on a row whose handler setData's."""
    times: dict[str, list[float]] = {"render": [], "setData": [], "query": [], "tap": []}
    with SwanRuntime(project=BENCH_DIR / "listapp", clock="virtual") as rt:
        checks: dict[str, Any] = {}
        for r in range(rounds + 1):
            t = time.perf_counter()
            page = rt.open_page("pages/index/index")
            render = time.perf_counter() - t
            comp = page.select_component("#list")
            t = time.perf_counter()
            for k in range(per_round):
                comp.call("bump", (r * 131 + k * 7) % 1000)
            set_data = (time.perf_counter() - t) / per_round
            t = time.perf_counter()
            for _ in range(per_round):
                found = len(page.select_all(".row"))
            query = (time.perf_counter() - t) / per_round
            t = time.perf_counter()
            for k in range(per_round):
                page.select(f"#row-{(r * 37 + k * 11) % 1000}").tap()
            tap = (time.perf_counter() - t) / per_round
            if r > 0:  # the first round warms up, as on the peer's side
                for name, value in (("render", render), ("setData", set_data), ("query", query), ("tap", tap)):
                    times[name].append(value * 1000)
            last = (r * 131 + (per_round - 1) * 7) % 1000
            checks = {"rows": found, "picked": comp.data["picked"],
                      "changed": page.select_all(".row")[last].text.startswith("changed")}
        # A method call whose setData sends a 100-item list (components/hundred), as on the peer.
        page = rt.open_page("pages/hundred/hundred")
        hundred = page.select_component("#h")
        assert hundred is not None
        for r in range(rounds + 1):
            t = time.perf_counter()
            for _ in range(calls):
                hundred.call("fill")
            if r > 0:
                times.setdefault("fill", []).append((time.perf_counter() - t) / calls * 1000)
        checks["filled"] = len(page.select_all(".item"))
        if rt.errors:
            raise AssertionError(rt.errors[0])
    if checks["rows"] != 1000 or checks["picked"] < 0 or not checks["changed"] or checks["filled"] != 100:
        raise AssertionError(f"the list did not behave: {checks}")
    return {name: statistics.median(values) for name, values in times.items()}


PEER_OPS = [("render", "rendered and attached"), ("setData", "one-row setData"),
            ("query", "select_all vs querySelectorAll"), ("tap", "tap with its setData")]
#: The target of each peer row: at most this times the peer's time.
PEER_TARGETS = {"render": 0.2, "setData": 0.2, "query": 0.2, "tap": 0.2, "fill": 1.0}


def cases_view_peer(rounds: int, install: bool = True, per_round: int = 10, calls: int = 200) -> list[Case]:
    """The 1,000-row list component and the 100-item setData call on both sides in one run: each
    row swan-bridge's median beside miniprogram-simulate's (node, jsdom); a row with a note
    where node is missing."""
    labels = [(op, f"1,000 rows, {label}") for op, label in PEER_OPS] + [("fill", "a call whose setData sends 100 items")]
    why = peer_ready(install)
    if why is not None:
        return [Case(f"view vs miniprogram-simulate: {label} (skipped)", 0.0, None, "", f"<= {PEER_TARGETS[op]} x", True,
                     detail={"skipped": why}) for op, label in labels]
    peer = peer_list(rounds, per_round, calls)
    ours = bridge_list(rounds, per_round, calls)
    return [Case(f"view vs miniprogram-simulate: {label}", ours[op] / 1000, peer[op] / 1000, "s", f"<= {PEER_TARGETS[op]} x",
                 ours[op] <= PEER_TARGETS[op] * peer[op], "miniprogram-simulate on node with jsdom, same component")
            for op, label in labels]


# ---------------------------------------------------------------------------------------------
def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.1f} ms"
    if unit in ("pairs/s", "msg/s"):
        return f"{value:,.0f} {unit}"
    return f"{value:.2f} {unit}"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats (a smoke run, < 60 s)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--repeat", type=int, help="runs per case (default 25 for 10/25 MB, 10 for 100 MB, 5 for the rest, 2 in --quick)")
    parser.add_argument("--no-pin", action="store_true",
                        help="do not give the server its own core (Linux; the default pins it, see Server)")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only the cases whose function name contains NAME (repeatable; e.g. requests, view_update)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, server, size, work = args.child
        child_memory(kind, server, int(size), Path(work))
        return

    quick = args.quick
    small_rep = args.repeat or (2 if quick else 25)
    rep = args.repeat or (2 if quick else 5)
    big_rep = args.repeat or (2 if quick else 10)
    started = time.perf_counter()
    cases: list[Case] = []
    anchors = Anchors()
    with Server(pin=not args.no_pin) as server, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plan: list[tuple[str, Callable[[], Case | list[Case]]]] = [
            ("case_download", lambda: case_download(server.url, (1 if quick else 10) * MiB, small_rep, work, anchors)),
            ("case_download", lambda: case_download(server.url, (4 if quick else 100) * MiB, big_rep, work, anchors)),
            ("case_upload", lambda: case_upload(server.url, (2 if quick else 25) * MiB, small_rep, work, anchors)),
            ("case_upload", lambda: case_upload(server.url, (4 if quick else 100) * MiB, big_rep, work, anchors)),
            ("case_memory", lambda: case_memory(server.url, "download", (8 if quick else 100) * MiB, work)),
            ("case_memory", lambda: case_memory(server.url, "upload", (8 if quick else 100) * MiB, work)),
            ("case_runtime_start", lambda: case_runtime_start(20 if quick else 200)),
            ("case_cli_cold_start", lambda: case_cli_cold_start(3 if quick else 10, work)),
            ("cases_console", lambda: cases_console(10_000 if quick else 100_000, rep, work)),
            ("case_many", lambda: case_many(server.url, 50 if quick else 200, 100 * 1024, rep)),
            ("case_timers", lambda: case_timers(10_000 if quick else 100_000, rep)),
            ("case_progress", lambda: case_progress(2_000 if quick else 10_000, rep)),
            ("case_leaks", lambda: case_leaks(server.url, 50 if quick else 1000)),
            ("case_requests", lambda: case_requests(server.url, 100 if quick else 1000, rep)),
            ("case_storage", lambda: case_storage(2_000 if quick else 10_000, rep)),
            ("case_websocket", lambda: case_websocket(server.url, 500 if quick else 5_000, rep)),
            ("case_view_update", lambda: case_view_update(work, 20 if quick else 200, rep)),
            ("case_call_overhead", lambda: case_call_overhead(200 if quick else 2000, rep)),
            ("case_view_select", lambda: case_view_select(work, 50 if quick else 500, rep)),
            ("case_view_app", lambda: case_view_app(work, 12 if quick else 60, rep)),
            ("case_project_load", lambda: case_project_load(work, 60, 5 if quick else 30)),
            ("cases_view_peer", lambda: cases_view_peer(1 if quick else 5, install=not quick, per_round=2 if quick else 10,
                                                        calls=20 if quick else 200)),
        ]
        if args.only:
            plan = [(name, make) for name, make in plan if any(part in name for part in args.only)]
        for index, (_name, make) in enumerate(plan):
            try:
                made = make()
            except ImportError as exc:  # an extra the case needs is not installed (the view's selectors)
                made = Case(f"case {index + 1} skipped", 0.0, None, "", "completes", True, detail={"skipped": str(exc)})
            except Exception as exc:  # a failing case is reported, and the other cases still run
                made = Case(f"case {index + 1} FAILED", 0.0, None, "", "completes", False, detail={"error": repr(exc)[:300]})
            for case in made if isinstance(made, list) else [made]:
                cases.append(case)
                print(f"  done: {case.name}", file=sys.stderr, flush=True)
    anchors.close()

    elapsed = time.perf_counter() - started
    header = f"{'case':52} {'bridge':>16} {'anchor':>14} {'ratio':>7}  {'target':>22}  met"
    print(f"\nswan-bridge benchmark ({'quick' if quick else 'full'}), {platform.python_implementation()} "
          f"{platform.python_version()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}, {elapsed:.0f} s, "
          f"{server.placement}\n")
    print(header)
    print("-" * len(header))
    for c in cases:
        ratio = f"{c.ratio:.2f}" if c.ratio is not None else "-"
        anchor = fmt(c.anchor, c.unit) if c.anchor is not None else "-"
        print(f"{c.name:52} {fmt(c.bridge, c.unit):>16} {anchor:>14} {ratio:>7}  {c.target:>22}  {'yes' if c.ok else 'NO'}")
    print()
    for c in cases:
        if c.anchor_name or c.detail:
            print(f"  {c.name}: anchor = {c.anchor_name or '-'} {json.dumps(c.detail) if c.detail else ''}")
    if args.json:
        payload = {"quick": quick, "seconds": round(elapsed, 1), "date": time.strftime("%Y-%m-%d"), "pinned": server.pinned, "placement": server.placement,
                   "cases": [{**asdict(c), "ratio": c.ratio} for c in cases]}
        Path(args.json).write_text(json.dumps(payload, indent=2))


if __name__ == "__main__":
    main()
