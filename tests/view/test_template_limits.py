"""Templates at the edges of what a project may hold: compile time linear in a template's size
(a text of many interpolations, a long member chain), `limits.templateTerms` for one template's
expressions, and `limits.usingComponents` for a json file's components (docs/reliability.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bridge import ProjectError, SwanRuntime, TemplateError


def make_project(root: Path, files: dict[str, Any], app: dict[str, Any] | None = None) -> Path:
    """A mini-program folder: the `pages/...js` files given are its pages; a dict is json."""
    pages = [name[: -len(".js")] for name in files if name.startswith("pages/") and name.endswith(".js")]
    root.mkdir(parents=True)
    (root / "app.js").write_text("App({});\n")
    (root / "app.json").write_text(json.dumps({"pages": pages, **(app or {})}))
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(json.dumps(content) if isinstance(content, dict) else content)
    return root


OTHER = {"pages/other/other.js": "Page({data: {z: 'other'}});\n", "pages/other/other.swan": "<view>{{z}}</view>\n"}


def test_a_text_of_ten_thousand_interpolations_loads_and_renders(tmp_path: Path) -> None:
    """10,000 `{{a}}` in one text node (50 KB): the runtime was not built before (over the CPU
    limit, placing each interpolation counted its text from the start)."""
    project = make_project(tmp_path / "p", {"pages/a/a.js": "Page({data: {a: 7}});\n",
                                            "pages/a/a.swan": "<view>" + "{{a}}" * 10_000 + "</view>\n", **OTHER})
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert rt.errors == []
        page = rt.open_page("pages/a/a")
        assert page.select("view").text == "7" * 10_000
        page.call("setData", {"a": 0})
        assert page.select("view").text == "0" * 10_000
        assert rt.open_page("pages/other/other").html() == "<view>other</view>"


def test_a_member_chain_of_a_hundred_thousand_terms_loads_and_renders(tmp_path: Path) -> None:
    """`{{a.b.b...}}` with 99,999 links (200 KB): exactly `limits.templateTerms`. Before, each
    link copied the chain so far and read its name from a copy of the rest of the text (over
    the CPU limit). A long run of static keys reads as a short one does."""
    deep = "{c: 'deep'}"
    for _ in range(10):
        deep = "{b: " + deep + "}"
    files = {"pages/a/a.js": "Page({data: {a: {b: 1}}});\n", "pages/a/a.swan": "<view>{{a" + ".b" * 99_999 + "}}</view>\n",
             "pages/short/short.js": f"Page({{data: {{k: 'c', a: {deep}}}}});\n",
             "pages/short/short.swan": "<view>{{a" + ".b" * 10 + ".c}}|{{a" + ".b" * 10 + ".x.y}}|{{a['b']" + ".b" * 9 + "[k]}}</view>\n",
             **OTHER}
    project = make_project(tmp_path / "p", files)
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert rt.errors == []
        assert rt.open_page("pages/a/a").html() == "<view></view>"
        assert rt.open_page("pages/short/short").html() == "<view>deep||deep</view>"
        assert rt.open_page("pages/other/other").html() == "<view>other</view>"


def test_a_template_past_the_terms_limit_is_its_error_and_the_other_pages_open(tmp_path: Path) -> None:
    """100,001 terms in one template: its TemplateError at the term past the limit, reported at
    load; the project loads and its other pages open."""
    swan = "<view>\n  {{a" + ".b" * 100_000 + "}}</view>\n"
    project = make_project(tmp_path / "p", {"pages/a/a.js": "Page({});\n", "pages/a/a.swan": swan, **OTHER})
    message = "TemplateError: the template has more than 100000 terms in its expressions"
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert [str(e).splitlines()[0] for e in rt.errors] == [f"pages/a/a.swan:2:200005: {message}"]
        with pytest.raises(TemplateError) as caught:
            rt.open_page("pages/a/a")
        assert caught.value.location == "pages/a/a.swan:2:200005"
        assert rt.open_page("pages/other/other").html() == "<view>other</view>"


def test_a_thousand_global_components_load_and_the_placed_one_renders(tmp_path: Path) -> None:
    """app.json with `limits.usingComponents` (1,000) distinct global components, one of them
    there: before, checking the page checked every global component again from each of them
    (a million look-ups, nested past the engine's stack)."""
    files = {"pages/a/a.js": "Page({});\n", "pages/a/a.swan": "<view>a</view><c-1></c-1>\n",
             "c/x1.js": "Component({});\n", "c/x1.swan": "<view>x</view>\n", "c/x1.json": {"component": True}}
    project = make_project(tmp_path / "p", files, {"usingComponents": {f"c-{i}": f"/c/x{i}" for i in range(1000)}})
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert rt.open_page("pages/a/a").select("c-1 view").text == "x"
        assert rt.errors == []


def test_an_app_json_past_the_components_limit_is_refused_by_name(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"pages/a/a.js": "Page({});\n", "pages/a/a.swan": "<view>a</view>\n"},
                           {"usingComponents": {f"c-{i}": f"/c/x{i}" for i in range(150_000)}})
    with pytest.raises(ProjectError) as caught:
        SwanRuntime(project=project, clock="virtual")
    assert str(caught.value) == f"{project / 'app.json'}: usingComponents has 150000 entries, more than the 1000 swan-bridge takes"


