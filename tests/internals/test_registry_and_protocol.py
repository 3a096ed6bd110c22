"""The single sources of truth: the shim's file list, the API registry on both sides, the failure
kinds, and the protocol's one percent computation.

Why inside: these are the declarations themselves (the registry, the bundle, the spec), checked
against each other; every script-visible consequence is tested through the public API elsewhere."""

from __future__ import annotations

import json
import re

import pytest

from bridge import SwanRuntime
from bridge._engine._bundle import LAZY_FILES, SHIM_FILES, VIEW_FILES, shim_bundle
from bridge._exceptions import HostFailure
from bridge._protocol import ERROR_KINDS, failure_event, percent
from bridge._registry import RegistryMismatch, api, check_registry, handlers_of, merge
from bridge._resources import shim_dir


@pytest.mark.parametrize("view", [True, False])
def test_every_file_in_js_shim_is_loaded_once_in_the_listed_order(view: bool) -> None:
    """Every file once, in SHIM_FILES' order; the view's files only in a bundle for runtimes that render."""
    assert sorted(SHIM_FILES) == sorted(p.relative_to(shim_dir()).as_posix() for p in shim_dir().rglob("*.js"))
    assert set(VIEW_FILES) < set(SHIM_FILES)
    names = [name for name in SHIM_FILES if view or name not in VIEW_FILES]
    bundle = shim_bundle(view)
    header = json.loads(re.match(r".*?sources: (\[.*?\]), lazy: ", bundle.source).group(1))  # type: ignore[union-attr]
    assert [entry["name"] for entry in header] == [f"swan-bridge/{name}" for name in names]
    assert bundle.files == tuple(name for name in names if name not in LAZY_FILES)
    assert bundle.lazy == tuple(name for name in names if name in LAZY_FILES) and len(bundle.lazy) == len(LAZY_FILES)
    for entry, name in zip(header, names):
        # A file loaded at first use is a script of its own, padded to the same range.
        source = bundle.lazy_sources[bundle.lazy.index(name)] if name in LAZY_FILES else bundle.source
        lines = source.split("\n")
        text = (shim_dir() / name).read_text(encoding="utf-8").split("\n")
        # Each file keeps its own line numbers inside its range (only its first line is prefixed).
        assert lines[entry["first"] - 1].endswith(text[0])
        assert lines[entry["first"]: entry["first"] + entry["count"] - 1] == text[1:]


def test_a_runtime_loads_the_views_files_only_with_a_project() -> None:
    """A script runtime starts without the template compiler and renderer (a third of the shim),
    and its selector queries find no rendered view; a project's runtime has them."""
    from support import PROJECTS

    eager = tuple(name for name in SHIM_FILES if name not in LAZY_FILES)
    with SwanRuntime():
        pass  # the first runtime of a bundle loads every file, to learn what the lazy ones define
    with SwanRuntime() as rt:
        # Why inside: which shim files a runtime loaded is not visible through the public API.
        assert rt._engine.shim_files == tuple(name for name in eager if name not in VIEW_FILES)
        rt.run("""swan.createSelectorQuery().select('#a').boundingClientRect().selectViewport().scrollOffset()
                  .exec(function (res) { console.log(JSON.stringify(res)); });""")
        assert [m.text for m in rt.console] == ['[null,null]']
    with SwanRuntime(project=PROJECTS / "shop"):
        pass
    with SwanRuntime(project=PROJECTS / "shop") as rt:
        assert rt._engine.shim_files == eager


def test_the_shim_the_host_and_the_api_table_agree() -> None:
    """Each API is declared once per side (shim.defineApi; a Python handler marked @api): both
    name the same APIs in the same families, and the generated table lists exactly those."""
    from bridge._catalog import catalog
    from bridge._resources import documented_apis
    from bridge.testing import api_registry

    with SwanRuntime() as rt:  # starting at all means the registry check passed
        registry = api_registry(rt)
    carried_out = {name: shim for name, (shim, host) in registry.items() if host is not None}
    assert all(shim == host for shim, host in registry.values() if host is not None)
    assert {name for name, (shim, host) in registry.items() if host is None} == {
        name for name, (shim, _) in registry.items() if shim == "unsupported"}
    assert set(carried_out.values()) == {
        "transfer", "socket", "files", "fs", "media", "storage", "system", "route", "tabbar", "ui", "content",
        "identity", "location", "payment", "device", "native", "ai", "image", "album", "document", "audio", "canvas",
        "component"}
    assert len(carried_out) == 202  # the APIs carried out today: one lost (or added) changes this
    # Every other documented asynchronous API exists, as "unsupported".
    unsupported = {name for name, (shim, _) in registry.items() if shim == "unsupported"}
    assert unsupported == set(documented_apis()["async"]) - set(carried_out)
    table = {entry.name for entry in catalog() if entry.kind == "callbacks"}
    assert table == set(registry)


