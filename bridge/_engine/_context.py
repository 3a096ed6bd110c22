"""One QuickJS-NG context with the shim loaded; every call into it is a guarded, limited turn.

Only JSON strings and numbers cross into JS and only flat strings come back (every value the
shim hands over is made by one `JSON.stringify` or `Array.prototype.join`, never a rope), so
nothing the engine cannot carry (dicts, big ints, NUL bytes, lone surrogates) ever reaches it,
and no Python exception can be raised inside it: the shim never calls Python, but for the
synchronous channel of the FileSystemManager's Sync forms (`_sync_channel`, see _protocol), a
host function that catches everything and answers one JSON text.

Every evaluated source gets its own range of line numbers (see `evaluate`), so stack frames name
the user's file and line although the engine calls every script `<input>`.
"""

from __future__ import annotations

import json
import secrets
import threading
import weakref
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
from json.scanner import c_make_scanner  # type: ignore[attr-defined]
from time import monotonic, process_time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Callable

import quickjs

from . import _native
from .._bulk import bulk
from .._exceptions import (
    CPULimitExceeded,
    InvalidScript,
    MemoryLimitExceeded,
    ScriptError,
    script_error_from_engine,
)
from .._protocol import Message
from ._bundle import shim_bundle

MessageSink = Callable[[list[Message]], None]
ErrorSink = Callable[[ScriptError], None]
#: Answers the synchronous channel: one JSON text in, one JSON text out (see _protocol).
SyncHandler = Callable[[str], str]

_SYNC_CLOSED = '{"ok":false,"kind":"unavailable","detail":"the runtime is closed"}'
_SYNC_BROKEN = '{"ok":false,"kind":"internal","detail":"swan-bridge internal error in the synchronous channel"}'


def _always() -> bool:
    """Where the engine's runtime cannot be read: ask the wrapper for each job."""
    return True


def _sync_channel(slot: list[SyncHandler | None]) -> Callable[..., str]:
    """The host function behind the synchronous channel. It never raises: a Python exception
    inside a host function corrupts the engine, so every failure is an answer."""

    def channel(*args: Any) -> str:
        try:
            handler = slot[0]
            if handler is None:
                return _SYNC_CLOSED
            if len(args) != 1 or not isinstance(args[0], str):
                return _SYNC_BROKEN
            answer = handler(args[0])
            return answer if isinstance(answer, str) and answer.isascii() else _SYNC_BROKEN
        except BaseException:  # nothing may escape into the engine
            return _SYNC_BROKEN

    return channel


def _outbox_channel(engine: weakref.ref[Engine]) -> Callable[..., str]:
    """The host function that takes a piece of the outbox while a turn runs (see _protocol). It
    never raises, and holds the engine weakly (the engine holds the context, which holds it)."""

    def channel(*args: Any) -> str:
        try:
            owner = engine()
            if owner is None or len(args) != 1 or not isinstance(args[0], str):
                return "keep"
            return owner._take_piece(args[0])
        except BaseException:  # nothing may escape into the engine
            return "keep"

    return channel


def _load_channel(engine: weakref.ref[Engine]) -> Callable[..., Any]:
    """The host function that gives the shim a file loaded at first use (see `_bundle`): its
    function, evaluated from bytecode, or None. It never raises, and holds the engine weakly."""

    def channel(*args: Any) -> Any:
        try:
            owner = engine()
            if owner is None or len(args) != 1 or type(args[0]) is not int:
                return None
            return owner._lazy_file(args[0])
        except BaseException:  # nothing may escape into the engine
            return None

    return channel


#: Why the engine refuses a call while a piece of the outbox is routed during a turn.
IN_HOOK = ("the runtime cannot be used from a callback (on_console, on_error) while its script is running; "
           "use it after the call returns")

#: {api: family} the shim declares, by bundle (see Engine.apis).
_DECLARED: dict[str, dict[str, str]] = {}
#: By bundle: what each file loaded at first use defines (the shim's JSON table), and the heap
#: each file took in the bundle's first runtime, which loaded them all at once (see Engine.__init__).
_LAZY: dict[str, tuple[str, tuple[int, ...]]] = {}

#: Heap a file loaded at first use may take on its way, beyond what it keeps (see `_lazy_file`).
_LOAD_ROOM = 4 * 1024 * 1024
#: Outbox pieces at least this long are parsed with the cyclic collector held off (see _bulk).
_BULK_CHARS = 64 * 1024
#: Characters of scripts `evaluate_together` compiles in one turn (about 15 ms of parsing).
_TOGETHER_CHARS = 256 * 1024

