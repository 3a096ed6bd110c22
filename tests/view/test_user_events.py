"""Events as the user makes them, through the public API (tests/view/projects/events): the
capture and bubble phases with `capture-bind:` / `capture-catch:`, which events bubble, the event
object a handler gets, long presses, a form's submit and reset, and `<navigator>` by `open-type`.

Sources: swan docs, framework/view_incident.md (bind / catch / capture-bind / capture-catch, the
bubbling events: touchstart, touchmove, touchcancel, touchend, tap, longpress; the others, such
as input, change and submit, do not bubble; the event object's fields), component/navigator.md
(open-type navigate, redirect, switchTab, reLaunch, navigateBack with delta)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge import Page, SwanRuntime

PROJECT = Path(__file__).parent / "projects" / "events"


@pytest.fixture
def rt() -> Iterator[SwanRuntime]:
    with SwanRuntime(project=PROJECT, clock="virtual") as runtime:
        yield runtime


@pytest.fixture
def page(rt: SwanRuntime) -> Page:
    return rt.open_page("pages/a/a")


def seen(page: Page) -> list[str]:
    """What reached the page's handlers since the last look: "<type>:<handler>@<element>"."""
    calls: list[str] = page.call("seen")
    return calls


def test_a_tap_is_captured_from_the_outside_in_then_bubbles_from_the_inside_out(page: Page) -> None:
    page.select("#leaf").tap()
    assert seen(page) == ["tap:capOuter@outer", "tap:capInner@mid", "tap:inner@leaf", "tap:outer@outer"]


def test_capture_catch_stops_the_capture_and_the_bubble_phases(page: Page) -> None:
    page.select(".hidden-leaf").tap()
    assert seen(page) == ["tap:capOuter@outer", "tap:capInner@stopper"]


def test_input_change_submit_and_reset_do_not_bubble_a_long_press_does(page: Page) -> None:
    # The outer view binds input, change, submit, reset and longpress too: only longpress reaches it.
    page.select(".name").input("Bob")
    assert seen(page) == ["input:onInput@input", "change:onChange@input"]
    page.select(".agree").tap()  # the tap bubbles; the switch's change does not
    assert seen(page) == ["tap:capOuter@outer", "tap:outer@outer", "change:onChange@switch"]
    page.select(".form").submit()
    assert seen(page) == ["submit:onSubmit@form"]
    assert page.call("last")["detail"] == {"value": {"name": "Bob", "agree": False}, "formId": ""}
    page.select(".form").reset()
    assert seen(page) == ["reset:onReset@form"]
    page.select("#leaf").longpress()
    assert seen(page) == ["longpress:onLongpress@outer"]


def test_reset_puts_the_forms_controls_back_to_what_their_attributes_say(page: Page) -> None:
    page.select(".name").input("Bob")
    page.select(".agree").tap()
    page.select(".form").reset()
    page.select(".form").submit()
    assert page.call("last")["detail"]["value"] == {"name": "Ann", "agree": True}


def test_the_event_object_a_handler_gets(page: Page) -> None:
    page.select("#leaf").tap()
    event = page.call("last")  # the outer view's bubble handler, the last to run
    stamp = event.pop("timeStamp")
    assert isinstance(stamp, int) and stamp >= 0  # ms since the page loaded (wall clock, as Date)
    touch = {"identifier": 0, "pageX": 0, "pageY": 0, "clientX": 0, "clientY": 0, "force": 1, "x": 0, "y": 0}
    assert event == {
        "type": "tap",
        "target": {"id": "leaf", "tagName": "view", "offsetLeft": 0, "offsetTop": 0, "dataset": {"who": "leaf", "itemId": 7}},
        "currentTarget": {"id": event["currentTarget"]["id"], "tagName": "view", "offsetLeft": 0, "offsetTop": 0, "dataset": {"who": "outer"}},
        "detail": {"x": 0, "y": 0},
        "touches": [touch],
        "changedTouches": [touch],
    }
    assert event["currentTarget"]["id"].startswith("_")  # an element without an id gets the view's own


def test_a_nodes_html_is_its_markup(page: Page) -> None:
    assert page.select(".mid").html() == (
        '<view class="mid" data-who="mid" capture-bind:tap="capInner">\n'
        '  <view class="leaf" id="leaf" data-who="leaf" data-item-id="7" bindtap="inner">leaf</view>\n'
        "</view>"
    )


def test_navigators_navigate_by_their_open_type(rt: SwanRuntime, page: Page) -> None:
    page.select(".go").tap()  # open-type navigate (the default)
    assert rt.page_stack == ["pages/a/a", "pages/b/b"]
    rt.current_page.select(".deep").tap()  # type: ignore[union-attr]
    assert rt.page_stack == ["pages/a/a", "pages/b/b", "pages/b/b"]
    rt.current_page.select(".back2").tap()  # type: ignore[union-attr]  # navigateBack, delta 2
    assert rt.page_stack == ["pages/a/a"]
    rt.current_page.select(".redirect").tap()  # type: ignore[union-attr]
    assert rt.page_stack == ["pages/b/b"]
    rt.current_page.select(".back").tap()  # type: ignore[union-attr]  # navigateBack on the only page: nothing to go back to
    assert rt.page_stack == ["pages/b/b"]


def test_navigators_switch_tab_and_relaunch(rt: SwanRuntime, page: Page) -> None:
    page.select(".go").tap()
    rt.current_page.select(".back").tap()  # type: ignore[union-attr]
    assert rt.page_stack == ["pages/a/a"]
    page.select(".tab").tap()  # switchTab: the pages that are not tabs go, the tab page shows
    assert rt.page_stack == ["pages/tab/tab"]
    page = rt.open_page("pages/a/a")
    page.select(".go").tap()
    rt.current_page.select(".back").tap()  # type: ignore[union-attr]
    page.select(".relaunch").tap()  # reLaunch: every page goes, then the new one opens
    assert rt.page_stack == ["pages/c/c"]
