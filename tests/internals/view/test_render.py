"""Expressions, directives, templates, modules and two-way bindings, rendered in the shim."""

from __future__ import annotations

from typing import Any

import pytest

from bridge._view._errors import TemplateError


def render(host: Any, source: str, data: dict[str, Any], **extra: Any) -> Any:
    return host.mount({"p.swan": source, **extra.pop("files", {})}, data, "p.swan", **extra)


def text_of(host: Any, expr: str, data: dict[str, Any]) -> str:
    return render(host, f"<view>{expr}</view>", data).select("view").text


def attr_of(host: Any, value: str, data: dict[str, Any]) -> Any:
    return render(host, f'<view a="{value}"></view>', data).select("view").attrs.get("a", "<absent>")


@pytest.mark.parametrize(
    ("expr", "data", "shown"),
    [
        ("{{a.b.c}}", {"a": {"b": {"c": 5}}}, "5"),
        ("{{a.b.c}}", {"a": None}, ""),  # null-safe
        ("{{list[1].name}}", {"list": [{}, {"name": "x"}]}, "x"),
        ("{{a[k]}}", {"a": {"z": 1}, "k": "z"}, "1"),
        ("{{1 + 2 * 3 - 4 / 2 % 3}}", {}, "5"),
        ("{{'a' + 1}}", {}, "a1"),
        ("{{n > 1 && n <= 3 ? 'mid' : 'out'}}", {"n": 2}, "mid"),
        ("{{!ok}}|{{!!ok}}|{{-n}}", {"ok": 0, "n": 3}, "true|false|-3"),
        ("{{a || 'dflt'}}", {}, "dflt"),
        ("{{a === b}} {{a == c}}", {"a": 1, "b": 1}, "true false"),
        ("{{x == null}} {{x === null}}", {"x": None}, "true false"),  # null is a data name
        ("{{arr.length > 0}}", {"arr": [1]}, "true"),
        ("{{name.toUpperCase()}}", {"name": "a"}, ""),  # calls only reach modules
        ("{{[1, ...xs, 4]}}", {"xs": [2, 3]}, "1,2,3,4"),
        ("{{ {a: 1} }}", {}, "[object Object]"),
        ("{{u | url}}", {"u": "a b&c"}, "a%20b%26c"),
        ("a &lt; {{'&lt;'}}", {}, "a < &lt;"),
        ("{{ }}{{}}", {}, "{{ }}{{}}"),
    ],
)
def test_expressions_in_text(host: Any, expr: str, data: dict[str, Any], shown: str) -> None:
    assert text_of(host, expr, data) == shown


def test_a_lone_interpolation_keeps_its_type_mixed_text_is_a_string(host: Any) -> None:
    assert attr_of(host, "{{n}}", {"n": 3}) == 3
    assert attr_of(host, "{{ok}}", {"ok": False}) is False
    assert attr_of(host, "{{list}}", {"list": [1, 2]}) == [1, 2]
    assert attr_of(host, " {{n}}", {"n": 3}) == " 3"
    assert attr_of(host, "{{missing}}", {}) == "<absent>"
    assert attr_of(host, "{{{...p, b: 2}}}", {"p": {"a": 1}}) == {"a": 1, "b": 2}
    assert attr_of(host, "{{ {tag, nickname: 'king'} }}", {"tag": "t"}) == {"tag": "t", "nickname": "king"}


def test_class_arrays_and_style_objects(host: Any) -> None:
    view = render(host, '<view class="{{[\'a\', on ? \'b\' : \'\']}}" style="{{ {color: c} }}"></view>', {"on": True, "c": "red"})
    node = view.select("view")
    assert node.classes == ["a", "b"] and node.attrs["style"] == "color:red;"
    assert view.select(".b") is node


@pytest.mark.parametrize(
    ("expr", "where", "words"),
    [
        ("<view>\n  {{ a + }}</view>", "p.swan:2:10", "expected a value"),
        ('<template is="t" data="{{ ...a }}" />', "p.swan:1:27", 'unexpected "."'),
        ('<view a="x {{ b ? c }}"></view>', "p.swan:1:21", "expected :"),
        ("<view>{{ a | nope }}</view>", "p.swan:1:14", "unknown filter"),
        ('<view s-if="{{ (a }}"></view>', "p.swan:1:19", "expected )"),
        ('<view s-else></view>', "p.swan:1:1", "no s-if"),
    ],
)
def test_expression_errors_name_the_template_position(host: Any, expr: str, where: str, words: str) -> None:
    with pytest.raises(TemplateError) as info:
        render(host, expr, {})
    assert info.value.location == where
    assert words in str(info.value)


def test_if_elif_else_with_and_without_braces(host: Any) -> None:
    src = '<view s-if="n > 1">big</view> dropped <view s-elif="{{n == 1}}">one</view><view s-else>none</view>'
    assert render(host, src, {"n": 2}).html() == "<view>big</view>"
    assert render(host, src, {"n": 1}).html() == "<view>one</view>"
    assert render(host, src, {"n": 0}).html() == "<view>none</view>"
    assert render(host, '<block s-if="ok"><text>a</text><text>b</text></block>', {"ok": True}).html() == "<text>a</text>\n<text>b</text>"


