"""SwanRuntime: a QuickJS context with the swan shim, driven by a Python loop until idle."""

from __future__ import annotations

import asyncio
import base64
import errno
import functools
import importlib
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._app._answers import Answers
from .._app._device import DeviceApis, check_event
from .._app._handles import App, Component, Page
from .._app._media import Media
from .._app._project import Project, escaped_module, wrap_module
from .._engine._probe import OutOfTime, Verdicts, probe, wrapped_length
from .._engine._context import Engine
from .._exceptions import (
    CPULimitExceeded,
    HostFailure,
    InvalidScript,
    MemoryLimitExceeded,
    RunTimeout,
    RuntimeClosedError,
    ScriptError,
    SwanError,
    failure_from_exception,
    script_error,
)
from .._files._fs import FileSystem
from .._files._sandbox import Sandbox
from .._files._saved import FileApis
from .._files._storage import STORAGE_SYNC_PREFIX, Acknowledged, Storage
from .._network._apis import NetworkApis
from .._network._progress import ProgressHook
from .._network._routing import Router
from .._network._transfers import Transfers, TransferSettings
from .._options import DEFAULTS, NETWORK_TYPES, validate_options
from .._project_files import FileRefused, decode_text, read_regular_file
from .._protocol import Message, failure_event, success_event
from .._registry import HandlerTable, handlers_of
from .._resources import documented_apis, sample_image
from .._spec import COMMANDS, MAX_RECORDS, MODULE_FILE_BYTES, OFFLINE_REASONS, OUTBOX_OPS, USER_DATA_PATH, MiB
from ._interrupt import ctrl_c_stops, ctrl_c_stops_turn
from ._loop import EventLoop
from ._records import ConsoleMessage, Event, RunResult, TaskRecord

if TYPE_CHECKING:
    import ssl

    import httpx

    from .._network._sockets import Sockets
    from .._view._mirror import Mirror, Node
else:
    class _ImportedAtFirstRead:
        """A module imported at the first read of one of its names: the runtime imports httpx
        at the first transfer, yet `typing.get_type_hints` (documentation tools, validators)
        still resolves the annotations that name it."""

        def __init__(self, name: str) -> None:
            self._name = name

        def __getattr__(self, attr: str) -> Any:
            return getattr(importlib.import_module(self._name), attr)

    httpx = _ImportedAtFirstRead("httpx")


@lru_cache(maxsize=1)
def _shared_ssl_context() -> ssl.SSLContext:
    # Building an SSL context costs milliseconds; every runtime can share one.
    import httpx  # (at the first transfer: a run without one never imports httpx)

    return httpx.create_ssl_context()


def _refuse_inside_a_running_loop() -> None:
    """The synchronous API runs the runtime's own loop: inside another running one it cannot."""
    if asyncio._get_running_loop() is not None:  # (get_running_loop() raises when there is none: slower)
        raise RuntimeError("SwanRuntime.run() cannot be used inside a running event loop; await arun() instead")


def _finish(loop: asyncio.AbstractEventLoop, task: asyncio.Task[Any]) -> None:
    """Cancel `task` if it is still pending, and let it end."""
    if task.done():
        return
    task.cancel()
    try:
        loop.run_until_complete(task)
    except BaseException:
        pass


