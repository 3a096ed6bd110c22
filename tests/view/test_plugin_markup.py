"""The pytest plugin adds the rendered markup of the page on top of the stack to a failing
test's report (a pytest session of its own, in a subprocess)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

PROJECT = Path(__file__).parent / "projects" / "shopview"


def test_a_failing_test_shows_the_pages_markup(pytester: pytest.Pytester) -> None:
    shutil.copytree(PROJECT, pytester.path / "shopview")
    pytester.makeini("[pytest]\nswan_project = shopview\n")
    pytester.makepyfile(test_view='''
def test_detail(swan):
    page = swan.open_page("pages/detail/detail", {"id": "9"})
    assert page.select(".detail").text == "Item 10"


def test_passing(swan):
    swan.open_page("pages/detail/detail")
''')
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*_ test_detail _*", "*- swan view (pages/detail/detail) -*", '<view class="detail">Item 9</view>'])
