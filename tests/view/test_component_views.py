"""Component handles show what the component rendered: `select`, `select_all`, `html` and
`select_component` on a component placed by a page's template and on one mounted on its own
(tests/view/projects/shopview: a card with slots and a badge it places)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge import NodeGoneError, SwanRuntime, TemplateError

PROJECT = Path(__file__).parent / "projects" / "shopview"

#: The card's markup, mounted with {cardTitle: "Solo", count: 3}: its slots have no content from
#: a parent, so each shows its own (empty) children, as a placed card without content does.
SOLO = """<view class="card">
  <view class="card-title">Solo</view>
  <view class="card-count">3 x2 = 6</view>
  <view class="card-header" />
  <view class="card-body" />
  <view class="card-tags" />
  <button class="pick" bindtap="pick">Pick</button>
  <badge label="Solo">
    <text class="badge">[Solo]</text>
  </badge>
</view>"""


@pytest.fixture
def rt() -> Iterator[SwanRuntime]:
    with SwanRuntime(project=PROJECT, clock="virtual") as runtime:
        yield runtime


def test_a_placed_components_handle_selects_what_it_rendered_and_what_its_slots_show(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/comp/comp")
    card = page.select_component("#first")
    assert card is not None
    assert card.select(".card-title").text == "First"
    assert card.select(".slotted").text == "Hello Ann"  # the page's content in the card's slot
    assert [t.text for t in card.select_all(".tag")] == ["x", "y"]
    assert card.select(".more") is None  # the page's own button, outside the card
    assert card.select("#second") is None
    assert card.html() == page.select("#first").inner_html()
    assert card.html().splitlines()[:3] == ['<view class="card">', '  <view class="card-title">First</view>',
                                             '  <view class="card-count">1 x2 = 2</view>']
    badge = card.select_component("badge")
    assert badge is not None and badge.path == "components/badge/badge" and badge.data["label"] == "First"
    assert badge.html() == '<text class="badge">[First]</text>'
    card.select(".pick").tap()
    assert card.events == [{"name": "pick", "detail": {"title": "First", "count": 1}}]
    page.select(".more").tap()  # the page's data reaches the card's view through its property
    assert card.select(".card-count").text == "2 x2 = 4"


def test_a_placed_components_handle_has_no_view_once_its_template_removed_it(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/comp/comp")
    second = page.select_component("#second")
    assert second is not None and second.select(".card-title").text == "Second"
    page.select(".toggle").tap()  # s-if removes it
    with pytest.raises(RuntimeError, match="has no view"):
        second.select(".card-title")


def test_a_mounted_component_renders_its_template_between_attached_and_ready(rt: SwanRuntime) -> None:
    card = rt.mount_component("components/card/card", {"cardTitle": "Solo", "count": 3})
    assert card.html() == SOLO
    hooks = [(e["route"].split("/")[-1], e["hook"]) for e in rt.log if e.kind == "lifecycle" and e["target"] != "app"]
    # As a placed card's: the badge its template places is made while it renders, and is ready after it.
    assert hooks == [("card", "created"), ("card", "attached"), ("badge", "created"), ("badge", "attached"),
                     ("card", "ready"), ("badge", "ready")]
    badge = card.select_component("badge")
    assert badge is not None and badge.data["label"] == "Solo"


def test_a_mounted_components_view_follows_its_data_and_its_elements_can_be_tapped(rt: SwanRuntime) -> None:
    card = rt.mount_component("components/card/card", {"cardTitle": "Solo", "count": 3})
    card.select(".pick").tap()  # its own handler, which triggers "pick"
    assert card.events == [{"name": "pick", "detail": {"title": "Solo", "count": 3}}]
    card.set_properties({"count": 4, "tags": ["a"]})
    assert card.select(".card-count").text == "4 x2 = 8"
    assert [t.text for t in card.select_all(".tag")] == ["a"]
    card.call("setData", {"cardTitle": "Renamed"})
    assert card.select(".card-title").text == "Renamed"
    assert card.select_component("badge").select(".badge").text == "[Renamed]"  # type: ignore[union-attr]


def test_detaching_a_mounted_component_takes_its_view_and_detaches_what_it_placed(rt: SwanRuntime) -> None:
    card = rt.mount_component("components/card/card", {"cardTitle": "Solo"})
    button = card.select(".pick")
    assert button is not None
    card.detach()
    hooks = [(e["route"].split("/")[-1], e["hook"]) for e in rt.log if e.kind == "lifecycle" and e["target"] != "app"]
    assert hooks[-2:] == [("card", "detached"), ("badge", "detached")]
    with pytest.raises(RuntimeError, match="has no view"):
        card.html()
    with pytest.raises(NodeGoneError, match="no longer in the view"):
        button.tap()


def test_mounting_a_component_whose_template_is_broken_raises_the_template_error(tmp_path: Path) -> None:
    root = tmp_path / "app"
    (root / "pages" / "index").mkdir(parents=True)
    (root / "components" / "bad").mkdir(parents=True)
    (root / "app.json").write_text(json.dumps({"pages": ["pages/index/index"]}))
    (root / "pages" / "index" / "index.js").write_text("Page({});")
    (root / "components" / "bad" / "bad.js").write_text(
        "Component({ lifetimes: { attached() { console.log('attached'); } } });")
    (root / "components" / "bad" / "bad.json").write_text('{"component": true}')
    (root / "components" / "bad" / "bad.swan").write_text("<view>\n  <text>{{ a + }}</text>\n</view>\n")
    with SwanRuntime(project=root, clock="virtual") as rt:
        with pytest.raises(TemplateError) as caught:
            rt.mount_component("components/bad/bad")
        assert caught.value.location.startswith("components/bad/bad.swan:2:")
        assert [m.text for m in rt.console] == []  # not created: no lifetime ran
