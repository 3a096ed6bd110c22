"""A project's templates are compiled once per process: a later runtime over the same files is
told what that compile found (its errors and warnings, in the same order) and compiles each
template when a page first uses it, so what a test sees is the same in every runtime."""

from __future__ import annotations

from pathlib import Path

import pytest

from bridge import SwanRuntime, TemplateError

PAGE_JS = "Page({ data: { items: [{ n: 1 }, { n: 2 }], ok: true } });\n"
GOOD = '<view class="list"><text s-for="item in items" class="n">{{item.n}}</text></view>\n<view>{{ok true}}</view>\n'
BROKEN = "<view>{{ a + }}</view>\n"


def make_project(root: Path, templates: dict[str, str]) -> Path:
    pages = sorted(path.removesuffix(".swan") for path in templates)
    (root / "pages").mkdir(parents=True)
    (root / "app.json").write_text('{"pages": [%s]}' % ", ".join(f'"{p}"' for p in pages))
    (root / "app.js").write_text("App({});\n")
    for path, text in templates.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
        (root / path.replace(".swan", ".js")).write_text(PAGE_JS)
    return root


def seen(rt: SwanRuntime) -> tuple[list[tuple[str, str]], list[tuple[str, str | None]]]:
    return [(m.level, m.text) for m in rt.console], [(e.message, e.location) for e in rt.errors]


def test_a_later_runtime_sees_the_same_load_and_renders_the_same(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"pages/a/a.swan": GOOD, "pages/b/b.swan": BROKEN})
    outcomes = []
    for _ in range(3):
        with SwanRuntime(project=project, clock="virtual") as rt:
            at_load = seen(rt)
            page = rt.open_page("pages/a/a")
            outcomes.append((at_load, [n.text for n in page.select_all(".n")], seen(rt)))
            with pytest.raises(TemplateError) as info:
                rt.open_page("pages/b/b")
            assert info.value.location == "pages/b/b.swan:1:14"
    first = outcomes[0]
    assert first[0][0] == [("warn", "pages/a/a.swan:2:12: \"true\" after the expression is ignored, as the client's "
                                    "template parser ignores it, in {{ ok true }}")]
    assert [e[1] for e in first[0][1]] == ["pages/b/b.swan:1:14"]
    assert first[1] == ["1", "2"]
    assert first[2] == first[0]  # opening the page said nothing more
    assert outcomes[1] == outcomes[2] == first


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"pages/a/a.swan": GOOD})
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert rt.errors == []
    (project / "pages/a/a.swan").write_text(BROKEN)
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert [e.location for e in rt.errors] == ["pages/a/a.swan:1:14"]
    (project / "pages/a/a.swan").write_text(GOOD.replace("item.n", "item.n * 10"))
    with SwanRuntime(project=project, clock="virtual") as rt:
        assert rt.errors == []
        assert [n.text for n in rt.open_page("pages/a/a").select_all(".n")] == ["10", "20"]
