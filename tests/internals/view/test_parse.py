"""The .swan parser: the tree, positions, what swan templates hold, and errors with file:line:col."""

from __future__ import annotations

import pytest

from bridge._view._errors import TemplateError
from bridge._view._parse import parse_template


def only(tree: dict, tag: str) -> dict:
    found = []

    def walk(node: dict) -> None:
        for child in node.get("children", []):
            if child["type"] == "element":
                if child["tag"] == tag:
                    found.append(child)
                walk(child)

    walk(tree)
    assert len(found) == 1, found
    return found[0]


def test_elements_attributes_and_text_with_positions() -> None:
    tree = parse_template('<view class="a">\n  hi {{name}}\n  <text id="t">x</text>\n</view>', "p.swan")
    view = tree["children"][0]
    assert (view["tag"], view["line"], view["col"]) == ("view", 1, 1)
    assert view["attrs"] == [{"name": "class", "value": "a", "line": 1, "col": 7, "vline": 1, "vcol": 14}]
    text = view["children"][0]
    assert text["type"] == "text" and text["value"] == "\n  hi {{name}}\n  " and (text["line"], text["col"]) == (1, 17)
    t = only(tree, "text")
    assert (t["line"], t["col"], t["attrs"][0]["col"]) == (3, 3, 9)


def test_interpolations_may_hold_angle_brackets_quotes_and_ampersands() -> None:
    src = """<view class="{{ a > 1 && b<2 ? 'x' : "y" }}" title='{{ "q" }}'>{{a<b}} &amp; {{ c && d > 0 }}</view>"""
    view = parse_template(src.replace('"y"', "'y'"), "p.swan")["children"][0]
    assert view["attrs"][0]["value"] == "{{ a > 1 && b<2 ? 'x' : 'y' }}"
    assert view["attrs"][1]["value"] == '{{ "q" }}'
    assert view["children"][0]["value"] == "{{a<b}} &amp; {{ c && d > 0 }}"  # entities as written


def test_self_closing_custom_tags_and_bare_attributes() -> None:
    tree = parse_template('<view><my-comp prop-a="{{1}}" /><scroll-view scroll-y></scroll-view></view>', "p.swan")
    comp = only(tree, "my-comp")
    assert comp["selfClosing"] and comp["children"] == []
    assert only(tree, "scroll-view")["attrs"][0] == {"name": "scroll-y", "value": None, "line": 1, "col": 46}


def test_inline_module_bodies_are_raw_javascript() -> None:
    code = "var o = {a: {b: 1}}; if (x < y && y > z) { o['<view>'] = '&amp;'; }\nmodule.exports = o;"
    tree = parse_template(f'<import-sjs module="m">{code}</import-sjs><filter module="f">{code}</filter>', "p.swan")
    assert only(tree, "import-sjs")["children"][0]["value"] == code
    assert only(tree, "filter")["children"][0]["value"] == code


def test_comments_are_dropped() -> None:
    tree = parse_template("<view><!-- <b>{{x}} --><text>a</text></view>", "p.swan")
    assert [c["tag"] for c in tree["children"][0]["children"]] == ["text"]


def test_attribute_names_keep_their_case_tag_names_are_lowered() -> None:
    view = parse_template('<View data-fooBar="1" trackBy="x"></View>', "p.swan")["children"][0]
    assert view["tag"] == "view"
    assert [a["name"] for a in view["attrs"]] == ["data-fooBar", "trackBy"]


def test_void_tags_with_or_without_an_end_tag() -> None:
    tree = parse_template('<import src="a.swan"><import src="b.swan"></import><include src="c"/><view/>', "p.swan")
    assert [c["tag"] for c in tree["children"]] == ["import", "import", "include", "view"]


@pytest.mark.parametrize(
    ("source", "where", "words"),
    [
        ('<view class="a" "b"></view>', "p.swan:1:17", "invalid attribute"),
        ("<view>\n  <text class='a'\n</view>", "p.swan:2:3", ""),
    ],
)
def test_malformed_templates_name_file_line_col(source: str, where: str, words: str) -> None:
    with pytest.raises(TemplateError) as info:
        parse_template(source, "p.swan")
    assert info.value.location == where
    assert words in str(info.value)


def test_the_parse_tree_carries_what_was_let_pass() -> None:

    tree = parse_template("<view>\n<text>a</text>", "p.swan")
    assert [c["tag"] for c in tree["children"][0]["children"] if c["type"] == "element"] == ["text"]
    assert tree["warnings"] == [{"message": "<view> is never closed: it ends with the file, as the client's "
                                            "template parser ends it", "line": 1, "col": 1}]


def test_end_tags_that_match_no_open_element_are_recovered_as_the_clients_parser_does() -> None:
    """San (swan's template parser) closes every element up to the nearest open one of the end
    tag's name, and leaves out an end tag that closes nothing; the tree says what it let pass."""
    tree = parse_template('<view bindtap="go"><image src="{{s}}">\n<text>a</view><text>b</text></text></p>', "p.swan")
    view, text = (c for c in tree["children"] if c["type"] == "element")
    assert [c["tag"] for c in view["children"] if c["type"] == "element"] == ["image"]
    image = view["children"][0]
    assert [c["tag"] for c in image["children"] if c["type"] == "element"] == ["text"]
    assert text["tag"] == "text" and [c["value"] for c in text["children"]] == ["b"]
    assert tree["warnings"] == [
        {"message": "<image> is never closed: </view> at 2:8 ends it, as the client's template parser ends it",
         "line": 1, "col": 20},
        {"message": "<text> is never closed: </view> at 2:8 ends it, as the client's template parser ends it",
         "line": 2, "col": 1},
        {"message": "</text> closes nothing (no <text> is open): it is left out, as the client's template parser "
                    "leaves it out", "line": 2, "col": 29},
        {"message": "</p> closes nothing (no <p> is open): it is left out, as the client's template parser leaves "
                    "it out", "line": 2, "col": 36},
    ]


@pytest.mark.timeout(60)  # the quadratic scan took minutes on this template; the linear one, well under a second
def test_a_template_of_40000_lines_parses_in_one_pass() -> None:
    """The source is scanned once for comments, raw module bodies, interpolations and `&`:
    each mark is looked for again only after the scan has passed it."""
    line = '<view class="row" data-i="{{i < 3 ? 1 : 2}}">a &amp; b</view>\n'
    tree = parse_template('<view class="list">\n' + line * 40_000 + "</view>\n", "big.swan")
    [top] = [child for child in tree["children"] if child["type"] == "element"]
    rows = [child for child in top["children"] if child["type"] == "element"]
    assert len(rows) == 40_000
    last = rows[-1]
    assert (last["line"], last["attrs"][1]["value"], last["children"][0]["value"]) == (40_001, "{{i < 3 ? 1 : 2}}", "a &amp; b")
