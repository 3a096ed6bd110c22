"""Errors the user sees, and the one mapping from low-level exceptions to them.

Two audiences: Python callers get exceptions (`SwanError` and subclasses); scripts get `fail`
results, for which Python only names a failure kind (see `_protocol.ERROR_KINDS`) and the shim
writes errCode and errMsg.
"""

from __future__ import annotations

import errno
import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

from ._protocol import check_kind

__all__ = [
    "SwanError",
    "ScriptError",
    "CPULimitExceeded",
    "MemoryLimitExceeded",
    "RunTimeout",
    "InvalidScript",
    "RuntimeClosedError",
]


class SwanError(Exception):
    """Base class for every error swan-bridge raises."""


_FRAME_LOCATION = re.compile(r"^\s*at (?:.*\()?([^()\s]+:\d+:\d+)\)?$")


class ScriptError(SwanError):
    """An uncaught JavaScript error: its message, its JS stack (the user's frames, each with
    file:line:col), the place in the user's code it comes from, and what was running."""

    def __init__(self, message: str, stack: str = "", where: str = "script") -> None:
        super().__init__(message)
        self.message = message
        self.stack = stack
        self.where = where

    @property
    def location(self) -> str:
        """`file:line:col` of the innermost user frame, or "" when the stack names none."""
        for line in self.stack.splitlines():
            match = _FRAME_LOCATION.match(line)
            if match:
                return match.group(1)
        return ""

    def __str__(self) -> str:
        location = self.location
        head = f"{location}: {self.message}" if location else self.message
        return f"{head}\n{self.stack}" if self.stack else head

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, where={self.where!r})"


class CPULimitExceeded(ScriptError):
    """A JS turn ran longer than the runtime's CPU limit and was stopped."""

    @classmethod
    def after(cls, limit: float | None, stack: str = "", where: str = "script") -> CPULimitExceeded:
        shown = f"{limit:g} s" if limit else "its limit"
        return cls(f"CPULimitExceeded: JS turn used more than {shown} of CPU time", stack, where)


class MemoryLimitExceeded(ScriptError):
    """The script's heap grew past the runtime's memory limit."""


class RunTimeout(SwanError):
    """The wall-clock timeout of a run ran out before the script went idle.

    `result` holds what the run produced until then (a `RunResult`).
    """

    def __init__(self, message: str, result: Any = None) -> None:
        super().__init__(message)
        self.result = result


class RuntimeClosedError(SwanError, RuntimeError):
    """A SwanRuntime was used after `close()`: only its records (console, errors, tasks, log,
    calls, storage) can still be read."""

    def __init__(self, message: str = "this SwanRuntime is closed") -> None:
        super().__init__(message)


class InvalidScript(SwanError, ValueError):
    """Script source the engine cannot take safely (a NUL byte or a lone surrogate)."""


class HostFailure(Exception):
    """Raised inside Python handlers to fail a call with a given kind; never leaves the host."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(detail or kind)
        self.kind = check_kind(kind)
        self.detail = detail


#: What the engine's out-of-memory error says; a script can catch it inside a callback.
OUT_OF_MEMORY = "InternalError: out of memory"


def script_error_from_engine(exc: Exception, where: str, cpu_limit: float | None, memory_limited: bool) -> ScriptError:
    """Turn an exception raised by a call into the engine into the ScriptError users see.

    Under a memory limit a bare `null` (thrown, or a promise job's rejection) is taken as running
    out of memory: the engine throws `null` when it cannot even allocate the error (a script's
    own `throw null` or `Promise.reject(null)` looks the same, and is rare)."""
    text = str(exc)
    head, _, stack = text.partition("\n")
    stack = "" if stack.strip() in ("undefined", "null") else stack.rstrip()
    if head.startswith("InternalError: interrupted"):
        return CPULimitExceeded.after(cpu_limit, stack, where)
    if isinstance(exc, UnicodeDecodeError):
        return ScriptError(f"swan-bridge: a value could not cross from JS: {exc}", "", where)
    return script_error(head if head else "Uncaught exception", stack, where, memory_limited)


def script_error(message: str, stack: str, where: str, memory_limited: bool) -> ScriptError:
    """The ScriptError for an error the shim reported (or the engine raised): out-of-memory
    errors, which a callback's guard catches like any other, become MemoryLimitExceeded."""
    bare = message.removeprefix("Uncaught (in promise) ")  # a job's failure becomes a rejection
    # A bare `null`, or an InternalError without its message, is what is left when the engine
    # could not allocate the error itself.
    if bare.startswith(OUT_OF_MEMORY) or (bare in ("null", "InternalError") and memory_limited):
        return MemoryLimitExceeded("MemoryLimitExceeded: the script ran out of memory", stack, where)
    return ScriptError(message, stack, where)


def failure_from_exception(exc: BaseException) -> tuple[str, str]:
    """Map an exception from a Python handler to a (kind, detail) failure for the shim."""
    if isinstance(exc, HostFailure):
        return exc.kind, exc.detail
    # httpx is imported at the first transfer; before that, no exception can be one of its own.
    if "httpx" in sys.modules:
        failure = _httpx_failure(exc, sys.modules["httpx"])
        if failure is not None:
            return failure
    if isinstance(exc, UnicodeError):
        return "param", f"invalid characters: {exc}"
    if isinstance(exc, OSError):
        return "io", f"{exc.strerror or exc}"
    return "internal", f"internal error: {type(exc).__name__}: {exc}"


def _httpx_failure(exc: BaseException, httpx: Any) -> tuple[str, str] | None:
    """The failure of one of httpx's exceptions, or None for another exception."""
    if isinstance(exc, httpx.TimeoutException):
        return "timeout", ""
    if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return "param", f"invalid url: {exc}"
    if isinstance(exc, httpx.LocalProtocolError):
        return "param", f"invalid request: {exc}"
    if isinstance(exc, httpx.ConnectError):
        return "network", _connect_reason(exc)
    if isinstance(exc, httpx.RemoteProtocolError):
        return "network", f"connection closed by server: {exc}"
    if isinstance(exc, httpx.DecodingError):  # a body its Content-Encoding does not describe: the server's fault
        return "network", f"the response body cannot be decoded: {exc}"
    if isinstance(exc, httpx.TooManyRedirects):  # a server redirecting in a loop
        return "network", f"too many redirects: {exc}"
    if isinstance(exc, httpx.TransportError):
        return "network", f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return None


def _connect_reason(exc: httpx.ConnectError) -> str:
    import ssl  # (imported by httpx already)

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError) or getattr(cause, "errno", None) == errno.ECONNREFUSED:
            return "connection refused"
        if isinstance(cause, ssl.SSLError):
            return f"ssl error: {cause}"
        cause = cause.__cause__ or cause.__context__
    text = str(exc)
    if "refused" in text.lower():
        return "connection refused"
    return f"connect error: {text}" if text else "connect error"
