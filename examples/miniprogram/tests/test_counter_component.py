"""components/counter with behaviors/logger."""

from __future__ import annotations

import pytest

from bridge import SwanRuntime

COUNTER = "components/counter/counter"


def component_log(swan: SwanRuntime, since: int = 0) -> list[tuple]:
    """Lifecycle hooks, setData payloads and events of the counter, in order."""
    out: list[tuple] = []
    for e in swan.log[since:]:
        if e.get("route") != COUNTER:
            continue
        if e.kind == "lifecycle":
            out.append(("lifecycle", e["hook"]))
        elif e.kind == "setData":
            out.append(("setData", e["data"]))
        elif e.kind == "triggerEvent":
            out.append(("triggerEvent", e["name"], e["detail"]))
    return out


def test_defaults(swan: SwanRuntime) -> None:
    counter = swan.mount_component(COUNTER)

    assert counter.data == {"logs": ["attached"], "count": 0, "even": True, "start": 0, "step": 0}
    assert counter.events == []
    assert swan.errors == []


def test_attach_order(swan: SwanRuntime) -> None:
    counter = swan.mount_component(COUNTER, properties={"start": 3, "step": 2})

    assert counter.data == {"logs": ["attached", "start 0 -> 3"], "count": 3, "even": False, "start": 3, "step": 2}
    assert component_log(swan) == [
        ("lifecycle", "created"),
        ("lifecycle", "attached"),
        ("setData", {"logs": ["attached"]}),  # the behavior's attached runs first
        ("setData", {"count": 3}),  # then the component's lifetimes.attached
        ("lifecycle", "ready"),
        ("setData", {"even": False}),  # the count observer, after the synchronous run
        ("setData", {"logs": ["attached", "start 0 -> 3"]}),  # the start observer: 3 is not the default
        ("setData", {"count": 3}),
    ]


def test_increment_by_step(swan: SwanRuntime) -> None:
    counter = swan.mount_component(COUNTER, properties={"start": 3, "step": 2})
    mark = len(swan.log)

    assert counter.call("increment") == 5
    assert counter.call("increment") == 7

    assert counter.data["count"] == 7
    assert counter.data["even"] is False
    assert counter.events == [{"name": "change", "detail": {"count": 5}}, {"name": "change", "detail": {"count": 7}}]
    assert component_log(swan, mark) == [
        ("setData", {"count": 5}),
        ("triggerEvent", "change", {"count": 5}),
        ("setData", {"even": False}),  # the count observer runs after the method
        ("setData", {"count": 7}),
        ("triggerEvent", "change", {"count": 7}),
        ("setData", {"even": False}),
    ]


@pytest.mark.parametrize("properties", [{}, {"step": 0}, {"step": None}], ids=["no step", "step 0", "step null"])
def test_step_zero_or_missing_counts_one(swan: SwanRuntime, properties: dict) -> None:
    counter = swan.mount_component(COUNTER, properties=properties)

    assert [counter.call("increment") for _ in range(3)] == [1, 2, 3]
    assert counter.data["step"] == 0
    assert (counter.data["count"], counter.data["even"]) == (3, False)


def test_even_follows_count(swan: SwanRuntime) -> None:
    counter = swan.mount_component(COUNTER, properties={"start": 1})

    evens = []
    for _ in range(4):
        counter.call("increment")
        evens.append(counter.data["even"])

    assert evens == [True, False, True, False]


def test_reset_goes_back_to_start(swan: SwanRuntime) -> None:
    counter = swan.mount_component(COUNTER, properties={"start": 4, "step": 3})
    counter.call("increment")
    mark = len(swan.log)

    assert counter.call("reset") == 4

    assert counter.data == {"logs": ["attached", "start 0 -> 4", "reset"], "count": 4, "even": True, "start": 4, "step": 3}
    assert counter.events == [{"name": "change", "detail": {"count": 7}}, {"name": "change", "detail": {"count": 4}}]
    assert component_log(swan, mark) == [
        ("setData", {"count": 4}),
        ("setData", {"logs": ["attached", "start 0 -> 4", "reset"]}),
        ("triggerEvent", "change", {"count": 4}),
        ("setData", {"even": True}),
    ]


def test_log_method_from_the_behavior(swan: SwanRuntime) -> None:
    counter = swan.mount_component(COUNTER)

    assert counter.call("log", "hello") == 2
    assert counter.call("log", 42) == 3

    assert counter.data["logs"] == ["attached", "hello", "42"]


def test_setting_the_same_start_runs_no_observer(swan: SwanRuntime) -> None:
    counter = swan.mount_component(COUNTER, properties={"start": 3})
    counter.call("increment")

    counter.set_properties({"start": 3})

    assert counter.data == {"logs": ["attached", "start 0 -> 3"], "count": 4, "even": True, "start": 3, "step": 0}
    assert swan.errors == []


def test_start_observer(swan: SwanRuntime) -> None:
    counter = swan.mount_component(COUNTER, properties={"start": 3, "step": 2})
    counter.call("increment")

    counter.set_properties({"start": 10})

    assert swan.errors == []
    assert counter.data == {"logs": ["attached", "start 0 -> 3", "start 3 -> 10"], "count": 10, "even": True, "start": 10,
                            "step": 2}
    assert counter.call("reset") == 10


def test_property_values_are_coerced_to_number(swan: SwanRuntime) -> None:
    counter = swan.mount_component(COUNTER, properties={"start": "5", "step": "2"})

    assert (counter.data["start"], counter.data["step"], counter.data["count"]) == (5, 2, 5)
    assert counter.call("increment") == 7


def test_two_counters_keep_their_own_events(swan: SwanRuntime) -> None:
    first = swan.mount_component(COUNTER)
    second = swan.mount_component(COUNTER, properties={"start": 10})

    first.call("increment")
    second.call("increment")

    assert (first.data["count"], second.data["count"]) == (1, 11)
    assert first.events == [{"name": "change", "detail": {"count": 1}}]
    assert second.events == [{"name": "change", "detail": {"count": 11}}]
