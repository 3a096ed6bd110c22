"""QuickJS-NG hooks the `quickjs-ng` wrapper does not expose: the promise rejection tracker and
the interrupt handler.

- Rejections: an unhandled rejection (an `async` function that throws with nobody awaiting it,
  a `Promise.reject()` without a `.catch`) must be reported like an uncaught error, and only the
  engine knows about every promise (`async` functions use the intrinsic Promise, out of the
  shim's reach). The tracker calls the shim's `__swan_rejection(promise, reason, handled)`.
- Interrupts: the wrapper's time limit counts process CPU time only, so on a loaded machine a
  `while (true)` could run past the run's wall-clock timeout. Our handler stops JS at a CPU
  deadline (the CPU limit) and at a wall-clock deadline (the run's timeout), whichever is first.

The engine library is linked into the wrapper's extension module and exports its C API, so both
are installed with ctypes. The wrapper's context object is read at a known layout (pinned
wrapper version, checked three ways before use: object size, the runtime pointer the context
reports, and the wrapper version). If any check fails, `install` returns False and the engine
falls back to the wrapper's CPU time limit, without rejection reports.
"""

from __future__ import annotations

import ctypes
import itertools
import sys
from dataclasses import dataclass
from importlib import metadata
from time import monotonic, process_time
from typing import Any

_TAG_BOOL = 1
_TAG_EXCEPTION = 6


class _JSValue(ctypes.Structure):
    # QuickJS-NG on 64-bit targets (no NaN boxing): a union of 8 bytes and a 64-bit tag.
    _fields_ = [("u", ctypes.c_uint64), ("tag", ctypes.c_int64)]


_TRACKER = ctypes.CFUNCTYPE(None, ctypes.c_void_p, _JSValue, _JSValue, ctypes.c_bool, ctypes.c_void_p)
_INTERRUPT = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


class _Api:
    """The few engine functions the tracker needs, bound once per process."""

    def __init__(self, lib: ctypes.CDLL) -> None:
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


def _load() -> bool:
    global _API, _SUPPORTED
    if _API is not None or _SUPPORTED:
        return _API is not None
    _SUPPORTED = True  # checked once per process
    try:
        import _quickjs

        version = metadata.version("quickjs-ng")
        if not version.startswith("0.17.") or sys.maxsize <= 2**32:
            return False
        _API = _Api(ctypes.CDLL(_quickjs.__file__))
    except (ImportError, OSError, AttributeError, metadata.PackageNotFoundError):
        return False
    return True


#: Layout of the wrapper's context object (module.c, RuntimeData): PyObject_HEAD, then
#: JSRuntime *runtime, then JSContext *context, ... 80 bytes in all on 64-bit CPython.
_HEAD = ctypes.sizeof(ctypes.c_ssize_t) + ctypes.sizeof(ctypes.c_void_p)
_CONTEXT_SIZE = 80


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


def uninstall(key: int) -> None:
    """Forget a runtime's deadlines (its handler then never stops anything)."""
    _DEADLINES.pop(key, None)
