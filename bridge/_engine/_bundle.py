"""The shim as one script: its files in load order, each in its own function scope and line range,
with the shared spec (`spec.json`) inlined as `shim.spec`; and the files a runtime loads at their
first use (LAZY_FILES), each a script of its own that evaluates to its file's function."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from .._resources import shim_dir
from .._spec import spec_text

#: The shim's files, in the order they are loaded (each may use what the ones before it define).
SHIM_FILES = (
    "base/core.js", "base/console.js", "base/timers.js", "base/polyfills.js", "base/calls.js",
    "api/network.js", "api/files.js",
    "app/modules.js", "app/framework.js", "app/ui.js",
    "api/storage.js", "api/system.js",
    "app/services.js", "api/device.js",
    "api/socket.js", "api/fs.js", "api/animation.js", "api/media.js", "api/unsupported.js",
    "view/expr.js", "view/compile.js", "view/render.js", "view/events.js", "view/layout.js", "view/entry.js",
    "app/views.js", "app/queries.js",
    "base/globals.js",
)

#: The view's files (template compiler, renderer, events, components placed by templates): loaded
#: only in runtimes that render, those with a project. A runtime for scripts alone starts without
#: them, a third less shim to read, run and free; everything else works the same without them
#: (the framework and the selector queries find no rendered view).
VIEW_FILES = (
    "view/expr.js", "view/compile.js", "view/render.js", "view/events.js", "view/layout.js", "view/entry.js",
    "app/views.js",
)


#: The families most scripts never call (sockets, the FileSystemManager, animations, media, the
#: device): a runtime loads each file at the first use of one of its swan names (js_shim/base/
#: calls.js, "Files loaded at first use"). They define swan APIs and host commands only, and take
#: the built-ins, timers and APIs they use from what the shim captured before any script ran
#: (`shim.P`, `shim.setTimer`, `shim.ownApi`), never from the globals or `swan`.
LAZY_FILES = ("api/socket.js", "api/fs.js", "api/animation.js", "api/media.js", "api/device.js")


@dataclass(frozen=True)
class ShimBundle:
    """The shim as one script, and how many lines it takes (user sources are numbered after it):
    `files` run at once, `lazy` at first use, each from its own script in `lazy_sources`
    (padded with newlines to the file's line range)."""

    source: str
    line_count: int
    files: tuple[str, ...]
    lazy: tuple[str, ...] = ()
    lazy_sources: tuple[str, ...] = ()


@lru_cache(maxsize=2)
def shim_bundle(view: bool = True) -> ShimBundle:
    """The files of SHIM_FILES (without VIEW_FILES unless `view`) in one script, each in its own
    function scope and line range.

    The engine names every evaluated script `<input>`, so the shim tells stack frames apart by
    line number: the header gives each file's first line and count to core.js. Each file is
    wrapped without adding a line, so its lines keep their numbers inside the range. A lazy file
    keeps its range in the table; its own script is padded with newlines to that range.
    """
    names = SHIM_FILES if view else tuple(name for name in SHIM_FILES if name not in VIEW_FILES)
    texts = [(name, (shim_dir() / name).read_text(encoding="utf-8")) for name in names]
    ranges = []
    eager: list[str] = []
    lazy: list[tuple[str, str]] = []
    line = 2  # line 1 is the header
    for name, text in texts:
        count = text.count("\n") + 1
        ranges.append({"name": f"swan-bridge/{name}", "first": line, "count": count, "internal": True})
        if name in LAZY_FILES:
            lazy.append((name, "\n" * (line - 1) + "(function (global, shim) { 'use strict'; " + text + "\n})\n"))
            eager.append("\n" * (count + 1))  # the lines stay the lazy file's
        else:
            eager.append("(function (global, shim) { 'use strict'; " + text + "\n})(globalThis, shim);\n")
        line += count + 1  # the closing line of the file's wrapper
    header = ("(function () { 'use strict'; var shim = { sources: " + json.dumps(ranges)
              + ", lazy: " + json.dumps([name for name, _ in lazy]) + ", spec: " + spec_text() + " };\n")
    return ShimBundle(header + "".join(eager) + "})();\n", line,
                      tuple(name for name in names if name not in LAZY_FILES),
                      tuple(name for name, _ in lazy), tuple(source for _, source in lazy))
