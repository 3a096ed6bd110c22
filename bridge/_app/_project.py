"""A mini-program project folder: app.json, and every .js module the runtime must define.

The shim's module loader (js_shim/app/modules.js) runs a module at its first `require`; the host
defines every module up front, each compiled as the body of a function whose header goes on a
line of its own, so line numbers stay the file's own. The definition checks that the module's
text did not close that function (see `wrap_module`), and the runtime runs only definitions an
empty engine saw keep their text inside (bridge/_engine/_probe.py): no statement of a module
runs before its first `require`. Files are read through the folder's sandbox (bridge/_project_files.py); a module
that cannot be read is defined as one that fails to load, with the reason. `.swan` and `.sjs`
files are read by the view (bridge/_view/_templates.py); `.css` files are not used.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._engine._probe import function_head, utf16_length
from .._exceptions import SwanError
from .._project_files import FileRefused, ProjectFolder, nul_position, using_components_problem
from .._spec import MAX_NETWORK_TIMEOUT_MS, MODULE_FILE_BYTES, TIMEOUT_APIS, VIEW_FILE_BYTES

#: The arguments a module body sees, as the swan client passes them (SJS src/utils/module.js),
#: plus the framework's registration functions.
MODULE_ARGS = "require, module, exports, define, swan, getApp, App, Page, Component, Behavior, getCurrentPages"
#: The start of a module's function, as its source text (Function.prototype.toString) begins.
_FUNCTION_HEAD = f"function ({MODULE_ARGS}) {{"


class ProjectError(SwanError, ValueError):
    """The folder is not a mini-program swan-bridge can load (no app.json, bad JSON ...)."""


@dataclass
class Project:
    """What the runtime needs of a project: its app.json and the modules to define."""

    root: Path
    app_json: dict[str, Any]
    pages: list[str]
    page_config: dict[str, dict[str, Any]] = field(default_factory=dict)
    modules: list[str] = field(default_factory=list)  # paths relative to root, "/"-separated
    #: A page's json that could not be read, by the page's module: opening the page fails with it.
    page_errors: dict[str, FileRefused] = field(default_factory=dict)
    folder: ProjectFolder | None = field(default=None, repr=False)
    #: ext.json, the third-party platform's configuration ({} when the folder has none).
    ext_json: dict[str, Any] = field(default_factory=dict)
    #: The roots of app.json's subPackages, without slashes at either end.
    sub_packages: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, root: str | os.PathLike[str]) -> Project:
        folder = ProjectFolder(root)
        app_json = _read_app_json(folder)
        where = folder.root / "app.json"
        pages = app_json.get("pages")
        if not isinstance(pages, list) or not pages or not all(isinstance(p, str) and p for p in pages):
            raise ProjectError(f"{where}: 'pages' must be a non-empty list of page paths")
        problem = using_components_problem(app_json.get("usingComponents"))
        if problem is not None:
            raise ProjectError(f"{where}: {problem}")
        pages = [p.strip("/") for p in pages]
        packages = app_json.get("subPackages") or app_json.get("subpackages") or []
        roots = []
        for package in packages if isinstance(packages, list) else []:
            if isinstance(package, dict) and isinstance(package.get("root"), str):
                prefix = package["root"].strip("/")
                roots.append(prefix)
                listed = package.get("pages")
                pages += [f"{prefix}/{p.strip('/')}" for p in listed if isinstance(p, str)] if isinstance(listed, list) else []
        project = cls(folder.root, app_json, pages, folder=folder, ext_json=_read_ext_json(folder), sub_packages=roots)
        for page in pages:
            if page not in project.page_config:  # a page listed twice is read once
                project.page_config[page] = project._read_page_json(page)
        project.modules = sorted(folder.walk(_is_module))
        return project

    def _read_page_json(self, page: str) -> dict[str, Any]:
        """A page's json, or {} when it has none; one that cannot be read is kept as the error
        its page's module fails to load with. A path outside the folder is not read."""
        assert self.folder is not None
        rel = f"{page}.json"
        # A missing file costs one stat, not a walk of every link on its path.
        if not os.path.lexists(self.folder.root / rel) or self.folder.resolve(rel) is None:
            return {}
        try:
            data = self.folder.read_json(rel, VIEW_FILE_BYTES)
        except FileRefused as exc:
            self.page_errors[f"{page}.js"] = exc
            return {}
        if not isinstance(data, dict):
            self.page_errors[f"{page}.js"] = FileRefused(rel, "expected a JSON object", syntax=True)
            return {}
        return data

    def config_for_shim(self) -> dict[str, Any]:
        """The part of app.json and the page configs that the shim's framework uses."""
        return {
            "pages": self.pages,
            "tabBar": self.tab_bar()[0],
            "window": self.app_json.get("window") or {},
            "pageConfig": self.page_config,
            "extConfig": self.ext_config(),
            "subPackageRoots": self.sub_packages,
        }

    def tab_bar(self) -> tuple[Any, list[str]]:
        """app.json tabBar, without the entries of its list that are no object with a pagePath
        string (swan docs, process_page.md: each entry is an object whose pagePath is required),
        and a warning for each entry left out."""
        tab_bar = self.app_json.get("tabBar")
        if not isinstance(tab_bar, dict) or not isinstance(tab_bar.get("list"), list):
            return tab_bar, []
        kept, warnings = [], []
        for index, item in enumerate(tab_bar["list"]):
            if isinstance(item, dict) and isinstance(item.get("pagePath"), str) and item["pagePath"].strip("/"):
                kept.append(item)
                continue
            shown = json.dumps(item, ensure_ascii=False)
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            warnings.append(f'app.json: tabBar.list[{index}] ({shown}) is not an object with a "pagePath" string; '
                            "the entry is ignored")
        return {**tab_bar, "list": kept}, warnings

    def ext_config(self) -> dict[str, Any]:
        """What swan.getExtConfig reports: ext.json's "ext" when its "extEnable" is true (as the
        third-party platform's ext.json works), else {}."""
        ext = self.ext_json.get("ext")
        return ext if self.ext_json.get("extEnable") is True and isinstance(ext, dict) else {}

    def network_timeouts(self) -> dict[str, float]:
        """app.json networkTimeout, in ms, for the APIs swan-bridge carries out: a value over the
        client's maximum (net_rule.md: 60 s) is that maximum, one that is no positive finite
        number is ignored."""

        raw = self.app_json.get("networkTimeout") or {}
        if not isinstance(raw, dict):
            return {}
        out = {}
        for api, ms in raw.items():
            if api in TIMEOUT_APIS and isinstance(ms, (int, float)) and not isinstance(ms, bool):
                try:
                    value = float(ms)
                except OverflowError:  # an integer beyond a double
                    continue
                if 0 < value < math.inf:
                    out[api] = min(value, MAX_NETWORK_TIMEOUT_MS)
        return out

    def source(self, module: str) -> str:
        """A module's text; for a file that cannot be one, an `Unreadable` saying why."""
        refused = self.page_errors.get(module)
        if refused is None:
            folder = self.folder or ProjectFolder(self.root)
            try:
                text = folder.read_text(module, MODULE_FILE_BYTES)
            except FileRefused as exc:
                refused = exc
            else:
                refused = nul_position(module, text)
                if refused is None:
                    return text
        return Unreadable(refused)


