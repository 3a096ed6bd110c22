"""One QuickJS context with the shim loaded; every call into it is a guarded, limited turn.

Only JSON strings cross into JS and only strings come back, so nothing the engine cannot
carry (dicts, big ints, NUL bytes, lone surrogates) ever reaches it, and no Python exception
can be raised inside it: the shim never calls Python.
"""

from __future__ import annotations

import json
from time import process_time
from typing import Any, Callable

import quickjs

from ._exceptions import CPULimitExceeded, InvalidScript, MemoryLimitExceeded, ScriptError, script_error_from_engine
from ._protocol import Message
from ._resources import shim_source

MessageSink = Callable[[list[Message]], None]
ErrorSink = Callable[[ScriptError], None]


_ENCODER = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def to_js(value: Any) -> str:
    """JSON for the engine: ASCII only, so any Python string crosses intact."""
    return _ENCODER.encode(value)


def check_source(source: str) -> None:
    """Refuse source the engine would cut short (NUL) or crash on (lone surrogates)."""
    if "\x00" in source:
        raise InvalidScript("script source contains a NUL character")
    try:
        source.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidScript(f"script source is not valid Unicode: {exc.reason} at {exc.start}") from None


class Engine:
    """The QuickJS context of one runtime, fed only through the protocol in `_protocol`."""

    def __init__(
        self,
        *,
        on_messages: MessageSink,
        on_error: ErrorSink,
        cpu_limit: float | None,
        memory_limit: int | None,
        max_stack_size: int | None = None,
    ) -> None:
        self._on_messages = on_messages
        self._on_error = on_error
        self._cpu_limit = cpu_limit
        self._memory_limit = memory_limit
        ctx = quickjs.Context()
        if max_stack_size:
            ctx.set_max_stack_size(max_stack_size)
        ctx.eval(shim_source())
        # Limits are set after the shim loads so that they measure the script only.
        if memory_limit:
            ctx.set_memory_limit(memory_limit)
        if cpu_limit:
            ctx.set_time_limit(cpu_limit)
        self._ctx: quickjs.Context | None = ctx
        self._dispatch = ctx.get("__swan_dispatch")
        self._timer = ctx.get("__swan_timer")
        self._progress = ctx.get("__swan_progress")
        self._drain = ctx.get("__swan_drain")
        self._configure = ctx.get("__swan_configure")

    def configure(self, config: dict[str, Any]) -> None:
        self._turn(self._configure, to_js(config), "configure")

    def run_script(self, source: str, where: str = "script") -> None:
        """Evaluate a script at global scope (top-level let/const stay global across runs)."""
        check_source(source)
        # The completion value is the outbox, as for every other entry point, so no script
        # value has to cross back.
        self._turn(self._require_ctx().eval, source + "\n;__swan_drain();", where)

    def dispatch(self, event: Message) -> None:
        """Deliver one host event (see _protocol) as its own JS turn."""
        if event["t"] == "progress":
            total = event["total"]
            # Floats carry byte counts exactly up to 2**53; ints above 2**31 would be truncated.
            self._turn(self._progress, event["id"], "event", float(event["done"]), -1.0 if total is None else float(total))
        else:
            self._turn(self._dispatch, to_js(event), "event")

    def fire_timer(self, timer_id: int) -> None:
        self._turn(self._timer, timer_id, "timer")

    def close(self) -> None:
        self._dispatch = self._drain = self._configure = self._timer = self._progress = None
        self._ctx = None

    def _require_ctx(self) -> quickjs.Context:
        if self._ctx is None:
            raise RuntimeError("the runtime is closed")
        return self._ctx

    def _turn(self, fn: Any, arg: str | int, where: str, *more: float) -> None:
        """One call into JS, then every promise job it queued, then the outbox to the sink."""
        ctx = self._require_ctx()
        try:
            out = fn(arg, *more)
        except Exception as exc:  # JSException, or UnicodeDecodeError from an error message
            self._flush()
            self._report(exc, where)
        else:
            if out:
                self._on_messages(json.loads(out))
        limit = self._cpu_limit
        while True:
            started = process_time() if limit else 0.0
            try:
                if not ctx.execute_pending_job():
                    break
            except Exception as exc:
                self._flush()
                self._report(exc, "promise job")
                continue
            self._flush()
            # QuickJS turns an interrupt inside a promise job into a silent rejection; a job
            # that used the whole budget was stopped by the limit, so say so.
            if limit and process_time() - started >= limit:
                self._on_error(CPULimitExceeded.after(limit, where="promise job"))

    def _flush(self) -> None:
        try:
            out = self._drain()
        except Exception as exc:
            self._report(exc, "outbox")
            return
        if out:
            self._on_messages(json.loads(out))

    def _report(self, exc: Exception, where: str) -> None:
        error = script_error_from_engine(exc, where, self._cpu_limit)
        if isinstance(error, MemoryLimitExceeded):
            self._recover_memory()
        self._on_error(error)

    def _recover_memory(self) -> None:
        """Collect what the failed turn left, so that the context accepts the next turn."""
        ctx = self._ctx
        if ctx is None or not self._memory_limit:
            return
        ctx.set_memory_limit(self._memory_limit * 2)
        try:
            ctx.gc()
        finally:
            ctx.set_memory_limit(self._memory_limit)