_ENCODER = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(",", ":"))
#: The time limit that stops every remaining promise job at once, once a turn's budget is spent.
_STOP_NOW = 1e-6
#: Jobs left to the interrupt (which gives the stack of where the chain was) before the heap is
#: frozen so that no job can queue another.
_JOBS_BEFORE_FREEZE = 20_000  # the engine checks its limit every 10,000 calls or so
_SECONDS_BEFORE_FREEZE = 0.05


class RawJSON:
    """A value of a payload given as its JSON text (by `to_js`), encoded once and kept: the
    parsed templates a project sends every runtime."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _raw_marker(value: Any) -> Any:
    if isinstance(value, RawJSON):
        return _RAW_MARK
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_RAW_MARK = f"\x00raw-{secrets.token_hex(16)}\x00"  # no payload's string can be it
_RAW_ENCODER = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(",", ":"), default=_raw_marker)


def _unencodable(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _fast_encoder() -> Any:
    try:
        return c_make_encoder(None, _unencodable, encode_basestring_ascii, None, ":", ",", False, False, False)
    except TypeError:  # (None: no C accelerator; another signature: a Python that changed it)
        return None


#: `_ENCODER` without its per-call set-up (a C encoder made once) and without the check for
#: cycles: whatever it refuses or cannot end is encoded again by `_ENCODER`, which says why.
_FAST_ENCODE = _fast_encoder()


def _fast_scanner() -> Any:
    try:
        return c_make_scanner(json.JSONDecoder())
    except TypeError:
        return None


#: The JSON parser's C scanner, made once: the outbox's pieces are parsed at every turn, and
#: json.loads adds a few Python calls per text to what the scanner does.
_SCAN = _fast_scanner()


def _json_array(text: str) -> Any:
    """json.loads(text), for the outbox's pieces."""
    if _SCAN is None:
        return json.loads(text)
    try:
        value, end = _SCAN(text, 0)
    except StopIteration as exc:
        raise json.JSONDecodeError("Expecting value", text, exc.value) from None
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return value


def to_js(value: Any) -> str:
    """JSON for the engine: ASCII only, so any Python string crosses intact. A RawJSON value
    goes in as its text."""
    if _FAST_ENCODE is not None:
        try:
            return "".join(_FAST_ENCODE(value, 0))
        except (TypeError, ValueError, RecursionError):
            pass
    try:
        return _ENCODER.encode(value)
    except RecursionError:
        raise ValueError("the value nests lists and dicts too deep to be sent to JS (deeper than Python's JSON "
                         "encoder goes)") from None
    except TypeError:
        raws: list[str] = []
        _collect_raw(value, raws)
        if not raws:
            raise
    pieces = _RAW_ENCODER.encode(value).split(json.dumps(_RAW_MARK))
    return "".join(piece + raw for piece, raw in zip(pieces, [*raws, ""]))


def _collect_raw(value: Any, into: list[str]) -> None:
    """The RawJSON values of `value`, in the order the encoder meets them."""
    if isinstance(value, RawJSON):
        into.append(value.text)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_raw(item, into)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect_raw(item, into)


def _range(source: str, header: str | None) -> tuple[int, int, int]:
    """(lines, end column, lines the host adds after them) of the user's text in a source
    `evaluate` runs: without the closing line of a wrapped one; the end column is just after
    its last character, as the engine counts columns; then the line that ends the script."""
    own = source if header is None else source[: source.rfind("\n")]
    last = own[own.rfind("\n") + 1:]
    return own.count("\n") + 1, len(last.encode("utf-16-le", "surrogatepass")) // 2 + 1, 1 if header is None else 2


def check_source(source: str) -> None:
    """Refuse source the engine would cut short (NUL) or crash on (lone surrogates)."""
    if "\x00" in source:
        raise InvalidScript("script source contains a NUL character")
    try:
        source.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidScript(f"script source is not valid Unicode: {exc.reason} at {exc.start}") from None


