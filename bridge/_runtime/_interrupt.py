"""Ctrl-C during a run: it stops the run as `asyncio.run` would, also while JS is running."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .._engine._context import Engine


@contextmanager
def ctrl_c_stops(engine: Engine, task: asyncio.Task[Any], interrupted: list[bool]) -> Iterator[None]:
    """Ctrl-C during `run()` stops the run, also while JS runs: Python's own handler would raise
    inside whichever host function JS was calling (the engine's interrupt check, the synchronous
    channel), where the exception is lost and the script runs on until its timeout. As
    asyncio.run does, the first Ctrl-C cancels the run (and stops the JS at the engine's next
    check); a second one raises at once. Only in the main thread, and only over Python's
    default handler (never over yours)."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    loop = task.get_loop()

    def handler(signum: int, frame: Any) -> None:
        if interrupted[0] or task.done():
            raise KeyboardInterrupt
        interrupted[0] = True
        engine.interrupt()  # a turn running now stops, hands over what it printed, and raises; none starts
        task.cancel()
        loop.call_soon_threadsafe(lambda: None)  # wake the loop if it waits in select()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
