"""swan.createIntersectionObserver and this.createIntersectionObserver, with intersections driven
by the test through node.intersect(ratio) (tests/view/projects/queries, page pages/observe/observe)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bridge import ScriptError, SwanRuntime

PROJECT = Path(__file__).parent / "projects" / "queries"
BALL = 200 * 393 / 750  # the ball is 200rpx square on the default android device


@pytest.fixture
def rt() -> Iterator[SwanRuntime]:
    with SwanRuntime(project=PROJECT, clock="virtual") as runtime:
        yield runtime


@pytest.fixture
def page(rt: SwanRuntime) -> Any:
    return rt.open_page("pages/observe/observe")


def ratios(page: Any) -> list[tuple[str, float]]:
    return [(r["id"], r["intersectionRatio"]) for r in page.data["seen"]]


def test_the_callback_gets_the_documented_result_shape(page: Any) -> None:
    page.call("relativeToScroller")
    page.select("#ball").intersect(0.5)
    [res] = page.data["seen"]
    assert sorted(res) == [
        "boundingClientRect",
        "dataset",
        "id",
        "intersectionRatio",
        "intersectionRect",
        "relativeRect",
        "time",
    ]
    assert res["id"] == "ball" and res["dataset"] == {"color": "blue"} and res["intersectionRatio"] == 0.5
    assert res["boundingClientRect"] == pytest.approx(
        {"left": 0, "top": 0, "right": BALL, "bottom": BALL, "width": BALL, "height": BALL}
    )
    # the part that shows: the target's top half
    assert res["intersectionRect"] == pytest.approx(
        {"left": 0, "top": 0, "right": BALL, "bottom": BALL / 2, "width": BALL, "height": BALL / 2}
    )
    # relative to the scroll-view: its rect (400rpx high, no width in its style)
    assert res["relativeRect"] == pytest.approx(
        {"left": 0, "top": 0, "right": 0, "bottom": 2 * BALL, "width": 0, "height": 2 * BALL}
    )
    assert isinstance(res["time"], (int, float))


def test_only_a_crossed_threshold_calls_back(page: Any) -> None:
    page.call("relativeToScroller")
    ball = page.select("#ball")
    ball.intersect(0.5)  # 0 -> 0.5 crosses the default threshold 0
    ball.intersect(0.7)  # still intersecting: nothing
    ball.intersect(0)  # leaves: called back with 0
    assert ratios(page) == [("ball", 0.5), ("ball", 0)]
    assert page.data["seen"][-1]["intersectionRect"] == {
        "left": 0,
        "top": 0,
        "right": 0,
        "bottom": 0,
        "width": 0,
        "height": 0,
    }


def test_thresholds_and_margins_relative_to_the_viewport(page: Any) -> None:
    page.call("viewportWithMargins")  # swan.createIntersectionObserver({thresholds: [0.5, 1]}), bottom margin 100
    ball = page.select("#ball")
    for ratio in (0.4, 0.5, 0.9, 1):
        ball.intersect(ratio)
    assert ratios(page) == [("ball", 0.5), ("ball", 1)]
    assert page.data["seen"][0]["relativeRect"] == {
        "left": 0,
        "top": 0,
        "right": 393,
        "bottom": 771 + 100,
        "width": 393,
        "height": 871,
    }


def test_without_select_all_only_the_first_match_is_observed(page: Any) -> None:
    page.call("relativeToScroller")
    page.select("#ball2").intersect(1)
    assert ratios(page) == []
    page.call("stop")
    page.call("relativeToScroller", {"selectAll": True})
    # starting, it checks ball2 (the test made it 1) against initialRatio 0: called back once
    assert ratios(page) == [("ball2", 1)]
    page.select("#ball2").intersect(0.2)  # 1 -> 0.2 crosses nothing
    page.select("#ball").intersect(0.2)
    assert ratios(page) == [("ball2", 1), ("ball", 0.2)]


def test_initial_ratio_is_checked_when_observing_starts(page: Any) -> None:
    page.call("relativeToScroller", {"initialRatio": 1})  # the ball shows nothing: 1 -> 0 crosses 0
    assert ratios(page) == [("ball", 0)]


def test_disconnect_stops_the_callbacks(page: Any) -> None:
    page.call("relativeToScroller")
    page.call("stop")
    page.select("#ball").intersect(1)
    assert ratios(page) == []


def test_observe_without_relative_to_warns_and_observe_twice_throws(rt: SwanRuntime, page: Any) -> None:
    page.call("observeWithoutRelative")
    page.select("#ball").intersect(1)
    assert ratios(page) == []
    assert rt.console[-1].level == "warn" and "relativeTo" in rt.console[-1].text
    with pytest.raises(ScriptError, match="observe can be called only once") as caught:
        page.call("observeTwice")
    assert caught.value.location.startswith("pages/observe/observe.js:")


def test_a_components_observer_watches_its_own_template(page: Any) -> None:
    card = page.select_component("#card")
    card.call("watch")  # this.createIntersectionObserver().relativeToViewport().observe('.title', ...)
    page.select("#card .title").intersect(0.25)
    assert card.data["seen"] == [0.25]


def test_intersect_takes_a_ratio_from_0_to_1(page: Any) -> None:
    with pytest.raises(ValueError, match="from 0 to 1"):
        page.select("#ball").intersect(1.5)
