"""Constructs found in published swan apps that the client renders although they are not clean
swan: the view renders them as the client does, and says on the console what it let pass
(tests/view/projects/realconstructs)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge import SwanRuntime, TemplateError

PROJECT = Path(__file__).parent / "projects" / "realconstructs"


@pytest.fixture
def rt() -> Iterator[SwanRuntime]:
    with SwanRuntime(project=PROJECT, clock="virtual") as runtime:
        yield runtime


def warnings(rt: SwanRuntime) -> list[str]:
    return [m.text for m in rt.console if m.level == "warn"]


def test_text_after_an_expression_is_dropped_as_the_clients_parser_drops_it(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/index/index")
    assert rt.errors == []
    # `{{article.headimg == '' true:false}}` reads `article.headimg == ''`: true, so hidden
    assert page.select(".banner").attrs["hidden"] is True
    assert ('pages/index/index.swan:3:56: "true:false" after the expression is ignored, as the client\'s '
            "template parser ignores it, in {{ article.headimg == '' true:false }}") in warnings(rt)


def test_trackby_with_no_key_lists_every_row(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/index/index")
    assert [n.text for n in page.select_all(".date")] == ["0: 2020-01-01", "1: 2020-01-02"]
    assert any(w.startswith('pages/index/index.swan:5:46: "trackBy" after the expression is ignored')
               for w in warnings(rt))


def test_an_element_left_open_ends_with_the_file(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/index/index")
    days = page.select(".grid .days")
    assert days is not None and [n.text for n in days.select_all(".month > .day")] == ["1", "2"]
    assert ("components/day/day.swan:1:1: <view> is never closed: it ends with the file, as the client's "
            "template parser ends it") in warnings(rt)


def test_a_template_with_neither_name_nor_is_holds_its_content_without_an_element(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/index/index")
    assert page.select(".grid template") is None
    assert [n.tag for n in page.select(".month").children] == ["view", "view"]


def test_a_component_event_has_its_details_keys_at_the_top(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/index/index")
    page.select_all(".day")[1].tap()
    assert page.data["picked"] == {"day": 2, "type": "dayclick", "same": True}
    assert page.select(".picked").text == "dayclick 2 true"


def test_a_components_other_fields_are_its_own_copied_for_each_instance(rt: SwanRuntime) -> None:
    page = rt.open_page("pages/index/index")
    # `attr` and the function outside `methods` are on the instance when `created` runs
    assert [n.attrs["style"] for n in page.select_all(".s1 .star")] == ["color: blue"] * 3
    page.select(".s1 .star").tap()
    assert page.select(".s1 .star").attrs["style"] == "color: grey"
    assert page.select(".s2 .star").attrs["style"] == "color: blue"  # the other instance's copy
    assert rt.errors == []


def test_a_spread_without_the_object_braces_is_still_a_template_error(tmp_path: Path) -> None:
    """`data="{{...item}}"` (WeChat's form) does not parse in swan, whose parser wants an
    identifier there: swan writes `{{{...item}}}`."""
    (tmp_path / "pages" / "a").mkdir(parents=True)
    (tmp_path / "app.json").write_text('{"pages": ["pages/a/a"]}')
    (tmp_path / "pages" / "a" / "a.js").write_text("Page({data: {item: {n: 1}}});")
    (tmp_path / "pages" / "a" / "a.swan").write_text(
        '<template name="t"><text>{{n}}</text></template>\n<template is="t" data="{{...item}}" />'
    )
    with SwanRuntime(project=tmp_path, clock="virtual") as runtime:
        with pytest.raises(TemplateError) as caught:
            runtime.open_page("pages/a/a")
    assert caught.value.location == "pages/a/a.swan:2:26"




def test_an_end_tag_of_an_element_around_closes_what_is_open_inside_it(rt: SwanRuntime) -> None:
    """`<image ...>` never closed, then `</view>`: San closes both, as it closes every element up
    to the nearest open one of the end tag's name, and leaves out an end tag that closes nothing
    (parse-template.js; its errors for both are checks of its development build only)."""
    page = rt.open_page("pages/tags/tags")
    assert rt.errors == []
    assert page.html().splitlines()[:4] == ['<view class="photo" bindtap="open" data-id="7">',
                                            '  <image src="https://img.example.com/7.png" />', '</view>',
                                            '<text class="after">after the photo</text>']
    page.select(".photo image").tap()  # bubbles to the view that holds it
    assert page.data["opened"] == 7
    assert ("pages/tags/tags.swan:1:53: <image> is never closed: </view> at 1:74 ends it, as the client's "
            "template parser ends it") in warnings(rt)
    assert ("pages/tags/tags.swan:2:39: </text> closes nothing (no <text> is open): it is left out, as the "
            "client's template parser leaves it out") in warnings(rt)


def test_s_show_keeps_the_element_in_the_view_with_its_condition(rt: SwanRuntime) -> None:
    """San's `s-show` (used by published apps; swan's docs list only s-if): a condition written
    with or without {{ }}; the element stays, San hides it with display: none. The view keeps it
    with `s-show` true or false."""
    page = rt.open_page("pages/tags/tags")
    assert page.select(".confirm").attrs["s-show"] is False
    assert page.select(".ask").attrs["s-show"] is True
    page.select(".ask").tap()
    assert page.select(".confirm").attrs["s-show"] is True and page.select(".ask").attrs["s-show"] is False
    assert page.html().splitlines()[-2:] == ['<button class="confirm" s-show>Confirm</button>',
                                             '<button class="ask" s-show="false" bindtap="ask">Buy</button>']


def test_an_attribute_bound_to_false_is_absent_for_selectors(tmp_path: Path) -> None:
    """`hidden="{{false}}"`: the element is not hidden, so `[hidden]` does not find it (the
    node's attrs keep False, and html() shows it as `hidden="false"`); when the data changes
    the selector follows."""
    root = tmp_path / "app"
    (root / "pages" / "a").mkdir(parents=True)
    (root / "app.json").write_text('{"pages": ["pages/a/a"]}')
    (root / "pages" / "a" / "a.js").write_text("Page({data: {h: false}, flip() { this.setData({h: !this.data.h}); }});")
    (root / "pages" / "a" / "a.swan").write_text(
        '<view class="a" hidden="{{h}}">A</view><view class="b" hidden="{{!h}}">B</view>'
        '<button disabled="{{h}}" bindtap="flip">f</button>')
    with SwanRuntime(project=root, clock="virtual") as rt:
        page = rt.open_page("pages/a/a")
        assert [n.attrs["class"] for n in page.select_all("[hidden]")] == ["b"]
        assert page.select(".a").attrs["hidden"] is False and page.select("[disabled]") is None
        assert page.html().splitlines()[:2] == ['<view class="a" hidden="false">A</view>', '<view class="b" hidden>B</view>']
        page.select("button").tap()
        assert [n.attrs["class"] for n in page.select_all("[hidden]")] == ["a"]
        assert page.select("[disabled]") is page.select("button")
