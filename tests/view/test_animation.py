"""swan.createAnimation: the Animation methods and export() (tests/view/projects/queries, page
pages/anim/anim)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bridge import SwanRuntime

PROJECT = Path(__file__).parent / "projects" / "queries"
DEFAULT_OPTION = {
    "transition": {"duration": 400, "timingFunction": "linear", "delay": 0},
    "transformOrigin": "50% 50% 0",
}


@pytest.fixture
def page() -> Iterator[Any]:
    with SwanRuntime(project=PROJECT, clock="virtual") as rt:
        yield rt.open_page("pages/anim/anim")


def test_the_docs_sample_sets_the_exported_steps_on_the_element(page: Any) -> None:
    page.select(".anim").tap()
    expected = {
        "actions": [
            {
                "animates": [{"type": "rotate", "args": [90]}, {"type": "translateY", "args": [10]}],
                "option": DEFAULT_OPTION,
            },
            {
                "animates": [{"type": "rotate", "args": [-90]}, {"type": "translateY", "args": [-10]}],
                "option": DEFAULT_OPTION,
            },
        ]
    }
    assert page.data["animationData"] == expected
    assert page.select(".anim").attrs["animation"] == expected


def test_style_methods_step_options_and_steps_that_carry_earlier_commands(page: Any) -> None:
    out = page.call("styles")
    [first] = out["first"]["actions"]
    assert first["animates"] == [
        {"type": "style", "args": ["opacity", 0.5]},
        {"type": "style", "args": ["background-color", "#DC143C"]},
        {"type": "style", "args": ["width", "20px"]},
        {"type": "style", "args": ["height", "70px"]},
        {"type": "style", "args": ["top", "40px"]},
        {"type": "style", "args": ["left", "90px"]},
        {"type": "style", "args": ["bottom", "60px"]},
        {"type": "style", "args": ["right", "80px"]},
        {"type": "scale", "args": [2, 2]},
        {"type": "skew", "args": [10, 20]},
        {"type": "matrix", "args": [1, 0, 0, 1, 5, 6]},
    ]
    assert first["option"] == {
        "transition": {"duration": 200, "timingFunction": "ease", "delay": 50},
        "transformOrigin": "50% 50%",
    }
    # export() emptied the steps; the next step still holds what came before, plus its own
    [second] = out["second"]["actions"]
    assert second["animates"][:11] == first["animates"]
    assert second["animates"][11:] == [{"type": "translate", "args": [-100, -100]}, {"type": "rotateZ", "args": [180]}]
    assert second["option"]["transition"] == {"duration": 1000, "timingFunction": "ease", "delay": 0}
    assert out["chained"] is True


def test_transform_arguments_default_to_the_identity(page: Any) -> None:
    [step] = page.call("defaults")["actions"]
    assert step == {
        "animates": [
            {"type": "rotate3d", "args": [0, 0, 0, 0]},
            {"type": "scale3d", "args": [2, 1, 1]},
            {"type": "translate3d", "args": [1, 0, 0]},
            {"type": "skewX", "args": [0]},
            {"type": "scaleY", "args": [3]},
            {"type": "matrix3d", "args": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]},
        ],
        "option": DEFAULT_OPTION,
    }


def test_can_i_use_says_the_view_apis_are_carried_out() -> None:
    with SwanRuntime() as rt:
        out = rt.run(
            "console.log(['createAnimation', 'createSelectorQuery', 'createIntersectionObserver']"
            ".map(function (n) { return swan.canIUse(n) && typeof swan[n]() === 'object'; }).join())"
        )
    assert out.console[-1].text == "true,true,true"
