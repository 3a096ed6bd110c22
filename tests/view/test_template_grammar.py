"""The template grammar through the public API (tests/view/projects/grammar): s-if / s-elif /
s-else, the forms of s-for (default item and index, `item, index in`, s-for-item / s-for-index),
a <filter> module, class arrays and style objects, <include>; and the view following setData
through each of them. Sources: swan docs, framework/view_if.md, view_for.md, view_quote.md,
view_filter.md, view_class.md; San's class and style filters for arrays and objects."""

from __future__ import annotations

from pathlib import Path

from bridge import SwanRuntime

PROJECT = Path(__file__).parent / "projects" / "grammar"

FIRST = """<view class="level">middle</view>
<view class="default">0:a</view>
<view class="default">1:b</view>
<view class="named">0-Ann</view>
<view class="named">1-Bo</view>
<view class="aliased">0=30</view>
<view class="aliased">1=7</view>
<view class="money">¥1234.50</view>
<view class="box on" style="fontSize:12px;color:red;">styled</view>
<view class="footer">© 2026</view>"""


def test_each_construct_renders_from_the_data_and_follows_set_data() -> None:
    with SwanRuntime(project=PROJECT, clock="virtual") as rt:
        page = rt.open_page("pages/a/a")
        assert page.html() == FIRST
        assert rt.errors == [] and [m.text for m in rt.console] == []
        page.call("set", {"level": 5, "list": ["z"], "on": False, "size": 20, "people": [{"name": "Cy", "age": 1}]})
        assert [n.text for n in page.select_all(".level, .default, .named, .aliased")] == ["high", "0:z", "0-Cy", "0=1"]
        assert page.select(".box").attrs == {"class": "box off", "style": "fontSize:20px;color:red;"}
        page.call("set", {"level": 0, "price": 5})
        assert [page.select(".level").text, page.select(".money").text] == ["low", "¥5.00"]