def test_a_registry_mismatch_is_found_at_start_up() -> None:
    class Transfers:
        @api("transfer", started=True)
        def uploadFile(self, call_id: int, name: str, params: dict) -> None:
            pass

        @api("transfer", started=True)
        def downloadFile(self, call_id: int, name: str, params: dict) -> None:
            pass

    handlers = handlers_of(Transfers())
    assert set(check_registry({"uploadFile": "transfer", "downloadFile": "transfer"}, handlers)) == {"uploadFile", "downloadFile"}
    with pytest.raises(RegistryMismatch, match="request \\(family 'transfer'\\) has no host handler"):
        check_registry({"uploadFile": "transfer", "downloadFile": "transfer", "request": "transfer"}, handlers)
    with pytest.raises(RegistryMismatch, match="downloadFile is handled by the host but not declared in the shim"):
        check_registry({"uploadFile": "transfer"}, handlers)
    with pytest.raises(RegistryMismatch, match="uploadFile is family 'files' in the shim but 'transfer' in the host"):
        check_registry({"uploadFile": "files", "downloadFile": "transfer"}, handlers)
    with pytest.raises(RegistryMismatch, match="(up|down)loadFile has two host handlers"):
        merge([handlers, handlers])
    # An API of the open "unsupported" family needs no handler of its own.
    assert check_registry({"vibrateShort": "unsupported"}, {}) == {"vibrateShort": None}


def test_a_misspelled_failure_kind_is_an_error() -> None:
    assert failure_event(1, "not_found")["kind"] == "not_found"
    with pytest.raises(ValueError, match="unknown failure kind 'nto_found'"):
        failure_event(1, "nto_found")
    with pytest.raises(ValueError, match="unknown failure kind 'timout'"):
        HostFailure("timout")
    assert all(HostFailure(kind).kind == kind for kind in ERROR_KINDS)


@pytest.mark.parametrize(("done", "total", "expected"), [(0, None, 0), (5, None, 0), (0, 0, 100), (0, 10, 0), (9, 10, 90),
                                                         (10, 10, 100), (11, 10, 100), (5_000_000_000, 6_000_000_000, 83)])
def test_percent_is_computed_in_one_place(done: int, total: int | None, expected: int) -> None:
    assert percent(done, total) == expected


def test_a_handler_table_makes_each_group_at_its_first_call_and_checks_once_per_shim() -> None:
    """Why inside: when a runtime binds its handlers is not visible through the public API."""
    from bridge._registry import HandlerTable

    made: list[str] = []

    class One:
        @api("one")
        def alpha(self, name: str, params: dict) -> dict:
            return {}

    class Two:
        @api("two", scripted=True)
        def beta(self, name: str, params: dict) -> dict:
            return {}

    def group(name: str, owner: object):
        def make():
            made.append(name)
            return handlers_of(owner)
        return make

    groups = {"one": group("one", One()), "two": group("two", Two())}
    declared = {"alpha": "one", "beta": "two", "gamma": "unsupported"}
    with pytest.raises(RegistryMismatch, match="alpha is family 'x' in the shim but 'one' in the host"):
        HandlerTable("shim-a", lambda: {**declared, "alpha": "x"}, groups)
    made.clear()
    first = HandlerTable("shim-b", lambda: declared, groups)  # the first of its shim: all, checked
    assert made == ["one", "two"] and first.scripted == ("beta",)
    made.clear()
    later = HandlerTable("shim-b", lambda: pytest.fail("checked again"), groups)
    assert made == [] and sorted(later) == ["alpha", "beta", "gamma"] and later.scripted == ("beta",)
    assert later["gamma"] is None and made == []
    assert later["beta"].family == "two" and later["beta"].scripted and made == ["two"]
    later["beta"]
    assert made == ["two"]
    with pytest.raises(KeyError):
        later["delta"]
