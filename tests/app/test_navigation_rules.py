"""Navigation rules the client keeps however the app calls it: a page-not-found listener that
navigates to another missing page is not called again, and the page-stack limit holds for each
navigateTo in the order the calls were made, even for thousands made in one turn.

The project is written here (`write_project`): two pages (index, detail) that mix in
utils/nav.js, whose `go(api, args...)` makes the calls in one turn and writes down each call's
result; app.js listens for pages not found in the way a test asks (App.onPageNotFound or
swan.onPageNotFound) and navigates from there to another missing page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bridge import SwanRuntime

INDEX, DETAIL = "pages/index/index", "pages/detail/detail"

NAV_JS = """
const results = [];
module.exports = {
    // Each call in one turn; its result ({errMsg, errCode}) is written down when it settles.
    go(calls) {
        for (const [api, args] of calls) {
            swan[api](Object.assign({}, args, {complete: res => results.push([res.errMsg, res.errCode === undefined ? null : res.errCode])}));
        }
    },
    repeat(api, args, times) { this.go(Array.from({length: times}, () => [api, args])); },
    // The results so far, as [[errMsg, errCode], count] runs in order.
    results() {
        const runs = [];
        for (const r of results) {
            const last = runs[runs.length - 1];
            if (last && last[0][0] === r[0] && last[0][1] === r[1]) last[1] += 1;
            else runs.push([r, 1]);
        }
        results.length = 0;
        return runs;
    }
};
"""

PAGE_JS = "const nav = require('../../utils/nav'); Page(Object.assign({data: {}}, nav));"

# App.onPageNotFound, or a swan.onPageNotFound listener: each redirects to another missing page.
APP_JS = {
    "App.onPageNotFound": """
        App({
            globalData: {seen: [], redirects: []},
            onPageNotFound(res) {
                this.globalData.seen.push(res.path);
                swan.redirectTo({url: '/pages/also/missing', complete: r => this.globalData.redirects.push(r.errMsg)});
            }
        });
    """,
    "swan.onPageNotFound": """
        App({
            globalData: {seen: [], redirects: []},
            onLaunch() {
                const data = this.globalData;
                swan.onPageNotFound(res => {
                    data.seen.push(res.path);
                    swan.redirectTo({url: '/pages/also/missing', complete: r => data.redirects.push(r.errMsg)});
                });
            }
        });
    """,
}


def write_project(root: Path, app_js: str) -> Path:
    files = {
        "app.json": json.dumps({"pages": [INDEX, DETAIL]}),
        "app.js": app_js,
        "utils/nav.js": NAV_JS,
        f"{INDEX}.js": PAGE_JS,
        f"{DETAIL}.js": PAGE_JS,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path, make_runtime: Callable[..., SwanRuntime]) -> Callable[..., SwanRuntime]:
    """A runtime over the project with this app.js, on the virtual clock, whose runs stop after
    `timeout` seconds (a listener that loops fails in 10 s instead of the default 30)."""

    def make(listener: str, timeout: float = 10) -> SwanRuntime:
        return make_runtime(project=write_project(tmp_path, APP_JS[listener]), clock="virtual", timeout=timeout)

    return make


def results(rt: SwanRuntime) -> list[Any]:
    page = rt.current_page
    assert page is not None
    return page.call("results")  # type: ignore[no-any-return]


NOT_FOUND_AGAIN = 'redirectTo:fail page "pages/also/missing" is not found'
STACK_FULL = ["navigateTo:fail page stack limit exceeded (10 pages)", 1001]


class TestPageNotFound:
    @pytest.mark.parametrize("listener", ["App.onPageNotFound", "swan.onPageNotFound"])
    def test_a_redirect_from_the_listener_to_another_missing_page_does_not_call_it_again(
            self, project: Callable[..., SwanRuntime], listener: str) -> None:
        """WeChat docs, wx.onPageNotFound.md (swan copies its framework and says nothing): "如果
        回调中又重定向到另一个不存在的页面，……并且不再第二次回调". The redirect fails as any
        navigation to a missing page does."""
        rt = project(listener)
        page = rt.open_page(INDEX)
        page.call("go", [["navigateTo", {"url": "/pages/gone/gone"}]])
        assert rt.app.global_data == {"seen": ["pages/gone/gone"], "redirects": [NOT_FOUND_AGAIN]}
        assert results(rt) == [[['navigateTo:fail page "pages/gone/gone" is not found', 1001], 1]]
        # A later navigation of the page's own is a new one: the listener hears of it.
        page.call("go", [["navigateTo", {"url": "/pages/gone/again"}]])
        assert rt.app.global_data["seen"] == ["pages/gone/gone", "pages/gone/again"]
        assert rt.page_stack == [INDEX] and rt.errors == []

    @pytest.mark.parametrize("listener", ["App.onPageNotFound", "swan.onPageNotFound"])
    def test_the_same_holds_for_an_entry_page_not_found(self, project: Callable[..., SwanRuntime], listener: str) -> None:
        """WeChat's rule as above, for the page the app was opened on (isEntryPage)."""
        rt = project(listener)
        with pytest.raises(ValueError, match=r'page "pages/gone/gone" is not in app\.json pages'):
            rt.open_page("pages/gone/gone")
        assert rt.app.global_data == {"seen": ["pages/gone/gone"], "redirects": [NOT_FOUND_AGAIN]}


class TestPageStackLimit:
    def test_twenty_thousand_navigate_to_calls_in_one_turn_stop_at_the_limit(self, project: Callable[..., SwanRuntime]) -> None:
        """js_shim/spec.json limits.pageStack (10, WeChat's documented limit; swan gives none):
        each navigateTo is checked against the stack the calls before it leave, so the 10th
        page is the last one and every later call fails with the limit's errMsg and errCode."""
        rt = project("App.onPageNotFound", timeout=300)  # 20,000 calls, each answered by the host
        page = rt.open_page(INDEX)
        page.call("repeat", "navigateTo", {"url": "/pages/detail/detail"}, 20_000)
        assert rt.page_stack == [INDEX] + [DETAIL] * 9
        assert results(rt) == [[["navigateTo:ok", None], 9], [STACK_FULL, 19_991]]
        assert rt.errors == []

    def test_a_navigate_back_earlier_in_the_same_turn_makes_room(self, project: Callable[..., SwanRuntime]) -> None:
        """The same rule, for calls that shrink the stack: the limit applies to the stack as
        each call finds it, in the order the calls were made."""
        rt = project("App.onPageNotFound")
        page = rt.open_page(INDEX)
        page.call("repeat", "navigateTo", {"url": "/pages/detail/detail"}, 9)
        assert len(rt.page_stack) == 10
        results(rt)
        top = rt.current_page
        assert top is not None
        top.call("go", [["navigateBack", {"delta": 2}]] + [["navigateTo", {"url": "/pages/detail/detail?n=" + str(n)}] for n in range(3)])
        assert results(rt) == [[["navigateBack:ok", None], 1], [["navigateTo:ok", None], 2], [STACK_FULL, 1]]
        assert len(rt.page_stack) == 10 and rt.current_page.query == {"n": "1"}  # type: ignore[union-attr]