class SwanRuntime:
    """Runs swan mini-program JavaScript with real HTTP transfers.

    Use it as a context manager (`with` or `async with`); `run()` / `run_file()` evaluate a
    script and drive timers, promises and transfers until nothing is pending.
    """

    def __init__(
        self,
        *,
        project: str | os.PathLike[str] | None = DEFAULTS["project"],
        clock: str = DEFAULTS["clock"],
        routes: Mapping[str, str] | Iterable[tuple[str, str]] = DEFAULTS["routes"],
        route_all_to: str | None = DEFAULTS["route_all_to"],
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = DEFAULTS["transport"],
        globals: Mapping[str, Any] | None = DEFAULTS["globals"],
        choose_images: Iterable[str | os.PathLike[str]] = DEFAULTS["choose_images"],
        choose_videos: Iterable[str | os.PathLike[str]] = DEFAULTS["choose_videos"],
        temp_dir: str | os.PathLike[str] | None = DEFAULTS["temp_dir"],
        data_dir: str | os.PathLike[str] | None = DEFAULTS["data_dir"],
        storage: Mapping[str, Any] | None = DEFAULTS["storage"],
        platform: str = DEFAULTS["platform"],
        system_info: Mapping[str, Any] | None = DEFAULTS["system_info"],
        upload_json: bool = DEFAULTS["upload_json"],
        timeout: float | None = DEFAULTS["timeout"],
        cpu_limit: float | None = DEFAULTS["cpu_limit"],
        memory_limit_mb: float | None = DEFAULTS["memory_limit_mb"],
        max_concurrency: int = DEFAULTS["max_concurrency"],
        progress_interval: float = DEFAULTS["progress_interval"],
        max_download_mb: float = DEFAULTS["max_download_mb"],
        max_upload_mb: float = DEFAULTS["max_upload_mb"],
        network_timeouts: Mapping[str, float] | None = DEFAULTS["network_timeouts"],
        domains: Iterable[str] | None = DEFAULTS["domains"],
        app_key: str = DEFAULTS["app_key"],
        app_version: str = DEFAULTS["app_version"],
        settings: Mapping[str, bool] | None = DEFAULTS["settings"],
        on_console: Callable[[ConsoleMessage], None] | None = DEFAULTS["on_console"],
        keep_console: bool = DEFAULTS["keep_console"],
        on_error: Callable[[ScriptError], None] | None = DEFAULTS["on_error"],
        on_progress: ProgressHook | None = DEFAULTS["on_progress"],
    ) -> None:
        # Every parameter is a runtime option (see bridge._options): check them all, by name,
        # before anything is built. From here on only the checked, normalized values are used.
        options = validate_options({name: value for name, value in locals().items() if name != "self"})
        self.timeout: float | None = options["timeout"]
        self._cpu_limit: float | None = options["cpu_limit"]
        self.console: list[ConsoleMessage] = []
        self.errors: list[ScriptError] = []
        self._seen: set[int] = set()  # ids of the errors the caller was handed
        self.tasks: list[TaskRecord] = []
        self._tasks_by_id: dict[int, TaskRecord] = {}
        self._tasks_dropped = 0  # the oldest tasks dropped past MAX_RECORDS (see _keep_task)
        self._unlisted: set[int] = set()  # ids of tasks dropped while running: kept until "complete"
        self._on_console: Callable[[ConsoleMessage], None] | None = options["on_console"]
        self._keep_console: bool = options["keep_console"]
        #: The command line's printer: each run of console lines of one level as it arrives, the
        #: lines joined by "\n" (see `_on_console_message`).
        self._print_lines: Callable[[str, str], None] | None = None
        self._on_error: Callable[[ScriptError], None] | None = options["on_error"]
        self._transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = options["transport"]
        self._client_loop: asyncio.AbstractEventLoop | None = None
        self._own_loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        #: While a turn runs outside the event loop (`_turn_outside_loop`): the work its messages
        #: asked for that needs the loop (starting a transfer or a socket, an abort, a listener),
        #: in order, for the loop to do. Everything else is handled as the messages arrive.
        self._held: list[Callable[[], None]] | None = None

        # The project is read first: a folder that is not one fails before anything is made.
        loaded = Project.load(options["project"]) if options["project"] is not None else None
        if loaded is not None:  # app.json networkTimeout, unless the caller set one
            options["network_timeouts"] = {**loaded.network_timeouts(), **(options["network_timeouts"] or {})}
        self._sandbox = Sandbox(options["temp_dir"], options["data_dir"])
        images = options["choose_images"] or [sample_image()]
        try:
            self.chosen_paths: list[str] = [self._sandbox.hand_in(p) for p in images]
        except BaseException:
            self._sandbox.close()
            raise
        self._files = FileApis(self._sandbox, self.chosen_paths)
        # One router for transfers and sockets: where URLs go, and whether there is a network.
        self._router = Router(options["routes"], catch_all=options["route_all_to"])
        self._platform: str = options["platform"]
        if (options["system_info"] or {}).get("networkType") == "none":
            self._router.offline = OFFLINE_REASONS[self._platform]
        self._loop = EventLoop(self._deliver, self._fire_timer, virtual=options["clock"] == "virtual")
        self._transfers = Transfers(
            post=self._loop.post,
            client=self._make_client,
            sandbox=self._sandbox,
            router=self._router,
            settings=TransferSettings.from_options(options),
            on_progress=options["on_progress"],
        )
        # WebSockets (httpx-ws) are set up at the first connectSocket: most runs never open one.
        self._socket_options = options
        self._socket_manager: Sockets | None = None
        self._handlers: dict[str, Callable[[Message], None]] = {
            "console": self._on_console_message,
            "error": self._on_script_error,
            "timer": lambda m: self._loop.add_timer(m["id"], m["delay"], m["repeat"]),
            "clearTimer": lambda m: self._loop.clear_timer(m["id"]),
            "call": self._on_call,
            "abort": lambda m: self._transfers.abort(m["id"]),
            "listen": lambda m: self._transfers.listen(m["id"], m["event"]),
            "trace": self._on_trace,
            "reply": lambda m: self._replies.__setitem__(m["id"], m),
            "log": self._on_log,
            "storage": lambda m: self._storage.apply(m),
        }
        self._init_views()
        if set(self._handlers) | {"more"} != OUTBOX_OPS:  # "more" is the engine's (pieces of the outbox)
            raise RuntimeError(f"swan-bridge bug: the outbox routes {sorted(self._handlers)}, the spec lists {sorted(OUTBOX_OPS)}")
        self.log: list[Event] = []
        #: Events dropped from the start of rt.log past MAX_RECORDS (see _log_event).
        self.records_dropped = 0
        self._driver = HandleDriver(self)
        self._replies: dict[int, Message] = {}
        self._command_seq = 0
        self._calls: dict[str, list[dict[str, Any]]] = {}
        self._call_order: deque[str] = deque()  # the API of each entry of _calls, oldest first
        self._answers = Answers(options)
        self._project: Project | None = None
        memory_mb = options["memory_limit_mb"]
        self._memory_limit_mb: float | None = memory_mb
        self._memory_limited = memory_mb is not None
        try:
            # The storage persists in the data directory (see _storage); it is saved at the end
            # of each turn that changed it.
            self._storage = Storage(self._sandbox.data_dir, options["storage"], self._sandbox.data_folder)
            try:
                self._engine = Engine(
                    on_messages=self._on_messages,
                    on_turn_end=self._save_storage,
                    on_error=self._record_error,
                    cpu_limit=options["cpu_limit"],
                    memory_limit=int(memory_mb * MiB) if memory_mb is not None else None,
                    view=loaded is not None,  # only a project's pages have templates to render
                )
            except Exception as exc:
                if memory_mb is None or isinstance(exc, SwanError):
                    raise
                raise MemoryLimitExceeded(f"MemoryLimitExceeded: swan-bridge's own JS could not be loaded within "
                                          f"memory_limit_mb={memory_mb:g} ({exc}); give it more", where="runtime") from None
            # The FileSystemManager: asynchronous calls (family "fs") and the Sync forms, which
            # the engine's synchronous channel answers (see _protocol, _fs).
            self._fs = FileSystem(self._sandbox, on_sync_call=self._record_call,
                                  package_root=loaded.root if loaded is not None else None,
                                  memory_limit=int(memory_mb * MiB) if memory_mb is not None else None)
            self._engine.set_sync_handler(self._sync_call)
            self._media = Media(self._sandbox, self._answers, images=self.chosen_paths, videos=options["choose_videos"],
                                platform=options["platform"], project_root=loaded.root if loaded is not None else None,
                                now=self._loop.now, past_deadline=self._past_deadline)
            # One turn configures the shim: the documented APIs swan-bridge does not carry out are
            # declared from `documentedApis` (before the registry check below reads the APIs).
            documented = documented_apis()
            self._engine.configure({
                "documentedApis": documented,
                "platform": options["platform"],
                "uploadJson": options["upload_json"],
                "userDataPath": USER_DATA_PATH,
                "globals": options["globals"] or {},
                "storage": self._storage.data,
                "systemInfo": options["system_info"] or {},
                "appKey": options["app_key"],
            })
            # Each API is declared once on this side, as its handler (bridge._registry); the shim
            # must declare the same APIs in the same families. Each group is made at its first call.
            engine = self._engine
            shim = (engine.bundle_source, *documented["async"], "", *documented["sync"])  # what the shim declares
            self._api_handlers = HandlerTable(shim, lambda: engine.apis, {
                "network": lambda: handlers_of(NetworkApis(self._transfers, lambda: self._sockets)),
                "files": lambda: handlers_of(self._files),
                "fs": self._fs.handlers,
                "acknowledged": lambda: handlers_of(Acknowledged()),
                "answers": self._answers.handlers,
                "device": lambda: DeviceApis(self._answers, options, self._new_temp_file).handlers(),
                "media": self._media.handlers,
            })
            if loaded is not None:
                # Defining the modules and compiling the templates run JS: within the same
                # deadline as a run (and each turn within the CPU limit).
                engine = self._engine
                engine.deadline = None if self.timeout is None else time.monotonic() + self.timeout
                try:
                    self._load_project(loaded)
                except ScriptError:
                    if not engine.timed_out:
                        raise
                finally:
                    engine.deadline = None
                if engine.timed_out:
                    raise RunTimeout(f"loading the project was still busy after {self.timeout:g} s")
        except BaseException:
            self._sandbox.close()
            raise

    # ------------------------------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------------------------------
    def set_global(self, name: str, value: Any) -> None:
        """Define a JS global (any JSON value) before the next script runs."""
        self._check_open()
        self._bounded(lambda: self._engine.configure({"globals": {name: value}}))

    # -- the mini-program harness ---------------------------------------------------------------
    def open_page(self, route: str, query: Mapping[str, Any] | None = None, *, timeout: float | None = None) -> Page:
        """Open a page of the project as reLaunch would (launching the app first if it has not
        been), and run until idle. `route` is an app.json page path ("pages/index/index")."""
        info = self._run_command({"op": "open", "route": route.strip("/"), "query": _query_strings(query)}, timeout,
                                 raise_uncaught=False)
        return Page(self._driver, info)

    async def aopen_page(self, route: str, query: Mapping[str, Any] | None = None, *, timeout: float | None = None) -> Page:
        # As on a phone, the page is open once its file ran and its hooks were called: an error
        # in a callback it started (a request whose answer it did not expect) is recorded in
        # `errors` (and passed to App.onError), not raised. A page that cannot load raises, and
        # so does a script the CPU or memory limit stopped during the run (a hook, an observer,
        # the view's render): what it was doing was left undone.
        info = await self._drive_command(
            {"op": "open", "route": route.strip("/"), "query": _query_strings(query)}, timeout, raise_uncaught=False
        )
        return Page(self._driver, info)

    def open_page_file(self, path: str | os.PathLike[str], query: Mapping[str, Any] | None = None) -> Page:
        """Open a single page file (a doc sample that calls Page({...})) as a page of the app,
        named by its file stem; its frames are named by `path` as given."""
        self._check_open()
        source_path = Path(path)
        module = f"{source_path.stem}.js"
        route = source_path.stem
        self._define_modules([(module, _read_source(path), os.fspath(path))])
        pages = [*(self._project.pages if self._project is not None else []), route]
        self._engine.configure({"project": {"pages": pages}})
        return self.open_page(route, query)

    @property
    def app(self) -> App:
        """The app registered with App(): `rt.app.global_data`."""
        return App(self._driver)

    @property
    def storage(self) -> Mapping[str, Any]:
        """swan storage as the script sees it now: a read-only, live Mapping of key -> value
        (each value a copy). It persists in `<data_dir>/storage.json`."""
        return self._storage.view

    @property
    def page_stack(self) -> list[str]:
        """The routes of the live pages, bottom first."""
        return [info["route"] for info in self._command("stack")]

    @property
    def current_page(self) -> Page | None:
        """The page on top of the stack, or None before any page is open."""
        stack = self._command("stack")
        return Page(self._driver, stack[-1]) if stack else None

    def mount_component(self, path: str, properties: Mapping[str, Any] | None = None) -> Component:
        """Create a component from its .js file (created, attached, ready) with these properties."""
        info = self._run_command({"op": "mount", "path": path.strip("/"), "properties": dict(properties or {})})
        return Component(self._driver, path.strip("/"), info["id"])

    # -- app services -----------------------------------------------------------------------------
    @property
    def tab_bar(self) -> dict[str, Any] | None:
        """The tab bar as the user sees it now, or None for an app without one: {"visible",
        "color", "selectedColor", "backgroundColor", "borderStyle", "selectedIndex" (-1 on a page
        that is not a tab page), "list": [{"pagePath", "text", "iconPath", "selectedIconPath",
        "badge" (None or the text), "redDot"}]}. A copy."""
        state: dict[str, Any] | None = self._command("tabBar")
        return state

    def tap_tab(self, index: int) -> None:
        """The user taps tab `index` (from the left): a switchTab to its page unless it is the
        current one, then the page's onTabItemTap({index, pagePath, text}); run until idle.
        ValueError when no tab bar is shown (no tabBar, not a tab page, hidden) or no such tab."""
        self._run_command({"op": "tapTab", "index": index})

    @property
    def settings(self) -> dict[str, bool]:
        """The user's permission settings, {scope: granted} for each scope decided so far (seeded
        by SwanRuntime(settings=...), changed by authorization answers and openSetting). A copy."""
        return dict(self._answers.services.settings)

    @property
    def logged_in(self) -> bool:
        """Whether the user is logged in to the Baidu App (swan.isLoginSync); True by default."""
        return self._answers.services.logged_in

    @logged_in.setter
    def logged_in(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError(f"logged_in must be True or False, got {type(value).__name__}")
        services = self._answers.services
        services.logged_in = value
        if not value:
            services.session = False  # logging out of the Baidu App ends the app's session
        self._command("setLogin", loggedIn=value)

    @property
    def album(self) -> list[dict[str, Any]]:
        """What saveImageToPhotosAlbum and saveVideoToPhotosAlbum saved, in order: {"kind": "image"
        or "video", "filePath": the path the script gave, "path": the saved copy (a host file,
        removed on close)}. A copy."""
        return [dict(entry) for entry in self._media.album]

    @property
    def documents(self) -> list[dict[str, Any]]:
        """What openDocument opened and shareFile shared, in order: {"api", "filePath" (as the
        script gave it), "fileType", "path" (the host file)}. A copy."""
        return [dict(entry) for entry in self._media.documents]

    @property
    def audio_duration(self) -> float:
        """How long an audio source plays, in seconds, when its file does not say (a WAV file's
        own length is used): 10 by default; a test sets it (or scripts one play with
        rt.answer("InnerAudioContext.play", {"duration": s}))."""
        return self._media.audio_duration

    @audio_duration.setter
    def audio_duration(self, seconds: float) -> None:
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds < float("inf"):
            raise ValueError(f"audio_duration must be a number of seconds >= 0, got {seconds!r}")
        self._media.audio_duration = float(seconds)

    def set_network(self, network_type: str) -> None:
        """The phone's network changes to `network_type` ("wifi", "4g", ... "none"): the
        swan.onNetworkStatusChange listeners get {isConnected, networkType}, and getNetworkType
        reports it from now on; run until idle. With "none", request, uploadFile, downloadFile and
        connectSocket fail at once, as on a phone without a network, until the network is back."""
        if network_type not in NETWORK_TYPES:
            raise ValueError(f"network_type must be one of {', '.join(NETWORK_TYPES)}, got {network_type!r}")
        self._router.offline = OFFLINE_REASONS[self._platform] if network_type == "none" else None
        self._run_command({"op": "networkStatus", "networkType": network_type})

    def hide_app(self) -> None:
        """The user leaves the app (home button): the page on top's onHide, App.onHide, then the
        swan.onAppHide listeners; run until idle."""
        self._run_command({"op": "hideApp"})

    def show_app(self, options: Mapping[str, Any] | None = None) -> None:
        """The user comes back: App.onShow(options), the swan.onAppShow listeners, then the page on
        top's onShow; run until idle. `options` is merged over {"scene": 1001, "path": the top
        page's route, "query": its query, "referrerInfo": {}, "entryType": "user"}."""
        self._run_command({"op": "showApp", "options": dict(options or {})})

    @property
    def device(self) -> dict[str, Any]:
        """The device as the app left it: {"keepScreenOn", "screenBrightness", "battery": {"level",
        "isCharging"}, "vibrations" ("short" / "long", in order), "backgroundColor":
        {"backgroundColor", "backgroundColorTop", "backgroundColorBottom"} (None until set),
        "backgroundTextStyle", "enableDebug", "sensors": {"accelerometer", "compass",
        "deviceMotion", "location": {"running", ...}}, "subPackages" (the roots loaded), "update":
        {"hasUpdate", "ready", "failed", "applied"}}. A copy."""
        state: dict[str, Any] = self._command("device")
        return state

    def set_battery(self, level: int, *, charging: bool = False) -> None:
        """The battery's charge (1 to 100) and whether it charges, as getBatteryInfo and
        getBatteryInfoSync report them from now on (80, not charging, by default)."""
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 100:
            raise ValueError(f"level must be an integer from 1 to 100, got {level!r}")
        if not isinstance(charging, bool):
            raise TypeError(f"charging must be True or False, got {type(charging).__name__}")
        self._command("setBattery", level=level, isCharging=charging)

    def emit(self, event: str, data: Mapping[str, Any] | None = None) -> int:
        """The device sends `event` to the listeners the app registered, each with a copy of `data`,
        and the runtime runs until idle; returns how many listeners got it. The events, by the
        listener that receives them: "onAccelerometerChange" {x, y, z}, "onCompassChange"
        {direction, accuracy?}, "onDeviceMotionChange" {alpha, beta, gamma}, "onLocationChange"
        {latitude, longitude, ...} (the fields getLocation answers, the rest from its default),
        "onMemoryWarning" {level?} (Android: 10 unless given), "onUserCaptureScreen" {},
        "UpdateManager.onCheckForUpdate" {hasUpdate}, "UpdateManager.onUpdateReady" {},
        "UpdateManager.onUpdateFailed" {} (each update callback once). A sensor's event reaches no
        listener while the sensor is stopped, nor a location while the app is in the background,
        as on a phone (0 is returned). ValueError for an unknown event or a wrong field."""
        payload = check_event(event, data, self._platform)
        count: int = self._run_command({"op": "emit", "event": event, "data": payload})
        return count

    def calls(self, api: str) -> list[dict[str, Any]]:
        """The parameters of each call of a swan API so far, in order, as the script passed them
        (callbacks left out; ArrayBuffers and typed arrays as bytes)."""
        return [dict(params) for params in self._calls.get(api, [])]

    def answer(self, api: str, *answers: Mapping[str, Any]) -> None:
        """Script what the next calls of `api` answer (showModal: {"confirm": False, "cancel":
        True}); each answer is used once, then the API's default applies again. ValueError for an
        API whose answer no test scripts (one carried out for real, or not at all)."""
        self._check_open()
        scripted = self._api_handlers.scripted
        if api not in scripted:
            raise ValueError(f"{api!r} is not answered by scripts; the APIs a test can answer: {', '.join(scripted)}")
        self._answers.add(api, *answers)

    def unused_answers(self) -> dict[str, int]:
        """{api: answers scripted with `answer()` and not used yet}; the pytest plugin fails a test
        that leaves some, unless it says otherwise."""
        return self._answers.unused()

    def advance(self, ms: float, *, timeout: float | None = None) -> None:
        """On the virtual clock: move time forward by `ms`, running each timer when it is due
        (and everything it starts) in order. `ms` is a whole number of milliseconds, finite and
        not negative (ValueError otherwise)."""
        self._sync(self.aadvance(ms, timeout=timeout))

    async def aadvance(self, ms: float, *, timeout: float | None = None) -> None:
        if not self._loop.virtual:
            raise RuntimeError('advance() needs the virtual clock: SwanRuntime(clock="virtual")')
        whole = self._loop.check_advance(ms)
        await self._drive(lambda: None, timeout, lambda busy, stopped: self._loop.advance(whole, busy, stopped))

    def run(self, source: str, *, filename: str = "<script>", timeout: float | None = None) -> RunResult:
        """Evaluate `source` and drive the loop until idle; see `arun` for the async form.

        `filename` is what stack frames and error locations call this source.
        """
        turn = self._turn_outside_loop(lambda: self._engine.evaluate(source, filename), timeout)
        if not turn.done:
            self._sync(self._drive(None, turn.left(), None, turn.marks, turn.held, turn.limit), turn.held)
        return self._result_since(turn.marks)

    def run_file(self, path: str | os.PathLike[str], *, timeout: float | None = None) -> RunResult:
        """Run a script file; its frames are named by `path` as given."""
        return self.run(_read_source(path), filename=os.fspath(path), timeout=timeout)

    async def arun(self, source: str, *, filename: str = "<script>", timeout: float | None = None) -> RunResult:
        """Evaluate `source` and await until no timer, promise or transfer is left.

        Raises RunTimeout (with the partial result as `.result`) when the wall-clock timeout
        runs out, even inside an endless loop or promise chain; pending transfers and timers
        are then cancelled.
        """
        marks = self._marks()
        await self._drive(lambda: self._engine.evaluate(source, filename), timeout)
        return self._result_since(marks)

    async def _drive(self, action: Callable[[], None] | None, timeout: float | None,
                     until: Callable[[Callable[[], bool], Callable[[], bool]], Any] | None = None,
                     marks: tuple[int, int, int, int] | None = None, held: list[Callable[[], None]] | None = None,
                     shown: float | None = None) -> None:
        """Do one engine action, then run the loop until idle (or `until`), within the run's
        wall-clock timeout, which also bounds every JS turn (see Engine.deadline). Without an
        action, go on from a turn `_turn_outside_loop` ran (it may have timed out), doing first
        the loop's work it `held`; `shown` is then the run's whole timeout, for the error."""
        self._check_open()
        self._engine.check_usable()
        marks = marks or self._marks()
        self._bind_client_loop()
        engine = self._engine
        if action is not None:
            self._sandbox.recount()  # the test may have changed the data folder since the last run
            engine.timed_out = False
            engine.stopped_stack = ""
        limit = self.timeout if timeout is None else timeout
        engine.deadline = None if limit is None else time.monotonic() + limit
        busy, stopped = self._busy, (lambda: engine.timed_out)
        try:
            if action is not None:
                action()
            elif held:
                self._do_held(held)
            if not engine.timed_out:
                # What is left of the run's time: the action's turn counts (one rule for run(),
                # arun() and the harness's calls, whichever way they went).
                left = None if engine.deadline is None else max(engine.deadline - time.monotonic(), 1e-3)
                await asyncio.wait_for((until or self._loop.run_until_idle)(busy, stopped), left)
        except asyncio.TimeoutError:
            engine.timed_out = True
        finally:
            engine.deadline = None
        if engine.timed_out:
            await self._cancel_pending()
            where = engine.stopped_stack
            raise RunTimeout(
                f"the script was still busy after {shown if shown is not None else limit:g} s"
                + (f", stopped in:\n{where}" if where else ""),
                self._result_since(marks),
            )

    def _busy(self) -> bool:
        """Transfers or sockets in flight."""
        return self._transfers.busy or self._sockets_busy()

    def _marks(self) -> tuple[int, int, int, int]:
        """How many records of each kind there were so far (the dropped ones too)."""
        return (len(self.console), len(self.errors), self._tasks_dropped + len(self.tasks), self.records_dropped + len(self.log))

    # -- framework commands (see _protocol) -----------------------------------------------------
    def _send_command(self, payload: dict[str, Any]) -> int:
        if payload["op"] not in COMMANDS:
            raise RuntimeError(f"swan-bridge bug: {payload['op']!r} is not a command of the protocol")
        self._command_seq += 1
        payload["id"] = self._command_seq
        self._engine.command(payload)
        return self._command_seq

    def _take_reply(self, command_id: int, errors_before: int, raise_uncaught: bool = True) -> Any:
        reply = self._replies.pop(command_id, None)
        if reply is None:
            # The command's own turn was stopped (the CPU or memory limit), so it never answered:
            # that error, which names the place in the user's code.
            new = self.errors[errors_before:]
            stops = [e for e in new if isinstance(e, (CPULimitExceeded, MemoryLimitExceeded))]
            if stops:
                raise self._delivered(stops[0])
            if new:  # e.g. its reply could not be sent (the heap was full): that error says why
                raise self._delivered(new[0])
            raise ScriptError("the promise it returned never settled: nothing was left to run", where="harness")
        if not reply["ok"]:
            error = reply.get("error") or {}
            if error.get("template"):
                from .._view._templates import template_error

                raise template_error(error["template"])
            if error.get("usage"):
                raise ValueError(error.get("message", "").removeprefix("Error: "))
            if error.get("memory"):  # (the view's render, a call's reply: whatever ran out)
                raise self._delivered(MemoryLimitExceeded("MemoryLimitExceeded: the script ran out of memory",
                                                          error.get("stack") or "", "harness"))
            new = self.errors[errors_before:]
            raise self._delivered(new[0]) if new else ScriptError(error.get("message", "error"), error.get("stack", ""), "harness")
        new = self.errors[errors_before:]
        if new and raise_uncaught:
            raise self._delivered(new[0])  # something the call started threw uncaught
        stops = [e for e in new if isinstance(e, (CPULimitExceeded, MemoryLimitExceeded))]
        if stops:  # even where a throw is only recorded (open_page): a stopped script left its work undone
            raise self._delivered(stops[0])
        return reply.get("value")

    def _delivered(self, error: ScriptError) -> ScriptError:
        """An error the caller is handed (raised, or in a RunResult): it has been seen."""
        self._seen.add(id(error))
        return error

    def unseen_errors(self) -> list[ScriptError]:
        """Uncaught errors no call raised and no RunResult returned: an error in a callback, a
        timer or a page's hook that nothing showed the caller (the pytest plugin fails a test on
        them)."""
        return [e for e in self.errors if id(e) not in self._seen]

    def _command(self, op: str, **fields: Any) -> Any:
        """A command answered at once (reading data, the stack)."""
        return self._command_payload({"op": op, **fields})

    def _bounded(self, action: Callable[[], Any]) -> Any:
        """Call into JS outside a run (a read such as page.data, which may run a script's getter
        or toJSON) under a run's wall-clock deadline, as well as the CPU limit every turn has:
        RunTimeout when it is still busy at the deadline. Inside a run, the run's deadline holds."""
        engine = self._engine
        if engine.deadline is not None:
            return action()
        limit = self.timeout
        marks = self._marks()
        engine.deadline = None if limit is None else time.monotonic() + limit
        engine.timed_out = False
        engine.stopped_stack = ""
        try:
            result = action()
        finally:
            engine.deadline = None
        if engine.timed_out:
            engine.timed_out = False
            where = engine.stopped_stack
            raise RunTimeout(
                f"the script was still busy after {limit:g} s" + (f", stopped in:\n{where}" if where else ""),
                self._result_since(marks),
            )
        return result

    async def _drive_command(self, payload: dict[str, Any], timeout: float | None, raise_uncaught: bool = True,
                             started: tuple[int, int, tuple[int, int, int, int], list[Callable[[], None]]] | None = None,
                             shown: float | None = None) -> Any:
        """Send a command and run until its reply is there and the loop is idle; on the virtual
        clock, time moves on while the reply (a method's promise) waits on timers. `started`:
        (command id, errors before, marks, messages held) of a command `_run_command` sent."""
        before = len(self.errors) if started is None else started[1]
        sent: list[int] = [] if started is None else [started[0]]

        def answered() -> bool:
            return bool(sent) and sent[0] in self._replies

        await self._drive(None if started is not None else (lambda: sent.append(self._send_command(payload))), timeout,
                          lambda busy, stopped: self._loop.run_until(answered, busy, stopped),
                          None if started is None else started[2], None if started is None else started[3], shown)
        return self._take_reply(sent[0], before, raise_uncaught)

    def _run_command(self, payload: dict[str, Any], timeout: float | None = None, raise_uncaught: bool = True) -> Any:
        """`_drive_command` for the synchronous API: the command's turn runs outside the event
        loop (`_turn_outside_loop`); when it leaves nothing to run and its reply is there (most
        method calls), that reply is the answer. Otherwise the loop takes over from there."""
        turn = self._turn_outside_loop(lambda: self._send_command(payload), timeout)
        command_id: int = turn.value
        if turn.done and command_id in self._replies:
            return self._take_reply(command_id, turn.errors_before, raise_uncaught)
        return self._sync(self._drive_command(payload, turn.left(), raise_uncaught,
                                              (command_id, turn.errors_before, turn.marks, turn.held), turn.limit), turn.held)

    def _turn_outside_loop(self, action: Callable[[], Any], timeout: float | None) -> _Turn:
        """Run the JS turn `action` starts at once, outside the event loop, as `_drive` would
        run it inside: a trip through asyncio costs ten times the turn of a method call, and a
        runtime whose runs and calls never need the loop never makes one. The turn's messages are
        handled as they arrive (its console lines are printed at once); the work among them that
        needs the loop (starting a transfer or a socket: `_held`) is kept, in order, for the
        loop; `_Turn.done` says whether anything is left for it."""
        self._check_open()
        self._engine.check_usable()  # (another thread, a callback of a turn: refused before anything changes)
        _refuse_inside_a_running_loop()
        loop = self._own_loop
        if loop is not None and self._client_loop is not loop:  # as _drive binds it
            self._transfers.retire_clients()
            self._client_loop = loop
        self._sandbox.recount()  # the test may have changed the data folder since the last run
        engine = self._engine
        engine.timed_out = False
        engine.stopped_stack = ""
        limit = self.timeout if timeout is None else timeout
        started_at = time.monotonic()
        engine.deadline = None if limit is None else started_at + limit
        turn = _Turn(limit, started_at, self._marks(), len(self.errors))
        restore = ctrl_c_stops_turn(engine)
        held = self._held = turn.held
        try:
            turn.value = action()
            turn.done = not held and not engine.timed_out and self._loop.idle() and not self._busy()
            if not turn.done:
                # The loop goes on from here: made while Ctrl-C only stops the run (a loop Ctrl-C
                # broke off halfway would complain when it is collected).
                self._loop_for_sync()
        except KeyboardInterrupt:
            self._after_ctrl_c(self._loop_for_sync(), held)
            raise
        finally:
            self._held = None
            engine.deadline = None
            if restore is not None:
                restore()
        if engine.interrupted:  # Ctrl-C after the turn's JS was over
            self._after_ctrl_c(self._loop_for_sync(), held)
            raise KeyboardInterrupt
        return turn

    async def arun_file(self, path: str | os.PathLike[str], *, timeout: float | None = None) -> RunResult:
        return await self.arun(_read_source(path), filename=os.fspath(path), timeout=timeout)

    @property
    def temp_directory(self) -> Path:
        """The directory behind this runtime's `bdfile://tmp_*` paths (removed on close)."""
        self._check_open()
        return self._sandbox.directory

    def host_path(self, vpath: str) -> Path:
        """The host file behind a `bdfile://` path the script was given (for tests and tools):
        FileNotFoundError when there is no such file, ValueError for a path the sandbox refuses."""
        self._check_open()
        try:
            return self._sandbox.resolve(vpath)
        except HostFailure as exc:
            if exc.kind == "not_found":
                raise FileNotFoundError(errno.ENOENT, exc.detail, vpath) from None
            raise ValueError(exc.detail or exc.kind) from None

    def close(self) -> None:
        if self._closed:
            return
        if (self._own_loop is not None and self._own_loop.is_running()) or self._engine.running:
            # From a callback (on_console, on_error ...) while a call runs: the loop cannot be
            # run again inside itself, and the call under way still needs the runtime.
            raise RuntimeError("SwanRuntime.close() cannot be called while the runtime is running "
                               "(from a callback such as on_console); close it after the call returns")
        if self._own_loop is not None and not self._own_loop.is_closed():
            self._own_loop.run_until_complete(self.aclose())
            self._own_loop.close()
        else:
            self._finish_close()

    async def aclose(self) -> None:
        if self._closed:
            return
        await self._cancel_pending()
        self._finish_close()

    def __enter__(self) -> SwanRuntime:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> SwanRuntime:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # ------------------------------------------------------------------------------------------
    # Loop plumbing
    # ------------------------------------------------------------------------------------------
    def _loop_for_sync(self) -> asyncio.AbstractEventLoop:
        """The runtime's own event loop, for the synchronous API (refused inside a running loop)."""
        _refuse_inside_a_running_loop()
        if self._own_loop is None:
            self._own_loop = asyncio.new_event_loop()
        return self._own_loop

    def _sync(self, coro: Any, held: list[Callable[[], None]] | None = None) -> Any:
        """Run `coro` on the runtime's own loop; `held`: the loop's work a turn run outside it
        left (see `_turn_outside_loop`), which `coro` does first, and which a Ctrl-C that stops
        the run before `coro` begins does on its way out."""
        try:
            if self._closed:
                raise RuntimeClosedError()
            loop = self._loop_for_sync()
            task = loop.create_task(coro)
        except BaseException as exc:  # (Ctrl-C too: the coroutine never runs, and is closed here)
            coro.close()
            if isinstance(exc, KeyboardInterrupt) and self._own_loop is not None:
                self._after_ctrl_c(self._own_loop, held)
            raise
        interrupted = [False]
        try:
            with ctrl_c_stops(self._engine, task, interrupted):
                try:
                    return loop.run_until_complete(task)
                except (KeyboardInterrupt, asyncio.CancelledError):
                    if not interrupted[0]:
                        raise
                    # As after a timeout: the run's timers, events and transfers end with it.
                    if task.done() and not task.cancelled():
                        task.exception()  # (a done task is not run again: asyncio would wait forever)
                    _finish(loop, task)
                    self._after_ctrl_c(loop)
                    raise KeyboardInterrupt from None
        except BaseException as exc:
            # Ctrl-C before the handler was installed (Python's own raised it), or a caller's
            # handler raised: the task is still in the loop, and the next call on it would run
            # this one first. It ends here (a task that has not begun is cancelled before its first
            # step, and runs no JS). After Ctrl-C, what the run's first turn (`_turn_outside_loop`)
            # left ends with it too, as when the handler stops a run.
            _finish(loop, task)
            if isinstance(exc, KeyboardInterrupt) and not interrupted[0]:
                self._after_ctrl_c(loop, held)  # (the task never began: its held work is done here)
            raise

    def _after_ctrl_c(self, loop: asyncio.AbstractEventLoop, held: list[Callable[[], None]] | None = None) -> None:
        """A run stopped by Ctrl-C: its timers, events and transfers end with it (what its last
        turn `held` is done first, so that the calls it recorded end as the others do)."""
        self._engine.clear_interrupt()
        cleanup = loop.create_task(self._cancel_after(held or []))
        for _ in range(3):  # a stop left over from the interrupted loop ends a run early
            try:
                loop.run_until_complete(cleanup)
                break
            except RuntimeError:
                continue

    async def _cancel_after(self, held: list[Callable[[], None]]) -> None:
        if held:
            self._bind_client_loop()
            self._do_held(held)
        await self._cancel_pending()

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeClosedError()

    def _bind_client_loop(self) -> None:
        loop = asyncio.get_running_loop()
        if self._client_loop is not loop:
            self._transfers.retire_clients()  # a client may bridge an async transport onto the old loop
            self._client_loop = loop

    def _new_temp_file(self, ext: str, data: bytes) -> str:
        """A new temp file holding `data`, for an API whose answer is a file; its bdfile:// path."""
        vpath, host = self._sandbox.new_temp(ext)
        host.parent.mkdir(parents=True, exist_ok=True)
        host.write_bytes(data)
        self._sandbox.publish(vpath, host)
        return vpath

    def _make_client(self) -> httpx.Client:
        from .._network._http import make_client

        assert self._client_loop is not None
        return make_client(self._transport, self._client_loop, _shared_ssl_context())

    @property
    def _sockets(self) -> Sockets:
        """The runtime's WebSockets, made at the first use."""
        if self._socket_manager is None:
            from .._network._sockets import Sockets

            options = self._socket_options
            self._socket_manager = Sockets(
                post=self._loop.post, client=self._make_client, settings=TransferSettings.from_options(options),
                router=self._router,
            )
        return self._socket_manager

    def _sockets_busy(self) -> bool:
        return self._socket_manager is not None and self._socket_manager.busy

    async def _cancel_pending(self) -> None:
        self._loop.clear()
        await self._transfers.cancel_all()
        if self._socket_manager is not None:
            await self._socket_manager.cancel_all()
        self._loop.clear()

    def _finish_close(self) -> None:
        self._closed = True
        self._transfers.close()
        if self._socket_manager is not None:
            self._socket_manager.close()
        self._engine.close()
        self._storage.release()  # (a turn the engine stopped may have left it held)
        self._sandbox.close()

    def _result_since(self, marks: tuple[int, int, int, int]) -> RunResult:
        errors = [self._delivered(e) for e in self.errors[marks[1] :]]
        tasks = self.tasks[max(0, marks[2] - self._tasks_dropped) :]
        return RunResult(self.console[marks[0] :], errors, tasks, self.log[max(0, marks[3] - self.records_dropped) :])

    # ------------------------------------------------------------------------------------------
    # Messages from JS (see _protocol)
    # ------------------------------------------------------------------------------------------
    def _deliver(self, event: Message) -> None:
        if event.get("t") == "socket" and self._socket_manager is not None:
            self._socket_manager.delivered(event)  # its backlog shrinks
        if self._transfers.dispatchable(event):
            self._engine.dispatch(event)

    def _fire_timer(self, timer_id: int) -> None:
        self._engine.fire_timer(timer_id)

    def _on_messages(self, messages: list[Message]) -> None:
        held = self._held
        for message in messages:
            op = message.get("op", "")
            handler = self._handlers.get(op)
            if handler is None:
                continue
            if held is not None and op in _LOOP_WORK:  # (a call is recorded now: see _on_call)
                held.append(functools.partial(handler, message))
            else:
                handler(message)

    def _on_log(self, message: Message) -> None:
        # Keys and short texts (an API's name, an errMsg) interned: a runaway loop's thousands of
        # entries share them.
        fields = {sys.intern(k): _interned(v) for k, v in message.items() if k not in ("op", "type")}
        if message["type"] == "call" and message.get("sync") and self._calls.get(fields.get("api", "")):
            # A Sync form was recorded for rt.calls as it ran (the synchronous channel); its log
            # entry, which the shim posts after it, shows the same parameters.
            fields["params"] = self._calls[fields["api"]][-1]
        self._log_event(message["type"], fields)

    def _log_event(self, kind: str, fields: dict[str, Any]) -> None:
        """Add an event to rt.log; past MAX_RECORDS the oldest tenth is dropped (and counted in
        records_dropped), so a runaway loop's log holds bounded host memory."""
        log = self.log
        log.append(Event(kind, fields))
        if len(log) > MAX_RECORDS:
            drop = len(log) - MAX_RECORDS + MAX_RECORDS // 10
            del log[:drop]
            self.records_dropped += drop

    def _on_console_message(self, message: Message) -> None:
        """One console line ("text"), or a run of lines of one level: "block", the lines joined
        by "\\n", with their "lengths" (a piece's raw texts, see _engine._context), or "texts"."""
        level = message["level"]
        if "block" in message:
            block, lengths = message["block"], message["lengths"]
        else:
            texts = message["texts"] if "texts" in message else [message["text"]]
            block, lengths = "\n".join(texts), [len(text) for text in texts]
        if self._print_lines is not None:
            self._print_lines(level, block)
        if not self._keep_console and self._on_console is None:
            return
        position = 0
        for length in lengths:
            text = block[position:position + length]
            position += length + 1
            entry = ConsoleMessage(level, text)
            if self._keep_console:
                self.console.append(entry)
                self._log_event("console", {"level": level, "text": text})
            if self._on_console is not None:
                self._on_console(entry)

    def _on_script_error(self, message: Message) -> None:
        error = script_error(message["message"], message.get("stack", ""), message.get("where", ""), self._memory_limited)
        if isinstance(error, MemoryLimitExceeded):
            self._engine.recover_memory()
        self._record_error(error)

    def _record_error(self, error: ScriptError) -> None:
        self.errors.append(error)
        self._log_event("error", {"message": error.message, "where": error.where, "location": error.location})
        if self._on_error is not None:
            self._on_error(error)

    def _on_trace(self, message: Message) -> None:
        record = self._tasks_by_id.get(message["id"])
        if record is None:
            return
        event = sys.intern(message["event"])
        record.events.append(event)
        self._log_event("callback", {"api": record.api, "id": record.id, "event": event})
        if event == "complete" and record.id in self._unlisted:  # dropped from rt.tasks, now done
            self._unlisted.discard(record.id)
            del self._tasks_by_id[record.id]
        if message["event"] in ("success", "fail"):
            record.errMsg = message.get("errMsg")
            record.errCode = message.get("errCode")
            self._transfers.settled(record.id)

    def _past_deadline(self) -> bool:
        """Whether the current run's wall-clock timeout has run out (a long host task then is not
        started: its answer could not reach the script before the run ends)."""
        deadline = self._engine.deadline
        return deadline is not None and time.monotonic() >= deadline

    def _on_call(self, message: Message) -> None:
        """A call the shim made: recorded now (rt.tasks, rt.calls, the log), in the order of the
        messages around it, and carried out now; one that needs the event loop (a transfer, a
        socket) by the loop, when the turn runs outside it."""
        call_id, api, params = message["id"], message["api"], message["params"]
        url = params.get("url") if isinstance(params, dict) else None
        api = sys.intern(api) if isinstance(api, str) else api
        self._keep_task(TaskRecord(call_id, api, url if isinstance(url, str) else None))
        given = message.get("given")
        shown = self._record_call(api, given if isinstance(given, dict) else None, params if isinstance(params, dict) else {})
        self._log_event("call", {"api": api, "id": call_id, "params": shown})
        if self._held is not None and message.get("error") is None and api in self._api_handlers.started:
            self._held.append(functools.partial(self._carry_out, message))  # a transfer, a socket
        else:  # answered now (its answer waits in the runtime's queue for the next turn)
            self._carry_out(message)

    def _keep_task(self, record: TaskRecord) -> None:
        """Add a call to rt.tasks; past MAX_RECORDS the oldest tenth is dropped, as from the log."""
        tasks = self.tasks
        tasks.append(record)
        self._tasks_by_id[record.id] = record
        if len(tasks) > MAX_RECORDS:
            drop = len(tasks) - MAX_RECORDS + MAX_RECORDS // 10
            for old in tasks[:drop]:  # one still running keeps its callbacks logged until it completes
                if "complete" in old.events:
                    self._tasks_by_id.pop(old.id, None)
                else:
                    self._unlisted.add(old.id)
            del tasks[:drop]
            self._tasks_dropped += drop

    def _carry_out(self, message: Message) -> None:
        call_id, api, params = message["id"], message["api"], message["params"]
        if message.get("error") is not None:
            self._loop.post(failure_event(call_id, message.get("kind") or "param", message["error"]))
            return
        handler = self._api_handlers[api]
        try:
            if handler is None:  # an API of the "unsupported" family
                self._loop.post(failure_event(call_id, "unsupported"))
            elif handler.started:
                handler.call(call_id, api, params)
            else:
                self._loop.post(success_event(call_id, handler.call(api, params)))
        except Exception as exc:  # a refusal (HostFailure) or a handler bug becomes a fail result, never an escape
            self._loop.post(failure_event(call_id, *failure_from_exception(exc)))

    def _record_call(self, api: str, given: dict[str, Any] | None, params: dict[str, Any]) -> dict[str, Any]:
        """Record a call for rt.calls: what the script passed ("given", see _protocol), else the
        checked parameters; returns what was recorded."""
        shown = params
        if given is not None:
            try:
                shown = _with_bytes(given)
            except (ValueError, RecursionError):  # not what the shim makes: the checked params
                pass
        api = sys.intern(api)
        self._calls.setdefault(api, []).append(shown)
        order = self._call_order
        order.append(api)
        if len(order) > MAX_RECORDS:  # the oldest tenth of all APIs' entries dropped, as from the log
            dropped: dict[str, int] = {}
            for _ in range(len(order) - MAX_RECORDS + MAX_RECORDS // 10):
                name = order.popleft()
                dropped[name] = dropped.get(name, 0) + 1
            for name, count in dropped.items():
                del self._calls[name][:count]
        return shown

    def _load_project(self, project: Project) -> None:
        """Define every module of the project (none runs yet) and give the shim app.json."""
        self._project = project
        sources = []
        for module in project.modules:  # a deadline that passes while they are read ends the load
            if self._engine.deadline is not None and time.monotonic() >= self._engine.deadline:
                self._engine.timed_out = True
                return
            sources.append((module, project.source(module), module))
        self._define_modules(sources)
        if self._engine.timed_out:
            return
        self._engine.configure({"project": project.config_for_shim()})
        for warning in project.tab_bar()[1]:
            self._on_console_message({"op": "console", "level": "warn", "text": warning})
        self._load_templates(project)

    # -- the view ---------------------------------------------------------------------------------
    def _init_views(self) -> None:
        self._views: dict[int, Mirror] = {}  # page id -> its rendered view
        self._handlers["view"] = self._on_view

    def _load_templates(self, project: Project) -> None:
        """Parse every template of the project and compile them in the shim; a broken one is
        recorded now (an error of the runtime) and raised as TemplateError when its page opens."""
        from .._view._templates import COMPILED, Templates, template_error  # only projects have templates

        templates = Templates.load(project.root)
        module_errors = self._define_sjs(templates.modules())
        if self._engine.timed_out:
            return
        key = templates.compiled_key(self._memory_limit_mb)
        compiled = COMPILED.get(key)
        # Compiled in slices of a quarter of the CPU limit, a turn each (app/views.js): a template
        # the limit still stops is that template's error, the others compile on.
        slice_ms = None if self._cpu_limit is None else max(1, int(self._cpu_limit * 250))
        payload = templates.command(project.app_json.get("usingComponents"), compiled, module_errors, slice_ms)
        found: Any = {"more": True}
        stopped: str | None = None  # the slice before was stopped by the CPU limit
        stop: CPULimitExceeded | None = None
        while isinstance(found, dict) and found.get("more") and not self._engine.timed_out:
            before = len(self.errors)
            try:
                found = self._command_payload(payload)
            except CPULimitExceeded as exc:
                del self.errors[before:]  # it becomes the TemplateError of the template it stopped
                stop, stopped, found = exc, f"{self._cpu_limit:g} s", {"more": True}
            else:
                if isinstance(found, dict) and found.get("unstarted") and stop is not None:
                    raise stop  # stopped before the compile began
                stopped = None
            payload = {"op": "templatesMore", "stopped": stopped}
        if compiled is None and stop is None and isinstance(found, dict) and not self._engine.timed_out:
            COMPILED.keep(key, {"errors": found.get("errors", {}), "warnings": found.get("warnings", [])})
        # Reported at load, raised again when the page opens: a test that never opens the page is
        # not failed for it (unseen_errors leaves them out).
        for error in templates.errors.values():
            self._record_error(self._delivered(error))
        for fields in (found or {}).get("errors", {}).values():
            self._record_error(self._delivered(template_error(fields)))

    def _command_payload(self, payload: dict[str, Any]) -> Any:
        self._check_open()
        before = len(self.errors)
        return self._take_reply(self._bounded(lambda: self._send_command(payload)), before)

    def _on_view(self, message: Message) -> None:
        """A page's view from the shim: its first render, patches, or its end (see _protocol)."""
        from .._view._mirror import Mirror

        page_id = message["page"]
        if "tree" in message:
            def act(node: Node, action: str, fields: dict[str, Any]) -> None:
                self._view_action(page_id, node, action, fields)

            self._views[page_id] = Mirror(message["tree"], actor=act, select_timeout=lambda: self.timeout)
        elif message.get("gone"):
            mirror = self._views.pop(page_id, None)
            if mirror is not None:
                mirror.closed = True
        elif page_id in self._views:
            self._views[page_id].apply(message["patches"])

    def _view_action(self, page_id: int, node: Node, action: str, fields: dict[str, Any]) -> None:
        payload = {"op": "viewAction", "target": page_id, "node": node.node_id, "action": action, **fields}
        self._run_command(payload)

    def _define_modules(self, modules: list[tuple[str, str, str]]) -> None:
        """Define (module, source, filename) modules; each runs at its first require. A text that
        leaves its function (see bridge/_engine/_probe.py) is defined as failing, unrun; the
        ones that compile and stay inside are defined together, the rest one by one (a file
        that does not compile, or cannot be read, is reported)."""
        definitions = [(module, *wrap_module(module, source), filename) for module, source, filename in modules]
        verdicts = self._define_inside(definitions)
        if verdicts is None:
            return
        for module, header, body, filename in definitions:
            if not verdicts.left(module, body):
                continue
            if self._engine.timed_out:  # past the load's deadline: the rest is not loaded (RunTimeout)
                return
            if module in verdicts.escaped:
                header, body = wrap_module(module, escaped_module(module, header, body, verdicts.escaped[module]))
            self._define_module(module, header, body, filename)

    def _define_inside(self, definitions: list[tuple[str, str, str, str]]) -> Verdicts | None:
        """Probe (key, header, body, filename) definitions (bridge/_engine/_probe.py) and define,
        together, those that compile and stay inside their function; the verdicts, for the
        caller to handle the rest; None once the load's deadline has passed."""
        try:
            verdicts = probe([(key, header, body, wrapped_length(header)) for key, header, body, _ in definitions if body],
                             memory_limit=self._engine.memory_limit, deadline=self._engine.deadline)
        except OutOfTime:
            self._engine.timed_out = True  # as if a definition had run out of time (RunTimeout)
            return None
        together = [(body, filename, header) for key, header, body, filename in definitions if not verdicts.left(key, body)]
        if together:
            self._bounded(lambda: self._engine.evaluate_together(together))
        return verdicts

    def _define_sjs(self, modules: list[tuple[str, str, int, int]]) -> list[dict[str, Any]]:
        """Define the view's SJS / filter module texts ((text, file, line, col)) as the bodies of
        functions, as `_define_modules` does modules; [{code, error}] of those left undefined: a
        text that does not compile (reported now) or that leaves its function (never run)."""
        from .._view._templates import wrap_sjs

        definitions = [(code, *wrap_sjs(code, line, col), filename) for code, filename, line, col in modules]
        verdicts = self._define_inside(definitions)
        if verdicts is None:
            return []
        undefined = []
        for code, header, body, filename in definitions:
            if code in verdicts.escaped:
                refused = escaped_module(filename, header, body, verdicts.escaped[code]).refused
                error = ScriptError(f"SyntaxError: {refused.reason}", f"    at {refused.location}")
                self._record_error(self._delivered(error))
            elif code in verdicts.unparsed:
                before = len(self.errors)
                self._bounded(lambda: self._engine.evaluate(body, filename, header=header))
                if len(self.errors) == before:
                    continue
                error = self._delivered(self.errors[before])
            else:
                continue
            name, _, message = error.message.partition(": ")
            undefined.append({"code": code, "error": {"name": name, "message": message, "location": error.location}})
        return undefined

    def _define_module(self, module: str, header: str, body: str, filename: str) -> None:
        """Define a module from its `wrap_module` definition; a file that does not compile is
        reported now, and requiring it later fails with that error."""
        before = len(self.errors)
        self._bounded(lambda: self._engine.evaluate(body, filename, header=header))
        if len(self.errors) > before:
            error = self._delivered(self.errors[before])  # reported at load, raised at its first require
            self._engine.configure({"moduleErrors": {module: {"message": error.message, "location": error.location}}})

    # -- storage ----------------------------------------------------------------------------------
    def _do_held(self, held: list[Callable[[], None]]) -> None:
        """Do the loop's work a turn held (see `_held`), in order, then write the storage if it
        changed it (an asynchronous storage call)."""
        work, held[:] = held[:], []  # (taken: done once, whichever path gets to it first)
        try:
            for step in work:
                step()
        finally:
            self._save_storage()

    def _sync_call(self, text: str) -> str:
        """The synchronous channel: the storage's checks (see _storage), else the FileSystemManager's
        Sync forms."""
        if text.startswith(STORAGE_SYNC_PREFIX):
            self._engine.end_turn_hook()  # the turn's end writes the storage and lets go of its lock
            return self._storage.sync(text)
        return self._fs.sync(text)

    def _save_storage(self) -> None:
        """A failed write is reported once (as an error of the run, where="storage"); the old file
        is intact, and every later drain tries again until a write succeeds."""
        failing = self._storage.failing
        try:
            self._storage.save()
        except OSError as exc:
            if not failing:
                message = f"swan-bridge: storage not saved to {self._storage.path}: {exc}"
                self._record_error(ScriptError(message, where="storage"))


class _Turn:
    """A JS turn `SwanRuntime._turn_outside_loop` ran: the run's timeout (`limit`) and when it
    began, the marks and error count before it, what it `held` for the loop, `action`'s value,
    and whether nothing is left to run (`done`)."""

    __slots__ = ("limit", "started_at", "marks", "errors_before", "held", "value", "done")

    def __init__(self, limit: float | None, started_at: float, marks: tuple[int, int, int, int], errors_before: int) -> None:
        self.limit = limit
        self.started_at = started_at
        self.marks = marks
        self.errors_before = errors_before
        self.held: list[Callable[[], None]] = []
        self.value: Any = None
        self.done = False

    def left(self) -> float | None:
        """What is left of the timeout for the loop to go on with."""
        return None if self.limit is None else max(self.limit - (time.monotonic() - self.started_at), 1e-3)


#: Outbox messages whose handling is work for the event loop (transfers, sockets): a turn run
#: outside it (SwanRuntime._turn_outside_loop) holds that work, in order, for the loop; a call
#: is recorded at once and only carried out by the loop (`_on_call`).
_LOOP_WORK = frozenset({"abort", "listen"})


class HandleDriver:
    """The `Driver` a runtime gives its App, Page and Component handles (see `_app._handles`)."""

    def __init__(self, runtime: SwanRuntime) -> None:
        self._rt = runtime

    def command(self, op: str, **fields: Any) -> Any:
        return self._rt._command(op, **fields)

    def drive(self, payload: dict[str, Any]) -> Any:
        return self._rt._run_command(payload)

    async def adrive(self, payload: dict[str, Any]) -> Any:
        return await self._rt._drive_command(payload, None)

    @property
    def log(self) -> list[Event]:
        return self._rt.log

    def view(self, page_id: int) -> Mirror | None:
        return self._rt._views.get(page_id)

    def component_view(self, component_id: int) -> tuple[Mirror, Node | None] | None:
        views = self._rt._views
        own = views.get(component_id)  # a mounted component's (ids are shared with pages)
        if own is not None:
            return own, None
        for mirror in views.values():
            host = mirror.hosts.get(component_id)
            if host is not None:
                return mirror, host
        return None


def _read_source(path: str | os.PathLike[str]) -> str:
    """A script file's text (run_file, open_page_file): a regular file of UTF-8, at most the size
    of a project's module. A FIFO or a device is refused before it is opened (InvalidScript), a
    missing file is FileNotFoundError."""
    name = os.fspath(path)
    try:
        return decode_text(read_regular_file(path, MODULE_FILE_BYTES, name), name)
    except FileRefused as exc:
        if exc.reason == "not found":
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", name) from None
        raise InvalidScript(f"{exc.location or name}: {exc.reason}") from None


def _query_strings(query: Mapping[str, Any] | None) -> dict[str, str]:
    """A page's query as onLoad gets it on a phone, where it comes from a URL: every value a
    string (7 -> "7", True -> "true"). Other values are a TypeError."""
    out = {}
    for key, value in (query or {}).items():
        if isinstance(value, bool):
            out[str(key)] = "true" if value else "false"
        elif isinstance(value, (str, int, float)):
            out[str(key)] = str(value)
        else:
            raise TypeError(f"query values are strings or numbers (a URL's query), got {key!r}: {type(value).__name__}")
    return out


def _interned(value: Any) -> Any:
    """A short text interned (one copy however many records hold it); anything else as it is."""
    return sys.intern(value) if type(value) is str and len(value) <= 64 else value


def _with_bytes(value: Any) -> Any:
    """A call's parameters as the script passed them (see "given" in _protocol): {"$bytes":
    base64} back to bytes, a script's own "$..." key unescaped; keys and short texts interned."""
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(value.get("$bytes"), str):
            return base64.b64decode(value["$bytes"], validate=True)
        return {sys.intern(key[1:] if key.startswith("$") else key): _with_bytes(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_bytes(item) for item in value]
    return _interned(value)