class Engine:
    """The QuickJS-NG context of one runtime, fed only through the protocol in `_protocol`.

    The wrapper's context must not be used from several threads, so an engine belongs to the
    thread that made it, and refuses calls from any other.
    """

    def __init__(
        self,
        *,
        on_messages: MessageSink,
        on_error: ErrorSink,
        cpu_limit: float | None,
        memory_limit: int | None,
        view: bool = False,
        on_turn_end: Callable[[], None] | None = None,
    ) -> None:
        self._on_messages = on_messages
        #: Called when a turn that handed messages over ends (the runtime saves the storage).
        self._on_turn_end = on_turn_end
        self._routed = False
        self._on_error = on_error
        self._cpu_limit = cpu_limit
        self._memory_limit = memory_limit
        self._thread = threading.get_ident()
        #: Wall-clock deadline of the current run (monotonic), checked while promise jobs drain.
        self.deadline: float | None = None
        #: Set when a turn was stopped because the run's deadline passed, with the JS stack
        #: where it was stopped (when known).
        self.timed_out = False
        self.stopped_stack = ""
        #: Ctrl-C arrived while a turn was running (see `interrupt`).
        self._interrupted = False
        self._depth = 0  # turns in progress (a stopped callback's `complete` runs in a nested one)
        #: While a piece of the outbox handed over during a turn is routed (see `_take_piece`).
        self._taking = False
        #: What routing such a piece raised (a hook's exception): the turn stops as at Ctrl-C, and
        #: it is raised when the turn is over, as it is from the routing after a turn.
        self._failure: BaseException | None = None
        #: CPU seconds the host spent on pieces during the current turn: not the script's.
        self._host_cpu = 0.0
        self._recover_after_turn = False
        self._deadlines = _native.Deadlines()
        ctx = quickjs.Context()
        self._ctx: quickjs.Context | None = ctx
        # The synchronous channel (see _protocol): installed before the shim loads, which takes
        # it and removes the global. The function holds no reference to the engine.
        self._sync_slot: list[SyncHandler | None] = [None]
        ctx.add_callable("__swan_fs_sync", _sync_channel(self._sync_slot))
        # The outbox's pieces during a turn (see _protocol), taken by the shim in the same way.
        ctx.add_callable("__swan_outbox", _outbox_channel(weakref.ref(self)))
        # The loader of the files loaded at first use, taken by the shim in the same way.
        ctx.add_callable("__swan_load", _load_channel(weakref.ref(self)))
        bundle = self._bundle = shim_bundle(view)  # the view's files only where pages render
        #: The shim's source: the key of what is worked out once per process for the same shim.
        self.bundle_source = bundle.source
        if not _native.eval_compiled(ctx, bundle.source):
            ctx.eval(bundle.source)
        self._next_line = bundle.line_count + 1
        self._native_key = _native.install(ctx, self._deadlines)
        self.tracks_rejections = self._native_key is not None
        self._jobs_pending = _native.jobs_pending(ctx) or _always
        self._rejections_seen = _native.seen
        self._loaded = ctx.get("__swan_loaded")
        #: Loads of files loaded at first use begun and not over (see `_lazy_file`).
        self._lazy_open = 0
        self._lazy_reset = ctx.get("__swan_lazyReset")
        self._prepare_lazy(ctx, ctx.get("__swan_lazy"))
        # Limits are set after the shim loads so that they measure the script only: the memory
        # limit counts from the heap the shim itself takes (about 1 MB); a file loaded at first
        # use adds the heap it takes (`_lazy_file`).
        if memory_limit:
            self._memory_limit = memory_limit = memory_limit + int(ctx.memory().get("malloc_size", 0))
            ctx.set_memory_limit(memory_limit)
        self._limit_in_force: float | None = None
        self._budget_is_deadline = False
        self._dispatch = ctx.get("__swan_dispatch")
        self._timer = ctx.get("__swan_timer")
        self._progress = ctx.get("__swan_progress")
        self._drain = ctx.get("__swan_drain")
        self._configure = ctx.get("__swan_configure")
        self._source = ctx.get("__swan_source")
        self._checkpoint = ctx.get("__swan_checkpoint")
        self._command = ctx.get("__swan_command")
        self._resume = ctx.get("__swan_resume")
        self._apis = ctx.get("__swan_apis")
        ctx.eval("__swan_seal()")  # the entry points are the host's alone from here on

    def _prepare_lazy(self, ctx: quickjs.Context, lazy: Any) -> None:
        """Make the placeholders of the files loaded at first use, from what the bundle's first
        runtime learnt; that runtime loads them all now, and learns what each defines and the
        heap each takes."""
        #: The heap each file takes, added to the memory limit when it loads; None while measured.
        self._lazy_heap: tuple[int, ...] | None = None
        self._lazy_measures: list[tuple[int, int]] = []  # (file, heap before) of each load begun
        self._lazy_raised: set[int] = set()
        self._lazy_measured: list[int] = []
        if not self._bundle.lazy:
            return
        known = _LAZY.get(self.bundle_source)
        if known is not None and self._native_key is not None:
            lazy(known[0])
            self._lazy_heap = known[1]
            return
        # Without the interrupt handler the wrapper's time limit refuses every call into Python
        # while JS runs, the loader's too: such an engine loads them all now.
        self._lazy_measured = [0] * len(self._bundle.lazy)
        table = lazy("")
        if known is None:
            _LAZY[self.bundle_source] = (table, tuple(self._lazy_measured))

    def _lazy_file(self, index: int) -> Any:
        """The function of the file loaded at first use `index` (see `_load_channel`); -1: the
        load begun last is over (it ran whole, or threw). A load the engine stopped never says
        so: the turn's end resets it (`_turn`)."""
        ctx = self._ctx
        if ctx is None:
            return None
        if index < 0:
            self._lazy_open = max(0, self._lazy_open - 1)
            if self._lazy_heap is None and self._lazy_measures:
                file, before = self._lazy_measures.pop()
                self._lazy_measured[file] = int(ctx.memory().get("malloc_size", 0)) - before
            if self._memory_limit and self._lazy_open == 0:
                ctx.set_memory_limit(self._memory_limit)
            return None
        if index >= len(self._bundle.lazy_sources):
            return None
        if self._lazy_heap is None:
            self._lazy_measures.append((index, int(ctx.memory().get("malloc_size", 0))))
        elif self._memory_limit:
            if index not in self._lazy_raised:  # the script's budget stays what it was
                self._lazy_raised.add(index)
                self._memory_limit += self._lazy_heap[index]
            # Room for what reading and running the file takes on its way, whatever the script
            # has left: the limit is put back when the load is over.
            ctx.set_memory_limit(self._memory_limit + _LOAD_ROOM)
        source = self._bundle.lazy_sources[index]
        function = _native.value_compiled(ctx, source)
        self._lazy_open += 1
        return function if function is not None else ctx.eval(source)

    @property
    def shim_files(self) -> tuple[str, ...]:
        """The shim's files this engine has loaded: those it starts with, then those loaded at
        first use, in order."""
        loaded: tuple[str, ...] = tuple(json.loads(self._loaded())) if self._ctx is not None else ()
        return self._bundle.files + loaded

    def end_turn_hook(self) -> None:
        """Run `on_turn_end` when the turn now running ends, even if it routes nothing: called by
        a host function that left work for it (the storage lock a synchronous call took)."""
        self._routed = True

    def set_sync_handler(self, handler: SyncHandler | None) -> None:
        """What answers the synchronous channel: JSON text in, JSON text out; it must not raise
        and must not call into the engine (it runs inside a JS turn)."""
        self._sync_slot[0] = handler

    @property
    def apis(self) -> dict[str, str]:
        """{api: family} of every API the shim declares (checked against the host's families),
        once the host has configured the documented APIs. The same for every engine of one bundle,
        so it is asked of the first one only."""
        apis = _DECLARED.get(self.bundle_source)
        if apis is None:
            apis = _DECLARED[self.bundle_source] = json.loads(self._apis())
        return dict(apis)

    def command(self, payload: dict[str, Any]) -> None:
        """A framework command (see _protocol); its answer comes back as a "reply" message."""
        self._turn(self._command, "command", to_js(payload))

    def configure(self, config: dict[str, Any]) -> None:
        self._turn(self._configure, "configure", to_js(config))

    def evaluate(self, source: str, filename: str, header: str | None = None) -> None:
        """Evaluate a script at global scope, its frames named `filename:line:col`.

        Top-level let/const stay global across evaluations, as with several <script> tags. The
        source is padded with newlines to its own line range, which the shim learns first. A
        `header` (one line of host code, such as a module wrapper) goes on a line of its own
        before it, outside the range, so the source keeps its own lines and columns; the last
        line of a source with a header closes what the header opened (`});`), and is the host's
        too: a fault there or after it (a block the file never closed) is at the file's end.
        """
        check_source(source)
        filename = _text_name(filename)
        first = self._next_line
        count = source.count("\n") + 1
        lead = 0 if header is None else 1
        self._next_line = first + lead + count + 1  # + the line that ends the script
        self._turn(self._source, "script", filename, first + lead, *_range(source, header))
        # The completion value is undefined, so no script value (a rope, a cycle) has to cross
        # back; the outbox is drained after the turn.
        head = "" if header is None else header + "\n"
        self._turn(self._require_ctx().eval, "script", "\n" * (first - 1) + head + source + "\n;void 0;")

    def evaluate_together(self, scripts: Sequence[tuple[str, str, str | None]]) -> None:
        """Evaluate (source, filename, header) scripts as `evaluate` does one by one, in two
        turns for up to _TOGETHER_CHARS of them. Only for scripts known to compile alone that
        declare nothing at top level and do not throw (module definitions the probe passed):
        then the whole is the same as each in turn."""
        start = 0
        while start < len(scripts):
            end, size = start, 0
            while end < len(scripts) and (end == start or size + len(scripts[end][0]) <= _TOGETHER_CHARS):
                size += len(scripts[end][0])
                end += 1
            self._evaluate_chunk(scripts[start:end])
            start = end

    def _evaluate_chunk(self, scripts: Sequence[tuple[str, str, str | None]]) -> None:
        first_line = self._next_line
        ranges, parts = [], []
        for source, filename, header in scripts:
            check_source(source)
            first = self._next_line
            count = source.count("\n") + 1
            lead = 0 if header is None else 1
            self._next_line = first + lead + count + 1
            ranges.append((_text_name(filename), first + lead, *_range(source, header)))
            parts.append(("" if header is None else header + "\n") + source + "\n;void 0;")
        register = self._source

        def learn() -> None:
            for where in ranges:
                register(*where)

        self._turn(learn, "script")
        ctx = self._require_ctx()
        text = "\n" * (first_line - 1) + "\n".join(parts)
        # The same definitions, inside a function whose first line is the padding's (so every
        # line keeps its number): they declare nothing at top level, so the function is the
        # script, and it is read from the bytecode of its first compile in this process.
        try:
            defined = _native.project_function(ctx, "(function () {" + text + "\n})") if first_line > 1 else None
        except Exception:  # (no heap left for the function's holder: the eval below reports it)
            defined = None
        if defined is not None:
            self._turn(defined, "script")
        else:
            self._turn(ctx.eval, "script", text)

    def dispatch(self, event: Message) -> None:
        """Deliver one host event (see _protocol) as its own JS turn."""
        if event["t"] == "progress":
            total = event["total"]
            # Floats carry byte counts exactly up to 2**53; ints above 2**31 would be truncated.
            self._turn(self._progress, "event", event["id"], float(event["done"]),
                       -1.0 if total is None else float(total), event["percent"])
        else:
            self._turn(self._dispatch, "event", to_js(event))

    def fire_timer(self, timer_id: int) -> None:
        self._turn(self._timer, "timer", timer_id)

    def close(self) -> None:
        if self._native_key is not None:
            _native.uninstall(self._native_key)
        self._dispatch = self._drain = self._configure = self._timer = self._progress = None
        self._source = self._checkpoint = self._command = self._apis = self._resume = self._loaded = None
        self._lazy_reset = None
        self._sync_slot[0] = None
        self._ctx = None

    def check_usable(self) -> None:
        """RuntimeError when the runtime cannot be used from here and now: from another thread
        than its own, or from a callback (on_console, on_error) while a turn runs."""
        if threading.get_ident() != self._thread:
            raise RuntimeError("a SwanRuntime can only be used from the thread that created it")
        if self._depth > 0 or self._taking:
            raise RuntimeError(IN_HOOK)

    def _require_ctx(self) -> quickjs.Context:
        if self._ctx is None:
            raise RuntimeError("the runtime is closed")
        if threading.get_ident() != self._thread:
            raise RuntimeError("a SwanRuntime can only be used from the thread that created it")
        if self._taking:
            raise RuntimeError(IN_HOOK)
        return self._ctx

    @property
    def running(self) -> bool:
        """A turn is in progress: its JS runs, or what it printed is being routed."""
        return self._depth > 0

    def _set_limit(self, ctx: quickjs.Context, limit: float | None, now: float | None = None) -> None:
        """From now on (`now`, the process's CPU time, when the caller has just read it: reading
        it is a system call), JS may use `limit` more CPU seconds (None: no limit), and never
        run past the run's deadline."""
        if self._interrupted:  # Ctrl-C: whatever runs now stops at the engine's next check
            limit = _STOP_NOW
        if self._native_key is not None:  # our interrupt handler checks both deadlines
            self._deadlines.cpu = None if limit is None else (process_time() if now is None else now) + limit
            self._deadlines.wall = 0.0 if self._interrupted else self.deadline
        elif limit != self._limit_in_force:
            ctx.set_time_limit(-1 if limit is None else limit)
            self._limit_in_force = limit

    def _budget(self) -> float | None:
        """CPU seconds the next call may use: the CPU limit. With only the wrapper's CPU time
        limit, also no more than the run has left (a `while (true)` burns CPU about as fast as
        wall time), and whether the run's deadline set it is recorded, so that a stop it causes
        is a timeout."""
        limit = self._cpu_limit
        self._budget_is_deadline = False
        if self.deadline is not None and self._native_key is None:
            left = self.deadline - monotonic()
            if limit is None or left < limit:
                limit = max(left, _STOP_NOW)
                self._budget_is_deadline = True
        return limit

    def interrupt(self) -> None:
        """Ctrl-C: stop the JS running now at the engine's next check, and raise
        KeyboardInterrupt once its turn has handed over everything it printed; a turn that has
        not begun raises at once. (Python's own handler would raise inside whichever host
        function JS was calling, where the exception is lost: the interrupt check, the
        synchronous channel.) Until `clear_interrupt`."""
        self._interrupted = True
        if self._native_key is not None:
            self._deadlines.cpu = self._deadlines.wall = 0.0
        elif self._ctx is not None:
            self._ctx.set_time_limit(_STOP_NOW)
            self._limit_in_force = _STOP_NOW

    @property
    def memory_limit(self) -> int | None:
        """The engine's heap limit in bytes (the shim's own use included), or None."""
        return self._memory_limit

    @property
    def interrupted(self) -> bool:
        """Ctrl-C arrived and the run it stopped is not over yet (see `interrupt`)."""
        return self._interrupted

    def clear_interrupt(self) -> None:
        """The interrupted run is over: the next one runs normally."""
        self._interrupted = False

    def _turn(self, fn: Any, where: str, *args: Any) -> None:
        """One call into JS, then every promise job it queued (the microtask checkpoint), then the
        outbox to the sink. The call and its jobs share one CPU budget and the run's deadline:
        once either is spent, every remaining job is stopped before it can queue another."""
        ctx = self._require_ctx()
        if self._interrupted:
            raise KeyboardInterrupt
        self._depth += 1
        try:
            self._turn_in(ctx, fn, where, *args)
        finally:
            self._depth -= 1
            if self._depth == 0 and self._lazy_open:
                self._end_lazy_loads()
            if self._depth == 0 and self._routed:
                self._routed = False
                if self._on_turn_end is not None:
                    self._on_turn_end()
        if self._recover_after_turn:
            self._recover_after_turn = False
            self._with_headroom(lambda: None)
        if self._interrupted and self._depth == 0:
            failure = self._failure
            if failure is not None:  # a hook's exception stopped the turn, not Ctrl-C
                self._failure = None
                self._interrupted = False
                raise failure
            raise KeyboardInterrupt

    def _turn_in(self, ctx: quickjs.Context, fn: Any, where: str, *args: Any) -> None:
        started = process_time()
        self._host_cpu = 0.0
        self._set_limit(ctx, self._budget(), started)
        try:
            out = fn(*args)
        except Exception as exc:  # JSException, StackOverflow, UnicodeDecodeError from a message
            if self._interrupted:
                self._end_interrupted(ctx)
                return
            self._report(exc, where)
            if fn is not self._resume and self._resume is not None:
                self._turn(self._resume, where)  # a stopped success/fail callback: complete still runs
        else:
            if out:
                self._deliver(out)
            elif out is None:  # a script: its messages are still in the outbox
                self._flush()
        stopped: Exception | None = None  # a job the budget stopped: reported with what follows it
        jobs_pending = self._jobs_pending
        while not self._interrupted and jobs_pending():
            try:
                if not ctx.execute_pending_job():
                    break
            except Exception as exc:
                if self._interrupted:
                    break
                if str(exc).startswith("InternalError: interrupted"):
                    stopped = stopped or exc
                else:
                    self._report(exc, "promise job")
            else:
                self._flush()
            over_cpu = self._cpu_limit is not None and process_time() - started - self._host_cpu >= self._cpu_limit
            if over_cpu or (self.deadline is not None and monotonic() >= self.deadline):
                self._stop_jobs(ctx, over_cpu, stopped)
                stopped = None
                break
        if self._interrupted:
            self._end_interrupted(ctx)
            return
        if stopped is not None:
            self._report(stopped, "promise job")
        if _native.seen != self._rejections_seen:
            self._rejections_seen = _native.seen
            self._set_limit(ctx, self._budget())
            try:
                self._deliver(self._checkpoint())
            except Exception as exc:
                self._report(exc, "promise")

    def _end_lazy_loads(self) -> None:
        """A load of a file loaded at first use that the engine stopped (no catch runs then): the
        file is left unloaded, to load again from the start at its next use."""
        self._lazy_open = 0
        if self._memory_limit and self._ctx is not None:
            self._ctx.set_memory_limit(self._memory_limit)
        with self._shims_own_code():
            try:
                self._lazy_reset()
            except Exception as exc:  # out of memory: reported, and the next use loads it again
                self._report(exc, "shim", flush=False)

    @contextmanager
    def _shims_own_code(self) -> Iterator[None]:
        """Run the shim's own bounded code past the run's deadlines (which the interrupt handler
        would stop it at), then put them back."""
        saved = self._deadlines.cpu, self._deadlines.wall
        self._deadlines.cpu = self._deadlines.wall = None
        try:
            yield
        finally:
            self._deadlines.cpu, self._deadlines.wall = saved

    def _end_interrupted(self, ctx: quickjs.Context) -> None:
        """A turn Ctrl-C stopped: hand over what it printed, and drop the promise jobs it left.
        (A turn a hook's exception stopped hands over nothing more: its output waits in the
        outbox, as it does when routing after a turn raises.)"""
        self._flush()
        self._stop_jobs(ctx, False, report=False)

    def _stop_jobs(self, ctx: quickjs.Context, over_cpu: bool, stopped: Exception | None = None, *, report: bool = True) -> None:
        """An endless chain of promise jobs: stop every remaining job before it can queue another.

        A time limit of nothing alone is not enough: the engine checks it only every few
        thousand steps, so a job that queues its successor first and works after would go on.
        So the heap is also frozen at its size: queueing a job needs memory, and fails. The chain
        is reported once, with the stack of the job it was stopped in; the rejections the stop
        itself causes are dropped."""
        self._set_limit(ctx, _STOP_NOW)
        stack = "" if stopped is None else script_error_from_engine(stopped, "promise jobs", self._cpu_limit, False).stack
        jobs = 0
        freeze_at = monotonic() + _SECONDS_BEFORE_FREEZE
        frozen = False
        try:
            while True:
                if not frozen and (jobs >= _JOBS_BEFORE_FREEZE or monotonic() >= freeze_at):
                    ctx.set_memory_limit(int(ctx.memory().get("malloc_size", 0)) or 1)  # the interrupt alone did not end it
                    frozen = True
                jobs += 1
                try:
                    if not ctx.execute_pending_job():
                        break
                except Exception as exc:
                    stack = stack or script_error_from_engine(exc, "promise jobs", self._cpu_limit, False).stack
        finally:
            ctx.set_memory_limit(self._memory_limit or -1)
            self._set_limit(ctx, self._budget())
            ctx.gc()
        self._flush()
        self._rejections_seen = _native.seen
        with self._shims_own_code():  # (the run's deadline may have passed: it is what stopped the jobs)
            self._deliver(self._checkpoint(True))  # drop what the stop rejected
        if not report:
            return
        if stopped is not None and jobs == 1:  # one endless job, not a chain: report it as such
            self._report(stopped, "promise job", flush=False)
        elif over_cpu:
            self._on_error(CPULimitExceeded.after(self._cpu_limit, stack, where="promise jobs"))
        else:
            self.timed_out = True
            self.stopped_stack = stack

    def _deliver(self, out: str) -> None:
        if self._failure is not None:
            return
        messages = self._messages_of(out)
        more = messages and messages[-1].get("op") == "more"
        self._route(messages)
        if more:
            self._flush()

    def _messages_of(self, out: str) -> list[Message]:
        """The messages of a piece the shim gave out; one whose raw texts did not arrive whole
        (the wrapper cuts a string at a NUL character) is asked for again, escaped."""
        messages = self._parse(out)
        if messages is None:
            try:
                again = self._drain(True)
            except Exception as exc:  # out of memory escaping the texts
                self._report(exc, "outbox", flush=False)
                return []
            messages = self._parse(again) or []
        return messages

    def _take_piece(self, text: str) -> str:
        """A piece of the outbox the shim hands over while its turn runs (see _protocol): routed
        at once, as the drain after the turn would. Answers "" (done), "again" (a NUL cut a raw
        text short: send the piece escaped) or "keep" (leave it for the drain after the turn).
        Inside the turn, so the engine takes no call while it is routed; the time it takes is
        not the script's CPU time."""
        if self._ctx is None or self._taking or self._interrupted:
            return "keep"
        started = process_time()
        try:
            messages = self._parse(text)
            if messages is None:
                return "again"
            self._taking = True
            try:
                self._route(messages)
            finally:
                self._taking = False
        except BaseException as exc:  # a hook's: the turn stops as at Ctrl-C, and `_turn` raises it
            self._failure = exc
            self.interrupt()
        finally:
            spent = process_time() - started
            self._host_cpu += spent
            if self._failure is None and self._deadlines.cpu is not None:
                self._deadlines.cpu += spent
        return ""

    def _flush(self) -> None:
        """Hand over what is left in the outbox, piece by piece (the shim's own bounded code: no
        deadline applies, so a turn stopped at its deadline still hands over what it produced)."""
        if self._failure is not None:
            return
        with self._shims_own_code():
            self._drain_all()

    def _drain_all(self) -> None:
        failed = 0
        while self._failure is None:
            try:
                out = self._drain()
            except Exception as exc:
                # A piece the heap cannot hold as text (a console line, a setData value near the
                # memory limit) is dropped, with the error; the pieces after it still go, so the
                # rest of what the script printed and started (a timer, a call) is not held back.
                # Each failed drain has taken its piece; a drain that keeps failing stops.
                self._report(exc, "handing output to the host", flush=False)
                failed += 1
                if failed >= _DRAIN_FAILURES:
                    return
                continue
            failed = 0
            if not out:
                return
            self._route(self._messages_of(out))

    def _route(self, messages: list[Message]) -> None:
        self._routed = True
        self._on_messages(messages)

    def _parse(self, out: str) -> list[Message] | None:
        """A piece of the outbox: messages joined with ",", then, when it has raw console texts,
        "\\n" and the texts (see _protocol). None when the texts do not add up to what arrived."""
        newline = out.find("\n")
        if newline < 0:
            return self._parse_messages(out)
        messages = self._parse_messages(out[:newline])
        return messages if _attach_texts(messages, out, newline + 1) else None

    def _parse_messages(self, out: str) -> list[Message]:
        """Messages joined with ",". A value the script nested deeper than Python's JSON parser
        goes (about 1,000 levels: storage, setData) fails that parse: then each message is parsed
        on its own, and only the one too deep is dropped, with an error."""
        try:
            if len(out) < _BULK_CHARS:
                messages: list[Message] = _json_array("[" + out + "]")
            else:  # a page's first render, a large setData: many objects at once
                with bulk():
                    messages = _json_array("[" + out + "]")
            return messages
        except RecursionError:
            pass
        kept: list[Message] = []
        for text in _split_messages(out):
            try:
                kept.append(json.loads(text))
            except RecursionError:
                self._on_error(ScriptError(
                    "swan-bridge: a value nested too deeply to reach the host was dropped "
                    f"(the message began {text[:30]!r})", "", "outbox"))
        return kept

    def _report(self, exc: Exception, where: str, *, flush: bool = True) -> None:
        """A call failed: hand over everything it produced before the failure, in order, then
        report the failure (a stop by the run's deadline is the runtime's to report)."""
        error = script_error_from_engine(exc, where, self._cpu_limit, memory_limited=bool(self._memory_limit))
        if isinstance(error, MemoryLimitExceeded):
            self._with_headroom(self._flush if flush else lambda: None)  # draining needs memory the turn used up
        elif flush:
            self._flush()
        if isinstance(error, CPULimitExceeded) and self.deadline is not None and (
            self._budget_is_deadline or monotonic() >= self.deadline
        ):
            self.timed_out = True
            self.stopped_stack = error.stack
            return
        self._on_error(error)

    def recover_memory(self) -> None:
        """After an out-of-memory error a callback's guard caught: collect what it left (once the
        turn's JS has returned, when its report was handed over during the turn)."""
        if self._taking:
            self._recover_after_turn = True
            return
        self._with_headroom(lambda: None)

    def _with_headroom(self, fn: Callable[[], None]) -> None:
        """Run `fn` with twice the memory limit, then collect what the failed turn left, so that
        the context accepts the next turn."""
        ctx = self._ctx
        if ctx is None or not self._memory_limit:
            fn()
            return
        ctx.set_memory_limit(self._memory_limit * 2)
        try:
            fn()
            ctx.gc()
        finally:
            ctx.set_memory_limit(self._memory_limit)


