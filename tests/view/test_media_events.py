"""image load / error, scroll-view scroll / scrolltoupper / scrolltolower, swiper change and
animationfinish, each driven from the test (tests/view/projects/queries, page pages/media/media)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bridge import SwanRuntime

PROJECT = Path(__file__).parent / "projects" / "queries"
EDGE = {"scrollLeft": 0, "scrollTop": 0, "scrollHeight": 0, "scrollWidth": 0, "deltaX": 0, "deltaY": 0}


@pytest.fixture
def page() -> Iterator[Any]:
    with SwanRuntime(project=PROJECT, clock="virtual") as rt:
        yield rt.open_page("pages/media/media")


def test_an_image_loads_or_fails_with_the_documented_detail(page: Any) -> None:
    page.select(".pic").load()
    page.select(".pic").load(width=640, height=480)
    page.select(".pic").load_error()
    assert page.data["events"] == [
        ["load", {"width": 300, "height": 225}],
        ["load", {"width": 640, "height": 480}],
        ["error", {"errMsg": "something wrong"}],
    ]


def test_a_scroll_view_scrolls_and_reports_its_offset(page: Any) -> None:
    scroller = page.select(".scroller")
    scroller.scroll(top=120)
    scroller.scroll(top=100, left=5)
    assert page.data["events"] == [
        [
            "scroll",
            {"scrollLeft": 0, "scrollTop": 120, "scrollHeight": 300, "scrollWidth": 200, "deltaX": 0, "deltaY": 120},
        ],
        [
            "scroll",
            {"scrollLeft": 5, "scrollTop": 100, "scrollHeight": 300, "scrollWidth": 200, "deltaX": 5, "deltaY": -20},
        ],
    ]
    assert page.call("offset") == {"id": "", "dataset": {}, "scrollLeft": 5, "scrollTop": 100}


def test_a_scroll_view_reaches_its_upper_and_lower_ends(page: Any) -> None:
    page.select(".scroller").scroll_to_upper()
    page.select(".scroller").scroll_to_lower()
    assert page.data["events"] == [["scrolltoupper", EDGE], ["scrolltolower", EDGE]]


def test_a_swiper_changes_then_finishes_its_animation(page: Any) -> None:
    page.select(".swiper").swipe_to(1)
    page.select(".swiper").swipe_to(2, source="autoplay")
    page.select(".swiper").change(0)  # change() on a swiper is a swipe by touch
    assert page.data["events"] == [
        ["change", {"current": 1, "currentItemId": "b", "source": "touch"}],
        ["animationfinish", {"current": 1, "currentItemId": "b", "source": "touch"}],
        ["change", {"current": 2, "currentItemId": "", "source": "autoplay"}],
        ["animationfinish", {"current": 2, "currentItemId": "", "source": "autoplay"}],
        ["change", {"current": 0, "currentItemId": "a", "source": "touch"}],
        ["animationfinish", {"current": 0, "currentItemId": "a", "source": "touch"}],
    ]


def test_actions_on_the_wrong_element_say_so(page: Any) -> None:
    with pytest.raises(ValueError, match=r"swipe_to\(3\): the swiper has 3 swiper-item elements"):
        page.select(".swiper").swipe_to(3)
    with pytest.raises(ValueError, match="load\\(\\) needs an <image>"):
        page.select(".swiper").load()
    with pytest.raises(ValueError, match="scroll\\(\\) needs a <scroll-view>"):
        page.select(".pic").scroll(top=1)
    with pytest.raises(ValueError, match="source must be"):
        page.select(".swiper").swipe_to(1, source="mouse")
    assert page.data["events"] == []
