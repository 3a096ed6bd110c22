"""The message protocol between the JS shim (js_shim/) and the Python host.

This docstring is the one place the protocol is written down; both sides follow it. Its
vocabulary (the outbox's message types, the host events' types, the harness's commands) is
declared once, in js_shim/spec.json ("protocol"), which both sides read: the shim refuses to post
a message of another type, the runtime routes exactly those types, and a command the spec does
not list is refused before it is sent.

Why this shape: the engine cannot mix a CPU time limit with JS-to-Python calls, and a Python
exception inside a host function corrupts the engine. So JS never calls Python (but for two host
functions below, the outbox during a turn and the synchronous channel, which never raise and
need the interrupt handler). Every crossing is a JSON string (ASCII on the way in, so NUL bytes,
lone surrogates and numbers above 2**31 arrive intact), a number, or console text checked to
have arrived whole, and every call into JS is one "turn" that the CPU limit applies to.
Strings that come back are made by one JSON.stringify or Array.prototype.join (never a "rope",
which the wrapper cannot convert).

Loading. The shim's files (`_resources.SHIM_FILES`, in order) are evaluated as one bundle whose
header gives each file's line range. Every script evaluated afterwards gets the next free range
of line numbers: the host calls __swan_source(filename, first, count), then evaluates the
source padded with first - 1 newlines and followed by one line (`;void 0;`, so no script value
crosses back); the host then drains the outbox. The
shim's Error.prepareStackTrace maps <input>:LINE:COL back to filename:line:col with that table.

Host -> JS (functions the shim installs as non-writable globals):

    __swan_configure(config)   JSON {"platform": "android"|"ios", "uploadJson": bool,
                               "userDataPath": str, "globals": {name: value},
                               "storage": {key: value}, "systemInfo": {field: value},
                               "appKey": str}; any subset. "storage" seeds the storage (from
                               <data_dir>/storage.json and the storage= option) without posting
                               it back; "systemInfo" is merged over the device profile
    __swan_source(name, first, count)
                               the next evaluated source is `name`, lines first..first+count-1
    __swan_timer(id)           timer `id` is due (id is a small int, which crosses exactly)
    __swan_progress(id, done, total, percent)
                               (only for a task that listens, see "listen" below)
                               bytes moved so far; done and total are floats (exact up to
                               2**53, where ints above 2**31 would be truncated); total < 0
                               means unknown; percent comes from `percent()` below, the one
                               place it is computed. The hottest event skips JSON.
    __swan_dispatch(event)     one JSON event per call; events are
        {"t": "headers", "id": n, "header": {name: value}}       response headers arrived (only
                                                                 for a task that listens)
        {"t": "end", "id": n, "ok": true, "result": {...}}       the call succeeded; result
                                                                 holds the API's raw fields
        {"t": "end", "id": n, "ok": false, "kind": str, "detail": str}
                                                                 the call failed; kind is one
                                                                 of ERROR_KINDS (enforced)
        {"t": "socket", "id": s, "event": ...}                   a WebSocket event (below); s is
                                                                 the socketId the shim chose
    __swan_dispatch(event) is installed by core.js, which parses the event once and hands it to
    the file that owns its type "t" (calls.js: headers, end; socket.js: socket). Socket events,
    in the order a socket produces them:
        {"t": "socket", "id": s, "event": "refused"}             the host refused connectSocket
                                                                 (domain, too many sockets):
                                                                 sent just before that call's
                                                                 failing "end"; no listener runs
        {"t": "socket", "id": s, "event": "open", "header": {name: value}}
                                                                 the handshake succeeded
        {"t": "socket", "id": s, "event": "message", "data": str}
        {"t": "socket", "id": s, "event": "message", "dataBase64": str}
                                                                 a text / binary message
        {"t": "socket", "id": s, "event": "error", "errMsg": str}
                                                                 the handshake failed or the
                                                                 connection broke; a "close"
                                                                 (code 1006) always follows
        {"t": "socket", "id": s, "event": "close", "code": int, "reason": str}
                                                                 the last event of a socket
    __swan_command(command)    a request from the test (the harness): JSON {"op": ..., "id": n,
                               ...}; answered by one {"op": "reply", "id": n, "ok": true,
                               "value": ...} or {"op": "reply", "id": n, "ok": false, "error":
                               {"message", "stack", "usage"}} in the outbox (usage: the test
                               asked for something impossible, raised as ValueError; otherwise
                               the app's code threw, raised as ScriptError). The ops, and who
                               owns them: framework.js: launch {options}, open {route, query,
                               scene?}, stack, data {target}, appData, call {target, method,
                               args}, mount {path, properties}, setProperties {target,
                               properties}, detach {target};
                               services.js: tabBar, tapTab {index}, pullDownRefresh {target},
                               reachBottom {target}, pageScroll {target, scrollTop}, pageState
                               {target}, tap {target, method, detail, dataset, elementId},
                               hideApp, showApp {options}, setLogin {loggedIn}, pageInfo
                               {target}; system.js: networkStatus {networkType};
                               device.js: emit {event, data}, device, setBattery {level,
                               isCharging};
                               views.js: templates {files: {path.swan: parsed tree},
                               errors: {path.swan: {message, file, line, col}},
                               usingComponents: {page or component path: {tag: path}},
                               globalComponents: {tag: path}, sources: {path.sjs: text},
                               sliceMs} (answered {errors: ...} for the files that did not
                               compile, or {more: true} when the compile goes on: then
                               templatesMore {stopped: the CPU limit when the turn before was
                               stopped in a template, else null}, answered the same way),
                               viewAction {target: page id, node: element id, action: tap |
                               longpress | input | change | submit | reset | scrollToLower |
                               trigger, value?, type?, detail?}. A reply whose error has
                               "template": {message, file, line, col} is raised as
                               TemplateError (a page whose template is broken was opened).
    __swan_checkpoint(discard?) end of a microtask checkpoint: report the promise rejections
                               still unhandled (called only when the tracker saw any); with
                               true, drop them (the host stopped a chain of jobs)
    __swan_resume()            after a call into JS was stopped (CPU limit, memory): finish the
                               call whose success/fail callback was stopped (its complete runs)
    __swan_drain(again?)       the next piece of the outbox (below); with true, the piece it
                               gave last again, its console texts escaped
    __swan_apis()              JSON {api: family} of every API the shim declares; not an
                               outbox. Checked against the host's families at start-up.
    __swan_rejection(promise, reason, handled)
                               called by the engine's promise rejection tracker (installed by
                               `_native`), never by Python.

Every entry point except __swan_apis returns a piece of the outbox: "" when empty, else JSON
messages joined by "," (the host wraps them in [ ]). A piece holds about 64 KB (a larger message
is a piece of its own: pieces of 1 MB cost fresh pages from the kernel for each, about a fifth
of a console flood's time); when more follow, its last message is {"op": "more"} and the host
calls __swan_drain until it gets "". Pieces also leave during a turn (below, "The outbox during
a turn"), so what a turn leaves for the drain is what it wrote since the last of those.

Console text travels raw. JSON.stringify of a long line costs more than everything else
console.log does, so the lines of one level written one after another (a run) are one message
{"op": "console", "level": ..., "raw": [n, ...]}, n being each text's length in UTF-16 code
units, and after the piece's messages come "\n" and the texts of its runs, in order, each
followed by "\n" but the last (no JSON text holds a raw newline, so the first one ends the
messages). Two things do not cross raw: a lone surrogate (the wrapper cannot convert it), for
which the shim sends the piece escaped at once, and a NUL character (the wrapper cuts the string
there), which the host notices as texts that do not add up to what arrived, and asks for the
piece escaped: `__swan_drain(true)`, or "again" from __swan_outbox. Escaped, a run is
{"op": "console", "level": ..., "texts": [str, ...]}. A host that does not install
__swan_outbox gets every console message as {"op": "console", "level": ..., "text": str}.

JS -> host (the outbox, in the order the script caused them):

    {"op": "console", "level": "log"|"info"|"debug"|"warn"|"error", "text": str}
    {"op": "console", "level": ..., "raw": [n, ...]} | {..., "texts": [str, ...]}
        a run of console lines of one level (above); the host routes it as the lines in order
    {"op": "error", "message": str, "stack": str, "where": str}   an uncaught error in a callback,
                                                                 or an unhandled rejection
    {"op": "timer", "id": n, "delay": ms, "repeat": bool}         setTimeout / setInterval
    {"op": "clearTimer", "id": n}
    {"op": "call", "id": n, "api": str, "params": {...}, "error": str|null, "kind": str}
        a swan API call. params are already checked by the shim (Referer / User-Agent headers
        dropped, header and formData values strings); when error is set, params hold only what
        passed its checks, and the host records the call, answers
        {"t": "end", "ok": false, "kind": kind, "detail": error} and does nothing else.
        "given" is what the script passed, for rt.calls and the log (the host carries out
        "params" only): callbacks left out, a toJSON's result in place of its object,
        ArrayBuffers and views as {"$bytes": base64}, a script's own key "$k" sent as "$$k";
        null when the script passed no object, or one deeper than 32 levels or larger than
        10,000 values, or a getter or toJSON threw at the top.
    {"op": "abort", "id": n}                                       task.abort() on a running call
    {"op": "listen", "id": n, "event": "headers"|"progress"}      the task's first listener of
        that kind was added (kept until the call's success/fail trace). A call's "headers"
        event and its __swan_progress calls go into JS only when, at the moment their turn
        comes, the task listens for that kind: JS would find no listener and do nothing. So
        that the host can skip the work before that moment, a transfer whose task has no
        listener of any kind yet is not even handed to the loop thread (the progress hook
        still sees it); once it has one, every event is handed over, because a callback of
        one kind (onHeadersReceived) may add a listener of the other before the next turn.
    {"op": "trace", "id": n, "event": "progress"|"headers"|"success"|"fail"|"complete",
     "errMsg"?: str, "errCode"?: int}                              a callback was invoked
    {"op": "storage", "set": {key: value}} | {"op": "storage", "remove": [key]}
    | {"op": "storage", "clear": true}
        the storage changed (it lives in JS, so the Sync APIs answer at once; an asynchronous
        storage call changes it when it is called). The host applies each change to its copy and
        writes <data_dir>/storage.json atomically at the end of each turn that changed it.
    {"op": "log", "type": str, ...fields}                          an entry for rt.log (Event
        kind `type`); socket.js posts {"type": "socket", "id": s, "event": "open"|"message"|
        "error"|"close", "data"|"bytes"|"errMsg"|"code"+"reason"} as it delivers each event
    {"op": "view", "page": id, "tree": node}                        a page's first render, when
        it loads (before onLoad); node is the root {"id": 0, "tag": "root", "attrs": {},
        "children": [...]}; an element is {"id", "tag", "attrs": {name: JSON value},
        "children", "model"?: {attr: data path of its {= =} binding}, "component"?: {"id":
        instance id, "path"}} and a text {"id", "text"} (js_shim/view/render.js)
    {"op": "view", "page": id, "patches": [...]}                   the page's view brought up
        to date at the end of a turn that called setData: insert {parent, index, node} |
        remove {id} | move {id, parent, index} | attrs {id, set, remove} | text {id, text} |
        model {id, model}, applied in order (bridge/_view/_mirror.py)
    {"op": "view", "page": id, "gone": true}                       the page was unloaded
    {"op": "more"}                                                 more pieces follow

WebSockets are calls of the "socket" family: connectSocket {url, header?, protocols?,
socketId}, sendSocketMessage {socketId?, data | dataBase64}, closeSocket {socketId? | all: true,
code?, reason?}. connectSocket ends as soon as the host has the socket (result {socketTaskId});
the socket then lives on, and its events above follow the "end". sendSocketMessage ends once
the frame is written or queued for the socket's writer (a write that fails ends the connection
instead).
closeSocket ends once the close is under way; the socket's "close" event follows.

The outbox during a turn (JS -> host, the second exception to "JS never calls Python"). So that
a turn which prints a lot neither holds everything it printed nor shows it only at its end, the
host installs `__swan_outbox(piece)` with `add_callable` before the shim loads; core.js takes it
and deletes the global. The shim hands it every complete piece as the script runs: when a piece
is full, at a console line that comes 50 ms or more after the last hand-over (a line printed
before a long computation is seen at once), and before a synchronous host call (so what the
script printed comes before what the call does). The host routes the piece at once, as the
drain after the turn would, and answers "" (done), "again" (a NUL cut it: send it escaped) or
"keep" (not now, after Ctrl-C: the piece waits for the drain). The function never raises and
holds the engine weakly. While a piece is routed, the engine refuses calls (a hook such as
on_console cannot run JS inside the script's turn); an exception a hook raises stops the script
at the engine's next check and is raised from the call that ran it, as when routing after a
turn. The host's time on a piece is not the script's: the turn's CPU deadline moves by it.
Under the wrapper's own CPU time limit (no interrupt handler, see below) the call is refused,
and the shim stops handing pieces over for good: everything then waits for the drain.

The synchronous channel (JS -> host, answered at once; the other exception to "JS never calls
Python"). The FileSystemManager's Sync forms (`readFileSync`, `statSync` ...) must return a value
inside the script's own turn, so the host installs one function with `add_callable`,
`__swan_fs_sync`, before the shim loads; js_shim/fs.js takes it and deletes the global, so no
script can reach it. It is called with one JSON text (made by JSON.stringify) and returns one
JSON text (ASCII, made by json.dumps):

    in:  {"method": "readFile", "params": {...}, "error": str|null}
         params as the asynchronous form's (encoding lower-cased, ArrayBuffer data as
         "dataBase64"); error set when the shim's checks refused the call: the host records the
         call (rt.calls("FileSystemManager.readFileSync")) and answers a "param" failure.
    out: {"ok": true, "result": {...}}                        the raw result (as in an "end")
         {"ok": false, "kind": str, "detail": str}           a failure: a kind of ERROR_KINDS,
                                                              or "unavailable" (the runtime is
                                                              closed); the shim throws
                                                              Error("<method>Sync:fail " + detail)
The same channel carries the storage's check (js_shim/storage.js, bridge/_files/_storage.py),
before a value is stored: in {"method": "storage.reserve", "key": k, "bytes": n}, out
{"ok": true, "room": r} (r: the bytes the store may still grow by in this turn, which holds the
folder's lock; 0 without the lock) or {"ok": false, "kind": "size_limit" | "io" | "internal",
"detail": str}; a turn that made it ends with the storage's write, which lets go of the
folder's lock the check took.
The host function never raises (bridge/_engine.py `_sync_channel` catches everything: a Python
exception inside a host function corrupts the engine) and never calls back into the engine. The
shim posts {"op": "log", "type": "call", "api": "FileSystemManager.<method>Sync", "params",
"sync": true, "errMsg"} after each Sync call, so rt.log keeps its order. Limits: with
swan-bridge's interrupt handler (bridge/_native.py, the normal case) the CPU limit and the run's
timeout stop JS between host calls as before; a host call itself is bounded (at most 10 MB of
disk I/O). Where the handler cannot be installed, the engine falls back to the wrapper's
`set_time_limit`, which forbids host calls while a limit is in force: a Sync form then throws
"<method>Sync:fail Sync file APIs cannot run under the engine's CPU time limit ..." (errCode
1001), and the asynchronous forms keep working.

The host answers every "call" with exactly one "end" event; the shim turns it into exactly one
of success/fail followed by complete. After "abort" the host still sends "end" (kind "abort"),
and the shim reports abort whatever that end says. The "success"/"fail" trace is also the end
of the call for the host: it then forgets the call, and a file the host had made for it that
the script was never given (a download that finished as it was aborted) is removed.
"""