def _text_name(name: str) -> str:
    """A file name as text the engine takes: bytes of a path that are not UTF-8 (surrogate
    escapes) become U+FFFD, as do lone surrogates."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape" if _escapes_only(name) else "replace").decode("utf-8", "replace")
    return name


def _escapes_only(name: str) -> bool:
    return all(not "\ud800" <= c <= "\udfff" or "\udc80" <= c <= "\udcff" for c in name)


#: Drains in a row that may fail before the rest of the outbox waits for the next drain.
_DRAIN_FAILURES = 8


def _attach_texts(messages: list[Message], out: str, start: int) -> bool:
    """Give each run of console lines of a piece its texts, which travelled raw from `start` on,
    each followed by "\\n" but the last: its "raw" field lists their lengths in UTF-16 code units
    (see _protocol). A run gets "block" (its lines joined by "\\n", one slice of the piece) and
    "lengths" (in characters). False when the texts do not add up to what arrived (the wrapper
    cuts a string at a NUL character)."""
    units = b""
    end = len(out)
    if not out.isascii():
        encoded = out[start:].encode("utf-16-le", "surrogatepass")
        if len(encoded) != 2 * (end - start):  # characters above U+FFFF: count code units
            units, start, end = encoded, 0, len(encoded) // 2
    position = start
    for message in messages:
        lengths = message.pop("raw", None)
        if lengths is None:
            continue
        first = position
        for length in lengths:
            position += length + 1
        if position > end + 1:
            return False
        if units:
            # Decoded line by line: a lone surrogate split from its neighbour's half arrives as
            # it was sent (the piece held them as one pair).
            texts = []
            for length in lengths:
                texts.append(units[2 * first:2 * (first + length)].decode("utf-16-le", "surrogatepass"))
                first += length + 1
            message["texts"] = texts
        else:
            message["block"] = out[first:position - 1]
            message["lengths"] = lengths
    return position == end + 1


def _split_messages(out: str) -> list[str]:
    """The messages of an outbox piece, as texts: split at the commas between top-level objects
    (outside strings). Only used when the piece as a whole is too deep to parse."""
    texts, depth, start, in_string, escaped = [], 0, 0, False, False
    for i, char in enumerate(out):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
        elif char == "," and depth == 0:
            texts.append(out[start:i])
            start = i + 1
    texts.append(out[start:])
    return texts
