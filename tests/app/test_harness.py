"""The mini-program harness, as a user of SwanRuntime(project=...) meets it.

Fixture projects live in tests/projects/: `shop` (a small shop with three tab pages, a
subpackage, utils, a lazily required feature, a component with a behavior), `broken` (a page
with a syntax error, a file calling Page() twice, a require cycle that fails at load, a page
listed in app.json with no file), `no-app-json`, and `samples` (doc-style Page samples for the
CLI). Lifecycle assertions compare exact (target, route, hook) sequences taken from `rt.log`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bridge import EmbeddedServer, ProjectError, ScriptError, SwanRuntime
from support import PROJECTS

PROJECTS = PROJECTS
SHOP = PROJECTS / "shop"
BROKEN = PROJECTS / "broken"
SAMPLES = PROJECTS / "samples"

INDEX, LIST, DETAIL = "pages/index/index", "pages/list/list", "pages/detail/detail"
CART, ME = "pages/cart/cart", "pages/me/me"

Hook = tuple[str, str, str]


# ------------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------------
@pytest.fixture
def shop() -> Iterator[SwanRuntime]:
    with SwanRuntime(project=SHOP, clock="virtual") as rt:
        yield rt


@pytest.fixture
def broken() -> Iterator[SwanRuntime]:
    with SwanRuntime(project=BROKEN, clock="virtual") as rt:
        yield rt


def hooks(rt: SwanRuntime, since: int = 0) -> list[Hook]:
    """The lifecycle events of the log from `since`, as (target, route, hook)."""
    return [(e["target"], e["route"], e["hook"]) for e in rt.log[since:] if e.kind == "lifecycle"]


def page_hooks(route: str, *names: str) -> list[Hook]:
    return [("page", route, name) for name in names]


def opened(route: str) -> list[Hook]:
    return page_hooks(route, "onLoad", "onShow", "onReady")


def texts(rt: SwanRuntime) -> list[str]:
    return [m.text for m in rt.console]


def source_location(relative: str, needle: str, token: str) -> str:
    """'file:line:col' of `token` on the line of `relative` (a project file) that holds `needle`."""
    for number, line in enumerate((SHOP / relative).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return f"{relative}:{number}:{line.index(token) + 1}"
    raise AssertionError(f"{needle!r} not in {relative}")


def go(rt: SwanRuntime, api: str, arg: Any = None) -> dict[str, Any]:
    """Call swan.<api> from the current page (utils/router.js); the result is {errMsg[, errCode]}."""
    page = rt.current_page
    assert page is not None
    result: dict[str, Any] = page.call("navigate", api, arg) if arg is not None else page.call("navigate", api)
    return result


def ok(api: str) -> dict[str, str]:
    return {"errMsg": f"{api}:ok"}


# ------------------------------------------------------------------------------------------------
# Lifecycle and the page stack
# ------------------------------------------------------------------------------------------------
class TestOpen:
    def test_first_open_launches_the_app_then_loads_the_page(self, shop: SwanRuntime) -> None:
        page = shop.open_page(INDEX, query={"from": "share"})
        assert hooks(shop) == [("app", "", "onLaunch"), ("app", "", "onShow"), *opened(INDEX)]
        assert (page.route, page.query) == (INDEX, {"from": "share"})
        assert page.data == {"banners": ["spring", "summer"], "cartCount": 0, "from": "share"}
        assert shop.app.global_data == {
            "launchOptions": {"path": INDEX, "query": {"from": "share"}, "scene": 1001, "referrerInfo": {}},
            "showCount": 1,
            "errors": [],
            "notFound": [],
        }
        assert shop.page_stack == [INDEX]
        assert shop.current_page is not None and shop.current_page.id == page.id

    def test_nothing_runs_before_the_first_open(self, shop: SwanRuntime) -> None:
        assert shop.log == [] and shop.console == [] and shop.errors == []
        assert shop.current_page is None and shop.page_stack == []

    def test_opening_again_relaunches_the_pages_not_the_app(self, shop: SwanRuntime) -> None:
        shop.open_page(INDEX)
        go(shop, "navigateTo", "../list/list")
        mark = len(shop.log)
        page = shop.open_page(DETAIL, {"id": "3"})
        assert hooks(shop, mark) == [*page_hooks(LIST, "onUnload"), *page_hooks(INDEX, "onUnload"), *opened(DETAIL)]
        assert shop.page_stack == [DETAIL] and page.data == {"id": "3", "name": ""}
        assert shop.app.global_data["showCount"] == 1

    def test_a_subpackage_page_opens(self, shop: SwanRuntime) -> None:
        page = shop.open_page("packageA/pages/promo/promo", {"campaign": "618"})
        assert page.data == {"campaign": "618"}


class TestNavigation:
    def test_navigate_to_hides_the_current_page_and_loads_the_new_one(self, shop: SwanRuntime) -> None:
        index = shop.open_page(INDEX)
        mark = len(shop.log)
        assert index.call("onCategoryTap", {"currentTarget": {"dataset": {"cat": "shoes"}}}) == ok("navigateTo")
        assert hooks(shop, mark) == [*page_hooks(INDEX, "onHide"), *opened(LIST)]
        assert shop.page_stack == [INDEX, LIST]
        current = shop.current_page
        assert current is not None and current.query == {"cat": "shoes"}
        assert current.data == {"category": "shoes", "products": [{"id": 7, "name": "跑鞋"}, {"id": 8, "name": "雨伞"}]}

    def _four_deep(self, rt: SwanRuntime) -> None:
        rt.open_page(INDEX)
        go(rt, "navigateTo", "/pages/list/list")
        go(rt, "navigateTo", "/pages/detail/detail?id=7")
        rt.current_page.call("openRelated", 9)  # type: ignore[union-attr]
        assert rt.page_stack == [INDEX, LIST, DETAIL, DETAIL]

    def test_navigate_back_one(self, shop: SwanRuntime) -> None:
        self._four_deep(shop)
        mark = len(shop.log)
        assert go(shop, "navigateBack") == ok("navigateBack")
        assert hooks(shop, mark) == [*page_hooks(DETAIL, "onUnload"), *page_hooks(DETAIL, "onShow")]
        assert shop.page_stack == [INDEX, LIST, DETAIL]
        assert shop.current_page is not None and shop.current_page.data["id"] == "7"

    def test_navigate_back_two(self, shop: SwanRuntime) -> None:
        self._four_deep(shop)
        mark = len(shop.log)
        assert go(shop, "navigateBack", 2) == ok("navigateBack")
        assert hooks(shop, mark) == [*page_hooks(DETAIL, "onUnload", "onUnload"), *page_hooks(LIST, "onShow")]
        assert shop.page_stack == [INDEX, LIST]

    def test_navigate_back_too_far_stops_at_the_first_page(self, shop: SwanRuntime) -> None:
        self._four_deep(shop)
        mark = len(shop.log)
        assert go(shop, "navigateBack", 10) == ok("navigateBack")
        assert hooks(shop, mark) == [
            *page_hooks(DETAIL, "onUnload", "onUnload"), *page_hooks(LIST, "onUnload"), *page_hooks(INDEX, "onShow"),
        ]
        assert shop.page_stack == [INDEX]

    def test_redirect_to_unloads_the_current_page(self, shop: SwanRuntime) -> None:
        shop.open_page(INDEX)
        go(shop, "navigateTo", "../list/list")
        mark = len(shop.log)
        assert go(shop, "redirectTo", "../detail/detail?id=5") == ok("redirectTo")
        assert hooks(shop, mark) == [*page_hooks(LIST, "onUnload"), *opened(DETAIL)]
        assert shop.page_stack == [INDEX, DETAIL]

    def test_relaunch_unloads_every_page_including_hidden_tab_pages(self, shop: SwanRuntime) -> None:
        shop.open_page(INDEX)
        go(shop, "switchTab", "/pages/cart/cart")
        go(shop, "switchTab", "/pages/me/me")
        mark = len(shop.log)
        assert go(shop, "reLaunch", "/pages/list/list?cat=bags") == ok("reLaunch")
        assert hooks(shop, mark) == [
            *page_hooks(ME, "onUnload"), *page_hooks(INDEX, "onUnload"), *page_hooks(CART, "onUnload"), *opened(LIST),
        ]
        assert shop.page_stack == [LIST]
        # The tab pages were really unloaded: switching back loads them anew.
        mark = len(shop.log)
        go(shop, "switchTab", "/pages/cart/cart")
        assert hooks(shop, mark) == [*page_hooks(LIST, "onUnload"), *opened(CART)]

    def test_relaunch_without_url_reloads_the_current_page(self, shop: SwanRuntime) -> None:
        shop.open_page(LIST, {"cat": "hats"})
        mark = len(shop.log)
        assert go(shop, "reLaunch") == ok("reLaunch")
        assert hooks(shop, mark) == [*page_hooks(LIST, "onUnload"), *opened(LIST)]
        assert shop.current_page is not None and shop.current_page.query == {"cat": "hats"}

    def test_switch_tab_between_tab_pages_keeps_them_alive(self, shop: SwanRuntime) -> None:
        index = shop.open_page(INDEX)
        mark = len(shop.log)
        assert go(shop, "switchTab", "/pages/cart/cart") == ok("switchTab")
        assert hooks(shop, mark) == [*page_hooks(INDEX, "onHide"), *opened(CART)]
        cart = shop.current_page
        assert cart is not None
        shop.answer("showActionSheet", {"tapIndex": 1})
        cart.call("choosePayment")
        mark = len(shop.log)
        assert go(shop, "switchTab", "/pages/index/index") == ok("switchTab")
        assert hooks(shop, mark) == [*page_hooks(CART, "onHide"), *page_hooks(INDEX, "onShow")]
        assert shop.page_stack == [INDEX] and shop.current_page.id == index.id  # type: ignore[union-attr]
        mark = len(shop.log)
        go(shop, "switchTab", "/pages/cart/cart")
        assert hooks(shop, mark) == [*page_hooks(INDEX, "onHide"), *page_hooks(CART, "onShow")]
        assert shop.current_page.id == cart.id and cart.data["payment"] == "微信"  # type: ignore[union-attr]

    def test_switch_tab_to_the_current_tab_does_nothing(self, shop: SwanRuntime) -> None:
        shop.open_page(INDEX)
        mark = len(shop.log)
        assert go(shop, "switchTab", "/pages/index/index") == ok("switchTab")
        assert hooks(shop, mark) == []

    def test_switch_tab_unloads_non_tab_pages_and_does_not_hide_a_hidden_tab_page(self, shop: SwanRuntime) -> None:
        # index (tab) got onHide when list was pushed over it; switchTab unloads list and must not
        # hide index a second time (it was never shown in between).
        shop.open_page(INDEX)
        go(shop, "navigateTo", "../list/list")
        mark = len(shop.log)
        assert go(shop, "switchTab", "/pages/cart/cart") == ok("switchTab")
        assert hooks(shop, mark) == [*page_hooks(LIST, "onUnload"), *opened(CART)]
        assert shop.page_stack == [CART]

    def test_relative_urls_resolve_from_the_current_page(self, shop: SwanRuntime) -> None:
        index = shop.open_page(INDEX)
        index.call("onCategoryTap", {"currentTarget": {"dataset": {"cat": "rain"}}})  # '../list/list?cat=rain'
        shop.current_page.call("onProductTap", {"currentTarget": {"dataset": {"index": 1}}})  # type: ignore[union-attr]
        detail = shop.current_page
        assert detail is not None and detail.route == DETAIL
        assert detail.query == {"id": "8", "name": "雨伞"}
        assert detail.data == {"id": "8", "name": "雨伞"}
        go(shop, "navigateTo", "detail?id=9")  # same folder, no ./
        go(shop, "navigateTo", "./detail?id=10")
        assert shop.page_stack == [INDEX, LIST, DETAIL, DETAIL, DETAIL]
        assert shop.current_page.query == {"id": "10"}  # type: ignore[union-attr]

    def test_query_values_are_decoded_once(self, shop: SwanRuntime) -> None:
        shop.open_page(INDEX)
        go(shop, "navigateTo", "/pages/detail/detail?id=7&name=%E9%9B%A8%E4%BC%9E%20%26%20more%3D&raw=%2541&flag")
        detail = shop.current_page
        assert detail is not None
        assert detail.query == {"id": "7", "name": "雨伞 & more=", "raw": "%41", "flag": ""}
        assert detail.data == {"id": "7", "name": "雨伞 & more="}

    def test_navigate_to_a_subpackage_page(self, shop: SwanRuntime) -> None:
        shop.open_page(INDEX)
        assert go(shop, "navigateTo", "/packageA/pages/promo/promo?campaign=618") == ok("navigateTo")
        assert shop.current_page is not None and shop.current_page.data == {"campaign": "618"}

    def test_navigate_to_a_tab_page_fails(self, shop: SwanRuntime) -> None:
        shop.open_page(INDEX)
        go(shop, "navigateTo", "../list/list")
        mark = len(shop.log)
        assert go(shop, "navigateTo", "/pages/cart/cart") == {
            "errMsg": "navigateTo:fail can not navigateTo a tabbar page", "errCode": 202,
        }
        assert go(shop, "redirectTo", "/pages/me/me") == {
            "errMsg": "redirectTo:fail can not redirectTo a tabbar page", "errCode": 202,
        }
        assert hooks(shop, mark) == [] and shop.page_stack == [INDEX, LIST]

    def test_switch_tab_to_a_non_tab_page_fails(self, shop: SwanRuntime) -> None:
        shop.open_page(INDEX)
        mark = len(shop.log)
        assert go(shop, "switchTab", "/pages/list/list") == {
            "errMsg": "switchTab:fail can not switch to no-tabBar page", "errCode": 202,
        }
        assert hooks(shop, mark) == [] and shop.page_stack == [INDEX]

    def test_a_page_not_in_app_json_fails_and_calls_on_page_not_found(self, shop: SwanRuntime) -> None:
        shop.open_page(INDEX)
        mark = len(shop.log)
        assert go(shop, "navigateTo", "/pages/secret/secret?from=menu") == {
            "errMsg": 'navigateTo:fail page "pages/secret/secret" is not found', "errCode": 1001,
        }
        assert hooks(shop, mark) == [("app", "", "onPageNotFound")]
        assert shop.app.global_data["notFound"] == [
            {"path": "pages/secret/secret", "query": {"from": "menu"}, "isEntryPage": False},
        ]
        assert shop.page_stack == [INDEX]

    def test_opening_a_page_not_in_app_json_is_a_clear_error_and_an_entry_page_not_found(self, shop: SwanRuntime) -> None:
        # A route the test got wrong is the test's mistake: a ValueError, not a script error.
        with pytest.raises(ValueError, match=r'^page "pages/secret/secret" is not in app\.json pages$'):
            shop.open_page("pages/secret/secret", {"x": "1"})
        assert shop.app.global_data["notFound"] == [
            {"path": "pages/secret/secret", "query": {"x": "1"}, "isEntryPage": True},
        ]
        assert shop.open_page(INDEX).data["banners"] == ["spring", "summer"]

    def test_the_stack_holds_ten_pages_and_the_eleventh_fails(self, shop: SwanRuntime) -> None:
        shop.open_page(INDEX)
        for n in range(9):
            assert go(shop, "navigateTo", f"/pages/detail/detail?id={n}") == ok("navigateTo")
        assert len(shop.page_stack) == 10
        mark = len(shop.log)
        assert go(shop, "navigateTo", "/pages/detail/detail?id=99") == {
            "errMsg": "navigateTo:fail page stack limit exceeded (10 pages)", "errCode": 1001,
        }
        assert hooks(shop, mark) == []
        assert len(shop.page_stack) == 10 and shop.current_page.query == {"id": "8"}  # type: ignore[union-attr]
        # Still usable: go back, and forward again.
        assert go(shop, "navigateBack", 3) == ok("navigateBack")
        assert go(shop, "navigateTo", "/pages/detail/detail?id=99") == ok("navigateTo")
        assert len(shop.page_stack) == 8 and shop.current_page.query == {"id": "99"}  # type: ignore[union-attr]
        assert shop.errors == []


# ------------------------------------------------------------------------------------------------
# setData
# ------------------------------------------------------------------------------------------------
EDITOR = "pages/editor/editor"


class TestSetData:
    def test_path_keys_update_nested_values_and_create_missing_levels_as_objects(self, shop: SwanRuntime) -> None:
        page = shop.open_page(EDITOR)
        mark = len(shop.log)
        assert page.call("renameFirst", "A") == "A"
        assert page.data == {
            "list": [{"name": "A"}, {"name": "b"}],
            "profile": {"nick": "", "address": {"city": "Beijing"}},
            "tags": ["new", "hot"],
            "order": [],
            "matrix": {"1": {"row": "created"}},  # swan makes missing levels objects, even for [1]
        }
        [event] = [e for e in shop.log[mark:] if e.kind == "setData"]
        assert event.fields == {
            "target": "page", "route": EDITOR,
            "data": {"list[0].name": "A", "profile.address.city": "Beijing", "matrix[1].row": "created"},
        }

    def test_the_callback_runs_after_the_method_and_its_microtasks(self, shop: SwanRuntime) -> None:
        page = shop.open_page(EDITOR)
        # this.data changes at once; the callback is a macrotask queued before the method's own timer.
        assert page.call("saveDraft", "hi") == ["after setData sees hi"]
        data = page.data
        assert data["draft"] == "hi"
        assert data["order"] == ["after setData sees hi", "microtask", "callback sees hi"]

    def test_the_key_value_form(self, shop: SwanRuntime) -> None:
        page = shop.open_page(EDITOR)
        mark = len(shop.log)
        page.call("setNick", "Ann")
        assert page.data["profile"] == {"nick": "Ann"}
        assert [(e.kind, e.fields) for e in shop.log[mark:]] == [
            ("setData", {"target": "page", "route": EDITOR, "data": {"profile.nick": "Ann"}}),
            ("console", {"level": "log", "text": "nick saved: Ann"}),
        ]

    def test_array_helpers(self, shop: SwanRuntime) -> None:
        page = shop.open_page(EDITOR)
        mark = len(shop.log)
        assert page.call("editTags") == ["hot", "x", "y", "last"]
        assert page.data["tags"] == ["hot", "x", "y", "last"]
        assert [e["data"] for e in shop.log[mark:] if e.kind == "setData"] == [
            {"tags": ["new", "hot", "sale"]},
            {"tags": ["top", "new", "hot", "sale"]},
            {"tags": ["top", "new", "hot"]},
            {"tags": ["new", "hot"]},
            {"tags": ["new", "hot", "last"]},
            {"tags": ["hot", "last"]},
            {"tags": ["hot", "x", "y", "last"]},
        ]

    def test_a_function_value_is_refused_with_a_warning(self, shop: SwanRuntime) -> None:
        page = shop.open_page(EDITOR)
        mark = len(shop.log)
        assert page.call("setHandler") == ["list", "profile", "tags", "order", "saved"]
        assert [(e.kind, e.fields) for e in shop.log[mark:]] == [
            ("console", {"level": "warn", "text": 'setData: data field "onTap" is a function, which cannot be sent to the view; it was not set'}),
            ("setData", {"target": "page", "route": EDITOR, "data": {"saved": True}}),
        ]
        assert shop.errors == []

    def test_a_10_mb_value_is_set_with_a_size_warning_and_the_runtime_goes_on(self, shop: SwanRuntime) -> None:
        page = shop.open_page(EDITOR)
        mark = len(shop.log)
        assert page.call("setHuge") == 10 * 1024 * 1024
        warnings = [e["text"] for e in shop.log[mark:] if e.kind == "console" and e["level"] == "warn"]
        assert warnings == [
            "setData: the data sent to the view is 10485762 characters, over the 1 MB a view update should carry",
        ]
        assert shop.errors == []
        assert page.call("renameFirst", "still here") == "still here"

    def test_the_data_is_a_deep_copy_of_what_was_passed(self, shop: SwanRuntime) -> None:
        page = shop.open_page(EDITOR)
        assert page.call("setAddress") == {"city": "Shanghai", "lines": ["Road 1"]}
        assert page.data["address"] == {"city": "Shanghai", "lines": ["Road 1"]}

    def test_each_page_instance_starts_from_a_fresh_copy_of_data(self, shop: SwanRuntime) -> None:
        index = shop.open_page(INDEX)
        index.call("navigate", "navigateTo", "/pages/editor/editor")  # the page below may navigate too
        shop.current_page.call("editTags")  # type: ignore[union-attr]
        index.call("navigate", "navigateTo", "/pages/editor/editor")
        assert shop.page_stack == [INDEX, EDITOR, EDITOR]
        assert shop.current_page.data["tags"] == ["new", "hot"]  # type: ignore[union-attr]


# ------------------------------------------------------------------------------------------------
# require
# ------------------------------------------------------------------------------------------------
class TestRequire:
    def test_a_module_runs_once_whatever_the_specifier(self, shop: SwanRuntime) -> None:
        # index requires '/utils/store' (project-absolute), detail '../../utils/store.js'.
        shop.open_page(INDEX)
        go(shop, "navigateTo", "/pages/detail/detail?id=1")
        assert shop.current_page.call("addToCart") == 1  # type: ignore[union-attr]
        go(shop, "navigateTo", "/pages/detail/detail?id=2")
        assert shop.current_page.call("addToCart") == 2  # type: ignore[union-attr]
        go(shop, "navigateBack", 2)
        assert shop.current_page.data["cartCount"] == 2  # type: ignore[union-attr]
        assert texts(shop).count("store created") == 1

    def test_js_suffix_is_optional_and_the_module_is_cached(self, shop: SwanRuntime) -> None:
        page = shop.open_page("pages/settings/settings")
        assert page.call("loadFeature", "coupon") == 90
        assert page.call("loadFeature", "coupon.js") == 90
        assert page.data["features"] == ["coupon", "coupon"]
        assert texts(shop) == ["coupon feature loaded"]

    def test_a_cycle_gives_the_partial_exports_as_node_does(self, shop: SwanRuntime) -> None:
        page = shop.open_page(ME)
        assert page.data == {"token": "guest"}
        # utils/api.js ran while utils/auth.js was only as far as `exports.token = ...`.
        assert page.call("login", "ann") == {"answer": "GET /user as token-ann", "apiSawAtLoad": ["token"]}
        assert page.data == {"token": "token-ann"}

    def test_a_missing_module(self, shop: SwanRuntime) -> None:
        page = shop.open_page("pages/settings/settings")
        with pytest.raises(ScriptError) as info:
            page.call("loadFeature", "nope")
        assert info.value.message == 'Error: module "../../features/nope" is not defined'
        assert info.value.location.startswith("pages/settings/settings.js:")

    def test_a_path_outside_the_project(self, shop: SwanRuntime) -> None:
        page = shop.open_page("pages/settings/settings")
        with pytest.raises(ScriptError) as info:
            page.call("loadFeature", "../../../../secrets")
        assert info.value.message == (
            'Error: module "../../features/../../../../secrets" is outside the project '
            "(required from pages/settings/settings.js)"
        )
        assert page.call("loadFeature", "coupon") == 90  # still usable


# ------------------------------------------------------------------------------------------------
# Components
# ------------------------------------------------------------------------------------------------
CARD = "components/product-card/product-card"


class TestComponents:
    def test_property_defaults_and_lifetimes(self, shop: SwanRuntime) -> None:
        card = shop.mount_component(CARD)
        assert card.data == {
            "trace": ["track attached", "card attached"],
            "count": 1, "total": 0, "priceChanges": [], "observerRuns": 0,
            "title": "", "price": 100, "stock": 10, "tags": [], "soldOut": False, "extra": None, "anything": None,
        }
        assert hooks(shop) == [  # the app launches first (docs/harness.md, "Components and navigation")
            ("app", "", "onLaunch"), ("app", "", "onShow"),
            ("component", CARD, "created"), ("component", CARD, "attached"), ("component", CARD, "ready"),
        ]

    def test_properties_are_converted_to_their_types(self, shop: SwanRuntime) -> None:
        card = shop.mount_component(CARD, properties={
            "title": 42, "price": "19", "soldOut": 1, "tags": ["a"], "extra": {"k": 1}, "anything": 5, "unknown": 1,
        })
        data = card.data
        assert {k: data[k] for k in ("title", "price", "soldOut", "tags", "extra", "anything")} == {
            "title": "42", "price": 19, "soldOut": True, "tags": ["a"], "extra": {"k": 1}, "anything": 5,
        }
        assert "unknown" not in data
        assert "stock 10 -> " not in "".join(texts(shop))  # initial properties fire no observer

    def test_a_property_observer_runs_only_on_a_real_change_after_the_update(self, shop: SwanRuntime) -> None:
        card = shop.mount_component(CARD)
        card.set_properties({"stock": 10})
        assert texts(shop) == []
        mark = len(shop.log)
        card.set_properties({"stock": 5})
        assert [(e.kind, e.get("data") or e.get("text")) for e in shop.log[mark:] if e.kind in ("setData", "console")] == [
            ("setData", {"stock": 5}),
            ("console", "stock 10 -> 5"),
        ]
        card.set_properties({"stock": 5})
        assert texts(shop) == ["stock 10 -> 5"]
        assert shop.errors == []

    def test_a_property_observer_runs_on_the_component_and_sees_the_new_value(self, shop: SwanRuntime) -> None:
        card = shop.mount_component(CARD)
        card.set_properties({"price": 120})
        card.set_properties({"price": 120})
        card.set_properties({"price": 80})
        assert shop.errors == []
        assert card.data["priceChanges"] == [[120, 100, 120], [80, 120, 80]]

    def test_observers_fire_once_per_set_data(self, shop: SwanRuntime) -> None:
        card = shop.mount_component(CARD)
        # They run after the method's synchronous code (swan docs, custom-component_observers.md).
        assert card.call("setBoth", 3, 4) == 0
        assert (card.data["total"], card.data["observerRuns"]) == (12, 1)
        assert card.call("setCount", 2) == 12
        assert card.data["total"] == 6
        card.set_properties({"price": 50, "title": "伞"})
        data = card.data
        assert (data["total"], data["observerRuns"]) == (100, 3)

    def test_trigger_event_is_recorded(self, shop: SwanRuntime) -> None:
        card = shop.mount_component(CARD, properties={"title": "跑鞋"})
        card.call("setCount", 2)
        card.call("addToCart")
        assert card.events == [{"name": "add", "detail": {"title": "跑鞋", "count": 2}}]
        [event] = [e for e in shop.log if e.kind == "triggerEvent"]
        assert event.fields == {"target": "component", "route": CARD, "instance": card.id, "name": "add",
                                "detail": {"title": "跑鞋", "count": 2}}

    def test_each_instance_has_its_own_events(self, shop: SwanRuntime) -> None:
        shoes = shop.mount_component(CARD, properties={"title": "跑鞋"})
        umbrella = shop.mount_component(CARD, properties={"title": "雨伞"})
        umbrella.call("addToCart")
        assert umbrella.events == [{"name": "add", "detail": {"title": "雨伞", "count": 1}}]
        assert shoes.events == []

    def test_behaviors_mix_in_data_methods_and_lifetimes_first(self, shop: SwanRuntime) -> None:
        card = shop.mount_component(CARD)
        assert card.data["trace"] == ["track attached", "card attached"]  # the behavior's attached first
        assert card.call("track", "view") == 3
        card.call("addToCart")  # the component's method calls the behavior's
        assert card.data["trace"] == ["track attached", "card attached", "view", "add"]


# ------------------------------------------------------------------------------------------------
# Recorded calls and scripted answers
# ------------------------------------------------------------------------------------------------
class TestCallsAndAnswers:
    def test_modal_confirmed_by_default(self, shop: SwanRuntime) -> None:
        cart = shop.open_page(CART)
        cart.call("clear")
        assert shop.calls("showModal") == [{"title": "清空购物车", "content": "确定要清空购物车吗？"}]
        assert shop.calls("showToast") == [{"title": "已清空"}]
        assert cart.data["items"] == []

    def test_modal_cancelled(self, shop: SwanRuntime) -> None:
        cart = shop.open_page(CART)
        shop.answer("showModal", {"confirm": False, "cancel": True})
        cart.call("clear")
        assert shop.calls("showToast") == [{"title": "已取消", "icon": "none"}]
        assert cart.data["items"] == [{"id": 7, "count": 1}, {"id": 8, "count": 2}]
        cart.call("clear")  # the scripted answer was used up: the default (confirm) again
        assert shop.calls("showToast")[-1] == {"title": "已清空"} and cart.data["items"] == []

    def test_action_sheet_answers(self, shop: SwanRuntime) -> None:
        cart = shop.open_page(CART)
        shop.answer("showActionSheet", {"tapIndex": 2}, {"fail": True})
        cart.call("choosePayment")
        assert cart.data["payment"] == "支付宝"
        cart.call("choosePayment")
        assert cart.data["payment"] == "none: showActionSheet:fail cancel"
        cart.call("choosePayment")
        assert cart.data["payment"] == "百度钱包"
        assert shop.calls("showActionSheet") == [{"itemList": ["百度钱包", "微信", "支付宝"]}] * 3

    @pytest.mark.parametrize(
        ("api", "answer", "message"),
        [
            ("showModal", {"confirm": "yes", "cancel": False}, "showModal: answer field 'confirm' must be bool"),
            ("showModal", {"confirm": True}, "showModal: answer is missing cancel"),
            ("showActionSheet", {"index": 1}, "showActionSheet: answer is missing tapIndex"),
            ("showActionSheet", {"tapIndex": True}, "showActionSheet: answer field 'tapIndex' must be int"),
            ("showModal", 5, "showModal: an answer must be a dict"),
        ],
    )
    def test_a_wrong_answer_shape_is_a_value_error_naming_the_api(self, shop: SwanRuntime, api: str, answer: Any, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            shop.answer(api, answer)

    def test_navigation_calls_are_recorded_with_the_params_the_page_passed(self, shop: SwanRuntime) -> None:
        shop.open_page(INDEX)
        go(shop, "navigateTo", "../list/list?cat=a")
        assert shop.calls("navigateTo") == [{"url": "../list/list?cat=a"}]

    def test_ui_params_are_checked(self, shop: SwanRuntime) -> None:
        # (An API swan-bridge does not carry out: tests/test_api_table.py, with a made-up name,
        # since every documented one is carried out.)
        shop.open_page(INDEX)
        result = shop.run(
            "swan.showToast({title: 5, fail: e => console.log(e.errMsg, e.errCode)});\n"
            "console.log(swan.canIUse('showModal'), swan.canIUse('madeUpApi'));\n"
        )
        assert [m.text for m in result.console] == [
            "true false",
            "showToast:fail parameter error: title must be a string, got number 202",
        ]


# ------------------------------------------------------------------------------------------------
# Errors thrown by page code
# ------------------------------------------------------------------------------------------------
class TestScriptErrors:
    def test_page_call_raises_with_the_page_file_location_and_app_on_error_gets_it(self, shop: SwanRuntime) -> None:
        cart = shop.open_page(CART)
        cart.call("clear")
        where = source_location("pages/cart/cart.js", "cart is empty", "Error(")
        with pytest.raises(ScriptError) as info:
            cart.call("checkout")
        error = info.value
        assert (error.message, error.location, error.where) == ("Error: cart is empty", where, "pages/cart/cart checkout")
        assert str(error).startswith(f"{where}: Error: cart is empty")
        assert shop.app.global_data["errors"] == [f"Error: cart is empty\n    at checkout ({where})"]
        assert [e.fields for e in shop.log if e.kind == "error"] == [
            {"message": "Error: cart is empty", "where": "pages/cart/cart checkout", "location": where},
        ]
        assert cart.call("navigate", "switchTab", "/pages/me/me") == ok("switchTab")  # still usable

    def test_page_call_raises_for_an_error_in_what_the_method_started(self, shop: SwanRuntime) -> None:
        page = shop.open_page(EDITOR)
        where = source_location("pages/editor/editor.js", "nick is required", "Error(")
        with pytest.raises(ScriptError) as info:
            page.call("submit")  # returns at once; its setData callback throws a turn later
        assert (info.value.message, info.value.location) == ("Error: nick is required", where)
        page.call("setNick", "Ann")
        assert page.call("submit") == "submitted"
        assert page.data["submitting"] is True


# ------------------------------------------------------------------------------------------------
# The virtual clock
# ------------------------------------------------------------------------------------------------
class TestVirtualClock:
    def test_ten_minutes_of_polling_in_well_under_a_second(self, shop: SwanRuntime) -> None:
        page = shop.open_page("pages/poll/poll")
        page.call("startPolling")
        assert page.data == {"polls": 0, "status": "waiting"}
        start = time.perf_counter()
        shop.advance(10 * 60 * 1000 - 1)
        assert page.data == {"polls": 19, "status": "waiting"}
        shop.advance(1)
        elapsed = time.perf_counter() - start
        assert page.data == {"polls": 20, "status": "gave up"}
        assert elapsed < 1.0
        shop.advance(10 * 60 * 1000)
        assert page.data["polls"] == 20
        assert len([e for e in shop.log if e.kind == "setData" and e["route"] == "pages/poll/poll"]) == 21

    def test_a_method_awaiting_a_timer_returns_at_once(self, shop: SwanRuntime) -> None:
        page = shop.open_page("pages/poll/poll")
        start = time.perf_counter()
        assert page.call("retryAfter", 5 * 60 * 1000) == "retried"
        assert time.perf_counter() - start < 1.0

    def test_advance_needs_the_virtual_clock(self) -> None:
        with SwanRuntime(project=SHOP) as rt, pytest.raises(RuntimeError, match="virtual clock"):
            rt.advance(1000)

    def test_a_download_stays_real_under_the_virtual_clock(self, server: EmbeddedServer, make_runtime: Callable[..., SwanRuntime]) -> None:
        rt = make_runtime(project=SHOP, clock="virtual", route_all_to=server.url)
        page = rt.open_page("pages/download/download")
        seen = len(server.requests)
        start = time.perf_counter()
        # ~0.3 s of real transfer; the page's 5 s setTimeout guard must not fire meanwhile.
        result = page.call("download", "https://invoices.example.com/2024/inv-7.pdf?size=200000&chunk=50000&delay=0.1")
        elapsed = time.perf_counter() - start
        assert result == {"statusCode": 200, "size": 200000}
        assert page.data == {"status": "done", "size": 200000}
        assert elapsed >= 0.3
        [request] = server.requests[seen:]
        assert (request.method, request.path) == ("GET", "/2024/inv-7.pdf?size=200000&chunk=50000&delay=0.1")
        rt.advance(60_000)  # the guard was cleared
        assert page.data["status"] == "done" and rt.errors == []


# ------------------------------------------------------------------------------------------------
# Bad input: each a clear error, the runtime still usable
# ------------------------------------------------------------------------------------------------
class TestBadInput:
    def test_a_missing_app_json(self) -> None:
        with pytest.raises(ProjectError, match=r"app\.json not found"):
            SwanRuntime(project=PROJECTS / "no-app-json")

    def test_a_syntax_error_is_reported_at_load_and_other_pages_still_open(self, broken: SwanRuntime) -> None:
        [error] = broken.errors
        assert error.location == "pages/syntax/syntax.js:7:5"
        assert error.message.startswith("SyntaxError:")
        assert broken.open_page("pages/index/index").data == {"ok": True}
        with pytest.raises(ScriptError, match=r'module "pages/syntax/syntax\.js" failed to load: SyntaxError') as info:
            broken.open_page("pages/syntax/syntax")
        assert info.value.location == "pages/syntax/syntax.js:7:5"
        assert broken.open_page("pages/index/index").data == {"ok": True}

    def test_navigating_to_a_page_that_does_not_load_fails_the_call(self, broken: SwanRuntime) -> None:
        index = broken.open_page("pages/index/index")
        result = index.call("go", "/pages/syntax/syntax")
        assert result.startswith("navigateTo:fail") and "pages/syntax/syntax.js" in result
        assert broken.page_stack == ["pages/index/index"]

    def test_page_called_twice(self, broken: SwanRuntime) -> None:
        for _ in range(2):  # the file fails the same way every time it is opened
            with pytest.raises(ScriptError) as info:
                broken.open_page("pages/twice/twice")
            assert info.value.message == "Error: Page() called twice in pages/twice/twice.js"
            assert info.value.location == "pages/twice/twice.js:10:1"
        assert broken.open_page("pages/index/index").data == {"ok": True}

    def test_a_require_cycle_that_uses_a_partial_export(self, broken: SwanRuntime) -> None:
        with pytest.raises(ScriptError) as info:
            broken.open_page("pages/cycle/cycle")
        assert info.value.message.startswith("TypeError:")
        assert info.value.location == "utils/currency.js:8:19"
        assert [line.strip() for line in info.value.stack.splitlines()] == [
            "at utils/currency.js:8:19", "at utils/price.js:4:18", "at pages/cycle/cycle.js:4:15",
        ]
        assert broken.open_page("pages/index/index").data == {"ok": True}

    def test_a_page_listed_without_a_file(self, broken: SwanRuntime) -> None:
        with pytest.raises(ScriptError, match=r'^Error: page "pages/ghost/ghost" has no file pages/ghost/ghost\.js in the project$'):
            broken.open_page("pages/ghost/ghost")
        assert broken.open_page("pages/index/index").data == {"ok": True}


# ------------------------------------------------------------------------------------------------
# The command line on a doc sample
# ------------------------------------------------------------------------------------------------
EXE = Path(sys.executable).with_name("swan-bridge")


def swan_bridge(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, timeout=60)


class TestCommandLine:
    def test_save_file_doc_sample(self, tmp_path: Path) -> None:
        # tests/projects/samples/saveFile.js is the code block of swan-docs
        # program-docs/docs/develop/api/file/save_swan-saveFile.md, unchanged.
        proc = swan_bridge("run", str(SAMPLES / "saveFile.js"), "--call", "saveFile", "--serve", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        first, second = proc.stdout.splitlines()
        assert first.startswith('临时文件路径: {"tempFilePath":"bdfile://tmp_') and '"statusCode":200' in first
        assert second.startswith("保存到的路径是： bdfile://store_")
        assert proc.stderr == ""

    def test_exit_2_when_the_page_has_no_such_method(self, tmp_path: Path) -> None:
        proc = swan_bridge("run", str(SAMPLES / "checkout.js"), "--call", "nosuch", cwd=tmp_path)
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr
        assert 'Invalid value for --call: checkout has no method "nosuch"' in proc.stderr

    def test_exit_1_when_the_method_throws(self, tmp_path: Path) -> None:
        proc = swan_bridge("run", str(SAMPLES / "checkout.js"), "--call", "checkout", cwd=tmp_path)
        assert proc.returncode == 1
        assert f"{SAMPLES / 'checkout.js'}:7:23" in proc.stderr
        assert "Error: nothing to check out" in proc.stderr
