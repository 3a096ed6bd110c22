"""What a run leaves behind: console messages, the record of each swan call, the ordered log, and
a run's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .._exceptions import ScriptError


@dataclass(frozen=True)
class ConsoleMessage:
    """One console call: its level (log, info, debug, warn, error) and the formatted text."""

    level: str
    text: str


@dataclass(slots=True)
class TaskRecord:
    """What happened to one swan API call: the callbacks run, in order, and the outcome."""

    id: int
    api: str
    url: str | None
    events: list[str] = field(default_factory=list)
    errMsg: str | None = None
    errCode: int | None = None

    @property
    def ok(self) -> bool | None:
        """True after success, False after fail, None while the call is still running."""
        if "success" in self.events:
            return True
        if "fail" in self.events:
            return False
        return None


@dataclass(frozen=True, slots=True)
class Event:
    """One entry of a runtime's ordered log: what happened, in the order it happened.

    kind is "console" (level, text), "error" (message, where, location), "call" (api, id,
    params), "callback" (api, id, event: success/fail/complete/progress/headers), "lifecycle"
    (target: app/page/component, route, hook), "setData" (target, route, data), "triggerEvent"
    (route, name, detail) or "unsupported" (api).
    """

    kind: str
    fields: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


@dataclass
class RunResult:
    """What one run produced: console output, uncaught errors, swan calls, and the ordered log
    of all of these (and of the framework's lifecycle), in order."""

    console: list[ConsoleMessage]
    errors: list[ScriptError]
    tasks: list[TaskRecord]
    log: list[Event] = field(default_factory=list)

    @property
    def output(self) -> str:
        """The console text of the run, one line per call."""
        return "".join(m.text + "\n" for m in self.console)

    def raise_for_errors(self) -> RunResult:
        """Raise the first uncaught JS error of the run, if there was one."""
        if self.errors:
            raise self.errors[0]
        return self
