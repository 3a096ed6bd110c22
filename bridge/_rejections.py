"""QuickJS-NG's promise rejection tracker, which the `quickjs-ng` wrapper does not expose.

An unhandled rejection (an `async` function that throws with nobody awaiting it, a
`Promise.reject()` without a `.catch`) must be reported like an uncaught error, and only the
engine knows about every promise (`async` functions use the intrinsic Promise, out of the shim's
reach). The engine library is linked into the wrapper's extension module and exports its C API,
so this module installs `JS_SetHostPromiseRejectionTracker` with ctypes. The tracker does one
thing: it calls the shim's `__swan_rejection(promise, reason, handled)`, which keeps the list.

The wrapper's context object is read at a known layout (pinned wrapper version, checked three
ways before use: object size, the runtime pointer the context reports, and the wrapper version).
If any check fails, `install` returns False and the runtime goes on without rejection reports.
"""

from __future__ import annotations

import ctypes
import sys
from importlib import metadata
from typing import Any

_TAG_BOOL = 1
_TAG_EXCEPTION = 6


class _JSValue(ctypes.Structure):
    # QuickJS-NG on 64-bit targets (no NaN boxing): a union of 8 bytes and a 64-bit tag.
    _fields_ = [("u", ctypes.c_uint64), ("tag", ctypes.c_int64)]


_TRACKER = ctypes.CFUNCTYPE(None, ctypes.c_void_p, _JSValue, _JSValue, ctypes.c_bool, ctypes.c_void_p)


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


def install(context: Any) -> bool:
    """Install the tracker on the runtime behind a `quickjs.Context`; False if not possible."""
    if not _load() or type(context).__basicsize__ != _CONTEXT_SIZE:
        return False
    api = _API
    assert api is not None
    base = id(context)
    runtime = ctypes.c_void_p.from_address(base + _HEAD).value
    js_context = ctypes.c_void_p.from_address(base + _HEAD + ctypes.sizeof(ctypes.c_void_p)).value
    if not runtime or not js_context or api.get_runtime(js_context) != runtime:
        return False
    api.set_tracker(runtime, _CALLBACK, None)
    return True
