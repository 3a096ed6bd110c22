"""A list's view after setData replaces it: grown, shrunk, reversed, shuffled, with new rows
among kept ones, keyed (`s-key`, `trackBy`) or not. The view must show the data in order, and
keep the element of a row whose key stays (so a test's Node of a moved row is still in the view).
A list that grows or is reordered by thousands of rows costs each row a step (the shim finds
where new rows go once per run of them, and a reordered list moves every row in order)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge import SwanRuntime

JS = "Page({data: {list: []}, put(list) { this.setData({list: list}); }});\n"
TEMPLATES = {
    "plain": '<view class="list"><view s-for="x in list" class="row">{{x}}</view></view>\n',
    "s-key": '<view class="list"><view s-for="x in list" s-key="*this" class="row">{{x}}</view></view>\n',
    "trackBy": '<view class="list"><view s-for="x in list trackBy x" class="row">{{x}}</view><text>end</text></view>\n',
}


@pytest.fixture(params=sorted(TEMPLATES))
def page(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    root = tmp_path / "app"
    (root / "pages" / "a").mkdir(parents=True)
    (root / "app.json").write_text(json.dumps({"pages": ["pages/a/a"]}))
    (root / "pages" / "a" / "a.js").write_text(JS)
    (root / "pages" / "a" / "a.swan").write_text(TEMPLATES[request.param])
    with SwanRuntime(project=root, clock="virtual") as rt:
        yield rt.open_page("pages/a/a")


def shown(page: object) -> list[int]:
    return [int(node.text) for node in page.select_all(".row")]  # type: ignore[attr-defined]


def test_a_list_grown_reordered_and_shrunk_shows_its_data_in_order(page: object) -> None:
    rng = random.Random(7)
    rows = list(range(3000))
    page.call("put", rows)  # type: ignore[attr-defined]
    assert shown(page) == rows
    for _ in range(4):
        rng.shuffle(rows)
        page.call("put", rows)  # type: ignore[attr-defined]
        assert shown(page) == rows
    rows.reverse()
    page.call("put", rows)  # type: ignore[attr-defined]
    assert shown(page) == rows
    rows = rows[::3] + list(range(5000, 5400)) + rows[1::7]  # some kept (reordered), new ones among them
    page.call("put", rows)  # type: ignore[attr-defined]
    assert shown(page) == rows
    page.call("put", rows[:10])  # type: ignore[attr-defined]
    assert shown(page) == rows[:10]


def test_a_keyed_rows_element_stays_when_the_list_is_reordered(tmp_path: Path) -> None:
    root = tmp_path / "app"
    (root / "pages" / "a").mkdir(parents=True)
    (root / "app.json").write_text(json.dumps({"pages": ["pages/a/a"]}))
    (root / "pages" / "a" / "a.js").write_text(JS)
    (root / "pages" / "a" / "a.swan").write_text(TEMPLATES["s-key"])
    with SwanRuntime(project=root, clock="virtual") as rt:
        page = rt.open_page("pages/a/a")
        page.call("put", list(range(200)))
        row = page.select_all(".row")[42]
        page.call("put", list(range(199, -1, -1)))
        assert page.select_all(".row")[157] is row and row.text == "42"
