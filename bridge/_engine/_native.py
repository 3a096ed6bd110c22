"""QuickJS-NG hooks the `quickjs-ng` wrapper does not expose: the promise rejection tracker, the
interrupt handler, and loading the shim from bytecode.

- Rejections: an unhandled rejection (an `async` function that throws with nobody awaiting it,
  a `Promise.reject()` without a `.catch`) must be reported like an uncaught error, and only the
  engine knows about every promise (`async` functions use the intrinsic Promise, out of the
  shim's reach). The tracker calls the shim's `__swan_rejection(promise, reason, handled)`.
- Interrupts: the wrapper's time limit counts process CPU time only, so on a loaded machine a
  `while (true)` could run past the run's wall-clock timeout. Our handler stops JS at a CPU
  deadline (the CPU limit) and at a wall-clock deadline (the run's timeout), whichever is first.
- Bytecode: compiling the shim (about 140 KB) took most of a runtime's start; it is compiled
  once (per process, and kept in the user's cache directory for the next: bridge._cache) and
  each runtime reads the bytecode. A file loaded at first use (bridge._engine._bundle) is read
  the same way, and handed to the shim as the value its host function returns: a wrapper
  object whose JSValue is swapped for the file's function (the wrapper has no call for that).

The engine library is linked into the wrapper's extension module and exports its C API, so both
are installed with ctypes. The wrapper's context object is read at a known layout (pinned
wrapper version, checked three ways before use: object size, the runtime pointer the context
reports, and the wrapper version), and its object wrapper likewise (its size, its context, an
object's tag). If any check fails, `install` returns False and the engine
falls back to the wrapper's CPU time limit, without rejection reports.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import sys
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from time import monotonic, process_time
from typing import Any

from . import _cache

_TAG_BOOL = 1
_TAG_EXCEPTION = 6


class _JSValue(ctypes.Structure):
    # QuickJS-NG on 64-bit targets (no NaN boxing): a union of 8 bytes and a 64-bit tag.
    _fields_ = [("u", ctypes.c_uint64), ("tag", ctypes.c_int64)]


_TRACKER = ctypes.CFUNCTYPE(None, ctypes.c_void_p, _JSValue, _JSValue, ctypes.c_bool, ctypes.c_void_p)
_INTERRUPT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


class _Api:
    """The few engine functions the tracker needs, bound once per process."""

    def __init__(self, lib: ctypes.CDLL, held: ctypes.PyDLL) -> None:
        # Whether the runtime has promise jobs queued: called through PyDLL, keeping the GIL (a
        # CDLL call gives it up and must wait to take it back while transfer threads hold it).
        self.job_pending = held.JS_IsJobPending
        self.job_pending.restype = ctypes.c_bool
        self.job_pending.argtypes = [ctypes.c_void_p]
        self.get_runtime = lib.JS_GetRuntime
        self.get_runtime.restype = ctypes.c_void_p
        self.get_runtime.argtypes = [ctypes.c_void_p]
        self.set_tracker = lib.JS_SetHostPromiseRejectionTracker
        self.set_tracker.restype = None
        self.set_tracker.argtypes = [ctypes.c_void_p, _TRACKER, ctypes.c_void_p]
        self.global_object = lib.JS_GetGlobalObject
        self.global_object.restype = _JSValue
        self.global_object.argtypes = [ctypes.c_void_p]
        self.get_property = lib.JS_GetPropertyStr
        self.get_property.restype = _JSValue
        self.get_property.argtypes = [ctypes.c_void_p, _JSValue, ctypes.c_char_p]
        self.call = lib.JS_Call
        self.call.restype = _JSValue
        self.call.argtypes = [ctypes.c_void_p, _JSValue, _JSValue, ctypes.c_int, ctypes.POINTER(_JSValue)]
        self.free_value = lib.JS_FreeValue
        self.free_value.restype = None
        self.free_value.argtypes = [ctypes.c_void_p, _JSValue]
        self.get_exception = lib.JS_GetException
        self.get_exception.restype = _JSValue
        self.get_exception.argtypes = [ctypes.c_void_p]
        self.set_interrupt = lib.JS_SetInterruptHandler
        self.set_interrupt.restype = None
        self.set_interrupt.argtypes = [ctypes.c_void_p, _INTERRUPT, ctypes.c_void_p]
        self.eval = lib.JS_Eval
        self.eval.restype = _JSValue
        self.eval.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_int]
        self.write_object = lib.JS_WriteObject
        self.write_object.restype = ctypes.c_void_p
        self.write_object.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t), _JSValue, ctypes.c_int]
        self.read_object = lib.JS_ReadObject
        self.read_object.restype = _JSValue
        self.read_object.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int]
        self.eval_function = lib.JS_EvalFunction
        self.eval_function.restype = _JSValue
        self.eval_function.argtypes = [ctypes.c_void_p, _JSValue]
        self.js_free = lib.js_free
        self.js_free.restype = None
        self.js_free.argtypes = [ctypes.c_void_p, ctypes.c_void_p]


def _tracker(ctx: int, promise: _JSValue, reason: _JSValue, handled: bool, opaque: int) -> None:
    """Hand the event to the shim's __swan_rejection (runs inside JS, with the GIL taken by ctypes)."""
    global seen
    api = _API
    if api is None:
        return
    seen += 1
    glob = api.global_object(ctx)
    fn = api.get_property(ctx, glob, b"__swan_rejection")
    args = (_JSValue * 3)(promise, reason, _JSValue(1 if handled else 0, _TAG_BOOL))
    out = api.call(ctx, fn, glob, 3, args)
    if out.tag == _TAG_EXCEPTION:
        api.free_value(ctx, api.get_exception(ctx))  # out of memory or interrupted: drop this report
    else:
        api.free_value(ctx, out)
    api.free_value(ctx, fn)
    api.free_value(ctx, glob)


