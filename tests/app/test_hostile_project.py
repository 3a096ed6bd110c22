"""Hostile project folders: whatever a mini-program folder holds, loading it ends promptly with the
documented outcome, reads nothing outside it, and runs none of its code before the code is
required (docs/reliability.md, "Hostile projects"; docs/harness.md, "Loading a project").

Cases that could hang the host if they regressed (FIFOs) rely on the module's timeout; cases about
memory run in a child process with a hard address-space limit and report its peak memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bridge import ProjectError, RunTimeout, ScriptError, SwanRuntime, TemplateError
from bridge.testing import EmbeddedServer

# A FIFO the loader opened would block it: the timeout fails the test instead of hanging CI.
pytestmark = pytest.mark.timeout(60)

APP = {"pages": ["pages/a/a", "pages/b/b"]}
PAGE_A = "Page({ data: { ok: true } });\n"


def make_project(root: Path, files: dict[str, str | bytes], app: dict[str, object] | None = None) -> Path:
    """A project folder: app.json (APP unless given), page a (which opens) and `files`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.json").write_text(json.dumps(app or APP), encoding="utf-8")
    for rel, content in {"pages/a/a.js": PAGE_A, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def link(path: Path, target: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def outside(tmp_path: Path) -> Path:
    """A folder beside the project, with files a project must not reach."""
    out = tmp_path / "outside"
    out.mkdir()
    (out / "secret.js").write_text("console.log('secret ran');\nmodule.exports = 'secret';\n", encoding="utf-8")
    (out / "spy.js").write_text("Page({});\n", encoding="utf-8")
    (out / "spy.json").write_text("{not json", encoding="utf-8")
    (out / "t.swan").write_text("<view>outside template</view>\n", encoding="utf-8")
    (out / "card.js").write_text("Component({});\n", encoding="utf-8")
    (out / "card.swan").write_text("<view>card</view>\n", encoding="utf-8")
    return out


def texts(rt: SwanRuntime) -> list[str]:
    return [str(e) for e in rt.errors]


# ------------------------------------------------------------------------------------------------
# Special files: refused by their type, wherever they are
# ------------------------------------------------------------------------------------------------
class TestSpecialFiles:
    def test_app_json_that_is_a_fifo(self, tmp_path: Path) -> None:
        """A FIFO is never opened: app.json that is one refuses the project, naming the file."""
        project = tmp_path / "p"
        fifo(project / "app.json")
        with pytest.raises(ProjectError) as info:
            SwanRuntime(project=project)
        assert str(info.value) == f"{project / 'app.json'}: not a regular file (a FIFO)"

    def test_a_module_that_is_a_fifo_is_reported_and_the_other_pages_open(self, tmp_path: Path) -> None:
        """A module that cannot be read is reported by name when the runtime starts, requiring it
        fails with that error, and the other pages still open (docs/harness.md)."""
        project = make_project(tmp_path / "p", {"pages/b/b.js": "Page({ get: function () { return require('./pipe'); } });\n"})
        fifo(project / "pages/b/pipe.js")
        link(project / "pages/b/alias.js", Path("pipe.js"))  # a link inside the project to it
        with SwanRuntime(project=project, clock="virtual") as rt:
            assert texts(rt) == ["Error: pages/b/alias.js: not a regular file (a FIFO)",
                                 "Error: pages/b/pipe.js: not a regular file (a FIFO)"]
            assert rt.open_page("pages/a/a").data == {"ok": True}
            with pytest.raises(ScriptError) as info:
                rt.open_page("pages/b/b").call("get")
            assert info.value.message == ('Error: module "./pipe" failed to load: '
                                          "Error: pages/b/pipe.js: not a regular file (a FIFO)")

    def test_a_page_json_that_is_a_fifo_fails_only_its_page(self, tmp_path: Path) -> None:
        """A page's json that cannot be read fails that page's module with the file's name."""
        project = make_project(tmp_path / "p", {"pages/b/b.js": "Page({});\n"})
        fifo(project / "pages/b/b.json")
        with SwanRuntime(project=project, clock="virtual") as rt:
            assert texts(rt) == ["Error: pages/b/b.json: not a regular file (a FIFO)"]
            assert rt.open_page("pages/a/a").data == {"ok": True}
            with pytest.raises(ScriptError, match=r'^Error: module "pages/b/b\.js" failed to load: '
                                                  r"Error: pages/b/b\.json: not a regular file \(a FIFO\)$"):
                rt.open_page("pages/b/b")

    def test_a_template_that_is_a_fifo_is_a_template_error(self, tmp_path: Path) -> None:
        """A template that cannot be read is a TemplateError of its page (docs/harness.md)."""
        project = make_project(tmp_path / "p", {"pages/b/b.js": "Page({});\n"})
        fifo(project / "pages/b/b.swan")
        fifo(project / "utils/f.sjs")  # not read either: a template that used it would say so
        with SwanRuntime(project=project, clock="virtual") as rt:
            with pytest.raises(TemplateError) as info:
                rt.open_page("pages/b/b")
            assert (info.value.location, info.value.message) == (
                "pages/b/b.swan:1:1", "TemplateError: cannot read the template: not a regular file (a FIFO)")
            assert rt.open_page("pages/a/a").data == {"ok": True}


# ------------------------------------------------------------------------------------------------
# The sandbox: nothing outside the project is read, whatever links or paths say
# ------------------------------------------------------------------------------------------------
class TestSandbox:
    def test_a_linked_folder_inside_the_project_is_entered_and_one_leading_out_or_around_is_not(self, tmp_path: Path) -> None:
        """A folder link that stays inside (shared components) is followed; one that leads out of
        the project, and one to a folder around it (which would never end), are not entered."""
        out = outside(tmp_path)
        project = make_project(tmp_path / "p", {
            "pages/b/b.js": "Page({});\n", "pages/b/b.json": '{"usingComponents": {"c-x": "/components/c/c"}}',
            "pages/b/b.swan": "<c-x></c-x>\n", "shared/c/c.js": "Component({});\n",
            "shared/c/c.json": '{"component": true}', "shared/c/c.swan": "<text>shared</text>\n",
            "pages/b/uses.js": "module.exports = require('../../far/secret');\n"})
        link(project / "components", Path("shared"))
        link(project / "far", out)
        link(project / "shared/c/around", Path(".."))
        with SwanRuntime(project=project, clock="virtual") as rt:
            assert rt.open_page("pages/b/b").html() == "<c-x>\n  <text>shared</text>\n</c-x>"
            assert rt.errors == [] and "secret ran" not in [m.text for m in rt.console]

    def test_require_of_a_link_to_a_file_outside_is_a_missing_module(self, tmp_path: Path) -> None:
        """A link out of the project is not followed: `require` fails as for a module that is not
        there (the client's message), and the FileSystemManager refuses the same path."""
        out = outside(tmp_path)
        project = make_project(tmp_path / "p", {"pages/b/b.js": textwrap.dedent("""\
            Page({
              load: function () { try { return require('../../utils/spy'); } catch (e) { return String(e); } },
              read: function () { try { return swan.getFileSystemManager().readFileSync('utils/spy.js', 'utf8'); } catch (e) { return String(e); } }
            });
            """)})
        link(project / "utils/spy.js", out / "secret.js")
        with SwanRuntime(project=project, clock="virtual") as rt:
            page = rt.open_page("pages/b/b")
            assert page.call("load") == 'Error: module "../../utils/spy" is not defined'
            assert page.call("read") == "Error: readFileSync:fail permission denied, open utils/spy.js"
            assert rt.console == [] and rt.errors == []

    def test_a_module_linked_to_dev_zero_costs_no_memory(self, tmp_path: Path) -> None:
        """A link to /dev/zero leads outside the project (it is never read), and a 1 GB module is
        refused at its size cap (spec.json limits.moduleFileBytes) whatever it holds: loading such
        a project takes no more host memory than an empty one (run in a child process whose
        address space is limited to 1 GiB; docs/reliability.md gives the measured peak)."""
        project = make_project(tmp_path / "p", {"pages/b/b.js": "Page({ get: function () { try { return require('./zero'); } catch (e) { return String(e); } } });\n"})
        link(project / "pages/b/zero.js", Path("/dev/zero"))
        link(project / "pages/b/b.swan", Path("/dev/zero"))
        with open(project / "pages/b/huge.js", "wb") as huge:
            huge.truncate(1 << 30)  # sparse: no disk used
        child = textwrap.dedent("""\
            import json, resource, sys
            resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
            from bridge import SwanRuntime
            with SwanRuntime(project=sys.argv[1], clock="virtual") as rt:
                errors = [str(e) for e in rt.errors]
                page = rt.open_page("pages/b/b")
                with open("/proc/self/status") as status:  # VmHWM: this process's own peak (ru_maxrss
                    peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM"))  # keeps the parent's)
                print(json.dumps({"errors": errors, "require": page.call("get"), "html": page.html(),
                                  "peak_mb": peak / 1024}))
            """)
        # (glibc reserves 64 MB of address space per thread's malloc arena: two keep the 1 GiB
        # limit about what is read, not about how many threads the machine's load left running)
        env = {**os.environ, "MALLOC_ARENA_MAX": "2"}
        proc = subprocess.run([sys.executable, "-c", child, str(project)], capture_output=True, text=True, timeout=120, env=env)
        assert proc.returncode == 0, proc.stderr[-2000:]
        report = json.loads(proc.stdout)
        assert report["errors"] == ["Error: pages/b/huge.js: larger than 20 MB, the limit for this kind of file"]
        assert report["require"] == 'Error: module "./zero" is not defined'
        assert report["html"] == ""
        assert report["peak_mb"] < 200

    def test_a_page_path_outside_the_project_is_not_read(self, tmp_path: Path) -> None:
        """`"pages": ["../outside/spy"]` names no file of the project: its json is not opened
        (here it is not even JSON) and opening it fails as for a page without a file."""
        outside(tmp_path)
        project = make_project(tmp_path / "p", {}, app={"pages": ["pages/a/a", "../outside/spy"]})
        with SwanRuntime(project=project, clock="virtual") as rt:
            assert rt.errors == []
            with pytest.raises(ScriptError, match=r'^Error: page "\.\./outside/spy" has no file \.\./outside/spy\.js in the project$'):
                rt.open_page("../outside/spy")
            assert rt.open_page("pages/a/a").data == {"ok": True}

    def test_a_page_json_linked_outside_is_not_read(self, tmp_path: Path) -> None:
        """A page's json that links out of the project is not there: the page opens with no config."""
        out = outside(tmp_path)
        project = make_project(tmp_path / "p", {"pages/b/b.js": "Page({ data: { b: 1 } });\n"})
        link(project / "pages/b/b.json", out / "spy.json")
        with SwanRuntime(project=project, clock="virtual") as rt:
            assert rt.errors == []
            assert rt.open_page("pages/b/b").data == {"b": 1}

    def test_a_template_linked_outside_is_not_read(self, tmp_path: Path) -> None:
        """A template that links out of the project is not there: the page has no view."""
        out = outside(tmp_path)
        project = make_project(tmp_path / "p", {"pages/b/b.js": "Page({});\n"})
        link(project / "pages/b/b.swan", out / "t.swan")
        with SwanRuntime(project=project, clock="virtual") as rt:
            assert rt.open_page("pages/b/b").html() == ""

    def test_a_component_linked_outside_has_no_file(self, tmp_path: Path) -> None:
        """A component whose files link out of the project has no file in it (the framework's
        error for a missing component)."""
        out = outside(tmp_path)
        project = make_project(tmp_path / "p", {"components/card/card.json": '{"component": true}'})
        link(project / "components/card/card.js", out / "card.js")
        link(project / "components/card/card.swan", out / "card.swan")
        with SwanRuntime(project=project, clock="virtual") as rt:
            with pytest.raises(ScriptError, match=r'^Error: component "components/card/card" has no file components/card/card\.js in the project$'):
                rt.mount_component("components/card/card")


# ------------------------------------------------------------------------------------------------
# Modules run at their first require, never while the runtime is built
# ------------------------------------------------------------------------------------------------
class TestModuleWrapper:
    def test_a_module_that_closes_its_wrapper_runs_nothing(self, tmp_path: Path) -> None:
        """A module is compiled as a function body: text that closes the function (`});`) is a
        SyntaxError at that '}', reported when the runtime starts, and nothing after it runs.
        Modules with ES syntax, characters beyond the BMP and a top-level `return` still load."""
        project = make_project(tmp_path / "p", {
            "pages/b/b.js": "Page({});\n}); console.log('escaped'); for (;;) {} (function () {\n",
            "pages/a/a.js": ("import { greet } from '../../utils/greet'\nvar early = require('../../utils/early');\n"
                             "Page({ data: { text: greet('😀𝒳') + ' ' + early } });\n"),
            "utils/greet.js": "export function greet(x) { return 'hi ' + x; } // 😀\n",
            "utils/early.js": "module.exports = 'early';\nif (true) { return; }\nthrow new Error('not reached');\n",
        })
        with SwanRuntime(project=project, clock="virtual", cpu_limit=1) as rt:
            [error] = rt.errors
            assert (error.location, error.message) == (
                "pages/b/b.js:2:1", "SyntaxError: unexpected '}': it closes the function the module is loaded in")
            assert rt.console == []
            assert rt.open_page("pages/a/a").data == {"text": "hi 😀𝒳 early"}
            with pytest.raises(ScriptError) as info:
                rt.open_page("pages/b/b")
            assert info.value.location == "pages/b/b.js:2:1"
            assert rt.console == []

    @pytest.mark.parametrize(("text", "location"), [
        # code in the definition's own call runs before the definition can check anything
        ("Page({});\n}, (globalThis.escaped = 1)); (function () {\n", "pages/b/b.js:2:1"),
        ("Page({});\n  }, void 0, globalThis.escaped = 1); (function () {\n", "pages/b/b.js:2:3"),
        # it throws before the definition is called, so nobody saw where its function ends
        ("Page({});\n}, globalThis.escaped = 1, (function () { throw 1; })()); (function () {\n", "pages/b/b.js:1:1"),
        # it replaces the definition, or defines the other page itself, before the call
        ("}, (__swan_define = function () {}), globalThis.escaped = 1); (function () {\n", "pages/b/b.js:1:1"),
        ("}, __swan_define('pages/a/a.js', 1, function () {}), globalThis.escaped = 1); (function () {\n",
         "pages/b/b.js:1:1"),
        # it declares the definition as a function of its own, or leaves a job for later
        ("}); function __swan_define() {} (function () {\n", "pages/b/b.js:1:1"),
        ("}, Promise.resolve().then(function () { globalThis.escaped = 1; })); (function () {\n", "pages/b/b.js:1:1"),
        # it loops in its call
        ("}, globalThis.escaped = 1, (function () { for (;;) {} })()); (function () {\n", "pages/b/b.js:1:1"),
    ])
    def test_a_module_whose_text_runs_code_in_its_definition_runs_nothing(
            self, tmp_path: Path, text: str, location: str) -> None:
        """A module's text that closes its function and puts code in the definition's own call
        (which the engine runs before the call itself) is refused the same way: nothing of it
        runs in the runtime, the other pages open, and the error is at the '}' that closes the
        function (at the file's start when the definition was not called once, as written)."""
        project = make_project(tmp_path / "p", {"pages/b/b.js": text, "pages/a/a.js": "Page({ data: { ok: 1 } });\n"})
        with SwanRuntime(project=project, clock="virtual", cpu_limit=5) as rt:
            [error] = rt.errors
            assert (error.location, error.message) == (
                location, "SyntaxError: unexpected '}': it closes the function the module is loaded in")
            assert rt.open_page("pages/a/a").data == {"ok": 1}
            rt.run("console.log(typeof escaped)")
            assert [m.text for m in rt.console] == ["undefined"]

    def test_an_sjs_module_is_a_function_body_too(self, tmp_path: Path) -> None:
        """SJS and filter modules (inline or in files) are defined by the host as function bodies,
        as modules are: a text that closes its function never runs (a SyntaxError at its '}', in
        the template's lines for an inline one), one that does not compile is reported with its
        file:line:col when the runtime starts, using either throws that error, and the page
        renders with the others; SJS still sees none of the globals it hides."""
        project = make_project(tmp_path / "p", {
            "pages/a/a.js": "Page({ data: { n: 2 } });\n",
            "pages/a/a.swan": (
                '<import-sjs module="bad">\nmodule.exports = { x: 1 };\n}, (globalThis.escaped = 1)); (function () {\n'
                '</import-sjs>\n'
                '<import-sjs module="good" src="../../utils/good.sjs"></import-sjs>\n'
                '<filter module="broken" src="../../utils/broken.filter.js"></filter>\n'
                '<view class="a">{{good.twice(n)}} {{good.hidden}}</view><view class="b">{{bad.x}}</view>'
                '<view class="c">{{broken.y}}</view>\n'),
            "utils/good.sjs": ("export default {\n  twice: function (v) { return v * 2; },\n"
                               "  hidden: typeof swan + typeof getApp + typeof globalThis + typeof setTimeout\n};\n"),
            "utils/broken.filter.js": "module.exports = {\n  y: 1 +\n};\n",
        })
        with SwanRuntime(project=project, clock="virtual") as rt:
            at_load = [(e.message, e.location) for e in rt.errors]
            assert at_load == [
                ("SyntaxError: unexpected token in expression: '}'", "utils/broken.filter.js:3:1"),
                ("SyntaxError: unexpected '}': it closes the function the module is loaded in", "pages/a/a.swan:3:1"),
            ]
            page = rt.open_page("pages/a/a")
            assert [page.select(f".{c}").text for c in "abc"] == ["4 undefinedundefinedundefinedundefined", "", ""]
            assert sorted((e.message, e.location) for e in rt.errors[2:]) == sorted(at_load)
            rt.run("console.log(typeof escaped)")
            assert [m.text for m in rt.console] == ["undefined"]

    def test_loading_a_project_runs_under_the_timeout(self, tmp_path: Path) -> None:
        """Building a runtime with a project runs JS (the templates are compiled): under the same
        wall-clock deadline as a run, so a timeout that has passed stops it with RunTimeout."""
        project = make_project(tmp_path / "p", {"pages/a/a.swan": "<view>{{a}}</view>\n" * 200})
        with pytest.raises(RunTimeout, match=r"^loading the project was still busy after 1e-09 s$"):
            SwanRuntime(project=project, timeout=1e-9)
        with SwanRuntime(project=project, clock="virtual") as rt:  # the same project, with time to load
            assert rt.open_page("pages/a/a").data == {"ok": True}

    def test_a_30000_line_module_with_es_syntax_loads(self, tmp_path: Path) -> None:
        """The ES module rewrite takes time linear in the file: 30,000 lines that begin like an
        import or an export (in a comment) leave the module, its exports and its lines intact."""
        hostile = "".join(f"import a{i}\nimport {{\nexport {{\n" for i in range(10_000))
        source = (f"import {{ greet }} from './greet'\n/*\n{hostile}*/\n"
                  "export const ready = greet('x');\nfunction fail() { return missing; }\nexport { fail }\n")
        project = make_project(tmp_path / "p", {
            "utils/big.js": source,
            "utils/greet.js": "export function greet(x) { return 'hi ' + x; }\n",
            "pages/b/b.js": "var big = require('../../utils/big');\nPage({ data: { ready: big.ready }, fail: function () { return big.fail(); } });\n",
        })
        with SwanRuntime(project=project, clock="virtual") as rt:
            assert rt.errors == []
            page = rt.open_page("pages/b/b")
            assert page.data == {"ready": "hi x"}
            with pytest.raises(ScriptError) as info:
                page.call("fail")
            assert info.value.location == "utils/big.js:30005:26"


# ------------------------------------------------------------------------------------------------
# Bad text: reported with the file's name and place; the other pages still open
# ------------------------------------------------------------------------------------------------
class TestBadText:
    @pytest.mark.parametrize(("content", "message", "location"), [
        (b"Page({});\nvar s = '\xff';\n", "SyntaxError: invalid UTF-8 (byte 0xff)", "pages/b/b.js:2:10"),
        (b"Page({});\n// \x00\n", "SyntaxError: a NUL character in the source", "pages/b/b.js:2:4"),
    ], ids=["0xff", "NUL"])
    def test_a_module_that_is_not_text(self, tmp_path: Path, content: bytes, message: str, location: str) -> None:
        """A module that is not UTF-8 text the engine can take is reported at its place (as a
        syntax error is), and the other pages still open (docs/harness.md)."""
        project = make_project(tmp_path / "p", {"pages/b/b.js": content})
        with SwanRuntime(project=project, clock="virtual") as rt:
            [error] = rt.errors
            assert (error.location, error.message) == (location, message)
            assert rt.open_page("pages/a/a").data == {"ok": True}
            with pytest.raises(ScriptError) as info:
                rt.open_page("pages/b/b")
            assert (info.value.location, info.value.message) == (
                location, f'Error: module "pages/b/b.js" failed to load: {message}')

    @pytest.mark.parametrize(("content", "message", "location"), [
        ('{"navigationBarTitleText": }', "SyntaxError: Expecting value", "pages/b/b.json:1:28"),
        ('{"a": NaN}', "SyntaxError: pages/b/b.json: NaN is not a JSON value", ""),
        ('{"a": ' + "[" * 150 + "]" * 150 + "}", "SyntaxError: pages/b/b.json: nested deeper than 100 levels", ""),
        ('{"a": ' + "[" * 200_000 + "]" * 200_000 + "}", "SyntaxError: pages/b/b.json: nested deeper than 100 levels", ""),
        ("[1]", "SyntaxError: pages/b/b.json: expected a JSON object", ""),
    ], ids=["malformed", "NaN", "150 levels", "deeper than the parser", "not an object"])
    def test_a_page_json_that_is_not_a_config(self, tmp_path: Path, content: str, message: str, location: str) -> None:
        """A page's json that is not a JSON object is reported with its name (and place), fails
        its page, and the other pages still open."""
        project = make_project(tmp_path / "p", {"pages/b/b.js": "Page({});\n", "pages/b/b.json": content})
        with SwanRuntime(project=project, clock="virtual") as rt:
            [error] = rt.errors
            assert (error.location, error.message) == (location, message)
            assert rt.open_page("pages/a/a").data == {"ok": True}
            with pytest.raises(ScriptError) as info:
                rt.open_page("pages/b/b")
            assert info.value.message == f'Error: module "pages/b/b.js" failed to load: {message}'

    @pytest.mark.parametrize(("content", "reason"), [
        ('{"pages": ' + "[" * 60_000 + "]" * 60_000 + "}", ": nested deeper than 100 levels"),
        ('{"pages": ["pages/a/a"], "window": ' + "{\"a\": " * 150 + "1" + "}" * 150 + "}", ": nested deeper than 100 levels"),
        (b'{"pages": ["pages/a/a"], "x": "\xff"}', ":1:32: invalid UTF-8 (byte 0xff)"),
    ], ids=["60,000 levels", "150 levels", "0xff"])
    def test_an_app_json_that_cannot_be_used(self, tmp_path: Path, content: str | bytes, reason: str) -> None:
        """app.json is the project: one that cannot be used refuses it with a ProjectError that
        names the file (a RecursionError never reaches the caller)."""
        project = make_project(tmp_path / "p", {})
        (project / "app.json").write_bytes(content if isinstance(content, bytes) else content.encode())
        with pytest.raises(ProjectError) as info:
            SwanRuntime(project=project)
        assert str(info.value) == f"{project / 'app.json'}{reason}"

    def test_a_network_timeout_beyond_a_double_is_ignored(self, tmp_path: Path) -> None:
        """app.json networkTimeout values that are no usable number of ms (an integer beyond a
        double, 1e400) are ignored, as other bad values are (docs/harness.md)."""
        project = make_project(tmp_path / "p", {}, app={"pages": ["pages/a/a"],
                                                        "networkTimeout": {"request": 10**400, "downloadFile": 5}})
        (project / "app.json").write_text((project / "app.json").read_text().replace('"downloadFile": 5', '"downloadFile": 5, "uploadFile": 1e400'))
        with SwanRuntime(project=project, clock="virtual") as rt:
            assert rt.open_page("pages/a/a").data == {"ok": True}

    def test_a_network_timeout_over_the_clients_maximum_is_that_maximum(self, tmp_path: Path, server: EmbeddedServer) -> None:
        """app.json networkTimeout values over 60 s, the client's maximum (net_rule.md), are 60 s:
        every transfer and socket works (a socket's timeout cannot hold 1e13 ms)."""
        project = make_project(tmp_path / "p", {}, app={"pages": ["pages/a/a"], "networkTimeout": {
            "request": 1e13, "downloadFile": 1e300, "uploadFile": 10**20, "connectSocket": 1e13}})
        with SwanRuntime(project=project, route_all_to=server.url, timeout=5) as rt:
            result = rt.run("""
            swan.request({url: 'https://a.example/x?size=10', success(r) { console.log('request', r.statusCode); },
                          fail(e) { console.log('request', e.errMsg); }});
            swan.downloadFile({url: 'https://a.example/x?size=10', success(r) { console.log('downloadFile', r.statusCode); },
                               fail(e) { console.log('downloadFile', e.errMsg); }});
            var t = swan.connectSocket({url: 'wss://a.example/ws'});
            t.onOpen(function () { console.log('socket open'); t.close({}); });
            t.onError(function (e) { console.log('socket', e.errMsg); });
            """)
            assert sorted(result.output.splitlines()) == ["downloadFile 200", "request 200", "socket open"]
