"""swan.createSelectorQuery and this.createSelectorQuery, answered from the rendered view
(tests/view/projects/queries, page pages/query/query)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bridge import SwanRuntime

PROJECT = Path(__file__).parent / "projects" / "queries"
RPX = 393 / 750  # the default android device's windowWidth over 750


@pytest.fixture
def rt() -> Iterator[SwanRuntime]:
    with SwanRuntime(project=PROJECT, clock="virtual") as runtime:
        yield runtime


@pytest.fixture
def page(rt: SwanRuntime) -> Any:
    return rt.open_page("pages/query/query")


def run(page: Any, *requests: list[Any]) -> list[Any]:
    """One exec of the given requests ([kind, selector, method, fields]); checks that each
    request's own callback saw what exec's callback saw."""
    out = page.call("run", [list(r) + [None] * (4 - len(r)) for r in requests])
    assert out["each"] == out["res"]
    return out["res"]


def ids(results: Any) -> list[str]:
    return [r["id"] for r in results]


def test_select_gives_the_first_match_with_its_id_dataset_and_rect(page: Any) -> None:
    [row] = run(page, ["select", "#row-2", "boundingClientRect"])
    assert row == {
        "id": "row-2",
        "dataset": {"itemId": 2, "price": 5},
        "left": 0,
        "right": 0,
        "top": 50,
        "bottom": 100,
        "width": 0,
        "height": 50,
    }


def test_select_all_returns_datasets_in_document_order_and_misses_are_null_or_empty(page: Any) -> None:
    rows, miss, none = run(
        page,
        ["selectAll", ".row", "fields", {"dataset": True}],
        ["select", ".nothing", "boundingClientRect"],
        ["selectAll", ".nothing", "fields", {"id": True}],
    )
    assert [r["dataset"] for r in rows] == [
        {"itemId": 1, "price": 3},
        {"itemId": 2, "price": 5},
        {"itemId": 3, "price": 4},
    ]
    assert miss is None and none == []


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("#leaf", ["leaf"]),
        (".row.hot", ["row-1", "row-3"]),  # classes chained
        (".outer > .mid > .leaf", ["leaf"]),  # children
        (".outer > .leaf", []),  # not a child
        (".outer .leaf", ["leaf"]),  # descendant
        ("#row-3, #leaf, .list", ["list", "row-3", "leaf"]),  # a union, in document order
        ("view.hot", ["row-1", "row-3"]),  # a tag (beyond the docs' list)
    ],
)
def test_the_documented_selector_syntax(page: Any, selector: str, expected: list[str]) -> None:
    [found] = run(page, ["selectAll", selector, "fields", {"id": True}])
    assert ids(found) == expected


def test_a_selector_outside_the_documented_syntax_matches_nothing_with_a_warning(rt: SwanRuntime, page: Any) -> None:
    [found] = run(page, ["selectAll", "[data-price]", "fields", {"id": True}])
    assert found == []
    assert "is not supported" in rt.console[-1].text and rt.console[-1].level == "warn"


def test_a_page_query_sees_its_own_elements_and_the_slot_content_it_passes_not_a_components_inside(page: Any) -> None:
    inner, slotted, card, crossed = run(
        page,
        ["select", ".title", "fields", {"id": True}],
        ["select", ".slotted", "fields", {"id": True}],
        ["select", "#card", "fields", {"id": True, "properties": ["title", "price", "class", "id", "bindtap"]}],
        ["select", "#card >>> .title", "fields", {"id": True, "dataset": True}],
    )
    assert inner is None
    assert slotted == {"id": ""}
    assert card == {"id": "card", "title": "Card", "price": 9}  # declared properties only
    assert crossed == {"id": "title", "dataset": {"kind": "card"}}  # `>>>` reaches inside


def test_in_component_and_this_create_selector_query_look_inside_the_component(page: Any) -> None:
    [found] = page.call("inCard", ".title, .slotted, .body")
    assert ids(found) == ["title", ""]  # the slotted view belongs to the page's template
    card = page.select_component("#card")
    assert card.call("measure", ".title") == [{"id": "title", "dataset": {"kind": "card"}, "width": 0, "height": 40}]
    assert card.call("measure", ".slotted") == [None]


def test_fields_size_rect_scroll_offset_and_computed_style_from_the_inline_style(page: Any) -> None:
    lst, row, scroller = run(
        page,
        ["select", "#list", "fields", {"size": True, "rect": True}],
        ["select", "#row-3", "fields", {"computedStyle": ["backgroundColor", "height", "color"]}],
        ["select", ".scroller", "scrollOffset"],
    )
    assert lst == {
        "left": 0,
        "right": pytest.approx(750 * RPX),
        "top": 0,
        "bottom": 400,
        "width": pytest.approx(750 * RPX),
        "height": 400,
    }  # rpx by the device's windowWidth
    assert row == {"backgroundColor": "#fff", "height": "50px", "color": ""}  # unset: ""
    assert scroller == {"id": "", "dataset": {}, "scrollLeft": 0, "scrollTop": 20}  # its scroll-top


def test_an_image_has_its_documented_default_size(page: Any) -> None:
    [pic] = run(page, ["select", ".pic", "boundingClientRect"])
    assert (pic["width"], pic["height"]) == (300, 225)


def test_the_test_sets_a_rect_and_it_wins_over_the_style(page: Any) -> None:
    page.select("#row-2").set_rect(left=10, width=200)
    page.select("#row-2").set_rect(top=7)
    [row] = run(page, ["select", "#row-2", "boundingClientRect"])
    assert row == {
        "id": "row-2",
        "dataset": {"itemId": 2, "price": 5},
        "left": 10,
        "right": 210,
        "top": 7,
        "bottom": 57,
        "width": 200,
        "height": 50,
    }
    with pytest.raises(ValueError, match="width must be a finite number"):
        page.select("#row-2").set_rect(width="wide")


def test_the_viewport_is_the_window_with_the_page_scroll(page: Any) -> None:
    page.scroll_to(120)
    [viewport] = run(
        page,
        ["viewport", "", "fields", {"id": True, "dataset": True, "size": True, "rect": True, "scrollOffset": True}],
    )
    assert viewport == {
        "id": "",
        "dataset": {},
        "left": 0,
        "right": 393,
        "top": 0,
        "bottom": 771,
        "width": 393,
        "height": 771,
        "scrollLeft": 0,
        "scrollTop": 120,
    }


def test_exec_answers_after_the_view_followed_setData_made_before(page: Any) -> None:
    rows = page.call("afterSetData")
    assert [r["dataset"]["itemId"] for r in rows] == [1, 2, 3, 4]


def test_exec_empties_the_queue(page: Any) -> None:
    assert page.call("queueIsEmptied") == [[{"id": "leaf"}], [{"id": "list"}]]


def test_a_callback_that_throws_is_reported_at_the_users_line(rt: SwanRuntime, page: Any) -> None:
    result = rt.run(
        "swan.createSelectorQuery().select('#leaf')\n  .boundingClientRect(function () { null.x; }).exec();",
        filename="bad.js",
    )
    assert result.errors[0].location.startswith("bad.js:2:")
    assert "SelectorQuery callback" in result.errors[0].where


def test_a_script_that_breaks_builtins_does_not_break_the_query(rt: SwanRuntime, page: Any) -> None:
    rt.run(
        "Array.prototype.push = null; String.prototype.split = null; String.prototype.trim = null;"
        "RegExp.prototype.exec = null; RegExp.prototype.test = null; Object.prototype.width = 999;"
    )
    assert page.call("firstRow") == {
        "id": "row-1",
        "dataset": {"itemId": 1, "price": 3},
        "left": 0,
        "right": 0,
        "top": 0,
        "bottom": 50,
        "width": 0,
        "height": 50,
    }