_CALLBACK = _TRACKER(_tracker)


@dataclass
class Deadlines:
    """When the JS running now must stop: a process CPU time and a monotonic wall time (None:
    no such deadline). The engine sets them; the interrupt handler reads them."""

    cpu: float | None = None
    wall: float | None = None


_DEADLINES: dict[int, Deadlines] = {}
_KEYS = itertools.count(1)


def _interrupt(runtime: int, opaque: int | None) -> int:
    """Called by the engine every few thousand steps: nonzero stops the running JS."""
    deadlines = _DEADLINES.get(opaque or 0)
    if deadlines is None:
        return 0
    if deadlines.wall is not None and monotonic() >= deadlines.wall:
        return 1
    return 1 if deadlines.cpu is not None and process_time() >= deadlines.cpu else 0


_INTERRUPT_CALLBACK = _INTERRUPT(_interrupt)
#: Bumped on every tracker event of any runtime; an engine that sees it change asks the shim
#: for its report at the end of the checkpoint (no extra JS call on turns without rejections).
seen = 0
_API: _Api | None = None
_SUPPORTED = False


def _engine_version(library: str) -> str:
    """The installed quickjs-ng's version: from its dist-info folder beside the extension (as
    pip installs it), else from the package metadata (which takes milliseconds of every CLI
    start to read)."""
    with os.scandir(os.path.dirname(library)) as entries:
        for entry in entries:
            if entry.name.startswith("quickjs_ng-") and entry.name.endswith(".dist-info"):
                return entry.name[len("quickjs_ng-"):-len(".dist-info")]
    from importlib import metadata

    return metadata.version("quickjs-ng")


def _load() -> bool:
    global _API, _SUPPORTED
    if _API is not None or _SUPPORTED:
        return _API is not None
    _SUPPORTED = True  # checked once per process
    try:
        import _quickjs

        version = _engine_version(_quickjs.__file__)
        if not version.startswith("0.17.") or sys.maxsize <= 2**32:
            return False
        _API = _Api(ctypes.CDLL(_quickjs.__file__), ctypes.PyDLL(_quickjs.__file__))
        library = os.stat(_quickjs.__file__)
        _ENGINE_ID[:] = [version, _quickjs.__file__, str(library.st_size), str(library.st_mtime_ns)]
    except (ImportError, OSError, AttributeError, ValueError):  # PackageNotFoundError is an ImportError
        return False
    return True


#: Layout of the wrapper's context object (module.c, RuntimeData): PyObject_HEAD, then
#: JSRuntime *runtime, then JSContext *context, ... 80 bytes in all on 64-bit CPython.
_HEAD = ctypes.sizeof(ctypes.c_ssize_t) + ctypes.sizeof(ctypes.c_void_p)
_CONTEXT_SIZE = 80


