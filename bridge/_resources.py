"""Files that ship inside the wheel: the JS shim's folder, the sample image, the seed samples and
the list of documented APIs.

In the wheel they sit inside the package (`bridge/_shim`, `bridge/_examples`, see
pyproject.toml); in a source checkout they are read from the top-level folders they live in.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

#: The four seed samples, in the order the seed document gives them.
SAMPLE_NAMES = ("upload_file.js", "upload_task.js", "download_file.js", "download_task.js")


def _locate(installed: str, source_tree: str) -> Path:
    inside = _PACKAGE / installed
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / source_tree


def shim_dir() -> Path:
    return _locate("_shim", "js_shim")


def examples_dir() -> Path:
    return _locate("_examples", "examples")


def sample_image() -> Path:
    return _PACKAGE / "_data" / "sample.png"


@lru_cache(maxsize=1)
def documented_apis() -> dict[str, list[str]]:
    """The swan.* APIs Baidu documents (js_shim/api_names.json, gathered from swan-docs), split
    into those called with callbacks and those that return at once (Sync, factories, on*/off*)."""
    data = json.loads((shim_dir() / "api_names.json").read_text(encoding="utf-8"))
    sync = set(data["sync"])
    is_sync = [name for name in data["apis"] if name in sync or re.match(r"(on|off)[A-Z]", name.rsplit(".", 1)[-1])]
    return {"async": [name for name in data["apis"] if name not in is_sync], "sync": is_sync}
