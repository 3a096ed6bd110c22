"""swan-bridge: run Baidu Smart Program (`swan`) JavaScript inside Python, with real HTTP."""

from ._exceptions import (
    CPULimitExceeded,
    InvalidScript,
    MemoryLimitExceeded,
    RunTimeout,
    ScriptError,
    SwanError,
)
from ._runtime import ConsoleMessage, RunResult, SwanRuntime, TaskRecord
from ._server import EmbeddedServer, expected_body
from ._transfers import TransferProgress

__version__ = "0.1.0"

__all__ = [
    "CPULimitExceeded",
    "ConsoleMessage",
    "EmbeddedServer",
    "InvalidScript",
    "MemoryLimitExceeded",
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
