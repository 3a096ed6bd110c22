"""Base components as the user works them: inputs with two-way binding, switches, groups,
sliders, pickers, forms (submit and reset), scroll-view (tests/view/projects/shopview)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge import SwanRuntime

PROJECT = Path(__file__).parent / "projects" / "shopview"


@pytest.fixture
def form(rt: SwanRuntime) -> object:
    return rt.open_page("pages/form/form")


@pytest.fixture
def rt() -> Iterator[SwanRuntime]:
    with SwanRuntime(project=PROJECT, clock="virtual") as runtime:
        yield runtime


def test_typing_writes_back_through_the_two_way_binding_then_input_and_change(rt: SwanRuntime, form) -> None:
    form.select(".name").input("Eve")
    assert form.data["form"]["name"] == "Eve"
    assert form.select(".echo").text == "Hello Eve"
    assert form.data["events"] == ["input:Eve:3", 'change:{"value":"Eve","cursor":3,"keyCode":0}']
    written = [e for e in rt.log if e.kind == "setData" and e.get("twoWay")]
    assert written[-1]["data"] == {"form.name": "Eve"}


def test_a_form_with_a_two_way_input_a_switch_and_a_submit_button(form) -> None:
    form.select(".name").input("Eve")
    form.select(".agree").tap()
    assert form.data["agree"] is True
    form.select(".blue").tap()
    form.select(".m").tap()
    form.select(".level").change(70)
    form.select(".city").change(1)
    form.select(".note").input("hi")
    form.select(".go").tap()
    assert form.data["submitted"] == {"name": "Eve", "note": "hi", "agree": True, "colors": ["red", "blue"], "size": "m",
                                      "level": 70, "city": 1}
    assert form.data["colors"] == ["red", "blue"] and form.data["size"] == "m" and form.data["level"] == 70


def test_a_disabled_button_does_nothing(form) -> None:
    form.select(".off").tap()
    assert form.data["submitted"] is None


def test_submit_and_reset_on_the_form_itself(form) -> None:
    form.select(".f").submit()
    assert form.data["submitted"] == {"name": "Bob", "note": "", "agree": False, "colors": ["red"], "size": "",
                                      "level": 20, "city": "0"}
    form.select(".blue").tap()
    form.select(".clear").tap()
    assert form.data["events"][-1] == "reset"
    form.select(".f").submit()
    assert form.data["submitted"]["colors"] == ["red"] and form.data["submitted"]["name"] == ""


def test_switch_and_groups_change_with_values(form) -> None:
    form.select(".agree").change(True)
    assert form.data["agree"] is True
    form.select(".colors").change(["blue"])
    assert form.data["colors"] == ["blue"]
    form.select(".sizes").change("s")
    assert form.data["size"] == "s"


def test_scroll_view_scrolls_to_lower(form) -> None:
    form.select(".scroller").scroll_to_lower()
    assert form.data["lower"] == "deltaX,deltaY,scrollHeight,scrollLeft,scrollTop,scrollWidth"


def test_trigger_fires_any_event(form) -> None:
    form.select(".name").trigger("change", {"value": "raw"})
    assert form.data["events"] == ['change:{"value":"raw"}']