class Unreadable(str):
    """What `Project.source` gives for a file that cannot be a module: no text, and the reason,
    with which `wrap_module` defines a module that fails to load (reported when the runtime
    starts, as a syntax error is, and raised by every `require` of it)."""

    refused: FileRefused

    def __new__(cls, refused: FileRefused) -> Unreadable:
        self = super().__new__(cls, "")
        self.refused = refused
        return self

    def error(self) -> dict[str, str]:
        """The error the shim throws: its name, its message, and `file:line:col` when the fault
        is in the text (else the message names the file)."""
        refused = self.refused
        located = bool(refused.location)
        return {
            "name": "SyntaxError" if refused.syntax else "Error",
            "message": refused.reason if located else str(refused),
            "location": refused.location,
        }


def wrap_module(module: str, source: str) -> tuple[str, str]:
    """A module's source as a definition for the shim's loader: (a header line, the body).

    The header goes on its own line before the source, so the source's lines and columns stay
    its own. ES module syntax is rewritten to CommonJS line for line, as the swan build does.

    The module is the body of a function expression, and the definition passes the length its
    source text must have: a text that closes the function early (`});` then code) leaves a
    shorter function, and the loader refuses it before the rest of the definition runs, so no
    statement of the module runs before its first `require`."""
    if isinstance(source, Unreadable):
        return f"__swan_define({json.dumps(module)}, {json.dumps(source.error())}, null);", ""
    from ._esm import PRELUDE, to_commonjs  # only projects and page files need it (CLI start)

    body, esm = to_commonjs(source)
    head = _FUNCTION_HEAD + (PRELUDE if esm else "")
    length = utf16_length(head) + 1 + utf16_length(body) + 2  # head "\n" body "\n}"
    return f"__swan_define({json.dumps(module)}, {length}, {head}", body + "\n});"




def escaped_module(module: str, header: str, body: str, length: int | None) -> Unreadable:
    """The definition of a module whose text closes its function early: a module that fails to
    load with a SyntaxError at that '}' (`length` is the function's length as the engine saw it;
    None when it could not tell: then the error is at the file's first line)."""
    line, col = 1, 1
    if length is not None:
        text = (function_head(header) + "\n" + body).encode("utf-16-le", "surrogatepass")[:2 * length]
        seen = text.decode("utf-16-le", "surrogatepass")
        line = seen.count("\n")
        col = utf16_length(seen) - utf16_length(seen[:seen.rindex("\n") + 1]) if line else 1
    return Unreadable(FileRefused(module, "unexpected '}': it closes the function the module is loaded in",
                                  max(line, 1), col, syntax=True))


def _is_module(name: str) -> bool:
    return name.endswith(".js") and not name.endswith(".filter.js")


def _read_app_json(folder: ProjectFolder) -> dict[str, Any]:
    data = _read_object(folder, "app.json")
    if data is None:
        raise ProjectError(f"{folder.root / 'app.json'} not found: a mini-program folder has an app.json")
    return data


def _read_ext_json(folder: ProjectFolder) -> dict[str, Any]:
    """ext.json, read as app.json is; {} when the folder has none."""
    return _read_object(folder, "ext.json") or {}


def _read_object(folder: ProjectFolder, name: str) -> dict[str, Any] | None:
    """A json file at the folder's top that must hold an object, read inside the folder within
    its size and depth caps: None when there is none, else the object or a ProjectError."""
    where = folder.root / name
    if not os.path.lexists(where):
        return None
    try:
        data = folder.read_json(name, VIEW_FILE_BYTES)
    except FileRefused as exc:
        at = f":{exc.line}:{exc.col}" if exc.line else ""
        raise ProjectError(f"{where}{at}: {exc.reason}") from None
    if not isinstance(data, dict):
        raise ProjectError(f"{where}: expected a JSON object")
    return data
