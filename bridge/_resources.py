"""Files that ship inside the wheel: the JS shim, the sample image and the seed samples.

In the wheel they sit inside the package (`bridge/_shim`, `bridge/_examples`, see
pyproject.toml); in a source checkout they are read from the top-level folders they live in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
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


#: The shim's files, in the order they are loaded (each may use what the ones before it define).
SHIM_FILES = (
    "core.js", "console.js", "timers.js", "polyfills.js", "calls.js", "network.js", "files.js",
    "modules.js", "framework.js", "ui.js", "storage.js", "system.js", "services.js", "socket.js", "fs.js", "unsupported.js",
    "view/expr.js", "view/compile.js", "view/render.js", "view/events.js", "view/entry.js",
    "globals.js",
)


@dataclass(frozen=True)
class ShimBundle:
    """The shim as one script, and how many lines it takes (user sources are numbered after it)."""

    source: str
    line_count: int


@lru_cache(maxsize=1)
def shim_bundle() -> ShimBundle:
    """Every file of SHIM_FILES in one script, each in its own function scope and line range.

    The engine names every evaluated script `<input>`, so the shim tells stack frames apart by
    line number: the header gives each file's first line and count to core.js. Each file is
    wrapped without adding a line, so its lines keep their numbers inside the range.
    """
    texts = [(name, (shim_dir() / name).read_text(encoding="utf-8")) for name in SHIM_FILES]
    ranges = []
    line = 2  # line 1 is the header
    for name, text in texts:
        count = text.count("\n") + 1
        ranges.append({"name": f"swan-bridge/{name}", "first": line, "count": count, "internal": True})
        line += count + 1  # the closing line of the file's wrapper
    header = "(function () { 'use strict'; var shim = { sources: " + json.dumps(ranges) + " };\n"
    body = "".join(
        "(function (global, shim) { 'use strict'; " + text + "\n})(globalThis, shim);\n" for _, text in texts
    )
    return ShimBundle(header + body + "})();\n", line)


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
