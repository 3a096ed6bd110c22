"""Shared fixtures: a real loopback server per test module, and runtimes routed to it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import SAMPLE_ORIGIN, SOCKET_TRACE

from bridge import EmbeddedServer, SwanRuntime


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (the suite's default): one worker more than the cores. Many tests wait on the wall
    clock (loopback servers, real timers, run timeouts) with the CPU idle, and a third worker on
    two cores keeps both busy through those waits. PYTEST_XDIST_AUTO_NUM_WORKERS still decides
    when it is set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


@pytest.fixture(scope="module")
def server() -> Iterator[EmbeddedServer]:
    with EmbeddedServer() as srv:
        yield srv


@pytest.fixture
def runtime() -> Iterator[Callable[..., SwanRuntime]]:
    """SwanRuntime factory with no server behind it (a 30 s timeout); every runtime is closed after the test."""
    made: list[SwanRuntime] = []

    def make(**kwargs: object) -> SwanRuntime:
        kwargs.setdefault("timeout", 30)
        rt = SwanRuntime(**kwargs)  # type: ignore[arg-type]
        made.append(rt)
        return rt

    yield make
    for rt in made:
        rt.close()


@pytest.fixture
def make_runtime(server: EmbeddedServer) -> Iterator[Callable[..., SwanRuntime]]:
    """SwanRuntime factory routed to the loopback server; every runtime is closed after the test."""
    made: list[SwanRuntime] = []

    def make(**kwargs: object) -> SwanRuntime:
        kwargs.setdefault("routes", {SAMPLE_ORIGIN: server.url + "/"})
        kwargs.setdefault("timeout", 30)
        rt = SwanRuntime(**kwargs)  # type: ignore[arg-type]
        made.append(rt)
        return rt

    yield make
    for rt in made:
        rt.close()


@pytest.fixture
def random_file(tmp_path: Path) -> Callable[[int, str], Path]:
    def make(size: int, name: str = "photo.jpg") -> Path:
        path = tmp_path / name
        path.write_bytes(os.urandom(size))
        return path

    return make


@pytest.fixture
def make_socket_runtime(server: EmbeddedServer) -> Iterator[Callable[..., SwanRuntime]]:
    """SwanRuntime factory routed to the loopback server, with SOCKET_TRACE's helpers defined
    (connect, send, close: every callback of a SocketTask printed)."""
    made: list[SwanRuntime] = []

    def factory(**kwargs: object) -> SwanRuntime:
        kwargs.setdefault("route_all_to", server.url)
        rt = SwanRuntime(**kwargs)  # type: ignore[arg-type]
        made.append(rt)
        rt.run(SOCKET_TRACE)
        return rt

    yield factory
    for rt in made:
        rt.close()
