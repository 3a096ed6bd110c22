"""Lifecycles the runtime stops while open_page runs (docs/reliability.md, "An endless loop in
a hook"; docs/behaviour.md, "Runaway scripts"): open_page raises the stop with the user's
file:line, a page whose onUnload is stopped still leaves the stack, and app.json's bad tabBar
entries are warned of once and ignored (docs/behaviour.md, "app.json")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bridge import CPULimitExceeded, MemoryLimitExceeded, SwanRuntime


def make_project(root: Path, files: dict[str, str], app: dict[str, object] | None = None) -> Path:
    pages = sorted(name[: -len(".js")] for name in files if name.startswith("pages/") and name.endswith(".js"))
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.json").write_text(json.dumps(app or {"pages": pages}), encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


CPU_MESSAGE = "CPULimitExceeded: JS turn used more than 0.2 s of CPU time"


def test_an_observer_stopped_while_the_page_opens_is_raised_by_open_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, {
        "pages/a/a.js": "Page({});",
        "pages/a/a.swan": "<c-x/>",
        "pages/a/a.json": '{"usingComponents": {"c-x": "/c/x"}}',
        "c/x.js": "Component({data: {a: 0},\n  observers: {a(a) { if (a === 2) { while (true) {} } this.setData({a: a + 1}); }},\n"
                  "  lifetimes: {attached() { this.setData({a: 1}); }}});",
        "c/x.swan": "<view>{{a}}</view>",
        "pages/b/b.js": "Page({});",
    })
    with SwanRuntime(project=project, clock="virtual", cpu_limit=0.2, timeout=10) as rt:
        with pytest.raises(CPULimitExceeded) as caught:
            rt.open_page("pages/a/a")
        assert caught.value.message == CPU_MESSAGE
        assert caught.value.location == "c/x.js:2:32"
        assert rt.unseen_errors() == []
        assert rt.open_page("pages/b/b").route == "pages/b/b"
        assert rt.page_stack == ["pages/b/b"]


def test_a_render_out_of_memory_is_raised_by_open_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, {
        "pages/a/a.js": "Page({onLoad() { this.setData({list: new Array(300000).fill(0)}); }});",
        "pages/a/a.swan": "<view s-for='item, i in list'><text>{{i}}</text></view>",
        "pages/b/b.js": "Page({});",
        "pages/b/b.swan": "<view>b</view>",
    })
    with SwanRuntime(project=project, clock="virtual", memory_limit_mb=64, timeout=10) as rt:
        with pytest.raises(MemoryLimitExceeded) as caught:
            rt.open_page("pages/a/a")
        assert caught.value.message == "MemoryLimitExceeded: the script ran out of memory"
        assert rt.unseen_errors() == []
        assert rt.open_page("pages/b/b").html() == "<view>b</view>"


@pytest.mark.parametrize("how", ["open_page", "redirectTo"])
def test_a_stopped_on_unload_lets_the_navigation_complete(tmp_path: Path, how: str) -> None:
    project = make_project(tmp_path, {
        "pages/a/a.js": "Page({\n  onUnload() { while (true) {} },\n"
                        "  go() { swan.redirectTo({url: '/pages/b/b'}); }\n});",
        "pages/b/b.js": "Page({onLoad() { console.log('b loaded'); }});",
        "pages/b/b.swan": "<view>b</view>",
    })
    with SwanRuntime(project=project, clock="virtual", cpu_limit=0.2, timeout=10) as rt:
        page = rt.open_page("pages/a/a")
        with pytest.raises(CPULimitExceeded) as caught:
            if how == "open_page":
                rt.open_page("pages/b/b")
            else:
                page.call("go")
        assert caught.value.message == CPU_MESSAGE
        assert caught.value.location == "pages/a/a.js:2:1"
        assert rt.page_stack == ["pages/b/b"]
        assert [m.text for m in rt.console] == ["b loaded"]
        assert rt.current_page is not None and rt.current_page.html() == "<view>b</view>"
        assert rt.open_page("pages/b/b").html() == "<view>b</view>"  # nothing is wedged
        assert rt.page_stack == ["pages/b/b"]


def test_a_throwing_on_unload_is_recorded_and_the_navigation_goes_on(tmp_path: Path) -> None:
    project = make_project(tmp_path, {
        "pages/a/a.js": "Page({onUnload() { throw new Error('unload boom'); }});",
        "pages/b/b.js": "Page({});",
    })
    with SwanRuntime(project=project, clock="virtual", cpu_limit=0.2, timeout=10) as rt:
        rt.open_page("pages/a/a")
        assert rt.open_page("pages/b/b").route == "pages/b/b"
        assert [str(e) for e in rt.errors] == ["pages/a/a.js:1:30: Error: unload boom\n    at onUnload (pages/a/a.js:1:30)"]
        assert rt.page_stack == ["pages/b/b"]


@pytest.mark.parametrize(("entry", "shown"), [
    (None, "null"),
    (3, "3"),
    ({"text": "x"}, '{"text": "x"}'),
    ({"pagePath": 7}, '{"pagePath": 7}'),
])
def test_a_bad_tab_bar_entry_is_warned_of_at_load_and_ignored(tmp_path: Path, entry: object, shown: str) -> None:
    app = {"pages": ["pages/a/a"], "tabBar": {"list": [entry, {"pagePath": "pages/a/a", "text": "A"}]}}
    project = make_project(tmp_path, {"pages/a/a.js": "Page({data: {a: 1}});", "pages/a/a.swan": "<view>{{a}}</view>"}, app)
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert [(m.level, m.text) for m in rt.console] == [
            ("warn", f'app.json: tabBar.list[0] ({shown}) is not an object with a "pagePath" string; the entry is ignored')]
        assert rt.open_page("pages/a/a").html() == "<view>1</view>"
        tab_bar = rt.tab_bar
        assert tab_bar is not None and [item["pagePath"] for item in tab_bar["list"]] == ["pages/a/a"]
        assert rt.errors == [] and len(rt.console) == 1
