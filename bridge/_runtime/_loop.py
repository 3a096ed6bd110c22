"""The Python side of the JS event loop: a timer heap, a queue of host events, idle detection.

Each due timer and each host event is delivered as its own JS turn (the engine runs promise
jobs after every turn), so microtasks run between macrotasks as in a browser or on a phone.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math
import time
from collections import deque
from typing import Callable

from .._protocol import Message
from .._spec import MAX_VIRTUAL_MS

#: Smallest interval for setInterval, so that setInterval(fn, 0) cannot spin without yielding.
MIN_INTERVAL_MS = 1


class EventLoop:
    """Timers and host events for one runtime, run on whatever asyncio loop drives it.

    Times are milliseconds. The virtual clock and every timer's delay are whole milliseconds
    (Python ints), so that any number of intervals add up exactly: `setInterval(f, 10)` and
    `advance(1000)` call f 100 times. The wall clock is `time.monotonic()` in milliseconds.
    """

    def __init__(self, deliver: Callable[[Message], None], fire_timer: Callable[[int], None], *, virtual: bool = False) -> None:
        self._deliver = deliver
        self._fire_timer = fire_timer
        #: On the virtual clock time stands still until `advance`; only due timers run.
        self.virtual = virtual
        self._virtual_now = 0
        self._heap: list[tuple[float, int, int]] = []
        self._timers: dict[int, tuple[float, int, bool]] = {}  # id -> (deadline, delay, repeat)
        self._events: deque[Message] = deque()
        self._seq = itertools.count()
        self._wake: asyncio.Event | None = None

    def add_timer(self, timer_id: int, delay_ms: float, repeat: bool) -> None:
        # As a browser reads a timer's delay (a WebIDL long): the fraction is dropped. The shim
        # has already made NaN, negative and overlong delays 0.
        delay = max(0, int(delay_ms))
        if repeat:
            delay = max(delay, MIN_INTERVAL_MS)
        self._schedule(timer_id, self.now() + delay, delay, repeat)

    def now(self) -> float:
        """Milliseconds on this loop's clock: monotonic wall time, or the virtual clock (an int)."""
        return self._virtual_now if self.virtual else time.monotonic() * 1000.0

    def clear_timer(self, timer_id: int) -> None:
        self._timers.pop(timer_id, None)

    def post(self, event: Message) -> None:
        """Queue a host event for delivery into JS (called on the loop's thread)."""
        self._events.append(event)
        if self._wake is not None:
            self._wake.set()

    def clear(self) -> None:
        """Forget every timer and queued event (after a timeout, or on close)."""
        self._heap.clear()
        self._timers.clear()
        self._events.clear()

    @property
    def pending(self) -> bool:
        return bool(self._timers or self._events)

    def idle(self) -> bool:
        """Nothing to deliver: no event queued and no timer due (on the real clock, no timer at
        all), so that `run_until_idle` would return at once when nothing is in flight."""
        if self._events:
            return False
        delay = self._next_delay()
        return delay is None or (self.virtual and delay > 0.0)

    async def run_until_idle(self, busy: Callable[[], bool], stopped: Callable[[], bool]) -> None:
        """Deliver timers and events until none are left and `busy()` says no work is in flight,
        or until `stopped()` says the run is over (checked after every turn)."""
        wake = self._wake = asyncio.Event()
        try:
            while True:
                self._run_due_timers(stopped)
                for _ in range(len(self._events)):
                    if stopped():
                        return
                    self._deliver(self._events.popleft())
                if stopped():
                    return
                if self._events or self._next_delay() == 0.0:
                    await asyncio.sleep(0)  # let transfers run between bursts of JS turns
                    continue
                if not busy() and (self.virtual or not self._timers):
                    return  # on the virtual clock, timers in the future wait for `advance`
                wake.clear()
                try:
                    delay = None if self.virtual else self._next_delay()
                    await asyncio.wait_for(wake.wait(), None if delay is None else delay / 1000.0)
                except asyncio.TimeoutError:
                    pass
        finally:
            self._wake = None

    async def advance(self, ms: int, busy: Callable[[], bool], stopped: Callable[[], bool]) -> None:
        """Move the virtual clock forward by `ms` (checked by `check_advance`), running each timer
        at its due time, in order, with everything it starts run until idle before the clock
        moves on."""
        target = self._virtual_now + ms
        await self.run_until_idle(busy, stopped)
        while not stopped():
            deadline = self._next_deadline()
            if deadline is None or deadline > target:
                break
            self._virtual_now = max(self._virtual_now, int(deadline))
            await self.run_until_idle(busy, stopped)
        self._virtual_now = target
        await self.run_until_idle(busy, stopped)

    async def run_until(self, done: Callable[[], bool], busy: Callable[[], bool], stopped: Callable[[], bool]) -> None:
        """Run until idle; on the virtual clock, while `done()` is still false, move time on to
        each next timer, as awaiting a promise that waits on timers would on a phone."""
        await self.run_until_idle(busy, stopped)
        while self.virtual and not done() and not stopped():
            deadline = self._next_deadline()
            if deadline is None:
                return
            self._virtual_now = max(self._virtual_now, int(deadline))
            await self.run_until_idle(busy, stopped)

    def check_advance(self, ms: object) -> int:
        """`ms` as whole milliseconds the virtual clock may move, or ValueError / TypeError: a
        number of whole milliseconds, finite, not negative, and small enough that the clock
        stays below MAX_VIRTUAL_MS (what JS can still count exactly)."""
        if isinstance(ms, bool) or not isinstance(ms, (int, float)):
            raise TypeError(f"advance() takes a number of milliseconds, got {type(ms).__name__}")
        if not math.isfinite(ms) or ms < 0 or ms != int(ms):
            raise ValueError(f"advance() takes a whole, finite number of milliseconds >= 0, got {ms!r}")
        whole = int(ms)
        if self._virtual_now + whole > MAX_VIRTUAL_MS:
            raise ValueError(
                f"advance({ms!r}) would take the virtual clock past {MAX_VIRTUAL_MS} ms "
                f"(Number.MAX_SAFE_INTEGER); it is at {self._virtual_now} ms"
            )
        return whole

    def _next_deadline(self) -> float | None:
        delay = self._next_delay()
        return None if delay is None else self.now() + delay

    def _schedule(self, timer_id: int, deadline: float, delay: int, repeat: bool) -> None:
        self._timers[timer_id] = (deadline, delay, repeat)
        heapq.heappush(self._heap, (deadline, next(self._seq), timer_id))

    def _next_delay(self) -> float | None:
        while self._heap:
            deadline, _, timer_id = self._heap[0]
            entry = self._timers.get(timer_id)
            if entry is None or entry[0] != deadline:
                heapq.heappop(self._heap)  # cleared or rescheduled
                continue
            return max(0, deadline - self.now())
        return None

    def _run_due_timers(self, stopped: Callable[[], bool]) -> None:
        now = self.now()
        heap = self._heap
        while heap and heap[0][0] <= now and not stopped():
            deadline, _, timer_id = heapq.heappop(heap)
            entry = self._timers.get(timer_id)
            if entry is None or entry[0] != deadline:
                continue
            _, delay, repeat = entry
            if repeat:
                self._schedule(timer_id, now + delay, delay, repeat)
            else:
                del self._timers[timer_id]
            self._fire_timer(timer_id)
