"""A project's view files, read when the runtime loads the project: every `.swan` template
parsed (a broken one kept as its `TemplateError`), the `usingComponents` of every page and
component, and the source of every `.sjs` and `.filter.js` module, as the shim's framework takes
them (its "templates" command, js_shim/app/views.js)."""

from __future__ import annotations

import hashlib
import os
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .._engine._context import RawJSON, to_js
from .._engine._probe import utf16_length
from .._project_files import FileRefused, ProjectFolder, using_components_problem
from .._spec import VIEW_FILE_BYTES
from ._errors import TemplateError
from ._parse import parse_template

#: What an SJS module's body is given (app/views.js, runModule): its own module, exports and
#: require, getDate, getRegExp and console; then the globals SJS hides from it, as parameters
#: it is never given.
SJS_ARGS = ("module", "exports", "require", "getDate", "getRegExp", "console")
SJS_HIDDEN = ("swan", "getApp", "getCurrentPages", "App", "Page", "Component", "Behavior", "setTimeout", "setInterval",
              "clearTimeout", "clearInterval", "requestAnimationFrame", "global", "globalThis", "wx", "define")
_SJS_HEAD = f"function ({', '.join(SJS_ARGS + SJS_HIDDEN)}) {{'use strict';"
_EXPORT_DEFAULT = re.compile(r"(^|[;\s])export\s+default\s")
_RAW_TAGS = ("import-sjs", "filter")

#: json files that are no page's or component's.
_NOT_VIEWS = ("app.json", "project.swan.json", "package.json", "package-lock.json")


@dataclass
class Templates:
    """The view files of a project folder."""

    trees: dict[str, dict[str, Any]] = field(default_factory=dict)  # "pages/a/a.swan" -> parsed tree
    errors: dict[str, TemplateError] = field(default_factory=dict)
    using: dict[str, dict[str, str]] = field(default_factory=dict)  # "pages/a/a" -> {tag: path}
    sources: dict[str, str] = field(default_factory=dict)  # "utils/f.sjs" -> source text
    #: (path, digest of its text) of every parsed template: what the shim's compile depends on.
    texts: list[tuple[str, bytes]] = field(default_factory=list)
    _json: dict[str, str] = field(default_factory=dict)  # "pages/a/a.swan" -> its tree as JSON
    _inline: dict[str, tuple[tuple[str, int, int], ...]] = field(default_factory=dict)  # its inline modules

    @classmethod
    def load(cls, root: str | os.PathLike[str]) -> Templates:
        """Read the folder's view files through its sandbox (bridge/_project_files.py): a file
        outside it is not there, a special file or one over the size cap is not read. A template
        that cannot be read is kept as its TemplateError; an `.sjs` / `.filter.js` module or a
        json file that cannot be read is left out (a template that uses it says so)."""
        folder = ProjectFolder(root)
        out = cls()
        for rel in folder.walk(_is_view_file):
            if rel.endswith(".swan"):
                out._read_template(folder, rel)
            elif rel.endswith(".json"):
                try:
                    components = _using_components(folder, rel)
                except TemplateError as exc:
                    # The page or component the file configures does not open.
                    out.errors[rel[: -len(".json")] + ".swan"] = exc
                    continue
                if components:
                    out.using[rel[: -len(".json")]] = components
            else:  # .sjs, .filter.js
                try:
                    out.sources[rel] = folder.read_text(rel, VIEW_FILE_BYTES)
                except FileRefused:
                    continue
        return out

    def _read_template(self, folder: ProjectFolder, rel: str) -> None:
        try:
            source = folder.read_text(rel, VIEW_FILE_BYTES)
        except FileRefused as exc:
            self.errors[rel] = TemplateError(f"cannot read the template: {exc.reason}", rel, exc.line or 1, exc.col or 1)
            return
        try:
            self.trees[rel] = _parsed(source, rel)
            self._json[rel] = _tree_json(source, rel)
            self._inline[rel] = _inline_modules(source, rel)
        except TemplateError as exc:
            self.errors[rel] = exc
        else:
            self.texts.append((rel, hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=20).digest()))

    def modules(self) -> list[tuple[str, str, int, int]]:
        """Every SJS / filter module text the view may run, once each: (text, file, line, col),
        the file and place its text starts (an inline one's in its template)."""
        found: dict[str, tuple[str, str, int, int]] = {}
        for rel, text in self.sources.items():
            found.setdefault(text, (text, rel, 1, 1))
        for rel, inline in self._inline.items():
            for text, line, col in inline:
                found.setdefault(text, (text, rel, line, col))
        return list(found.values())

    def compiled_key(self, memory_limit: float | None) -> bytes:
        """Names what compiling these trees finds: their paths and texts (and the heap, which
        a template too large for it fails on)."""
        digest = hashlib.blake2b(repr(memory_limit).encode(), digest_size=20)
        for rel, text in sorted(self.texts):
            digest.update(rel.encode("utf-8", "surrogatepass") + b"\0" + text)
        return digest.digest()

    def command(self, global_components: Any, compiled: dict[str, Any] | None = None,
                module_errors: list[dict[str, Any]] | None = None, slice_ms: int | None = None) -> dict[str, Any]:
        """The shim's "templates" command (without its id); `compiled`: what an earlier compile
        of the same trees found (see `COMPILED`), so the shim compiles each at its first use;
        `module_errors`: [{code, error}] of the SJS texts that were not defined, and why;
        `slice_ms`: how long the shim compiles in one turn (None: its own default)."""
        return {
            "op": "templates",
            "sliceMs": slice_ms,
            "compiled": compiled,
            "sjsErrors": module_errors or [],
            # Each tree as its JSON text, which the shim parses when it first compiles it.
            "files": RawJSON("{" + ",".join(f"{to_js(rel)}:{text}" for rel, text in self._json.items()) + "}"),
            "warnings": {rel: tree["warnings"] for rel, tree in self.trees.items() if tree.get("warnings")},
            "errors": {path: _where(e) for path, e in self.errors.items()},
            "usingComponents": self.using,
            "globalComponents": global_components if isinstance(global_components, dict) else {},
            "sources": self.sources,
        }


