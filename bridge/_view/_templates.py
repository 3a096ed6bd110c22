"""A project's view files, read when the runtime loads the project: every `.swan` template
parsed (a broken one kept as its `TemplateError`), the `usingComponents` of every page and
component, and the source of every `.sjs` and `.filter.js` module, as the shim's framework takes
them (its "templates" command, js_shim/app/views.js)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import TemplateError
from ._parse import parse_template

#: Folders that hold no view of the app itself.
SKIPPED_DIRS = frozenset({"node_modules", ".git", ".svn", "__pycache__", ".swan", "dist", "tests", "test"})
#: Larger files are not views (nor modules a view would use).
MAX_VIEW_BYTES = 5 * 1024 * 1024
#: json files that are no page's or component's.
_NOT_VIEWS = ("app.json", "project.swan.json", "package.json", "package-lock.json")


@dataclass
class Templates:
    """The view files of a project folder."""

    trees: dict[str, dict[str, Any]] = field(default_factory=dict)  # "pages/a/a.swan" -> parsed tree
    errors: dict[str, TemplateError] = field(default_factory=dict)
    using: dict[str, dict[str, str]] = field(default_factory=dict)  # "pages/a/a" -> {tag: path}
    sources: dict[str, str] = field(default_factory=dict)  # "utils/f.sjs" -> source text

    @classmethod
    def load(cls, root: str | os.PathLike[str]) -> Templates:
        folder = Path(root)
        out = cls()
        for path in _files(folder):
            rel = path.relative_to(folder).as_posix()
            if rel.endswith(".swan"):
                out._read_template(path, rel)
            elif rel.endswith(".sjs") or rel.endswith(".filter.js"):
                try:
                    out.sources[rel] = path.read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    continue
            elif rel.endswith(".json"):
                components = _using_components(path)
                if components:
                    out.using[rel[: -len(".json")]] = components
        return out

    def _read_template(self, path: Path, rel: str) -> None:
        try:
            source = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self.errors[rel] = TemplateError(f"cannot read the template: {exc}", rel, 1, 1)
            return
        try:
            self.trees[rel] = parse_template(source, rel)
        except TemplateError as exc:
            self.errors[rel] = exc

    def command(self, global_components: Any) -> dict[str, Any]:
        """The shim's "templates" command (without its id)."""
        return {
            "op": "templates",
            "files": self.trees,
            "errors": {path: _where(e) for path, e in self.errors.items()},
            "usingComponents": self.using,
            "globalComponents": global_components if isinstance(global_components, dict) else {},
            "sources": self.sources,
        }


def _where(error: TemplateError) -> dict[str, Any]:
    message = error.message.removeprefix("TemplateError: ")
    return {"message": message, "file": error.file, "line": error.line, "col": error.col}


def template_error(fields: dict[str, Any]) -> TemplateError:
    """The TemplateError the shim reported ({message, file, line, col})."""
    return TemplateError(str(fields.get("message", "")).removeprefix("TemplateError: "), str(fields.get("file", "")),
                         int(fields.get("line") or 0), int(fields.get("col") or 0))


def _using_components(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    using = data.get("usingComponents") if isinstance(data, dict) else None
    if not isinstance(using, dict):
        return {}
    return {tag: target for tag, target in using.items() if isinstance(tag, str) and isinstance(target, str)}


def _files(root: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith((".swan", ".sjs", ".json")) and name not in _NOT_VIEWS:
                path = Path(dirpath) / name
                if path.stat().st_size <= MAX_VIEW_BYTES:
                    out.append(path)
            elif name.endswith(".filter.js"):
                out.append(Path(dirpath) / name)
    return out
