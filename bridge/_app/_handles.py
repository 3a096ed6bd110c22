"""Python handles on the mini-program inside a runtime: the app, pages and mounted components.

The framework itself (lifecycle order, setData, the page stack) lives in the shim's app
framework; a handle only sends it commands and reads the replies, through the `Driver` its
runtime gives it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol


class Driver(Protocol):
    """What a handle needs of its runtime: framework commands, and the runtime's ordered log."""

    def command(self, op: str, **fields: Any) -> Any:
        """A command the framework answers at once (reading data, the stack)."""

    def drive(self, payload: dict[str, Any]) -> Any:
        """Send a command, run until idle, and return its reply's value."""

    async def adrive(self, payload: dict[str, Any]) -> Any:
        """`drive` from a running event loop."""

    @property
    def log(self) -> Sequence[Any]:
        """The runtime's ordered log (`SwanRuntime.log`)."""

    def view(self, page_id: int) -> Any:
        """The page's rendered view (a `bridge._view.Mirror`), or None once it is closed."""

    def component_view(self, component_id: int) -> tuple[Any, Any] | None:
        """Where a component's rendered elements are: (its own view, None) for a mounted one,
        (its page's view, its element there) for a placed one; None when it has no view."""


#: The event object a tap hands a page's handler (bindtap) when no detail is given.
TAP_EVENT: dict[str, Any] = {
    "type": "tap", "timeStamp": 0, "detail": {}, "target": {"id": "", "dataset": {}},
    "currentTarget": {"id": "", "dataset": {}}, "touches": [], "changedTouches": [],
}


class App:
    """The app registered with App() (None-like until app.js ran)."""

    def __init__(self, driver: Driver) -> None:
        self._driver = driver

    @property
    def global_data(self) -> Any:
        """A snapshot of `getApp().globalData`, as JSON."""
        return self._driver.command("appData")


class _Rendered:
    """What a page and a component show: the elements below `_root()` (a page's view, a mounted
    component's own view, or a placed component's element in its page's view)."""

    _driver: Driver

    def _root(self) -> Any:
        raise NotImplementedError

    def select(self, css: str) -> Any:
        """The first rendered element that matches the CSS selector (components' elements
        included), as a `Node`; None when nothing matches."""
        return self._root().select(css)

    def select_all(self, css: str) -> list[Any]:
        """Every rendered element that matches the CSS selector, in document order."""
        result: list[Any] = self._root().select_all(css)
        return result

    def html(self) -> str:
        """The rendered markup (a component's without its own element): one element a line,
        indented, stable for snapshots."""
        text: str = self._root().inner_html()
        return text

    def select_component(self, css: str) -> Component | None:
        """A component placed by the template (at any depth) whose element matches the CSS
        selector: the same handle as `mount_component` returns; None when none matches."""
        for node in self.select_all(css):
            if node.component is not None:
                return Component(self._driver, node.component["path"], node.component["id"])
        return None


