"""The facts both sides read, loaded from the shim's `spec.json`: failure kinds and errCodes,
limits, fixed paths, scopes. The shim bundle inlines the same file as `shim.spec`."""

from __future__ import annotations

import json
from typing import Any, Final

from ._resources import shim_dir

_SPEC: Final[dict[str, Any]] = json.loads((shim_dir() / "spec.json").read_text(encoding="utf-8"))

MiB: Final = 1024 * 1024

#: Failure kinds the host may send in an "end" event; the shim maps each to errCode and errMsg.
ERROR_KINDS: Final[tuple[str, ...]] = tuple(_SPEC["errors"]["kinds"])

#: What a network API's fail says while the phone has no network, per platform.
OFFLINE_REASONS: Final[dict[str, str]] = dict(_SPEC["errors"]["offline"])

_LIMITS: Final[dict[str, Any]] = _SPEC["limits"]
#: Saved files and user files together (swan.saveFile, FileSystemManager).
STORE_LIMIT_BYTES: Final[int] = _LIMITS["storeBytes"]
#: swan storage, all keys and values.
STORAGE_LIMIT_BYTES: Final[int] = _LIMITS["storageBytes"]
#: How deep a stored value may nest arrays and objects (deeper ones the host could not parse).
STORAGE_DEPTH: Final[int] = _LIMITS["storageDepth"]
#: The largest file FileSystemManager.readFile reads (WeChat's documented 100 MB), and the bytes
#: of JS heap a read needs at worst per byte of the file, by encoding ("": an ArrayBuffer; "text":
#: utf8, latin1, ascii and binary).
READ_MAX_BYTES: Final[int] = _LIMITS["fsReadBytes"]
READ_HEAP_BYTES: Final[dict[str, int]] = dict(_LIMITS["fsReadHeapBytes"])
#: A response body (request, uploadFile's reply) or one WebSocket message.
MAX_RESPONSE_BYTES: Final[int] = _LIMITS["maxResponseBytes"]
#: WebSockets open at once.
MAX_SOCKETS: Final[int] = _LIMITS["maxSockets"]
#: Messages one WebSocket holds for the script before they are delivered, and their bytes.
SOCKET_BACKLOG: Final[int] = _LIMITS["socketBacklog"]
SOCKET_BACKLOG_BYTES: Final[int] = _LIMITS["socketBacklogBytes"]
#: The default per-API network timeout (app.json networkTimeout overrides it).
NETWORK_TIMEOUT_MS: Final[float] = float(_LIMITS["networkTimeoutMs"])
#: The longest per-API network timeout (net_rule.md: the default and the maximum are both 60 s).
MAX_NETWORK_TIMEOUT_MS: Final[float] = float(_LIMITS["networkTimeoutMaxMs"])
#: The longest network timeout the `network_timeouts` option takes: a test may wait longer than
#: the client would (a large transfer on a slow machine), up to what a JS timer can hold.
MAX_OPTION_TIMEOUT_MS: Final[float] = float(_LIMITS["networkTimeoutOptionMaxMs"])
#: The largest `.js` module of a project that is read (a bundle of a few MB is normal).
MODULE_FILE_BYTES: Final[int] = _LIMITS["moduleFileBytes"]
#: The largest other file of a project that is read: a json file (app.json, a page's or a
#: component's), a `.swan` template, an `.sjs` or `.filter.js` module.
VIEW_FILE_BYTES: Final[int] = _LIMITS["viewFileBytes"]
#: The deepest nesting of arrays and objects a project's json file may have (configuration is a
#: few levels deep; a deeper file is refused before anything walks it).
PROJECT_JSON_DEPTH: Final[int] = _LIMITS["projectJsonDepth"]
#: The deepest nesting of elements a template may have (the view compiler's stack gives out
#: sooner; past this the host's own parser would).
TEMPLATE_DEPTH: Final[int] = _LIMITS["templateDepth"]
#: The most entries a json file's usingComponents may have (app.json's, a page's, a
#: component's): swan-bridge's own bound; a file with more is refused.
USING_COMPONENTS: Final[int] = _LIMITS["usingComponents"]
#: The virtual clock never passes this many milliseconds (Number.MAX_SAFE_INTEGER).
MAX_VIRTUAL_MS: Final[int] = _LIMITS["virtualClockMaxMs"]
#: The records a runtime keeps of each kind (rt.log events, rt.tasks, rt.calls entries of all
#: APIs together): past it the oldest are dropped, so a runaway loop of calls holds bounded host memory.
MAX_RECORDS: Final[int] = _LIMITS["maxRecords"]
#: The longest length an array built-in that loops in C (where the engine never checks the run's
#: deadlines) walks: past it the shim loops in JS or refuses (js_shim/base/polyfills.js).
BUILTIN_WALK_MAX: Final[int] = _LIMITS["builtinWalkMax"]
BUILTIN_BUILD_MAX: Final[int] = _LIMITS["builtinBuildMax"]
#: The most character comparisons one string search of the engine may make (text length times
#: the searched string's): past it the shim searches a window at a time (js_shim/base/polyfills.js).
BUILTIN_SEARCH_MAX: Final[int] = _LIMITS["builtinSearchMax"]

_PATHS: Final[dict[str, str]] = _SPEC["paths"]
USER_DATA_PATH: Final[str] = _PATHS["userData"]
TEMP_PREFIX: Final[str] = _PATHS["tempPrefix"]
STORE_PREFIX: Final[str] = _PATHS["storePrefix"]

#: The APIs app.json `networkTimeout` and the network_timeouts option set.
TIMEOUT_APIS: Final[tuple[str, ...]] = tuple(_SPEC["timeoutApis"])
#: The scopes of swan.authorize (open/authorize_swan-authorize.md).
SCOPES: Final[tuple[str, ...]] = tuple(_SPEC["scopes"])
#: The scope each API needs (open/authorize_list.md).
SCOPE_OF: Final[dict[str, str]] = dict(_SPEC["scopeOf"])

_PROTOCOL: Final[dict[str, list[str]]] = _SPEC["protocol"]
#: The outbox's message types ("op"), the host events' types ("t") and the harness's commands
#: ("op" of __swan_command): the protocol's vocabulary, written down in `_protocol`.
OUTBOX_OPS: Final[frozenset[str]] = frozenset(_PROTOCOL["outbox"])
HOST_EVENTS: Final[frozenset[str]] = frozenset(_PROTOCOL["events"])
COMMANDS: Final[frozenset[str]] = frozenset(_PROTOCOL["commands"])


def spec_text() -> str:
    """The spec as the shim bundle inlines it."""
    return json.dumps(_SPEC, ensure_ascii=True, separators=(",", ":"))
