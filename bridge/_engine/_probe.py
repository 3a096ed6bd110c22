"""Which wrapped module definitions keep the module's text inside its function.

A module is defined as `__swan_define(path, length, function (...) {` + its text + `});`. Its
text may close that function early and put code in the call itself (`}, evil());`), which the
engine runs before the definition can check anything. So before a definition runs in a runtime,
it runs in an empty engine of its own (no host functions, its own memory and CPU limits), whose
`__swan_define` only notes the length of the function it is given: a definition is safe when
that engine saw exactly one call for its path, with a function as long as the whole wrapped
text. Whatever an escaping text does there touches nothing of the runtime's. The answer for a
text is remembered for the process, so a suite that loads one project per test checks it once.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import quickjs

#: CPU seconds one definition may take there: parsing the largest module the loader reads, as
#: defining a function runs nothing of its body.
_CPU_SECONDS = 2.0


class OutOfTime(Exception):
    """The deadline passed before every definition was looked at."""


#: Set up before any module text runs. `__swan_define` is a getter that cannot be replaced or
#: shadowed by a function declaration: reading it shows that the text parsed and began to run.
#: The intrinsics it uses are taken first, and what it notes is reported as a string built from
#: numbers only, so nothing a text redefines changes the report.
_RECORDER = r"""(function () {
  var apply = Reflect.apply, toString = Function.prototype.toString, defineProperty = Object.defineProperty;
  var expected = null, started = 0, lengths = [];
  function define(path, length, factory) {
    if (path !== expected) return;
    var n = -1;
    try { if (typeof factory === 'function') n = apply(toString, factory, []).length; } catch (e) { n = -1; }
    defineProperty(lengths, lengths.length, { value: n, writable: true, enumerable: true, configurable: true });
  }
  var getter = { configurable: false, enumerable: false, get: function () { started++; return define; } };
  defineProperty(globalThis, '__swan_define', getter);
  defineProperty(globalThis, '__swan_sjs', getter);
  return function (next) {
    var out = '' + started;
    for (var i = 0; i < lengths.length; i++) out += ' ' + lengths[i];
    expected = next; started = 0; lengths = [];
    return out;
  };
})()"""

#: What a definition was found to be, by its text: INSIDE (it stays in its function) or
#: UNPARSED (the engine refuses it before it runs); an escaping one is never kept.
INSIDE = "inside"
UNPARSED = "unparsed"
_KNOWN: OrderedDict[bytes, str] = OrderedDict()
_KNOWN_KEPT = 4096


@dataclass
class Verdicts:
    """What the probe found of a batch of definitions, by path."""

    #: The ones whose text leaves its function -> the length of the function their definition
    #: was called with (None when it was not called exactly once).
    escaped: dict[str, int | None] = field(default_factory=dict)
    #: The ones the engine does not parse (it reports its own SyntaxError; nothing of them runs).
    unparsed: set[str] = field(default_factory=set)

    def left(self, key: str, body: str) -> bool:
        """Whether a definition is not one to define with the others: it escapes, does not
        parse, or has no body (a file that could not be read)."""
        return not body or key in self.escaped or key in self.unparsed


def _key(definition: tuple[str, str, str, int]) -> bytes:
    path, header, body, _ = definition
    digest = hashlib.blake2b(digest_size=20)
    for part in (path, header, body):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.digest()


def probe(definitions: Sequence[tuple[str, str, str, int]], *, memory_limit: int | None = None,
          deadline: float | None = None) -> Verdicts:
    """Look at (path, header, body, length) definitions in an engine of their own (with the
    runtime's `memory_limit`, in bytes); each text is looked at once per process. OutOfTime
    once `deadline` (monotonic) passes."""
    verdicts = Verdicts()
    unknown = []
    for definition in definitions:
        known = _KNOWN.get(_key(definition))
        if known is None:
            unknown.append(definition)
        elif known == UNPARSED:
            verdicts.unparsed.add(definition[0])
    if unknown:
        _probe(unknown, memory_limit, deadline, verdicts)
    for definition in unknown:
        path = definition[0]
        if path not in verdicts.escaped:
            _KNOWN[_key(definition)] = UNPARSED if path in verdicts.unparsed else INSIDE
            while len(_KNOWN) > _KNOWN_KEPT:
                _KNOWN.popitem(last=False)
    return verdicts


def _probe(definitions: Sequence[tuple[str, str, str, int]], memory_limit: int | None,
           deadline: float | None, verdicts: Verdicts) -> None:
    """Run the definitions, one script each, in one new engine, noting what each is."""
    context, report = _engine(memory_limit)
    for path, header, body, length in definitions:
        left = _CPU_SECONDS if deadline is None else min(_CPU_SECONDS, deadline - time.monotonic())
        if left <= 0:
            raise OutOfTime
        context.set_time_limit(left)
        report(path)
        failure = ""
        try:
            context.eval(header + "\n" + body + "\n;void 0;")
        except Exception as exc:  # noqa: BLE001 - judged with what the engine saw, below
            failure = str(exc)
        try:
            started, *calls = (int(n) for n in report(None).split())
        except Exception:  # noqa: BLE001 - the engine is spent (memory): refuse what is left
            started, calls = 1, []
        if started == 0 and failure.startswith("SyntaxError"):
            verdicts.unparsed.add(path)
        elif calls != [length]:
            verdicts.escaped[path] = calls[0] if len(calls) == 1 and calls[0] >= 0 else None
            context, report = _engine(memory_limit)  # what it left cannot touch the next text


def utf16_length(text: str) -> int:
    """The length of `text` as JS counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def wrapped_length(header: str) -> int:
    """The length a definition's header passes (`__swan_define(<JSON string>, <length>, ...`):
    its function's whole source text."""
    _, end = _JSON.raw_decode(header, header.index("(") + 1)
    return int(header[end:].lstrip(", ").partition(",")[0])


def function_head(header: str) -> str:
    """The head of a definition's function (`function (...) {`), as its source text begins."""
    _, end = _JSON.raw_decode(header, header.index("(") + 1)
    return header[end:].lstrip(", ").partition(", ")[2]


_JSON = json.JSONDecoder()


def _engine(memory_limit: int | None) -> tuple[quickjs.Context, Any]:
    """A new engine with the recorder set up, and the recorder's report function."""
    context = quickjs.Context()
    if memory_limit is not None:
        context.set_memory_limit(memory_limit)
    report = context.eval(_RECORDER)
    report(None)
    return context, report
