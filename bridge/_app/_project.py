"""A mini-program project folder: app.json, and every .js module the runtime must define.

The shim's module loader (js_shim/modules.js) runs a module at its first `require`; the host
defines every module up front, each wrapped in `__swan_define(path, function (...) {` on its
own first line, so line numbers stay the file's own. `.swan` and `.sjs` files are read by the
view (bridge/_view/_templates.py); `.css` files are not used.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._exceptions import SwanError
from .._spec import TIMEOUT_APIS

#: The arguments a module body sees, as the swan client passes them (SJS src/utils/module.js),
#: plus the framework's registration functions.
MODULE_ARGS = "require, module, exports, define, swan, getApp, App, Page, Component, Behavior, getCurrentPages"
#: Folders that are never modules of the app itself.
SKIPPED_DIRS = frozenset({"node_modules", ".git", ".svn", "__pycache__", ".swan", "dist", "tests", "test"})
#: The largest .js file that is loaded (a bundle of a few MB is normal; 20 MB is not an app).
MAX_MODULE_BYTES = 20 * 1024 * 1024


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

    @classmethod
    def load(cls, root: str | os.PathLike[str]) -> Project:
        folder = Path(root)
        app_json = _read_json(folder / "app.json", required=True)
        pages = app_json.get("pages")
        if not isinstance(pages, list) or not pages or not all(isinstance(p, str) and p for p in pages):
            raise ProjectError(f"{folder / 'app.json'}: 'pages' must be a non-empty list of page paths")
        pages = [p.strip("/") for p in pages]
        for package in app_json.get("subPackages") or app_json.get("subpackages") or []:
            if isinstance(package, dict) and isinstance(package.get("root"), str):
                prefix = package["root"].strip("/")
                pages += [f"{prefix}/{p.strip('/')}" for p in package.get("pages") or [] if isinstance(p, str)]
        project = cls(folder, app_json, pages)
        for page in pages:
            project.page_config[page] = _read_json(folder / f"{page}.json", required=False)
        project.modules = sorted(_modules(folder))
        return project

    def config_for_shim(self) -> dict[str, Any]:
        """The part of app.json and the page configs that the shim's framework uses."""
        return {
            "pages": self.pages,
            "tabBar": self.app_json.get("tabBar"),
            "window": self.app_json.get("window") or {},
            "pageConfig": self.page_config,
        }

    def network_timeouts(self) -> dict[str, float]:
        """app.json networkTimeout, in ms, for the APIs swan-bridge carries out."""

        raw = self.app_json.get("networkTimeout") or {}
        if not isinstance(raw, dict):
            return {}
        return {
            api: float(ms) for api, ms in raw.items()
            if api in TIMEOUT_APIS and isinstance(ms, (int, float)) and not isinstance(ms, bool) and ms > 0
        }

    def source(self, module: str) -> str:
        return (self.root / module).read_text(encoding="utf-8-sig")


def wrap_module(module: str, source: str) -> tuple[str, str]:
    """A module's source as a definition for the shim's loader: (a header line, the body).

    The header goes on its own line before the source, so the source's lines and columns stay
    its own. ES module syntax is rewritten to CommonJS line for line, as the swan build does."""
    from ._esm import PRELUDE, to_commonjs  # only projects and page files need it (CLI start)

    body, esm = to_commonjs(source)
    header = f"__swan_define({json.dumps(module)}, function ({MODULE_ARGS}) {{" + (PRELUDE if esm else "")
    return header, body + "\n});"


def _read_json(path: Path, *, required: bool) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        if required:
            raise ProjectError(f"{path} not found: a mini-program folder has an app.json") from None
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProjectError(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise ProjectError(f"{path}: expected a JSON object")
    return data


def _modules(root: Path) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIPPED_DIRS and not d.startswith(".")]
        for name in filenames:
            if name.endswith(".js") and not name.endswith(".filter.js"):
                path = Path(dirpath) / name
                if path.stat().st_size <= MAX_MODULE_BYTES:
                    out.append(path.relative_to(root).as_posix())
    return out
