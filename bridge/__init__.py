"""swan-bridge: run Baidu Smart Program (`swan`) JavaScript inside Python, with real HTTP."""

from typing import TYPE_CHECKING, Any

from ._exceptions import (
    CPULimitExceeded,
    InvalidScript,
    MemoryLimitExceeded,
    RunTimeout,
    ScriptError,
    SwanError,
)
from ._app._handles import App, Component, Page
from ._network._progress import TransferProgress
from ._app._project import ProjectError
from ._runtime._runtime import ConsoleMessage, Event, RunResult, SwanRuntime, TaskRecord

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ._server import EmbeddedServer, expected_body


def __getattr__(name: str) -> Any:
    # The embedded server (and its WebSocket and multipart libraries) is imported on first use:
    # `swan-bridge run` and most runtimes never need it, and it adds to every cold start.
    if name in ("EmbeddedServer", "expected_body"):
        from . import _server

        return getattr(_server, name)
    raise AttributeError(f"module 'bridge' has no attribute {name!r}")

__all__ = [
    "App",
    "CPULimitExceeded",
    "Component",
    "ConsoleMessage",
    "EmbeddedServer",
    "Event",
    "InvalidScript",
    "MemoryLimitExceeded",
    "Page",
    "ProjectError",
    "RunResult",
    "RunTimeout",
    "ScriptError",
    "SwanError",
    "SwanRuntime",
    "TaskRecord",
    "TransferProgress",
    "expected_body",
    "__version__",
]