@pytest.mark.parametrize(
    "attrs",
    [
        's-for="list"',
        's-for="{{list}}"',
        's-for="item, index in list"',
        's-for="p, i in list" s-for-item="x"',
        's-for="list" s-for-item="p" s-for-index="i"',
        's-for="item in list trackBy item.id"',
        's-for="list" s-key="id"',
    ],
)
def test_every_form_of_s_for(host: Any, attrs: str) -> None:
    names = ("p", "i") if "p" in attrs else ("item", "index")
    src = f'<view {attrs}>{{{{{names[1]}}}}}:{{{{{names[0]}.id}}}}</view>'
    out = render(host, src, {"list": [{"id": "a"}, {"id": "b"}]})
    assert [n.text for n in out.select_all("view")] == ["0:a", "1:b"]


def test_s_for_over_objects_and_nested_loops_and_blocks(host: Any) -> None:
    src = ('<block s-for="v, k in obj"><text>{{k}}={{v}}</text></block>'
           '<view s-for="row in rows"><text s-for="cell in row.cells">{{row.name}}{{cell}}</text></view>')
    out = render(host, src, {"obj": {"a": 1, "b": None, "c": 3}, "rows": [{"name": "r", "cells": [1, 2]}]})
    assert [n.text for n in out.select_all("text")] == ["a=1", "c=3", "r1", "r2"]


def test_s_if_with_s_for_on_one_tag_reads_the_condition_outside_the_loop(host: Any) -> None:
    out = render(host, '<view s-if="show" s-for="item in list">{{item}}</view>', {"show": True, "list": [1, 2]})
    assert [n.text for n in out.select_all("view")] == ["1", "2"]


def test_templates_imports_transitive_and_include(host: Any) -> None:
    files = {
        "c/a.swan": '<template name="leaf"><text class="leaf">{{name}}-{{nickname}}</text></template>',
        "c/b.swan": '<import src="./a.swan" /><template name="mid"><view>{{x}}</view></template>',
        "c/head.swan": '<template name="hidden"><text>no</text></template><view class="head">{{title}}</view>',
    }
    src = ('<import src="/c/b" /><include src="c/head.swan" />'
           '<template is="leaf" data="{{{...person, nickname: \'king\'}}}" />'
           '<template is="{{which}}" data="{{ {x: 5} }}" />')
    out = render(host, src, {"person": {"name": "ann"}, "which": "mid", "title": "T"}, files=files)
    assert out.html() == '<view class="head">T</view>\n<text class="leaf">ann-king</text>\n<view>5</view>'


def test_sjs_and_filter_modules_from_expressions(host: Any) -> None:
    src = ('<import-sjs module="fmt">module.exports = {money: function (n) { return "¥" + n.toFixed(2); }, unit: "kg"};</import-sjs>'
           '<filter module="f">export default {twice: function (s) { return s + s; }};</filter>'
           '<view>{{fmt.money(total)}} {{fmt.unit}} {{f.twice(w)}}</view>')
    out = render(host, src, {"total": 487.5, "w": "ab"})
    assert out.select("view").text == "¥487.50 kg abab"
    assert [(m["name"], m["kind"]) for m in out.modules] == [("fmt", "sjs"), ("f", "filter")]


def test_module_sources_given_by_the_host(host: Any) -> None:
    src = '<import-sjs src="./u.sjs" module="u" /><view>{{u.up(s)}}</view>'
    out = render(host, src, {"s": "x"}, modules={"u": "module.exports = {up: function (s) { return s.toUpperCase(); }};"})
    assert out.select("view").text == "X"
    assert out.modules[0]["src"] == "u.sjs"


def test_two_way_binding_records_the_data_path(host: Any) -> None:
    src = ('<input value="{= form.name =}" /><view s-for="row in rows">'
           '<input class="r" value="{= row.v =}" /><input class="i" value="{= rows[index].v =}" /></view>')
    out = render(host, src, {"form": {"name": "n"}, "rows": [{"v": 1}, {"v": 2}]})
    assert out.select("input").attrs["value"] == "n" and out.select("input").model == {"value": "form.name"}
    assert [n.model["value"] for n in out.select_all(".r")] == ["rows[0].v", "rows[1].v"]
    assert [n.model["value"] for n in out.select_all(".i")] == ["rows[0].v", "rows[1].v"]


def test_hidden_and_bindings_stay_attributes(host: Any) -> None:
    out = render(host, '<view hidden="{{!show}}" bindtap="onTap" catch:longpress="onLong" data-id="{{7}}"></view>', {"show": False})
    node = out.select("[bindtap]")
    assert node.attrs == {"hidden": True, "bindtap": "onTap", "catch:longpress": "onLong", "data-id": 7}
    assert out.select("[catch\\:longpress]") is node and node.dataset == {"id": 7}


def test_a_throwing_module_function_is_reported_not_fatal(host: Any) -> None:
    src = '<import-sjs module="m">module.exports = {boom: function () { throw new Error("bad"); }};</import-sjs><view>a{{m.boom()}}b</view>'
    out = render(host, src, {})
    assert out.select("view").text == ""  # the binding that threw shows nothing
    errors = [m for m in host.messages() if m["op"] == "error"]
    assert errors and "bad" in errors[0]["message"]
