"""page.select on pages that make selectors costly: a row of 12,000 siblings, where each
structural selector runs in linear time (a quadratic one would pass the runtime's 3 s timeout
and raise), and nesting that still makes some selectors costly, where the runtime's timeout
stops the selector with RunTimeout and the page stays usable (bridge/_view/_select.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bridge import RunTimeout, SwanRuntime


def one_page(root: Path, js: str, swan: str) -> Path:
    (root / "pages/a").mkdir(parents=True)
    (root / "app.json").write_text('{"pages": ["pages/a/a"]}')
    (root / "pages/a/a.js").write_text(js)
    (root / "pages/a/a.swan").write_text(swan)
    return root


ROW = 12_000


LINEAR = [
    (".row > text ~ text", ROW - 1),  # E ~ F with steps before E
    ("text ~ text", ROW - 1),
    ("image ~ text", 0),  # no E in the row: each F would walk back to its start
    ("text + text", ROW - 1),
    (":first-child", 2),  # the row's view and its first text
    ("text:last-child", 1),
    (":only-child", 1),
    ("text:nth-child(2n)", ROW // 2),
    ("text:nth-last-child(-n+3)", 3),
    ("text:nth-of-type(7)", 1),
    ("text:not(:first-child):not(:last-child)", ROW - 2),
    ("view > text:nth-child(3n) ~ text", ROW - 3),
]


def test_structural_selectors_over_a_long_row_are_linear(tmp_path: Path) -> None:
    root = one_page(tmp_path / "app", "Page({data: {rows: Array.from({length: %d}, (_, i) => i)}});" % ROW,
                    '<view class="row"><text s-for="r in rows">{{r}}</text></view>\n')
    with SwanRuntime(project=root, timeout=3) as rt:
        page = rt.open_page("pages/a/a")
        assert [(css, len(page.select_all(css))) for css, _ in LINEAR] == LINEAR


def test_a_selector_still_costly_is_stopped_by_the_runtimes_timeout(tmp_path: Path) -> None:
    """`E F` down 60 nested views of 200 texts each (each text is reached from each view around
    it: about 2.4 s here): the runtime's timeout at the time of the selector stops it."""
    depth = 60
    swan = "".join("<view>" + "<text>t</text>" * 200 for _ in range(depth)) + "</view>" * depth + "\n"
    root = one_page(tmp_path / "app", "Page({});", swan)
    with SwanRuntime(project=root, timeout=60) as rt:
        page = rt.open_page("pages/a/a")
        rt.timeout = 0.3
        with pytest.raises(RunTimeout) as caught:
            page.select_all("view view text")
        assert str(caught.value) == ("the CSS selector 'view view text' was still being matched "
                                     "after the runtime's timeout (0.3 s)")
        rt.timeout = 60
        assert len(page.select_all("view > text")) == 200 * depth
        assert page.select("view > view > text") is not None