_EVAL_COMPILE_ONLY = 1 << 5
_OBJ_BYTECODE = 1 << 0
#: How the shim's bytecode is written: without the functions' source text (JS_WRITE_OBJ_STRIP_SOURCE),
#: kept by default for Function.prototype.toString. The shim's functions then print as native
#: ones do (`function request() { [native code] }`), and the bytecode is a sixth of the size,
#: read faster and held in less heap by every runtime. Line numbers stay, for the shim's frames.
_WRITE_FLAGS = _OBJ_BYTECODE | 1 << 4
_bytecode: dict[str, bytes] = {}
#: The bytecode of the project code this process defined (`project_function`), by its text, for
#: the last few texts: written with its source (the app's functions print as written), and
#: never kept on disk.
_project_bytecode: OrderedDict[str, bytes] = OrderedDict()
_PROJECT_TEXTS_KEPT = 16
#: The engine build the bytecode is for (version, library path, size, mtime): part of the key of
#: the bytecode cache on disk (bridge._cache).
_ENGINE_ID: list[str] = []


def _js_context_of(context: Any) -> int | None:
    """The JSContext* behind a `quickjs.Context`, checked as `_runtime_of` checks it."""
    if _runtime_of(context) is None:
        return None
    return ctypes.c_void_p.from_address(id(context) + _HEAD + ctypes.sizeof(ctypes.c_void_p)).value


def eval_compiled(context: Any, source: str) -> bool:
    """Evaluate `source` (the shim, the same for every runtime) at global scope from bytecode
    compiled once per process, and kept on disk for the next one (bridge._cache): reading
    bytecode takes about a tenth of the time compiling the source takes, and every runtime
    starts with it. False if not possible (then eval it)."""
    js_context = _js_context_of(context)
    function = _function_of(js_context, source) if js_context is not None else None
    if js_context is None or function is None:
        return False
    api = _API
    assert api is not None
    api.free_value(js_context, _run(js_context, function))
    return True


def value_compiled(context: Any, source: str) -> Any:
    """The value of `source` (a shim file's function expression) as a `quickjs.Object`, evaluated
    from bytecode as `eval_compiled` does; None if not possible (then eval it)."""
    return _value_of(context, source, _function_of)


def project_function(context: Any, source: str) -> Any:
    """The value of `source` (a function expression of the project's code) as a `quickjs.Object`,
    from bytecode compiled at its first evaluation in this process: a test suite builds a
    runtime over the same project for every test, and compiling its modules again is a sixth of
    each build. None if not possible (then eval it)."""
    return _value_of(context, source, _project_function_of)


def _value_of(context: Any, source: str, function_of: Callable[[int, str], _JSValue | None]) -> Any:
    js_context = _js_context_of(context)
    api = _API
    if js_context is None or api is None:
        return None
    holder = context.eval("({})")  # a wrapper object whose value is swapped for the result
    slot = _object_slot(context, holder)
    function = function_of(js_context, source) if slot is not None else None
    if slot is None or function is None:
        return None
    result = _run(js_context, function)
    previous = _JSValue(slot.u, slot.tag)
    slot.u, slot.tag = result.u, result.tag  # the holder owns the result's reference now
    api.free_value(js_context, previous)
    return holder


#: Layout of the wrapper's object (module.c, ObjectData): PyObject_HEAD, the wrapper's context
#: object, then the JSValue it holds a reference to.
_OBJECT_SIZE = 40
_TAG_OBJECT = -1


def _object_slot(context: Any, holder: Any) -> _JSValue | None:
    """The JSValue inside a `quickjs.Object` of `context`, checked: the object's size, its
    context, and an object's tag."""
    if type(holder).__basicsize__ != _OBJECT_SIZE:
        return None
    if ctypes.c_void_p.from_address(id(holder) + _HEAD).value != id(context):
        return None
    slot = _JSValue.from_address(id(holder) + _HEAD + ctypes.sizeof(ctypes.c_void_p))
    return slot if slot.tag == _TAG_OBJECT else None


def _function_of(js_context: int, source: str) -> _JSValue | None:
    """`source` read into a function from its bytecode: this process's, else the disk cache's,
    else compiled now (and kept in both)."""
    code = _bytecode.get(source)
    if code is None:
        cached = cache_key(source)
        code = _cache.load(cached)  # compiled by an earlier process
        function = _read(js_context, code) if code is not None else None
        if function is not None and code is not None:
            _bytecode[source] = code
            return function
        code = _compile(js_context, source)
        if code is None:
            return None
        _bytecode[source] = code
        _cache.store(cached, code)
    return _read(js_context, code)


