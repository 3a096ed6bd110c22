"""Ctrl-C during a run: it stops the run as `asyncio.run` would, also while JS is running."""

from __future__ import annotations

import asyncio
import importlib
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Callable

from .._engine._context import Engine

#: The C module behind `signal`: the same functions without its enum conversions, which cost more
#: than the rest of a quick method call's host side (see ctrl_c_stops_turn).
_csignal: Any = importlib.import_module("_signal")


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


def ctrl_c_stops_turn(engine: Engine) -> Callable[[], None] | None:
    """`ctrl_c_stops` for one JS turn run outside the event loop (see SwanRuntime._run_command):
    Ctrl-C stops the turn, which then raises KeyboardInterrupt; a second one raises at once.
    Returns what puts Python's handler back, or None when nothing was installed."""
    if threading.get_ident() != _MAIN_THREAD or _csignal.getsignal(_SIGINT) is not _DEFAULT:
        return None

    def handler(signum: int, frame: Any) -> None:
        if engine.interrupted:
            raise KeyboardInterrupt
        engine.interrupt()

    _csignal.signal(_SIGINT, handler)
    return _restore_default


_SIGINT = int(signal.SIGINT)
_MAIN_THREAD = threading.main_thread().ident
_DEFAULT = signal.default_int_handler


def _restore_default() -> None:
    _csignal.signal(_SIGINT, _DEFAULT)
