"""ES module syntax in a project is rewritten to CommonJS line for line, as the swan build does.

Why inside: the transform's output is checked line for line (a shifted line would misplace every
error location); projects that use it are also opened through the public API here."""

from __future__ import annotations

import pytest
from support import PROJECTS

from bridge import ScriptError, SwanRuntime
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