def test_a_page_json_past_the_components_limit_fails_its_page_and_the_others_open(tmp_path: Path) -> None:
    files = {"pages/a/a.js": "Page({});\n", "pages/a/a.swan": "<view>a</view>\n",
             "pages/a/a.json": {"usingComponents": {f"c-{i}": "../../c/x" for i in range(1001)}}, **OTHER}
    project = make_project(tmp_path / "p", files)
    message = "pages/a/a.json:1:1: TemplateError: usingComponents has 1001 entries, more than the 1000 swan-bridge takes"
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert [str(e).splitlines()[0] for e in rt.errors] == [message]
        with pytest.raises(TemplateError) as caught:
            rt.open_page("pages/a/a")
        assert str(caught.value).splitlines()[0] == message
        assert rt.open_page("pages/other/other").html() == "<view>other</view>"


def test_a_two_megabyte_string_literal_compiles_under_a_small_memory_limit(tmp_path: Path) -> None:
    """`{{'xx...'}}` of 2,000,001 characters, one of them an escape, under a 24 MB memory limit:
    the literal is copied in runs between its escapes (before, one string per character ran out
    of the engine's memory)."""
    swan = "<view>{{'" + "x" * 1_000_000 + "\\u0041" + "x" * 1_000_000 + "'}}</view>\n"
    project = make_project(tmp_path / "p", {"pages/a/a.js": "Page({});\n", "pages/a/a.swan": swan, **OTHER})
    with SwanRuntime(project=project, clock="virtual", memory_limit_mb=24) as rt:
        assert rt.errors == []
        assert rt.open_page("pages/a/a").select("view").text == "x" * 1_000_000 + "A" + "x" * 1_000_000
        assert rt.open_page("pages/other/other").html() == "<view>other</view>"


def test_templates_that_take_longer_than_the_cpu_limit_together_compile_in_slices(tmp_path: Path) -> None:
    """20 templates of 3,000 interpolations each, under a CPU limit of 0.3 s that they take
    several times over together: they compile in slices of a quarter of the limit, a turn each
    (before, the one turn that compiled them all was stopped, and the runtime was not built)."""
    files = {**OTHER}
    for i in range(20):
        files[f"pages/m{i}/m.js"] = f"Page({{data: {{a: {i % 10}}}}});\n"
        files[f"pages/m{i}/m.swan"] = "<view>" + "{{a}}" * 3000 + "</view>\n"
    project = make_project(tmp_path / "p", files)
    with SwanRuntime(project=project, clock="virtual", cpu_limit=0.3) as rt:
        assert rt.errors == []
        assert [rt.open_page(f"pages/m{i}/m").select("view").text for i in (0, 19)] == ["0" * 3000, "9" * 3000]


def test_a_template_the_cpu_limit_stops_is_its_error_and_the_other_pages_open(tmp_path: Path) -> None:
    """One template of 90,000 interpolations (within `limits.templateTerms`; about a second to
    compile) under a CPU limit of 0.1 s: the limit stops its compile, which is that template's
    TemplateError, not the load's error."""
    project = make_project(tmp_path / "p", {"pages/a/a.js": "Page({});\n",
                                            "pages/a/a.swan": "<view>" + "{{a}}" * 90_000 + "</view>\n", **OTHER})
    message = "pages/a/a.swan:1:1: TemplateError: cannot compile the template within the CPU limit (0.1 s)"
    with SwanRuntime(project=project, clock="virtual", cpu_limit=0.1) as rt:
        assert [str(e).splitlines()[0] for e in rt.errors] == [message]
        with pytest.raises(TemplateError) as caught:
            rt.open_page("pages/a/a")
        assert str(caught.value).splitlines()[0] == message
        assert rt.open_page("pages/other/other").html() == "<view>other</view>"
