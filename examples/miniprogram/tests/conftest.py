"""What the tests of this app share: finding a button as the user does, by the text it shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def button() -> Callable[[Any, str], Any]:
    """`button(page, "上传")`: the one button of the page that shows this text."""

    def find(page: Any, text: str) -> Any:
        found = [node for node in page.select_all("button") if node.text == text]
        assert len(found) == 1, f"{len(found)} buttons show {text!r} on {page.route}"
        return found[0]

    return find