from __future__ import annotations

from typing import Any

from ._spec import ERROR_KINDS


Message = dict[str, Any]


def socket_event(socket_id: int, event: str, **fields: Any) -> Message:
    """A WebSocket event for socket `socket_id` (see "socket" events above)."""
    return {"t": "socket", "id": socket_id, "event": event, **fields}


def percent(done: int, total: int | None) -> int:
    """The integer percent a progress event reports: 0 while the total is unknown, 100 for an
    empty body, never above 100. The one place it is computed; the shim passes it on."""
    if total is None:
        return 0
    if total == 0:
        return 100
    return min(100, done * 100 // total)


def progress_event(call_id: int, done: int, total: int | None) -> Message:
    return {"t": "progress", "id": call_id, "done": done, "total": total, "percent": percent(done, total)}


def headers_event(call_id: int, header: dict[str, str]) -> Message:
    return {"t": "headers", "id": call_id, "header": header}


def success_event(call_id: int, result: dict[str, Any]) -> Message:
    return {"t": "end", "id": call_id, "ok": True, "result": result}


def check_kind(kind: str) -> str:
    """A failure kind the shim knows; a misspelled kind is a bug, not a silent errCode 1001."""
    if kind not in ERROR_KINDS:
        raise ValueError(f"unknown failure kind {kind!r}; expected one of {', '.join(ERROR_KINDS)}")
    return kind


def failure_event(call_id: int, kind: str, detail: str = "") -> Message:
    return {"t": "end", "id": call_id, "ok": False, "kind": check_kind(kind), "detail": detail}
