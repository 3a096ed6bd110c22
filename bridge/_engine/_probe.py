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
  defineProperty(globalThis, '__swan_define', { configurable: false, enumerable: false, get: function () { started++; return define; } });
  return function (next) {
    var out = '' + started;
    for (var i = 0; i < lengths.length; i++) out += ' ' + lengths[i];
    expected = next; started = 0; lengths = [];
    return out;
  };
})()"""

_SAFE: OrderedDict[bytes, bool] = OrderedDict()
_SAFE_KEPT = 4096


def _key(definition: tuple[str, str, str, int]) -> bytes:
    path, header, body, _ = definition
    digest = hashlib.blake2b(digest_size=20)
    for part in (path, header, body):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.digest()


def escaping(definitions: Sequence[tuple[str, str, str, int]], *, memory_limit: int | None = None,
             deadline: float | None = None) -> dict[str, int | None]:
    """Of (path, header, body, length) definitions, the ones whose text leaves its function:
    path -> the length of the function its definition was called with (None when it was not
    called exactly once). A text that does not parse is not one of them: the engine refuses it
    before anything of it runs. The probe's engine has the runtime's `memory_limit` (bytes).
    OutOfTime once `deadline` (monotonic) passes."""
    unknown = [d for d in definitions if _SAFE.get(_key(d)) is None]
    if not unknown:
        return {}
    found = _probe(unknown, memory_limit, deadline)
    for definition in unknown:
        if definition[0] not in found:
            _SAFE[_key(definition)] = True
            while len(_SAFE) > _SAFE_KEPT:
                _SAFE.popitem(last=False)
    return found


def _probe(definitions: Sequence[tuple[str, str, str, int]], memory_limit: int | None,
           deadline: float | None) -> dict[str, int | None]:
    """Run the definitions, one script each, in one new engine; the escaping ones."""
    context, report = _engine(memory_limit)
    found: dict[str, int | None] = {}
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
            continue  # it did not parse: the runtime's engine refuses it the same way
        if calls != [length]:
            found[path] = calls[0] if len(calls) == 1 and calls[0] >= 0 else None
            context, report = _engine(memory_limit)  # what it left cannot touch the next text
    return found


def _engine(memory_limit: int | None) -> tuple[quickjs.Context, Any]:
    """A new engine with the recorder set up, and the recorder's report function."""
    context = quickjs.Context()
    if memory_limit is not None:
        context.set_memory_limit(memory_limit)
    report = context.eval(_RECORDER)
    report(None)
    return context, report
