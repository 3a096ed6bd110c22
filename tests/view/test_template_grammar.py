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


def one_page_app(root: Path, swan: str, js: str = "Page({});", others: dict[str, str] | None = None) -> Path:
    """An app of pages/a/a (with `swan` as its template) and pages/b/b (a plain one), plus `others` files."""
    for folder in ("pages/a", "pages/b"):
        (root / folder).mkdir(parents=True)
    (root / "app.json").write_text('{"pages": ["pages/a/a", "pages/b/b"]}')
    (root / "pages/a/a.js").write_text(js)
    (root / "pages/a/a.swan").write_text(swan)
    (root / "pages/b/b.js").write_text("Page({});")
    (root / "pages/b/b.swan").write_text("<text>b</text>\n")
    for rel, text in (others or {}).items():
        (root / rel).write_text(text)
    return root


def test_an_attribute_given_twice_keeps_the_last_and_says_where(tmp_path: Path) -> None:
    root = one_page_app(tmp_path / "app", '<button bind:tap="first" bind:tap="second">go</button>\n',
                        "Page({first() { console.log('first'); }, second() { console.log('second'); }});")
    with SwanRuntime(project=root, clock="virtual") as rt:
        page = rt.open_page("pages/a/a")
        page.select("button").tap()
        assert [(m.level, m.text) for m in rt.console] == [
            ("warn", "pages/a/a.swan:1:26: <button> has 'bind:tap' twice: the last one is used"), ("log", "second")]


def test_import_and_include_of_a_missing_file_are_errors_of_that_page_alike(tmp_path: Path) -> None:
    from bridge import TemplateError

    for tag in ("import", "include"):
        root = one_page_app(tmp_path / tag, f'<view>a</view>\n<{tag} src="./gone.swan" />\n')
        with SwanRuntime(project=root, clock="virtual") as rt:
            try:
                rt.open_page("pages/a/a")
            except TemplateError as exc:
                assert exc.location == "pages/a/a.swan:2:1"
                assert exc.message == f"TemplateError: <{tag}> names a template file that does not exist: pages/a/gone.swan"
            else:
                raise AssertionError(f"<{tag}> of a missing file opened")
            assert rt.open_page("pages/b/b").html() == "<text>b</text>"


def test_import_of_a_broken_file_names_its_error(tmp_path: Path) -> None:
    from bridge import TemplateError

    root = one_page_app(tmp_path / "app", '<import src="./t.swan" />\n<view>a</view>\n',
                        others={"pages/a/t.swan": '<template name="t"><text>{{ 1 + }}</text></template>\n'})
    with SwanRuntime(project=root, clock="virtual") as rt:
        try:
            rt.open_page("pages/a/a")
        except TemplateError as exc:
            assert exc.location.startswith("pages/a/t.swan:1:")
        else:
            raise AssertionError("a page importing a broken file opened")
