"""The catalogue of every documented swan API and how swan-bridge answers it, for docs/apis.md.

Built from the registry as a runtime sees it (the shim's declared APIs and their families,
`swan.canIUse` for the Sync and listener functions) and from the scripted answers' defaults, so
that the table cannot drift from the code: tests/test_api_table.py holds it to this.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ._app._answers import DEFAULT_ANSWERS
from ._resources import documented_apis

#: How swan-bridge answers each API family (one line each, as the table shows it).
FAMILY_ANSWERS: dict[str, str] = {
    "transfer": "carried out over HTTP (httpx)",
    "socket": "carried out over a WebSocket (httpx-ws)",
    "files": "carried out in the file sandbox",
    "fs": "carried out in the file sandbox (`FileSystemManager`)",
    "media": "answered with the runtime's image files (`rt.chosen_paths`)",
    "storage": "carried out (`<data_dir>/storage.json`)",
    "system": "carried out (`system_info=`, `platform=`)",
    "route": "carried out on the page stack",
    "tabbar": "carried out on `rt.tab_bar`",
    "ui": "recorded (`rt.calls`); a dialog's choice scripted",
    "content": "recorded (`rt.calls`), scripted; `page.page_info`",
    "identity": "scripted, from `rt.settings` and a fixed user",
    "location": "scripted, behind `scope.userLocation` / `scope.address`",
    "payment": "scripted",
    "device": "carried out on `rt.device` (events: `rt.emit`); scripted",
    "native": "scripted; by default the documented success",
    "ai": "scripted; by default the documented success (nothing found)",
    "image": "carried out on the image file (its header; compressImage writes a temp file)",
    "album": "answered with the test's files (`choose_images=`, `choose_videos=`); saved to `rt.album`",
    "document": "checked and recorded (`rt.documents`)",
    "audio": "carried out on the runtime's clock (`rt.audio_duration`); recordings written as files",
    "canvas": "painted into the canvas's pixels; PNG files",
    "component": "recorded (`rt.calls`); state kept per component (a map's centre)",
    "unsupported": "not supported (fails, errCode 1001)",
}
#: The Sync, factory and listener functions: carried out, or a placeholder.
SYNC_ANSWERS = {True: "carried out (returns at once)", False: "not supported (placeholder)"}


@dataclass(frozen=True)
class ApiEntry:
    name: str
    kind: str  # "callbacks" or "returns at once"
    answer: str
    default: str  # the scripted default answer as JSON, or ""


def catalog() -> list[ApiEntry]:
    """Every documented swan.* API and every API the shim declares, by name."""
    from ._runtime._runtime import SwanRuntime  # the catalogue reads a live runtime's registry

    documented = documented_apis()
    from .testing import api_registry

    with SwanRuntime() as rt:
        registry = api_registry(rt)
        families = {name: shim for name, (shim, _) in registry.items()}
        sync = documented["sync"]
        rt.run("globalThis.__catalog = JSON.stringify(%s.map(function (n) { return swan.canIUse(n); }))" % json.dumps(sync))
        usable = dict(zip(sync, json.loads(rt.run("console.log(__catalog)").console[-1].text)))
    names = sorted({*documented["async"], *sync, *families})
    entries = []
    for name in names:
        if name in families:
            family = families[name]
            if family not in FAMILY_ANSWERS:
                raise LookupError(f"API family {family!r} ({name}) has no line in FAMILY_ANSWERS")
            default = DEFAULT_ANSWERS.get(name)
            entries.append(ApiEntry(name, "callbacks", FAMILY_ANSWERS[family],
                                    json.dumps(default, ensure_ascii=False) if default is not None else ""))
        else:
            entries.append(ApiEntry(name, "returns at once", SYNC_ANSWERS[usable.get(name, False)], ""))
    return entries


def markdown() -> list[str]:
    """The table, one line per API."""
    rows = ["| API | called with | swan-bridge | default answer |", "| --- | --- | --- | --- |"]
    for entry in catalog():
        default = f"`{entry.default}`" if entry.default else ""
        rows.append(f"| `{entry.name}` | {entry.kind} | {entry.answer} | {default} |")
    return rows


if __name__ == "__main__":  # python -m bridge._catalog: print the table for docs/apis.md
    print("\n".join(markdown()))
