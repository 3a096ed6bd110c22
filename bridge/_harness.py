"""Python handles on the mini-program inside a runtime: pages, components, scripted answers.

The framework itself (lifecycle order, setData, the page stack) lives in js_shim/framework.js;
these classes only send it commands and read its replies, through `SwanRuntime._command`.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._protocol import ERROR_KINDS

if TYPE_CHECKING:
    from ._runtime import SwanRuntime


#: The interface APIs the host answers (js_shim/ui.js declares them), and the navigation APIs.
UI_APIS = (
    "showToast", "hideToast", "showLoading", "hideLoading", "showModal", "showActionSheet",
    "setNavigationBarTitle", "setNavigationBarColor", "showNavigationBarLoading", "hideNavigationBarLoading",
    "startPullDownRefresh", "stopPullDownRefresh", "pageScrollTo", "makePhoneCall", "setClipboardData",
    "getClipboardData",
)
ROUTE_APIS = ("navigateTo", "redirectTo", "switchTab", "reLaunch", "navigateBack")


#: The event object a tap hands a page's handler (bindtap) when no detail is given.
TAP_EVENT: dict[str, Any] = {
    "type": "tap", "timeStamp": 0, "detail": {}, "target": {"id": "", "dataset": {}},
    "currentTarget": {"id": "", "dataset": {}}, "touches": [], "changedTouches": [],
}


class App:
    """The app registered with App() (None-like until app.js ran)."""

    def __init__(self, runtime: SwanRuntime) -> None:
        self._rt = runtime

    @property
    def global_data(self) -> Any:
        """A snapshot of `getApp().globalData`, as JSON."""
        return self._rt._command("appData")


class Page:
    """A live page of the runtime's page stack."""

    def __init__(self, runtime: SwanRuntime, info: Mapping[str, Any]) -> None:
        self._rt = runtime
        self.id: int = info["id"]
        self.route: str = info["route"]
        self.query: dict[str, Any] = dict(info.get("query") or {})

    @property
    def data(self) -> dict[str, Any]:
        """A snapshot of the page's data, as JSON (what a view would receive)."""
        data: dict[str, Any] = self._rt._command("data", target=self.id)
        return data

    def call(self, method: str, *args: Any) -> Any:
        """Call a page method, run until idle, and return its JSON-able result (or the value of
        the Promise it returns). Raises ScriptError if it, or anything it started, threw."""
        return self._rt._call_method(self.id, method, list(args))

    async def acall(self, method: str, *args: Any) -> Any:
        return await self._rt._acall_method(self.id, method, list(args))

    def __repr__(self) -> str:
        return f"<Page {self.route} {self.query}>"


class Component:
    """A component mounted on its own, outside any page (no template is rendered)."""

    def __init__(self, runtime: SwanRuntime, path: str, component_id: int) -> None:
        self._rt = runtime
        self.path = path
        self.id = component_id

    @property
    def data(self) -> dict[str, Any]:
        """A snapshot of the component's data and properties."""
        data: dict[str, Any] = self._rt._command("data", target=self.id)
        return data

    @property
    def events(self) -> list[dict[str, Any]]:
        """What `triggerEvent` sent, in order: {"name", "detail"}."""
        return [
            {"name": e.fields["name"], "detail": e.fields.get("detail")}
            for e in self._rt.log
            if e.kind == "triggerEvent" and e.fields.get("instance") == self.id
        ]

    def call(self, method: str, *args: Any) -> Any:
        return self._rt._call_method(self.id, method, list(args))

    def set_properties(self, properties: Mapping[str, Any]) -> None:
        """Set properties as a parent page would (property observers fire on a real change), and
        run until idle; raises ScriptError if an observer threw."""
        self._rt._sync(self._rt._drive_command({"op": "setProperties", "target": self.id, "properties": dict(properties)}, None))

    def __repr__(self) -> str:
        return f"<Component {self.path}>"


#: Answers used when a test scripted none: the user confirms, picks the first item.
DEFAULT_ANSWERS: dict[str, dict[str, Any]] = {
    "showModal": {"confirm": True, "cancel": False},
    "showActionSheet": {"tapIndex": 0},
}

#: The fields a scripted success answer must have, per API (a wrong shape is a ValueError).
ANSWER_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "showModal": {"confirm": bool, "cancel": bool},
    "showActionSheet": {"tapIndex": int},
}


class Answers:
    """Answers a test scripted for APIs that ask the user (or the outside world)."""

    def __init__(self) -> None:
        self._queued: dict[str, deque[dict[str, Any]]] = defaultdict(deque)

    def add(self, api: str, *answers: Mapping[str, Any]) -> None:
        for answer in answers:
            self._queued[api].append(check_answer(api, answer))

    def next(self, api: str) -> dict[str, Any] | None:
        """The next scripted answer for `api`, else its default (None: no default)."""
        queue = self._queued.get(api)
        if queue:
            return queue.popleft()
        default = DEFAULT_ANSWERS.get(api)
        return dict(default) if default is not None else None


def check_answer(api: str, answer: Mapping[str, Any]) -> dict[str, Any]:
    """A scripted answer: a success dict of the API's shape, or {"fail": True, ...}."""
    if not isinstance(answer, Mapping):
        raise ValueError(f"{api}: an answer must be a dict, got {type(answer).__name__}")
    answer = dict(answer)
    if answer.get("fail"):
        # {"fail": True, "kind": "cancel" (default) or another failure kind, "reason": text}:
        # the shim writes errCode and errMsg from them, as for every failure.
        unknown = set(answer) - {"fail", "kind", "reason"}
        if unknown:
            raise ValueError(f"{api}: a fail answer takes kind and reason, not {', '.join(sorted(unknown))}")
        if answer.setdefault("kind", "cancel") not in ERROR_KINDS:
            raise ValueError(f"{api}: unknown failure kind {answer['kind']!r}; one of {', '.join(ERROR_KINDS)}")
        if not isinstance(answer.setdefault("reason", ""), str):
            raise ValueError(f"{api}: a fail answer's reason must be a string")
        return answer
    for name, kind in ANSWER_FIELDS.get(api, {}).items():
        if name in answer and (not isinstance(answer[name], kind) or (kind is int and isinstance(answer[name], bool))):
            raise ValueError(f"{api}: answer field {name!r} must be {getattr(kind, '__name__', kind)}, got {answer[name]!r}")
    missing = [name for name in ANSWER_FIELDS.get(api, {}) if name not in answer]
    if missing:
        raise ValueError(f"{api}: answer is missing {', '.join(missing)}")
    return answer
