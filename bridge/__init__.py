"""swan-bridge: run Baidu Smart Program (`swan`) JavaScript inside Python, with real HTTP."""

from ._exceptions import (
    CPULimitExceeded,
    InvalidScript,
    MemoryLimitExceeded,
    RunTimeout,
    ScriptError,
    SwanError,
)
from ._harness import App, Component, Page
from ._project import ProjectError
from ._runtime import ConsoleMessage, Event, RunResult, SwanRuntime, TaskRecord
from ._server import EmbeddedServer, expected_body
from ._transfers import TransferProgress

__version__ = "0.1.0"

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
