"""setData brings the view up to date with patches; the Python mirror follows them exactly."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bridge._view._mirror import Node


def as_json(node: Any) -> Any:
    if not isinstance(node, Node):
        return {"id": node.node_id, "text": node.value}
    out = {"id": node.node_id, "tag": node.tag, "attrs": node.attrs, "children": [as_json(k) for k in node.kids]}
    if node.model:
        out["model"] = node.model
    return out


def in_sync(view: Any) -> None:
    """The mirror, patched, is the shim's tree; and it renders as a fresh render would."""
    assert as_json(view.mirror.root) == view.fresh_tree()


def fresh_html(host: Any, files: dict[str, str], data: dict[str, Any]) -> str:
    return host.mount(files, json.loads(json.dumps(data)), next(iter(files))).html()


LIST = ('<view class="page"><text class="count">{{count}}</text>'
        '<view class="row {{item.done ? \'done\' : \'\'}}" s-for="item, index in list" data-i="{{index}}">'
        '<text class="name">{{item.name}}</text><text s-if="item.tag">#{{item.tag}}</text></view>'
        '<view s-if="list.length == 0" class="empty">none</view></view>')


def rows(n: int) -> list[dict[str, Any]]:
    return [{"name": f"n{i}", "done": False} for i in range(n)]


def test_one_row_change_patches_only_that_row(host: Any) -> None:
    view = host.mount({"p.swan": LIST}, {"count": 0, "list": rows(5)})
    patches = view.set_data({"list[3].name": "changed"})
    target = view.select_all(".row")[3].select(".name")
    assert patches == [{"op": "text", "id": target.kids[0].node_id, "text": "changed"}]
    patches = view.set_data({"list[1].done": True, "count": 1})
    assert [p["op"] for p in patches] == ["text", "attrs"]
    assert view.select_all(".row")[1].classes == ["row", "done"]
    in_sync(view)


def test_if_branches_insert_and_remove(host: Any) -> None:
    view = host.mount({"p.swan": LIST}, {"count": 0, "list": rows(2)})
    view.set_data({"list[0].tag": "hot"})
    assert view.select_all(".row")[0].text == "n0 #hot"
    view.set_data({"list": []})
    assert view.select(".empty").text == "none" and view.select_all(".row") == []
    in_sync(view)


@pytest.mark.parametrize("keyed", [False, True])
def test_lists_grow_shrink_and_reorder(host: Any, keyed: bool) -> None:
    key = " trackBy item.id" if keyed else ""
    src = f'<view class="l"><text>head</text><block s-for="item in list{key}"><view class="it">{{{{item.id}}}}</view><text>,</text></block><text>tail</text></view>'
    data: dict[str, Any] = {"list": [{"id": i} for i in range(4)]}
    view = host.mount({"p.swan": src}, data)
    first_ids = {n.text: n.node_id for n in view.select_all(".it")}
    for new in ([3, 1, 0, 2], [1, 5, 6], [], [7, 1, 8, 2, 9], [9, 8, 7, 2, 1]):
        view.set_data({"list": [{"id": i} for i in new]})
        assert [n.text for n in view.select_all(".it")] == [str(i) for i in new]
        assert view.html() == fresh_html(host, {"q.swan": src}, {"list": [{"id": i} for i in new]})
        in_sync(view)
        if new == [3, 1, 0, 2] and keyed:
            assert {n.text: n.node_id for n in view.select_all(".it")} == first_ids  # moved, not remade


def test_nested_lists_and_row_paths(host: Any) -> None:
    src = '<view s-for="g in groups"><text s-for="c in g.cells" class="c">{{g.name}}{{c.v}}</text></view>'
    view = host.mount({"p.swan": src}, {"groups": [{"name": "a", "cells": [{"v": 1}, {"v": 2}]}, {"name": "b", "cells": [{"v": 3}]}]})
    patches = view.set_data({"groups[0].cells[1].v": 9})
    assert len(patches) == 1 and view.select_all(".c")[1].text == "a9"
    view.set_data({"groups[1].name": "z"})
    assert [n.text for n in view.select_all(".c")] == ["a1", "a9", "z3"]
    in_sync(view)


def test_templates_follow_their_data(host: Any) -> None:
    src = '<template name="card"><text class="t">{{title}}</text></template><view s-for="item in list"><template is="card" data="{{item}}" /></view>'
    view = host.mount({"p.swan": src}, {"list": [{"title": "a"}, {"title": "b"}]})
    view.set_data({"list[1].title": "B"})
    assert [n.text for n in view.select_all(".t")] == ["a", "B"]
    in_sync(view)


def test_a_change_elsewhere_touches_nothing(host: Any) -> None:
    view = host.mount({"p.swan": LIST}, {"count": 0, "list": rows(3), "other": 1})
    assert view.set_data({"other": 2}) == []
    assert view.set_data({"count": 0}) == []  # same value: no patch


def test_one_row_of_a_thousand_is_one_patch(host: Any) -> None:
    """A change to one row of a 1,000-row list re-renders that row alone: one patch each time
    (the time it takes is the benchmark's row "view: one-row setData")."""
    view = host.mount({"p.swan": LIST}, {"count": 0, "list": rows(1000)})
    for i in range(30):
        patches = view.set_data({f"list[{(i * 37) % 1000}].name": f"x{i}"})
        assert len(patches) == 1
    in_sync(view)
