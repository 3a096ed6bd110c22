"""ES module syntax to CommonJS, line for line, as the swan build does before a phone runs a file.

Mini-program sources use `import x from './a'` and `export default {...}`; the client runs
CommonJS. This is a small, line-preserving rewrite of the static forms at the start of a
statement (each replacement keeps the newlines it replaces, so every line keeps its number):

    import x from 'm'            var x = __swan_default(require('m'))
    import * as ns from 'm'      var ns = require('m')
    import {a, b as c} from 'm'  var __m0 = require('m'), a = __m0.a, c = __m0.b
    import x, {a} from 'm'       (both of the above)
    import 'm'                   require('m')
    export default <expr>        exports.default = <expr>
    export default function f / class C
                                 the declaration; `exports.default = f` at the end
    export const|let|var a = .., export function f, export class C
                                 the declaration; `exports.a = a` at the end
    export {a, b as c}           exports.a = a; exports.c = b
    export {a} from 'm', export * from 'm'
                                 copied from require('m')

Dynamic `import()` and anything inside strings or comments are left alone. A file with none of
these is returned unchanged.

The rewrite takes time linear in the file's size, whatever it holds: each line is looked at once,
and a statement is matched within its own lines (the line it starts on, and for a `{...}` list
that spans lines, the lines up to its `}`), never against the rest of the file.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

_NAME = r"[A-Za-z_$][\w$]*"
_START = r"([ \t]*)"
_SOURCE = r"""(?P<q>['"])(?P<src>[^'"\n]+)(?P=q)[ \t]*;?"""
#: A `{...}` list of names: no braces, quotes, parentheses or semicolons inside.
_BRACES = r"""\{[^{}'"();]*\}"""
_WORD = r"[\w$]+"

_IMPORT = re.compile(
    _START + rf"import\s+(?P<what>(?:{_WORD}\s*,\s*)?(?:\*\s*as\s+{_WORD}|{_BRACES}|{_WORD}))\s*from\s*" + _SOURCE
)
_IMPORT_BARE = re.compile(_START + r"import\s*" + _SOURCE)
_EXPORT_FROM = re.compile(_START + rf"export\s*(?P<what>\*|{_BRACES})\s*from\s*" + _SOURCE)
_EXPORT_LIST = re.compile(_START + r"""export\s*\{(?P<names>[^{}'"();]*)\}[ \t]*;?""")
_EXPORT_DEFAULT_DECL = re.compile(_START + rf"export\s+default\s+(?P<kind>(?:async\s+)?function\s*\*?|class)\s+(?P<name>{_NAME})")
_EXPORT_DEFAULT = re.compile(_START + r"export\s+default\s+")
_EXPORT_DECL = re.compile(_START + rf"export\s+(?P<kind>(?:async\s+)?function\s*\*?|class|const|let|var)\s+(?P<rest>{_NAME}|[{{\[])")
#: A line that opens a `{...}` list of an import or export and does not close it.
_OPENS_LIST = re.compile(rf"[ \t]*(?:import\s+(?:{_WORD}\s*,\s*)?|export\s*)\{{[^}}]*$")
#: What ends a `{...}` list that spans lines, or shows it is not one.
_LIST_STOP = re.compile(r"""[{}'"();]""")


#: Runs before the body of a module that used ES module syntax.
PRELUDE = (
    "var __swan_default = function (m) { return m && m.__esModule ? m['default'] : m; };"
    "Object.defineProperty(exports, '__esModule', { value: true });"
)


def _keep_lines(original: str, replacement: str) -> str:
    return replacement + "\n" * original.count("\n")


def _names(spec: str) -> list[tuple[str, str]]:
    """`a, b as c` -> [("a", "a"), ("b", "c")] (imported or local name, bound or exported name)."""
    out = []
    for part in spec.replace("\n", " ").split(","):
        words = part.split()
        if not words:
            continue
        if len(words) == 3 and words[1] == "as":
            out.append((words[0], words[2]))
        else:
            out.append((words[0], words[0]))
    return out


def _declared(kind: str, rest_of_line: str) -> list[str]:
    """Names a `const/let/var` declaration binds (plain names and simple destructuring)."""
    if "function" in kind or kind == "class":
        match = re.match(_NAME, rest_of_line)
        return [match.group(0)] if match else []
    head = rest_of_line.split(";")[0]
    if head[:1] in "{[":
        inner = head[1: head.find("}" if head[0] == "{" else "]")]
        return [name.split(":")[-1].split("=")[0].strip() for name in inner.split(",") if name.strip()]
    names = []
    depth = 0
    for token in re.split(r"(,|\(|\)|\[|\]|\{|\})", head):
        if token in "([{":
            depth += 1
        elif token in ")]}":
            depth -= 1
        elif token == ",":
            continue
        elif depth == 0:
            match = re.match(r"\s*(" + _NAME + r")\s*(=|$)", token)
            if match:
                names.append(match.group(1))
    return names


def _statements(lines: list[str]) -> Iterator[tuple[int, int]]:
    """(first, last) line of each place a static import or export may start: a line beginning
    with `import` or `export`, with the lines of a `{...}` list it opens up to the one that closes
    it. A line is scanned for a list's end by at most one statement, since the scan stops at
    any line holding a brace."""
    count = len(lines)
    for i, line in enumerate(lines):
        if not line.lstrip(" \t").startswith(("import", "export")):
            continue
        last = i
        if _OPENS_LIST.match(line):
            for j in range(i + 1, count):
                stop = _LIST_STOP.search(lines[j])
                if stop is not None:
                    if stop.group() == "}":
                        last = j
                    break
        yield i, last


def to_commonjs(source: str) -> tuple[str, bool]:
    """The source with its static ES module syntax rewritten to CommonJS, lines unchanged, and
    whether it had any (then `PRELUDE` must run first, in the module's scope)."""
    if "import" not in source and "export" not in source:
        return source, False
    counter = itertools.count()
    # Exports assigned once the module body has run: the default first, then the declarations.
    defaults: list[str] = []
    tail: list[str] = []

    def imported(m: re.Match[str]) -> str:
        indent, what, src = m.group(1), m.group("what").strip(), m.group("src")
        default, _, rest = what.partition(",") if not what.startswith(("{", "*")) else ("", "", what)
        parts = []
        module = f"require({src!r})"
        rest = rest.strip()
        if rest.startswith("*"):
            parts.append(f"var {rest.split()[-1]} = {module};")
        elif rest.startswith("{"):
            temp = f"__swan_m{next(counter)}"
            bindings = "".join(f", {local} = {temp}.{name}" for name, local in _names(rest.strip("{} \n")))
            parts.append(f"var {temp} = {module}{bindings};")
        if default.strip():
            parts.insert(0, f"var {default.strip()} = __swan_default({module});")
        return _keep_lines(m.group(0), indent + " ".join(parts))

    def export_from(m: re.Match[str]) -> str:
        indent, what, module = m.group(1), m.group("what"), f"require({m.group('src')!r})"
        if what == "*":
            code = f"(function (m) {{ Object.keys(m).forEach(function (k) {{ if (k !== 'default') exports[k] = m[k]; }}); }})({module});"
        else:
            temp = f"__swan_m{next(counter)}"
            code = f"var {temp} = {module};" + "".join(f" exports.{out} = {temp}.{name};" for name, out in _names(what.strip("{} \n")))
        return _keep_lines(m.group(0), indent + code)

    def export_list(m: re.Match[str]) -> str:
        code = " ".join(f"exports.{out} = {name};" for name, out in _names(m.group("names")))
        return _keep_lines(m.group(0), m.group(1) + code)

    def export_default_decl(m: re.Match[str]) -> str:
        defaults.append(f"exports.default = {m.group('name')};")
        return f"{m.group(1)}{m.group('kind')} {m.group('name')}"

    def export_default(m: re.Match[str]) -> str:
        return f"{m.group(1)}exports.default = "

    def export_decl(m: re.Match[str]) -> str:
        text = m.string
        line_end = text.find("\n", m.end())
        rest = m.group("rest") + text[m.end(): line_end if line_end != -1 else len(text)]
        tail.extend(f"exports.{name} = {name};" for name in _declared(m.group("kind"), rest))
        return f"{m.group(1)}{m.group('kind')} {m.group('rest')}"

    forms: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
        (_IMPORT, imported),
        (_IMPORT_BARE, lambda m: _keep_lines(m.group(0), f"{m.group(1)}require({m.group('src')!r});")),
        (_EXPORT_FROM, export_from),
        (_EXPORT_LIST, export_list),
        (_EXPORT_DEFAULT_DECL, export_default_decl),
        (_EXPORT_DEFAULT, export_default),
        (_EXPORT_DECL, export_decl),
    ]
    lines = source.split("\n")
    out: list[str] = []
    done = 0  # lines[:done] are in `out`
    for first, last in _statements(lines):
        if first < done:
            continue  # inside a statement already rewritten
        statement = "\n".join(lines[first: last + 1])
        for pattern, rewrite in forms:
            m = pattern.match(statement)
            if m is not None:
                out.extend(lines[done:first])
                out.append(rewrite(m) + statement[m.end():])  # as many lines as the statement
                done = last + 1
                break
    if not out:
        return source, False
    out.extend(lines[done:])
    tail = defaults + tail
    # The tail goes after the last line, so no line moves; a trailing line comment ends first.
    return "\n".join(out) + ("\n;" + " ".join(tail) if tail else ""), True