def wrap_sjs(code: str, line: int = 1, col: int = 1) -> tuple[str, str]:
    """An SJS module's text as a definition for the shim (app/views.js): (a header line, the
    body). The body is the text with its first `export default` made `module.exports =`, as the
    client's build does, set at `line`:`col` of its file so its frames point there."""
    body = "\n" * (line - 1) + " " * (col - 1) + _EXPORT_DEFAULT.sub(r"\1module.exports = ", code, count=1)
    length = utf16_length(_SJS_HEAD) + 1 + utf16_length(body) + 2  # head "\n" body "\n}"
    return f"__swan_sjs({to_js(code)}, {length}, {_SJS_HEAD}", body + "\n});"


class Compiled:
    """What the shim found compiling a project's templates ({errors, warnings}), kept for the
    process by `Templates.compiled_key`: a test suite builds a runtime over the same project for
    every test, and compiling every template again is most of its load."""

    KEPT = 64

    def __init__(self) -> None:
        self._found: OrderedDict[bytes, dict[str, Any]] = OrderedDict()

    def get(self, key: bytes) -> dict[str, Any] | None:
        found = self._found.get(key)
        if found is not None:
            self._found.move_to_end(key)
        return found

    def keep(self, key: bytes, found: dict[str, Any]) -> None:
        self._found[key] = found
        while len(self._found) > self.KEPT:
            self._found.popitem(last=False)


COMPILED = Compiled()


@lru_cache(maxsize=2048)
def _tree_json(source: str, rel: str) -> str:
    """A template's tree as a JSON string of its JSON text (the shim parses it at its first
    use), encoded once per process for the same text."""
    return to_js(to_js(_parsed(source, rel)))


@lru_cache(maxsize=2048)
def _inline_modules(source: str, rel: str) -> tuple[tuple[str, int, int], ...]:
    """The inline SJS / filter modules of a template (no `src`): (text, line, col) of each
    text, found once per process for the same template text."""
    found = []
    pending = [_parsed(source, rel)]
    while pending:
        node = pending.pop()
        for child in reversed(node.get("children", ())):
            if child.get("type") != "element":
                continue
            if child.get("tag") not in _RAW_TAGS:
                pending.append(child)
            elif not any(a["name"] == "src" and a.get("value") for a in child["attrs"]):
                kids = child["children"]
                found.append((kids[0]["value"], kids[0]["line"], kids[0]["col"]) if kids else ("", child["line"], child["col"]))
    return tuple(found)


@lru_cache(maxsize=2048)
def _parsed(source: str, rel: str) -> dict[str, Any]:
    """A template's tree, parsed once per process for the same text: a test suite builds a
    runtime over the same project for every test. (Only read afterwards: the trees are sent to
    the shim as JSON.)"""
    return parse_template(source, rel)


def _where(error: TemplateError) -> dict[str, Any]:
    message = error.message.removeprefix("TemplateError: ")
    return {"message": message, "file": error.file, "line": error.line, "col": error.col}


def template_error(fields: dict[str, Any]) -> TemplateError:
    """The TemplateError the shim reported ({message, file, line, col})."""
    return TemplateError(str(fields.get("message", "")).removeprefix("TemplateError: "), str(fields.get("file", "")),
                         int(fields.get("line") or 0), int(fields.get("col") or 0))


def _using_components(folder: ProjectFolder, rel: str) -> dict[str, str]:
    try:
        data = folder.read_json(rel, VIEW_FILE_BYTES)
    except FileRefused:
        return {}
    using = data.get("usingComponents") if isinstance(data, dict) else None
    if not isinstance(using, dict):
        return {}
    problem = using_components_problem(using)
    if problem is not None:
        raise TemplateError(problem, rel, 1, 1)
    return {tag: target for tag, target in using.items() if isinstance(tag, str) and isinstance(target, str)}


def _is_view_file(name: str) -> bool:
    if name.endswith((".swan", ".sjs", ".filter.js")):
        return True
    return name.endswith(".json") and name not in _NOT_VIEWS
