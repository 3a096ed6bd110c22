"""Files that ship inside the wheel: the JS shim, the sample image and the seed samples.

In the wheel they sit inside the package (`bridge/_shim`, `bridge/_examples`, see
pyproject.toml); in a source checkout they are read from the top-level folders they live in.
"""

from __future__ import annotations

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


@lru_cache(maxsize=1)
def shim_source() -> str:
    return (shim_dir() / "swan.js").read_text(encoding="utf-8")


def sample_image() -> Path:
    return _PACKAGE / "_data" / "sample.png"