def _project_function_of(js_context: int, source: str) -> _JSValue | None:
    """`source` read into a function from the bytecode this process compiled it to, else
    compiled now and kept (for the last _PROJECT_TEXTS_KEPT texts)."""
    code = _project_bytecode.get(source)
    if code is None:
        code = _compile(js_context, source, _OBJ_BYTECODE)
        if code is None:
            return None
        _project_bytecode[source] = code
        while len(_project_bytecode) > _PROJECT_TEXTS_KEPT:
            _project_bytecode.popitem(last=False)
    else:
        _project_bytecode.move_to_end(source)
    return _read(js_context, code)


def cache_key(source: str) -> str:
    """The name of the bytecode of `source` in the disk cache: of this engine build, written so."""
    return _cache.key(source, str(_WRITE_FLAGS), *_ENGINE_ID)


def _compile(js_context: int, source: str, flags: int = _WRITE_FLAGS) -> bytes | None:
    api = _API
    assert api is not None
    text = source.encode("utf-8")
    function = api.eval(js_context, text, len(text), b"<input>", _EVAL_COMPILE_ONLY)
    if function.tag == _TAG_EXCEPTION:
        api.free_value(js_context, api.get_exception(js_context))
        return None
    size = ctypes.c_size_t()
    buffer = api.write_object(js_context, ctypes.byref(size), function, flags)
    api.free_value(js_context, function)
    if not buffer:
        return None
    code = ctypes.string_at(buffer, size.value)
    api.js_free(js_context, buffer)
    return code


def _read(js_context: int, code: bytes) -> _JSValue | None:
    """Bytecode read into a function, or None if the engine refuses it."""
    api = _API
    assert api is not None
    function = api.read_object(js_context, code, len(code), _OBJ_BYTECODE)
    if function.tag == _TAG_EXCEPTION:
        api.free_value(js_context, api.get_exception(js_context))
        return None
    return function  # type: ignore[no-any-return]


def _run(js_context: int, function: _JSValue) -> _JSValue:
    """Run a function read from bytecode (which this takes over): its value, for the caller to free."""
    api = _API
    assert api is not None
    result = api.eval_function(js_context, function)
    if result.tag == _TAG_EXCEPTION:
        api.free_value(js_context, api.get_exception(js_context))
        raise RuntimeError("swan-bridge: the shim failed to load from bytecode")
    return result  # type: ignore[no-any-return]


def _runtime_of(context: Any) -> int | None:
    """The JSRuntime* behind a `quickjs.Context`, or None when it cannot be read safely."""
    if not _load() or type(context).__basicsize__ != _CONTEXT_SIZE:
        return None
    api = _API
    assert api is not None
    base = id(context)
    runtime = ctypes.c_void_p.from_address(base + _HEAD).value
    js_context = ctypes.c_void_p.from_address(base + _HEAD + ctypes.sizeof(ctypes.c_void_p)).value
    if not runtime or not js_context or api.get_runtime(js_context) != runtime:
        return None
    return int(runtime)


def install(context: Any, deadlines: Deadlines) -> int | None:
    """Install both hooks on the runtime behind a `quickjs.Context`; returns a key for
    `uninstall`, or None if not possible (the engine then uses the wrapper's time limit)."""
    runtime = _runtime_of(context)
    if runtime is None:
        return None
    api = _API
    assert api is not None
    key = next(_KEYS)
    _DEADLINES[key] = deadlines
    api.set_tracker(runtime, _CALLBACK, None)
    api.set_interrupt(runtime, _INTERRUPT_CALLBACK, key)
    return key


def jobs_pending(context: Any) -> Callable[[], bool] | None:
    """A check of whether the runtime behind a `quickjs.Context` has promise jobs queued, made
    without giving up the GIL (the wrapper's `execute_pending_job` gives it up even when there is
    none); None when the runtime cannot be read."""
    runtime = _runtime_of(context)
    if runtime is None:
        return None
    api = _API
    assert api is not None
    job_pending = api.job_pending
    return lambda: bool(job_pending(runtime))


def uninstall(key: int) -> None:
    """Forget a runtime's deadlines (its handler then never stops anything)."""
    _DEADLINES.pop(key, None)
