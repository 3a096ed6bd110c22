"""The Python mirror: Node's shape, CSS selection (lxml + cssselect), html() for snapshots."""

from __future__ import annotations

from typing import Any

import pytest

from bridge._view._select import SelectorSyntaxError


def test_node_shape(host: Any) -> None:
    view = host.mount({"p.swan": '<view id="a" class=" x  y " data-car-color="red" data-n="{{2}}">\n  one\n  <text>two</text>\n</view>'}, {})
    node = view.select("#a")
    assert (node.tag, node.id, node.classes) == ("view", "a", ["x", "y"])
    assert node.dataset == {"carColor": "red", "n": 2}
    assert node.text == "one two"
    assert [c.tag for c in node.children] == ["text"]
    assert node.select("text").text == "two" and node.select("view") is None


def test_selectors(host: Any) -> None:
    src = ('<view class="list"><view class="row" s-for="item in list" data-id="{{item}}" bind:tap="go">'
           '<text class="t">{{item}}</text></view></view><my-comp prop-a="1" />')
    view = host.mount({"p.swan": src}, {"list": [1, 2, 3]})
    assert [n.text for n in view.select_all(".list > .row:nth-child(2), .row:last-child")] == ["2", "3"]
    assert view.select("[data-id='2'] .t").text == "2"
    assert len(view.select_all("[bind\\:tap]")) == 3
    assert view.select("my-comp[prop-a]").tag == "my-comp"
    with pytest.raises(SelectorSyntaxError):
        view.select("..bad")


def test_html_is_stable_and_readable(host: Any) -> None:
    src = '<view class="a"><text>x &lt; y</text> tail <input value="{{v}}" disabled /></view>'
    view = host.mount({"p.swan": src}, {"v": 'say "hi"'})
    assert view.html() == ('<view class="a">\n  <text>x &lt; y</text>\n  tail\n'
                           '  <input value="say &quot;hi&quot;" disabled />\n</view>')


def test_select_on_a_2000_node_page(host: Any) -> None:
    """What selectors find on a page of 2,001 elements and 1,000 texts (the time it takes is the
    benchmark's row "view: page.select")."""
    src = '<view class="list"><view class="row r{{index}}" s-for="item in list" data-id="{{item.id}}"><text class="name">{{item.name}}</text></view></view>'
    view = host.mount({"p.swan": src}, {"list": [{"id": i, "name": f"n{i}"} for i in range(1000)]})
    assert len(view.mirror.by_id) > 3000  # 2,001 elements and 1,000 texts
    assert view.select("#missing") is None
    assert view.select(".r500").dataset == {"id": 500}
    assert view.select("[data-id='999'] .name").text == "n999"
    assert len(view.select_all(".row > text")) == 1000
    assert [n.text for n in view.select_all("view.row")[:2]] == ["n0", "n1"]


def test_class_selectors_follow_class_changes_and_take_any_class_name(host: Any) -> None:
    """A class selector matches the element's classes as they are now (each update replaces the
    old ones), whatever characters the class name holds (escaped in the selector, as in CSS)."""
    src = '<view id="a" class="{{cls}}"><text class="t">x</text></view>'
    view = host.mount({"p.swan": src}, {"cls": "one  two:three 商品 9lives"})
    assert [view.select(sel) is not None for sel in (".one", ".two\\:three", ".商品", ".\\39 lives", ".one.商品")] == [True] * 5
    assert view.select(".two") is None and view.select(".one.nothing") is None
    view.set_data({"cls": "two"})
    assert (view.select(".one"), view.select(".two").id) == (None, "a")
    assert view.select(".two:not(.one) > .t").text == "x"
    view.set_data({"cls": ""})
    assert view.select(".two") is None and view.select("#a").classes == []


def test_id_selectors_follow_id_changes_removals_and_scope(host: Any) -> None:
    """"#name" is answered from the mirror's index of ids: it follows an id that changes, an
    element an update removes, and the scope of the node it is asked from; several elements
    with one id come in document order."""
    src = ('<view id="box"><view id="{{first}}" class="a"></view><view s-if="{{shown}}" id="gone" class="b"></view>'
           '<text id="twin">1</text><text id="twin">2</text></view><view id="out"></view>')
    view = host.mount({"p.swan": src}, {"first": "one", "shown": True})
    box = view.select("#box")
    assert [view.select(s).classes for s in ("#one", "#gone")] == [["a"], ["b"]]
    assert [n.text for n in view.select_all("#twin")] == ["1", "2"] and view.select("#twin").text == "1"
    assert box.select("#out") is None and box.select("#box") is None and view.select("#out").id == "out"
    view.set_data({"first": "uno", "shown": False})
    assert (view.select("#one"), view.select("#gone"), view.select("#uno").classes) == (None, None, ["a"])
    view.set_data({"shown": True})
    assert view.select("#gone").classes == ["b"]



def test_attribute_values_xml_cannot_hold_are_kept_in_the_node_and_replaced_for_selectors(host: Any) -> None:
    """The mirror's lxml copy (for selectors) is XML: control characters and lone surrogates
    become U+FFFD there, while the node keeps the value as the view has it; quotes, markup
    characters and newlines stay as they are, and a class named twice is one class."""
    src = '<view id="a" data-v="{{v}}" class="{{c}}"></view>'
    odd = 'x\x01y\ud800"<&>\nz'
    view = host.mount({"p.swan": src}, {"v": odd, "c": "k k"})
    node = view.select("#a")
    assert node.attrs["data-v"] == odd
    assert view.select('[data-v="x\ufffdy\ufffd\\"<&>\\a z"]') is node and view.select(".k") is node
    view.set_data({"v": "\x02", "c": "m"})
    assert view.select('[data-v="\ufffd"]') is node and view.select(".m") is node and view.select(".k") is None
