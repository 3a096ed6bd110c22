"""Test support: the embedded loopback server and what tests need to reach inside a runtime.

Tests, the benchmark and the pytest plugin (`bridge.pytest_plugin`) use these instead of the
runtime's private attributes, so that the internals can change without breaking them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._protocol import progress_event
from ._server import EmbeddedServer, Reply, RequestRecord, WebSocketRecord, expected_body

if TYPE_CHECKING:
    from ._runtime._runtime import SwanRuntime

__all__ = [
    "EmbeddedServer", "Reply", "RequestRecord", "WebSocketRecord", "expected_body", "run_until", "arun_until", "socket_events", "sockets_open",
    "socket_threads", "set_socket_timeout", "deliver_progress", "evaluate", "pending_tasks", "transfers_in_flight",
    "api_registry",
]


def deliver_progress(runtime: SwanRuntime, call_id: int, done: int, total: int | None) -> None:
    """Deliver one progress event for a live call straight through the protocol, as a worker
    would (for counts no test can afford to transfer, such as 5 GB)."""
    runtime._engine.dispatch(progress_event(call_id, done, total))


def evaluate(runtime: SwanRuntime, source: str, filename: str = "<test>") -> None:
    """Evaluate a script without driving the loop: its calls stay in flight until the next run."""
    runtime._engine.evaluate(source, filename)


def transfers_in_flight(runtime: SwanRuntime) -> bool:
    """Whether any transfer of the runtime is still running (or queued)."""
    return runtime._transfers.busy


def pending_tasks(runtime: SwanRuntime) -> list[asyncio.Task[object]]:
    """asyncio tasks still running on the loop a runtime made for its synchronous `run`."""
    loop = runtime._own_loop
    return [] if loop is None else [t for t in asyncio.all_tasks(loop) if not t.done()]


# -- sockets (swan.connectSocket) ------------------------------------------------------------------
def run_until(runtime: SwanRuntime, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Drive the runtime's loop (socket events, timers, transfers) until `predicate()` is true.

    A socket's events arrive whenever the server sends them, so a run that started a socket can
    end before they come; this waits for them. Raises RunTimeout (and closes the runtime's
    sockets, as any run's timeout does) when `timeout` seconds pass first."""
    runtime._sync(arun_until(runtime, predicate, timeout))


async def arun_until(runtime: SwanRuntime, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """`run_until` for a runtime driven with `arun` (inside an asyncio program)."""

    async def until(busy: Callable[[], bool], stopped: Callable[[], bool]) -> None:
        await runtime._loop.run_until_idle(lambda: busy() or runtime._sockets.busy or not predicate(), stopped)

    await runtime._drive(lambda: None, timeout, until)


def socket_events(runtime: SwanRuntime, socket_id: int | None = None) -> list[dict[str, Any]]:
    """The socket events delivered to the script so far, in order, as dicts: {"id", "event":
    open|message|error|close, "data" (text) or "bytes" (length), "errMsg", "code", "reason"}."""
    return [dict(e.fields) for e in runtime.log
            if e.kind == "socket" and (socket_id is None or e.fields.get("id") == socket_id)]


def sockets_open(runtime: SwanRuntime) -> int:
    """Sockets of the runtime not closed yet."""
    return runtime._sockets.live


def socket_threads(runtime: SwanRuntime) -> int:
    """The runtime's socket threads still running (readers and writers)."""
    return runtime._sockets.threads_alive()


def set_socket_timeout(runtime: SwanRuntime, seconds: float) -> None:
    """The handshake timeout, in seconds, of the runtime's next sockets (network_timeouts sets it
    when the runtime starts)."""
    runtime._sockets.connect_timeout = seconds


def api_registry(runtime: SwanRuntime) -> dict[str, tuple[str, str | None]]:
    """Every API the shim declares: {name: (its family in the shim, the family of its Python
    handler, or None for the "unsupported" family's shared answer)}."""
    handlers = runtime._api_handlers
    return {name: (family, handlers[name].family if handlers[name] is not None else None)  # type: ignore[union-attr]
            for name, family in runtime._engine.apis.items()}
