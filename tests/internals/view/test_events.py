"""Which handlers an event calls, in what order, with the client's event object."""

from __future__ import annotations

from typing import Any

SRC = ('<view id="wrap" bindtap="onWrap" capture-bind:tap="capWrap">'
       '<view class="module" catchtap="onModule" data-item-id="{{7}}" data-KIND="x">'
       '<text class="t" bindtap="onText" bind:touchstart="onStart">hi</text></view>'
       '<button class="off" disabled="{{true}}" bindtap="onButton">b</button>'
       '<input class="in" bindinput="onInput" /></view>')


def calls(view: Any, css: str, type_: str, **opts: Any) -> list[dict[str, Any]]:
    return view.dispatch(view.select(css).node_id, type_, **opts)


def test_tap_bubbles_until_catch_after_capture(host: Any) -> None:
    view = host.mount({"p.swan": SRC}, {})
    assert [(c["handler"], c["phase"]) for c in calls(view, ".t", "tap")] == [
        ("capWrap", "capture"), ("onText", "bubble"), ("onModule", "bubble")]
    assert [c["handler"] for c in calls(view, ".module", "tap")] == ["capWrap", "onModule"]
    assert [c["handler"] for c in calls(view, "#wrap", "tap")] == ["capWrap", "onWrap"]



def test_the_event_object(host: Any) -> None:
    view = host.mount({"p.swan": SRC}, {})
    text, module = calls(view, ".t", "tap", x=270, y=63, timeStamp=1234.7)[1:]
    ev = module["event"]
    assert ev["type"] == "tap" and ev["timeStamp"] == 1234 and ev["detail"] == {"x": 270, "y": 63}
    assert ev["touches"] == [{"identifier": 0, "pageX": 270, "pageY": 63, "clientX": 270, "clientY": 63, "force": 1, "x": 270, "y": 63}]
    assert ev["target"] == {"id": "_" + str(view.select(".t").node_id), "tagName": "text", "offsetLeft": 0, "offsetTop": 0, "dataset": {}}
    assert ev["currentTarget"]["dataset"] == {"itemId": 7, "kind": "x"}  # documented rule, typed
    assert text["event"]["currentTarget"] == text["event"]["target"]


def test_component_events_do_not_bubble_and_carry_detail(host: Any) -> None:
    view = host.mount({"p.swan": SRC}, {})
    (call,) = calls(view, ".in", "input", detail={"value": "ab", "cursor": 2, "keyCode": 66})
    assert call["handler"] == "onInput"
    assert set(call["event"]) == {"type", "timeStamp", "target", "currentTarget", "detail"}
    assert call["event"]["detail"] == {"value": "ab", "cursor": 2, "keyCode": 66}
    assert calls(view, ".t", "change") == []


def test_disabled_controls_run_none_of_their_touch_handlers(host: Any) -> None:
    view = host.mount({"p.swan": SRC}, {})
    assert [c["handler"] for c in calls(view, ".off", "tap")] == ["capWrap", "onWrap"]


def test_touch_events_and_colon_forms(host: Any) -> None:
    view = host.mount({"p.swan": SRC}, {})
    assert [c["handler"] for c in calls(view, ".t", "touchstart")] == ["onStart"]


def test_capture_catch_and_missing_nodes(host: Any) -> None:
    src = '<view class="o" capture-catch:tap="stopAll" bindtap="outer"><view class="i" capture-bind:tap="innerCap" bindtap="inner"></view></view>'
    view = host.mount({"p.swan": src}, {})
    assert [c["handler"] for c in calls(view, ".i", "tap")] == ["stopAll"]
    answer = host.call({"op": "dispatch", "view": view.view, "id": 999, "type": "tap"})
    assert answer["ok"] is False and "not in the view" in answer["error"]["message"]
