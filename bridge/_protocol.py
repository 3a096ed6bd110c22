"""The message protocol between the JS shim (js_shim/swan.js) and the Python host.

This docstring is the one place the protocol is written down; both sides follow it.

Why this shape: the engine cannot mix a CPU time limit with JS-to-Python calls, and a Python
exception inside a host function corrupts the engine. So JS never calls Python. Every crossing
is a JSON string (ASCII on the way in, so NUL bytes, lone surrogates and numbers above 2**31
arrive intact), and every call into JS is one "turn" that the CPU limit applies to.

Host -> JS (functions installed by the shim, called from Python with one JSON string):

    __swan_configure(config)   once, after loading: {"platform": "android"|"ios",
                               "uploadJson": bool, "userDataPath": str, "globals": {name: value}}
    __swan_timer(id)           timer `id` is due (id is a small int, which crosses exactly)
    __swan_progress(id, done, total)
                               bytes moved so far; done and total are floats (exact up to
                               2**53, where ints above 2**31 would be truncated); total < 0
                               means unknown. The two hottest events skip JSON.
    __swan_dispatch(event)     one JSON event per call; events are
        {"t": "headers", "id": n, "header": {name: value}}       response headers arrived
        {"t": "end", "id": n, "ok": true, "result": {...}}       the call succeeded; result
                                                                 holds the API's raw fields
        {"t": "end", "id": n, "ok": false, "kind": str, "detail": str}
                                                                 the call failed; kind is one
                                                                 of ERROR_KINDS
    __swan_drain()             returns the outbox (below) and empties it

Inside the host, a progress event is queued as {"t": "progress", "id": n, "done": int,
"total": int|null} like the others, and the engine sends it through __swan_progress.

Every one of these returns the outbox: "" when empty, else a JSON array of messages.

JS -> host (the outbox, in the order the script caused them):

    {"op": "console", "level": "log"|"info"|"debug"|"warn"|"error", "text": str}
    {"op": "error", "message": str, "stack": str, "where": str}   an uncaught error in a callback
    {"op": "timer", "id": n, "delay": ms, "repeat": bool}         setTimeout / setInterval
    {"op": "clearTimer", "id": n}
    {"op": "call", "id": n, "api": str, "params": {...}|null, "error": str|null}
        a swan API call. params are already checked by the shim; when error is set the host
        answers {"t": "end", "ok": false, "kind": "param", "detail": error} and does nothing else.
    {"op": "abort", "id": n}                                       task.abort() on a running call
    {"op": "trace", "id": n, "event": "progress"|"headers"|"success"|"fail"|"complete",
     "errMsg"?: str, "errCode"?: int}                              a callback was invoked

The host answers every "call" with exactly one "end" event; the shim turns it into exactly one
of success/fail followed by complete. After "abort" the host still sends "end" (kind "abort"),
and the shim reports abort whatever that end says.
"""

from __future__ import annotations

from typing import Any, Final

#: Failure kinds the host may send in an "end" event; the shim maps each to errCode and errMsg.
ERROR_KINDS: Final = (
    "param",  # a parameter the host could not use (errCode 202)
    "abort",  # task.abort() was called
    "timeout",  # the per-API network timeout ran out
    "network",  # a transport failure: refused, reset, truncated body ...
    "too_large",  # a transfer over its size limit
    "size_unknown",  # iOS: a download whose size cannot be determined
    "domain",  # the URL is not in the domain list
    "invalid_path",  # file APIs: a path the sandbox refuses (errCode 2000)
    "not_found",  # file APIs: no such file (2001)
    "size_limit",  # file APIs: the saved-file store is full (2002)
    "io",  # file APIs: an I/O error (2003)
    "delete_failed",  # file APIs: removal failed (2004)
    "internal",  # a bug in a Python handler, reported instead of raised
)

Message = dict[str, Any]


def percent(done: int, total: int | None) -> int:
    """The integer percent a progress event reports: 0 while the total is unknown, 100 for an
    empty body, never above 100. The one place it is computed; the shim passes it on."""
    if total is None:
        return 0
    if total == 0:
        return 100
    return min(100, done * 100 // total)


def progress_event(call_id: int, done: int, total: int | None) -> Message:
    return {"t": "progress", "id": call_id, "done": done, "total": total, "percent": percent(done, total)}


def headers_event(call_id: int, header: dict[str, str]) -> Message:
    return {"t": "headers", "id": call_id, "header": header}


def success_event(call_id: int, result: dict[str, Any]) -> Message:
    return {"t": "end", "id": call_id, "ok": True, "result": result}


def failure_event(call_id: int, kind: str, detail: str = "") -> Message:
    return {"t": "end", "id": call_id, "ok": False, "kind": kind, "detail": detail}
