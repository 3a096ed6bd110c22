"""The foundation's single sources of truth: the shim's file list, the API registry on both
sides, the failure kinds, and the protocol's one percent computation."""

from __future__ import annotations

import json
import re

import pytest

from bridge import SwanRuntime
from bridge._exceptions import HostFailure
from bridge._protocol import ERROR_KINDS, failure_event, percent
from bridge._registry import ApiFamily, RegistryMismatch, check_registry
from bridge._resources import SHIM_FILES, shim_bundle, shim_dir


def test_every_file_in_js_shim_is_loaded_once_in_the_listed_order() -> None:
    assert sorted(SHIM_FILES) == sorted(p.relative_to(shim_dir()).as_posix() for p in shim_dir().rglob("*.js"))
    bundle = shim_bundle()
    header = json.loads(re.match(r".*?sources: (\[.*?\]) };", bundle.source).group(1))  # type: ignore[union-attr]
    assert [entry["name"] for entry in header] == [f"swan-bridge/{name}" for name in SHIM_FILES]
    lines = bundle.source.split("\n")
    for entry, name in zip(header, SHIM_FILES):
        text = (shim_dir() / name).read_text(encoding="utf-8").split("\n")
        # Each file keeps its own line numbers inside its range (only its first line is prefixed).
        assert lines[entry["first"] - 1].endswith(text[0])
        assert lines[entry["first"]: entry["first"] + entry["count"] - 1] == text[1:]


def test_the_shim_and_the_host_declare_the_same_apis() -> None:
    from bridge._files import FILE_APIS
    from bridge._fs import FS_APIS
    from bridge._harness import CONTENT_APIS, IDENTITY_APIS, LOCATION_APIS, PAYMENT_APIS, ROUTE_APIS, TAB_BAR_APIS, UI_APIS
    from bridge._resources import documented_apis
    from bridge._transfers import SOCKET_APIS
    from bridge._storage import STORAGE_APIS, SYSTEM_APIS
    from bridge._transfers import TRANSFER_APIS

    with SwanRuntime() as rt:  # starting at all means the registry check passed
        declared = rt._engine.apis
    carried_out = {api: family for api, family in declared.items() if family != "unsupported"}
    assert carried_out == {
        **dict.fromkeys(TRANSFER_APIS, "transfer"), **dict.fromkeys(FILE_APIS, "files"), "chooseImage": "media",
        **dict.fromkeys(UI_APIS, "ui"), **dict.fromkeys(ROUTE_APIS, "route"),
        **dict.fromkeys(STORAGE_APIS, "storage"), **dict.fromkeys(SYSTEM_APIS, "system"),
        **dict.fromkeys(TAB_BAR_APIS, "tabbar"), **dict.fromkeys(IDENTITY_APIS, "identity"),
        **dict.fromkeys(LOCATION_APIS, "location"), **dict.fromkeys(PAYMENT_APIS, "payment"),
        **dict.fromkeys(SOCKET_APIS, "socket"), **dict.fromkeys(CONTENT_APIS, "content"),
        **dict.fromkeys(FS_APIS, "fs"),
    }
    # Every other documented asynchronous API exists, as "unsupported".
    unsupported = {api for api, family in declared.items() if family == "unsupported"}
    assert unsupported == set(documented_apis()["async"]) - set(carried_out)


def test_a_registry_mismatch_is_found_at_start_up() -> None:
    def start(call_id: int, api: str, params: dict) -> None:
        pass

    families = {"transfer": ApiFamily(("uploadFile", "downloadFile"), start)}
    assert set(check_registry({"uploadFile": "transfer", "downloadFile": "transfer"}, families)) == {"uploadFile", "downloadFile"}
    with pytest.raises(RegistryMismatch, match="request \\(family 'transfer'\\) has no host handler"):
        check_registry({"uploadFile": "transfer", "downloadFile": "transfer", "request": "transfer"}, families)
    with pytest.raises(RegistryMismatch, match="downloadFile is handled by the host but not declared in the shim"):
        check_registry({"uploadFile": "transfer"}, families)
    with pytest.raises(RegistryMismatch, match="uploadFile is family 'files' in the shim but 'transfer' in the host"):
        check_registry({"uploadFile": "files", "downloadFile": "transfer"}, families)


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
