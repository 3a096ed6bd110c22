"""The docs' table of every swan API (docs/apis.md) is generated from the registry, and matches what runs."""

from __future__ import annotations

import json

import pytest

from support import ROOT

from bridge import SwanRuntime
from bridge._catalog import FAMILY_ANSWERS, SYNC_ANSWERS, catalog, markdown


def _docs_table() -> list[str]:
    text = (ROOT / "docs" / "apis.md").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index(markdown()[0])
    table = lines[start:]
    return table[: next((i for i, line in enumerate(table) if not line.startswith("|")), len(table))]


def test_the_docs_table_is_the_generated_one() -> None:
    expected = markdown()
    assert _docs_table() == expected, "docs/apis.md API table should be (python -m bridge._catalog):\n" + "\n".join(expected)


def test_every_documented_api_is_answered_none_is_left_not_supported() -> None:
    """Every name of js_shim/api_names.json is carried out (a family of its own, true for
    canIUse): the table has no "not supported" row."""
    rows = catalog()
    documented = json.loads((ROOT / "js_shim" / "api_names.json").read_text(encoding="utf-8"))
    names = {name for group in documented.values() if isinstance(group, list) for name in group if isinstance(name, str)}
    assert names and names <= {row.name for row in rows}
    assert [row.name for row in rows if "not supported" in row.answer] == []
    assert [line for line in _docs_table() if "not supported" in line] == []


def test_every_family_has_one_line_and_every_line_a_family() -> None:
    # "unsupported" keeps its line when no documented API is left in it: a name the docs add
    # later lands there until it is carried out.
    with SwanRuntime() as rt:
        families = set(rt._engine.apis.values())
    assert sorted(FAMILY_ANSWERS) == sorted(families | {"unsupported"})


@pytest.fixture
def made_up_docs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The documented API list with one asynchronous and one Sync name nothing carries out (as
    when Baidu documents a new API), for the tests of the "not supported" answers: every name
    the docs list today is carried out."""
    import bridge._catalog
    import bridge._engine._context
    import bridge._runtime._runtime
    from bridge._resources import documented_apis

    real = documented_apis()
    listed = {"async": [*real["async"], "madeUpApi"], "sync": [*real["sync"], "madeUpSync"]}
    monkeypatch.setattr(bridge._catalog, "documented_apis", lambda: listed)
    monkeypatch.setattr(bridge._runtime._runtime, "documented_apis", lambda: listed)
    # The declared APIs are read once per shim and kept; these runtimes declare two more.
    monkeypatch.setattr(bridge._engine._context, "_DECLARED", {})


def test_the_table_says_what_swan_can_i_use_says(made_up_docs: None) -> None:
    # What the table calls carried out, recorded or scripted, swan.canIUse answers true for;
    # what it calls not supported, false; and each such API does fail with "not supported".
    entries = catalog()
    names = [e.name for e in entries]
    with SwanRuntime() as rt:
        out = rt.run("console.log(JSON.stringify(%s.map(function (n) { return swan.canIUse(n); })))" % json.dumps(names))
        usable = dict(zip(names, json.loads(out.console[-1].text)))
        unsupported = [e.name for e in entries if e.answer in (FAMILY_ANSWERS["unsupported"], SYNC_ANSWERS[False])]
        assert unsupported and all(not usable[name] for name in unsupported)
        assert all(usable[e.name] for e in entries if e.name not in unsupported)
        first = next(e.name for e in entries if e.answer == FAMILY_ANSWERS["unsupported"])
        result = rt.run("swan.%s({fail: function (e) { console.log(e.errCode + ' ' + e.errMsg); }})" % first)
        assert result.console[-1].text == f"1001 {first}:fail not supported by swan-bridge"


def test_a_sync_placeholder_returns_the_not_supported_error_and_the_others_do_not(made_up_docs: None) -> None:
    entries = [e for e in catalog() if e.kind == "returns at once" and not e.name.rsplit(".", 1)[-1].startswith(("on", "off"))]
    placeholders = {e.name for e in entries if e.answer == SYNC_ANSWERS[False]}
    assert placeholders
    with SwanRuntime() as rt:
        out = rt.run("""
        var names = %s, seen = {};
        names.forEach(function (name) {
          var fn = name.split('.').reduce(function (node, part) { return node[part]; }, swan);
          var value;
          try { value = fn(); } catch (e) { value = e; }
          seen[name] = value instanceof Error && / not supported by swan-bridge$/.test(value.message);
        });
        console.log(JSON.stringify(seen));
        """ % json.dumps([e.name for e in entries]))
        seen = json.loads(out.console[-1].text)
    assert {name for name, unsupported in seen.items() if unsupported} == placeholders
