"""ES module syntax in a project is rewritten to CommonJS line for line, as the swan build does.

Why inside: the transform's output is checked line for line (a shifted line would misplace every
error location); projects that use it are also opened through the public API here."""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest
from support import PROJECTS

from bridge import ScriptError, SwanRuntime
from bridge._app import _esm
from bridge._app._esm import to_commonjs

ESM = PROJECTS / "esm"


@pytest.mark.parametrize(("source", "expected"), [
    ("import x from 'm'", "var x = __swan_default(require('m'));"),
    ("import * as ns from \"./ns\";", "var ns = require('./ns');"),
    ("import { a, b as c } from './x'", "var __swan_m0 = require('./x'), a = __swan_m0.a, c = __swan_m0.b;"),
    ("import './side'", "require('./side');"),
    ("export default { k: 1 }", "exports.default = { k: 1 }"),
    ("export { a as aa, c }", "exports.aa = a; exports.c = c;"),
    ("export { z } from './zz'", "var __swan_m0 = require('./zz'); exports.z = __swan_m0.z;"),
])
def test_each_static_form_becomes_commonjs(source: str, expected: str) -> None:
    assert to_commonjs(source) == (expected, True)


def test_declarations_keep_their_lines_and_are_exported_at_the_end() -> None:
    source = "export const a = 1, b = 2;\nexport function f() {}\nexport class K {}\nexport default function g() {}"
    out, esm = to_commonjs(source)
    assert esm
    assert out.split("\n") == ["const a = 1, b = 2;", "function f() {}", "class K {}", "function g() {}",
                               ";exports.default = g; exports.a = a; exports.b = b; exports.f = f; exports.K = K;"]


def test_a_multi_line_import_keeps_every_line() -> None:
    out, _ = to_commonjs("import {\n  a,\n  b\n} from './ab'\nuse(a)")
    assert out.split("\n") == ["var __swan_m0 = require('./ab'), a = __swan_m0.a, b = __swan_m0.b;", "", "", "", "use(a)"]


def test_strings_comments_and_dynamic_import_are_left_alone() -> None:
    source = "const s = \"import x from 'no'\"; // export default 1\nconst lazy = import('./lazy')"
    assert to_commonjs(source) == (source, False)


def test_a_project_written_with_import_and_export_loads_with_its_own_lines() -> None:
    with SwanRuntime(project=ESM, clock="virtual") as rt:
        page = rt.open_page("pages/index/index")
        assert page.data == {"text": "hello api baidu", "retries": 3, "version": "1.2.0"}
        assert rt.app.global_data == {"version": "1.2.0"}
        with pytest.raises(ScriptError) as info:
            page.call("fail")
        assert info.value.location == "pages/index/index.js:8:12"
        assert rt.errors[-1].message == "ReferenceError: missing is not defined"


class CountingPattern:
    """A compiled pattern that records the length of every text it is handed to look at."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.pieces: list[int] = []

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        self.pieces.append(min(len(string), endpos) - pos)
        return self.pattern.match(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        self.pieces.append(min(len(string), endpos) - pos)
        return self.pattern.search(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        self.pieces.append(len(string))
        return self.pattern.sub(repl, string, count)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


def test_the_rewrite_hands_the_matcher_one_statement_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rewrite's work is linear in the file, counted rather than timed: every text its
    patterns are handed is one statement's lines, never the rest of the file, and all of them
    together are a bounded multiple of the file, so four times the lines is four times the work.
    (Patterns run from every line start over the whole file took 12 s for 8,000 lines beginning
    with `import` and did not finish 30,000; docs/reliability.md.)"""
    counters = [CountingPattern(value) for value in vars(_esm).values() if isinstance(value, re.Pattern)]
    for counter in counters:
        monkeypatch.setattr(_esm, next(k for k, v in vars(_esm).items() if v is counter.pattern), counter)
    work = []
    for n in (2_000, 8_000):
        for counter in counters:
            counter.pieces.clear()
        hostile = "".join(f"import a{i}\nimport {{\nexport {{\n" for i in range(n))
        source = f"import {{ a }} from './a'\n{hostile}export default a\n"
        out, esm = to_commonjs(source)
        assert esm and out.split("\n")[0] == "var __swan_m0 = require('./a'), a = __swan_m0.a;"
        assert out.split("\n")[1:] == source.replace("export default a", "exports.default = a").split("\n")[1:]
        pieces = [piece for counter in counters for piece in counter.pieces]
        assert max(pieces) <= max(len(line) for line in source.split("\n"))
        assert sum(pieces) <= 2 * len(counters) * len(source)
        work.append(sum(pieces))
    assert work[1] <= 4.1 * work[0]
