"""The Python side of the JS event loop: a timer heap, a queue of host events, idle detection.

Each due timer and each host event is delivered as its own JS turn (the engine runs promise
jobs after every turn), so microtasks run between macrotasks as in a browser or on a phone.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections import deque
from typing import Callable

from .._protocol import Message

#: Smallest interval for setInterval, so that setInterval(fn, 0) cannot spin without yielding.
MIN_INTERVAL_S = 0.001


class EventLoop:
    """Timers and host events for one runtime, run on whatever asyncio loop drives it."""

    def __init__(self, deliver: Callable[[Message], None], fire_timer: Callable[[int], None], *, virtual: bool = False) -> None:
        self._deliver = deliver
        self._fire_timer = fire_timer
        #: On the virtual clock time stands still until `advance`; only due timers run.
        self.virtual = virtual
        self._virtual_now = 0.0
        self._heap: list[tuple[float, int, int]] = []
        self._timers: dict[int, tuple[float, float, bool]] = {}  # id -> (deadline, delay, repeat)
        self._events: deque[Message] = deque()
        self._seq = itertools.count()
        self._wake: asyncio.Event | None = None

    def add_timer(self, timer_id: int, delay_ms: float, repeat: bool) -> None:
        delay = max(0.0, delay_ms / 1000.0)
        if repeat:
            delay = max(delay, MIN_INTERVAL_S)
        self._schedule(timer_id, self.now() + delay, delay, repeat)

    def now(self) -> float:
        """Seconds on this loop's clock: monotonic wall time, or the virtual clock."""
        return self._virtual_now if self.virtual else time.monotonic()

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
                    await asyncio.wait_for(wake.wait(), None if self.virtual else self._next_delay())
                except asyncio.TimeoutError:
                    pass
        finally:
            self._wake = None

    async def advance(self, seconds: float, busy: Callable[[], bool], stopped: Callable[[], bool]) -> None:
        """Move the virtual clock forward, running each timer at its due time, in order, with
        everything it starts run until idle before the clock moves on."""
        target = self._virtual_now + max(0.0, seconds)
        await self.run_until_idle(busy, stopped)
        while not stopped():
            deadline = self._next_deadline()
            if deadline is None or deadline > target:
                break
            self._virtual_now = max(self._virtual_now, deadline)
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
            self._virtual_now = max(self._virtual_now, deadline)
            await self.run_until_idle(busy, stopped)

    def _next_deadline(self) -> float | None:
        delay = self._next_delay()
        return None if delay is None else self.now() + delay

    def _schedule(self, timer_id: int, deadline: float, delay: float, repeat: bool) -> None:
        self._timers[timer_id] = (deadline, delay, repeat)
        heapq.heappush(self._heap, (deadline, next(self._seq), timer_id))

    def _next_delay(self) -> float | None:
        while self._heap:
            deadline, _, timer_id = self._heap[0]
            entry = self._timers.get(timer_id)
            if entry is None or entry[0] != deadline:
                heapq.heappop(self._heap)  # cleared or rescheduled
                continue
            return max(0.0, deadline - self.now())
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
