"""Test support: the embedded loopback server and what tests need to reach inside a runtime.

Tests, the benchmark and the pytest plugin (`bridge.pytest_plugin`) use these instead of the
runtime's private attributes, so that the internals can change without breaking them.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from ._protocol import progress_event
from ._server import EmbeddedServer, RequestRecord, expected_body

if TYPE_CHECKING:
    from ._runtime import SwanRuntime

__all__ = [
    "EmbeddedServer", "RequestRecord", "expected_body", "deliver_progress", "evaluate", "pending_tasks", "transfers_in_flight",
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
