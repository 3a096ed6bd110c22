"""The transfer threads: at most `size` of them, started as calls queue up, taking calls in order
from one queue.

Why not a ThreadPoolExecutor: each of its tasks makes a Future (a lock and a condition), a done
callback and the checks on it, all on the loop thread, which is the one thread every transfer
goes through; here a call is one queue entry and its outcome is kept on the call itself.
"""

from __future__ import annotations

import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any

#: A queue entry: the job, what to call once its thread is free again, and their argument; None
#: tells a worker to end.
_Job = tuple[Callable[[Any], None], Callable[[Any], None], Any] | None


class _Idle:
    """How many threads wait for a job no submitted job has claimed yet (shared with the threads,
    which must not hold the pool itself)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0

    def add(self) -> None:
        with self.lock:
            self.count += 1


def _worker(jobs: queue.SimpleQueue[_Job], idle: _Idle) -> None:
    """Run jobs until told to end. It holds the queue only, so an unclosed pool can be freed."""
    while True:
        job = jobs.get()
        if job is None:
            return
        fn, then, arg = job
        fn(arg)  # (neither raises: `Workers.submit` says so)
        idle.add()  # before `then`, which may submit the next job: it finds this thread free
        then(arg)
        del job, fn, then, arg


class Workers:
    """Runs `fn(arg)` jobs on up to `size` threads, each job once, in the order submitted."""

    def __init__(self, size: int, name: str) -> None:
        self._size = size
        self._name = name
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._idle = _Idle()
        # An unclosed pool that is freed tells its threads to end (without waiting for them).
        self._finalizer = weakref.finalize(self, _tell_to_end, self._jobs, self._threads)

    def submit(self, fn: Callable[[Any], None], then: Callable[[Any], None], arg: Any) -> None:
        """Queue `fn(arg)`, then `then(arg)` once the thread is free again; neither may raise. A
        thread is started when none is free."""
        idle = self._idle
        with idle.lock:
            if idle.count:
                idle.count -= 1
                thread = None
            elif len(self._threads) < self._size:
                thread = threading.Thread(target=_worker, args=(self._jobs, idle),
                                          name=f"{self._name}_{len(self._threads)}", daemon=True)
                self._threads.append(thread)
            else:
                thread = None
        self._jobs.put((fn, then, arg))
        if thread is not None:
            thread.start()

    def close(self) -> list[Any]:
        """End every thread once its job is done, and wait for them; returns the args of the
        jobs not begun."""
        left: list[Any] = []
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                left.append(job[2])
        threads = list(self._threads)
        self._finalizer()
        current = threading.current_thread()
        for thread in threads:
            if thread is not current:
                thread.join()
        return left


def _tell_to_end(jobs: queue.SimpleQueue[_Job], threads: list[threading.Thread]) -> None:
    for _ in threads:
        jobs.put(None)
    threads.clear()
