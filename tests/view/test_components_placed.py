"""Components placed by templates: usingComponents, lifetimes in document order, properties from
attributes, slots, triggerEvent, detaching, selectComponent (tests/view/projects/shopview)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge import SwanRuntime, TemplateError

PROJECT = Path(__file__).parent / "projects" / "shopview"


@pytest.fixture
def rt() -> Iterator[SwanRuntime]:
    with SwanRuntime(project=PROJECT, clock="virtual") as runtime:
        yield runtime


def test_components_are_created_attached_and_ready_in_document_order(rt: SwanRuntime) -> None:
    rt.open_page("pages/comp/comp")
    assert rt.app.global_data["log"] == ["created:untitled", "attached:First", "created:untitled", "attached:Second",
                                         "show:First", "show:Second", "ready:First", "ready:Second"]
    hooks = [(e["route"].split("/")[-1], e["hook"]) for e in rt.log if e.kind == "lifecycle" and e["target"] != "app"]
    assert hooks == [  # swan docs, framework/process_life.md
        ("card", "created"), ("card", "attached"), ("badge", "created"), ("badge", "attached"),
        ("card", "created"), ("card", "attached"), ("badge", "created"), ("badge", "attached"),
        ("comp", "onLoad"),
        ("card", "pageLifetimes.show"), ("card", "pageLifetimes.show"),
        ("comp", "onShow"),
        ("card", "ready"), ("badge", "ready"), ("card", "ready"), ("badge", "ready"),
        ("comp", "onReady"),
    ]


def test_a_property_follows_the_pages_data_through_its_observer(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/comp/comp")
    card = page.select_component("#first")
    assert card is not None and card.data["cardTitle"] == "First" and card.data["count"] == 1
    page.select(".more").tap()
    # The initial 1 differs from the default 0: the observer ran for it too (swan changelog 1.11.25).
    assert card.data["count"] == 2 and card.data["doubled"] == 4 and card.data["seen"] == ["0->1", "1->2"]
    assert page.select("#first .card-count").text == "2 x2 = 4"
    assert [t.text for t in page.select_all("#first .tag")] == ["x", "y"]


def test_slots_show_page_data_and_named_slots_their_content(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/comp/comp")
    assert page.select("#first .card-body .slotted").text == "Hello Ann"
    assert page.select("#first .card-header .head").text == "Header for Ann"
    page.call("setData", {"user": "Zoe"})
    assert page.select("#first .card-body").text == "Hello Zoe"
    assert page.select("#first .card-header").text == "Header for Zoe"


def test_trigger_event_reaches_the_handler_on_the_components_tag(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/comp/comp")
    page.select("#first .pick").tap()  # the card's own handler, which triggers "pick"
    assert page.data["picked"] == "First:1:pick:first"
    assert page.select(".picked").text == "First:1:pick:first"
    page.select("#second .pick").tap()  # bindpick (no colon)
    assert page.data["picked"] == "Second:0:pick:second"
    assert page.select_component("#first").events == [{"name": "pick", "detail": {"title": "First", "count": 1}}]


def test_s_if_detaches_the_component_and_brings_it_back(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/comp/comp")
    page.select(".toggle").tap()
    assert rt.app.global_data["log"][-1] == "detached:Second"
    assert page.select("#second") is None and page.select_component("#second") is None
    page.select(".toggle").tap()
    assert rt.app.global_data["log"][-3:] == ["created:untitled", "attached:Second", "ready:Second"]
    assert page.select("#second .card-title").text == "Second"


def test_page_lifetimes_follow_the_page(rt: SwanRuntime) -> None:
    rt.open_page("pages/comp/comp")
    rt.hide_app()
    rt.show_app()
    assert rt.app.global_data["log"][-4:] == ["hide:First", "hide:Second", "show:First", "show:Second"]


def test_select_component_from_the_page_and_the_handle(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/comp/comp")
    assert page.data["readyCard"] == "First" and page.data["cards"] == 2  # this.selectComponent in onReady
    card = page.select_component("my-card.card")
    assert card is not None and card.path == "components/card/card"
    assert card.call("hello") == "hello from First"
    assert page.select_component(".nothing") is None


def test_app_json_global_components_are_placed_inside_components(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/comp/comp")
    assert [b.text for b in page.select_all("badge .badge")] == ["[First]", "[Second]"]


def test_select_component_from_a_component_finds_what_its_template_placed(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/comp/comp")
    card = page.select_component("#first")
    assert card is not None and card.call("badgeLabel") == "First"
    page.select(".more").tap()
    assert page.select_component("#second").call("badgeLabel") == "Second"  # type: ignore[union-attr]


def test_s_for_detaches_the_component_of_a_row_it_removes(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/many/many")
    assert [n.select(".card-title").text for n in page.select_all("my-card")] == ["A", "B", "C"]
    b = page.select_component("#card-B")
    assert b is not None
    page.select(".drop").tap()
    assert rt.app.global_data["log"][-1] == "detached:B"
    assert [n.select(".card-title").text for n in page.select_all("my-card")] == ["A", "C"]
    assert page.select_component("#card-B") is None
    with pytest.raises(RuntimeError, match="has no view"):
        b.html()


def one_component_app(root: Path, page_js: str, page_swan: str, component_js: str, component_swan: str) -> Path:
    """An app of one page (pages/index/index) using one component (`<c-x>`, components/x/x)."""
    for folder in ("pages/index", "components/x"):
        (root / folder).mkdir(parents=True)
    (root / "app.json").write_text('{"pages": ["pages/index/index"]}')
    (root / "pages/index/index.js").write_text(page_js)
    (root / "pages/index/index.json").write_text('{"usingComponents": {"c-x": "/components/x/x"}}')
    (root / "pages/index/index.swan").write_text(page_swan)
    (root / "components/x/x.js").write_text(component_js)
    (root / "components/x/x.json").write_text('{"component": true}')
    (root / "components/x/x.swan").write_text(component_swan)
    return root


def test_a_page_whose_component_has_a_broken_template_does_not_open(tmp_path: Path) -> None:
    root = one_component_app(tmp_path / "app", "Page({onLoad() { console.log('loaded'); }});", "<view><c-x></c-x></view>\n",
                             "Component({});", "<text>{{ 1 + }}</text>\n")
    with SwanRuntime(project=root, clock="virtual") as rt:
        with pytest.raises(TemplateError) as caught:
            rt.open_page("pages/index/index")
        assert caught.value.location.startswith("components/x/x.swan:1:")
        assert rt.page_stack == [] and "loaded" not in [m.text for m in rt.console]


def test_an_event_a_component_triggers_in_attached_reaches_its_page(tmp_path: Path) -> None:
    root = one_component_app(tmp_path / "app",
                             "Page({data: {got: []}, on(e) { this.setData({got: this.data.got.concat([e.detail.i])}); }});",
                             '<c-x id="c" bind:ev="on"></c-x>\n',
                             "Component({lifetimes: {attached() { this.triggerEvent('ev', {i: 1}); }}});", "<text>x</text>\n")
    with SwanRuntime(project=root, clock="virtual") as rt:
        page = rt.open_page("pages/index/index")
        assert rt.errors == [] and page.data["got"] == [1]


def test_a_component_with_a_script_and_no_template_renders_nothing_and_says_so_once(tmp_path: Path) -> None:
    root = one_component_app(tmp_path / "app", "Page({});", '<view><c-x id="a"></c-x><c-x id="b"></c-x></view>\n',
                             "Component({});", "")
    (root / "components/x/x.swan").unlink()
    with SwanRuntime(project=root, clock="virtual") as rt:
        page = rt.open_page("pages/index/index")
        assert page.select_component("#a") is not None and page.select("#a").html() == '<c-x id="a" />'
        rt.open_page("pages/index/index")
        assert [(m.level, m.text) for m in rt.console] == [
            ("warn", "component components/x/x has no template (components/x/x.swan is not in the project): it renders nothing")]
