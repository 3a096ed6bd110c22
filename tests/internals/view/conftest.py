"""A bare engine with the real shim bundle, driven through the view's entry point.

Why inside: the view's compiler, renderer, updates and event dispatch are checked one piece at a
time here, on templates and data no page needs; tests/view/ checks them on pages, through the
public API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import quickjs

from bridge._engine._bundle import shim_bundle
from bridge._view._errors import TemplateError
from bridge._view._parse import parse_template
from bridge._view._mirror import Mirror


class ViewHost:
    """The shim in an engine of its own; templates are parsed here and rendered there."""

    def __init__(self) -> None:
        self.ctx = quickjs.Context()
        self.ctx.add_callable("__swan_fs_sync", lambda *args: '{"ok":false,"kind":"unavailable","detail":""}')
        self.ctx.eval(shim_bundle(view=True).source)
        self._view = self.ctx.get("__swan_view")
        self._drain = self.ctx.get("__swan_drain")

    def call(self, command: dict[str, Any]) -> dict[str, Any]:
        answer: dict[str, Any] = json.loads(self._view(json.dumps(command)))
        return answer

    def messages(self) -> list[dict[str, Any]]:
        text = self._drain()
        return json.loads("[" + text + "]") if text else []

    def define(self, files: dict[str, str]) -> None:
        trees = {path: parse_template(source, path) for path, source in files.items()}
        assert self.call({"op": "define", "files": trees}) == {"ok": True}

    def mount(self, files: dict[str, str], data: dict[str, Any], file: str | None = None, **extra: Any) -> "Mounted":
        self.define(files)
        answer = self.call({"op": "mount", "file": file or next(iter(files)), "data": data, **extra})
        if not answer["ok"]:
            err = answer["error"]
            if err.get("template"):
                raise TemplateError(err["message"], err["file"], err["line"], err["col"])
            raise AssertionError(err)
        return Mounted(self, answer)


class Mounted:
    def __init__(self, host: ViewHost, answer: dict[str, Any]) -> None:
        self.host = host
        self.view = answer["view"]
        self.tree = answer["tree"]
        self.modules = answer["modules"]
        self.mirror = Mirror(self.tree)

    def set_data(self, values: dict[str, Any]) -> list[dict[str, Any]]:
        answer = self.host.call({"op": "setData", "view": self.view, "set": values})
        assert answer["ok"], answer
        self.mirror.apply(answer["patches"])
        return answer["patches"]

    def fresh_tree(self) -> dict[str, Any]:
        return self.host.call({"op": "tree", "view": self.view})["tree"]

    def dispatch(self, node_id: int, type_: str, **opts: Any) -> list[dict[str, Any]]:
        answer = self.host.call({"op": "dispatch", "view": self.view, "id": node_id, "type": type_, **opts})
        assert answer["ok"], answer
        return answer["calls"]

    def html(self) -> str:
        return self.mirror.html()

    def select(self, css: str) -> Any:
        return self.mirror.select(css)

    def select_all(self, css: str) -> Any:
        return self.mirror.select_all(css)


@pytest.fixture
def host() -> Iterator[ViewHost]:
    yield ViewHost()
