"""Pages rendered from their templates through the public API: the first render, updates after
setData, taps and the client's event objects, template errors (tests/view/projects/shopview)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge import Node, NodeGoneError, ScriptError, SwanRuntime, TemplateError

PROJECT = Path(__file__).parent / "projects" / "shopview"


@pytest.fixture
def rt() -> Iterator[SwanRuntime]:
    with SwanRuntime(project=PROJECT, clock="virtual") as runtime:
        yield runtime


def test_a_list_renders_from_data_and_follows_setdata(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/list/list")
    assert page.select(".title").text == "Fruit (2)"  # onLoad's setData reached the view
    assert [n.text for n in page.select_all(".row .name")] == ["1. apple", "2. pear"]
    page.select(".rename").tap()
    assert [n.text for n in page.select_all(".row .name")] == ["1. apple", "2. grape"]
    page.select("button.add").tap()
    rows = page.select_all(".row")
    assert [r.id for r in rows] == ["row-1", "row-2", "row-3"]
    assert rows[2].dataset == {"itemId": 3} and rows[2].select(".price").text == "¥5"


def test_catchtap_stops_a_tap_that_bindtap_lets_bubble_to_the_row(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/list/list")
    row = page.select("#row-2")
    row.select(".buy").tap()  # catchtap: the row's bindtap does not run
    assert page.data["taps"] == ["buy:pear"]
    row.select(".info").tap()  # bindtap: bubbles to the row, whose handler sees the target
    assert page.data["taps"] == ["buy:pear", "info", f"row:2:_{row.select('.info').node_id}"]
    assert page.select(".taps").text == page.data["taps"][0] + "," + page.data["taps"][1] + "," + page.data["taps"][2]


def test_handlers_get_the_clients_event_object(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/list/list")
    page.select("#row-1 .name").tap()
    events = [e for e in rt.log if e.kind == "event"]
    assert events[-1].fields == {"route": "pages/list/list", "event": "tap", "handler": "rowTap"}
    assert page.data["taps"][-1].startswith("row:1:_")


def test_a_missing_handler_gives_the_clients_warning(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/list/list")
    page.select(".missing").tap()
    warnings = [m.text for m in rt.console if m.level == "warn"]
    assert warnings[-1] == 'Component "pages/list/list" does not have a method "noSuchHandler" to handle event "tap".'


def test_a_handler_that_throws_raises_script_error(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/list/list")
    with pytest.raises(ScriptError, match="handler failed") as caught:
        page.select(".boom").tap()
    assert "pages/list/list.js:" in caught.value.location


def test_a_node_an_update_removed_says_so(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/comp/comp")
    second = page.select("#second .pick")
    page.select(".toggle").tap()
    assert page.select("#second") is None
    with pytest.raises(NodeGoneError, match="no longer in the view"):
        second.tap()


def test_nodes_show_what_the_user_sees(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/list/list")
    buy = page.select("#row-1 .buy")
    assert isinstance(buy, Node)
    assert (buy.tag, buy.classes, buy.dataset, buy.text) == ("button", ["buy"], {"type": "apple"}, "加入购物车")
    assert buy.attrs["catchtap"] == "buyTap"
    assert len(page.select_all("[bindtap]")) == 8 and len(page.select_all("[catchtap]")) == 2
    assert page.html().splitlines()[:2] == ['<view class="page">', '  <text class="title">Fruit (2)</text>']


def test_a_template_error_is_recorded_at_load_and_raised_when_its_page_opens(rt: SwanRuntime) -> None:
    assert [e.location for e in rt.errors] == ["pages/broken/broken.swan:3:3"]
    with pytest.raises(TemplateError) as caught:
        rt.open_page("pages/broken/broken")
    assert caught.value.location == "pages/broken/broken.swan:3:3"
    assert "s-elif has no s-if" in str(caught.value)
    assert rt.page_stack == []
    assert rt.open_page("pages/list/list").select(".title") is not None  # other pages still open


def test_sjs_modules_and_imported_templates_with_triple_brace_data(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/sjs/sjs")
    assert page.select(".price").text == "¥3.50"
    assert page.select(".kinds").text == "undefined,undefined,object,a+"  # no swan, no getApp inside SJS
    assert page.select(".twice").text == "abab"
    assert [c.text for c in page.select_all(".cell")] == ["Name: Ann ~Name~", "Age: 30 ~Age~"]


def test_a_navigator_navigates_by_its_url(rt: SwanRuntime) -> None:
    rt.open_page("pages/form/form")
    rt.current_page.select(".to-detail").tap()
    assert rt.page_stack == ["pages/form/form", "pages/detail/detail"]
    assert rt.current_page.select(".detail").text == "Item 7"


def test_the_page_tap_by_method_name_still_works(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/list/list")
    page.tap("buyTap", dataset={"type": "kiwi"})
    assert page.select(".taps").text == "buy:kiwi"
