"""swan-bridge: run Baidu Smart Program (`swan`) JavaScript inside Python, with real HTTP."""

from typing import TYPE_CHECKING, Any

from ._exceptions import (
    CPULimitExceeded,
    InvalidScript,
    MemoryLimitExceeded,
    RunTimeout,
    RuntimeClosedError,
    ScriptError,
    SwanError,
)
from ._app._handles import App, Component, Page
from ._network._progress import TransferProgress
from ._app._project import ProjectError
from ._runtime._records import ConsoleMessage, Event, RunResult, TaskRecord
from ._runtime._runtime import SwanRuntime
from ._view._errors import NodeGoneError, SelectorSyntaxError, TemplateError

__version__ = "0.1.0"

if TYPE_CHECKING:
    from ._server import EmbeddedServer, expected_body
    from ._view._mirror import Node


def __getattr__(name: str) -> Any:
    # The embedded server (and its WebSocket and multipart libraries) is imported on first use:
    # `swan-bridge run` and most runtimes never need it, and it adds to every cold start.
    if name in ("EmbeddedServer", "expected_body"):
        from . import _server

        return getattr(_server, name)
    if name == "Node":  # the rendered view's element (lxml, from the `view` extra, on first use)
        from ._view._mirror import Node

        return Node
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
    "Node",
    "NodeGoneError",
    "Page",
    "ProjectError",
    "RunResult",
    "RunTimeout",
    "RuntimeClosedError",
    "SelectorSyntaxError",
    "ScriptError",
    "SwanError",
    "SwanRuntime",
    "TaskRecord",
    "TemplateError",
    "TransferProgress",
    "expected_body",
    "__version__",
]
