"""Transfer progress: byte counts into onProgressUpdate events, and what a progress display is told."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from ._call import TransferCall
from .._protocol import Message, percent, progress_event


#: While the total is unknown, an event per this many bytes.
UNKNOWN_STEP = 256 * 1024


@dataclass(frozen=True)
class TransferProgress:
    """What a progress display needs to know about one transfer; sent to `on_progress` hooks."""

    call_id: int
    api: str
    url: str
    done: int
    total: int | None
    finished: bool = False
    ok: bool | None = None


ProgressHook = Callable[[TransferProgress], None]


class ProgressHost(Protocol):
    """What Progress needs from the runtime's transfers: a way onto the loop thread, and delivery."""

    def call_in_loop(self, fn: Callable[..., None], *args: Any) -> None: ...

    def deliver(self, event: Message, info: TransferProgress | None = None) -> None: ...

    def wants(self, call_id: int, *, hook: bool = False) -> bool: ...


class Progress:
    """Turns byte counts into progress: at most one event per integer percent and per
    `progress_interval`, the first at once and 100 at the end.

    Events between the first and the last are coalesced: a worker keeps only the latest count
    and has at most one delivery pending on the loop, so a busy loop sees fewer, later events
    rather than a backlog. The first and the closing event are never merged away: each is
    delivered with its own counts. The percent never decreases, and the closing 100 percent
    arrives before the end event (hand-offs to the loop thread run in order). While the task
    has no listener and there is no progress hook, nothing is handed over at all (the host's
    `wants`); the first event handed over afterwards counts as the first.
    """

    def __init__(self, call: TransferCall, host: ProgressHost, interval: float) -> None:
        self._call = call
        self._host = host
        self._interval = interval
        self._next_time = 0.0
        self.total: int | None = None
        self._next_done: float = 0  # the least count whose percent (or 256 KiB step) differs from the last event's
        self._last: tuple[int, int | None] | None = None
        self._latest: tuple[int, int | None] = (0, None)
        self._pending = False
        self._lock = threading.Lock()

    def update(self, done: int) -> None:
        if done < self._next_done:  # same percent as the last event: the common case, kept cheap
            return
        now = time.monotonic()
        if now < self._next_time:
            return
        self._next_time = now + self._interval
        total = self.total
        if total is None:  # unknown size: an event every 256 KiB
            self._next_done = (done // UNKNOWN_STEP + 1) * UNKNOWN_STEP
        else:  # the least count with a higher percent (none past 100)
            key = percent(done, total)
            self._next_done = -(-(key + 1) * total // 100) if key < 100 else math.inf
        self._emit(done, total, keep=self._last is None)

    def finish(self, done: int) -> None:
        """The closing event: 100 percent with both counts equal."""
        if self._last != (done, done):
            self._emit(done, done, keep=True)

    def _emit(self, done: int, total: int | None, *, keep: bool = False) -> None:
        if not self._host.wants(self._call.id, hook=True):
            return  # nobody to tell yet: the loop thread is not woken for nothing (and the next event counts as the first)
        self._last = (done, total)
        if keep:
            self._host.call_in_loop(self._deliver, done, total)
            return
        with self._lock:
            self._latest = (done, total)
            if self._pending:
                return
            self._pending = True
        self._host.call_in_loop(self._deliver_latest)

    def _deliver_latest(self) -> None:  # on the loop thread
        with self._lock:
            done, total = self._latest
            self._pending = False
        self._deliver(done, total)

    def _deliver(self, done: int, total: int | None) -> None:  # on the loop thread
        call = self._call
        self._host.deliver(progress_event(call.id, done, total),
                                TransferProgress(call.id, call.api, call.params.get("url", ""), done, total))