class Page(_Rendered):
    """A live page of the runtime's page stack."""

    def __init__(self, driver: Driver, info: Mapping[str, Any]) -> None:
        self._driver = driver
        self.id: int = info["id"]
        self.route: str = info["route"]
        self.query: dict[str, Any] = dict(info.get("query") or {})

    @property
    def data(self) -> dict[str, Any]:
        """A snapshot of the page's data, as JSON (what a view would receive)."""
        data: dict[str, Any] = self._driver.command("data", target=self.id)
        return data

    def call(self, method: str, *args: Any) -> Any:
        """Call a page method, run until idle, and return its JSON-able result (or the value of
        the Promise it returns). Raises ScriptError if it, or anything it started, threw."""
        return self._driver.drive({"op": "call", "target": self.id, "method": method, "args": list(args)})

    async def acall(self, method: str, *args: Any) -> Any:
        return await self._driver.adrive({"op": "call", "target": self.id, "method": method, "args": list(args)})

    # -- what the user does on the page (the page must be on top of the stack) --------------------
    def tap(self, method: str, detail: Any = None, dataset: Mapping[str, Any] | None = None, *, id: str = "") -> Any:
        """Tap an element bound to `method` (bindtap): the handler gets an event object shaped as
        the client's ({type: "tap", timeStamp, target, currentTarget: {id, dataset, ...}, detail,
        touches, changedTouches}); returns what the handler returned."""
        payload = {"op": "tap", "target": self.id, "method": method, "detail": detail, "dataset": dict(dataset or {}), "elementId": id}
        return self._driver.drive(payload)

    def pull_down_refresh(self) -> None:
        """The user pulls the page down: onPullDownRefresh runs, and `refreshing` is True until the
        page calls swan.stopPullDownRefresh. ValueError unless the page's .json (or app.json
        window) sets "enablePullDownRefresh": true."""
        self._event("pullDownRefresh")

    def reach_bottom(self) -> None:
        """The user scrolls to the bottom: onReachBottom runs."""
        self._event("reachBottom")

    def scroll_to(self, top: float) -> None:
        """The user scrolls the page: onPageScroll({scrollTop: top}) runs."""
        self._event("pageScroll", scrollTop=top)

    @property
    def page_info(self) -> dict[str, Any]:
        """What the page set for search and favourites, as JSON: the fields of its last
        swan.setPageInfo (title, keywords, description, articleTitle, releaseDate, image, video,
        visit, likes, comments, collects, shares, followers, as given), with `title`,
        `description` and `keywords` changed by setDocumentTitle, setMetaDescription and
        setMetaKeywords since; {} if it set nothing. Each call applies to the page on top of the
        stack when it was made, once it succeeded."""
        info: dict[str, Any] = self._driver.command("pageInfo", target=self.id)
        return info

    @property
    def refreshing(self) -> bool:
        """True while a pull-down refresh runs (pull_down_refresh or swan.startPullDownRefresh,
        until swan.stopPullDownRefresh)."""
        return bool(self._driver.command("pageState", target=self.id)["refreshing"])

    def _event(self, op: str, **fields: Any) -> None:
        self._driver.drive({"op": op, "target": self.id, **fields})

    def _root(self) -> Any:
        mirror = self._driver.view(self.id)
        if mirror is None:
            raise RuntimeError(f"page {self.route} is no longer open")
        return mirror.root

    def __repr__(self) -> str:
        return f"<Page {self.route} {self.query}>"


class Component(_Rendered):
    """A component: mounted on its own by `mount_component` (its template rendered as a page's
    is), or placed by a page's template (`Page.select_component`)."""

    def __init__(self, driver: Driver, path: str, component_id: int) -> None:
        self._driver = driver
        self.path = path
        self.id = component_id

    @property
    def data(self) -> dict[str, Any]:
        """A snapshot of the component's data and properties."""
        data: dict[str, Any] = self._driver.command("data", target=self.id)
        return data

    @property
    def events(self) -> list[dict[str, Any]]:
        """What `triggerEvent` sent, in order: {"name", "detail"}."""
        return [
            {"name": e.fields["name"], "detail": e.fields.get("detail")}
            for e in self._driver.log
            if e.kind == "triggerEvent" and e.fields.get("instance") == self.id
        ]

    def call(self, method: str, *args: Any) -> Any:
        return self._driver.drive({"op": "call", "target": self.id, "method": method, "args": list(args)})

    def set_properties(self, properties: Mapping[str, Any]) -> None:
        """Set properties as a parent page would (converted to their types; property observers
        and `observers` run on a real change), and run until idle; raises ScriptError if an
        observer threw."""
        self._driver.drive({"op": "setProperties", "target": self.id, "properties": dict(properties)})

    def detach(self) -> None:
        """Take a mounted component away, as a page removing it would: `detached` (its
        `lifetimes.detached` and its behaviors') runs, and run until idle; the handle is dead
        after (reading it raises ValueError). ValueError for a component a template placed:
        its template removes it (`s-if`, `s-for`) or its page unloads."""
        self._driver.drive({"op": "detach", "target": self.id})

    def _root(self) -> Any:
        found = self._driver.component_view(self.id)
        if found is None:
            raise RuntimeError(f"component {self.path} has no view (it was detached, or its page closed)")
        mirror, host = found
        return mirror.root if host is None else host

    def __repr__(self) -> str:
        return f"<Component {self.path}>"
