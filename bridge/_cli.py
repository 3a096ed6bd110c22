"""The `swan-bridge` command: run a script, run the seed samples, or serve the test server."""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any
from urllib.parse import urlsplit

import click

from ._app._handles import TAP_EVENT
from ._app._project import ProjectError
from ._exceptions import InvalidScript, MemoryLimitExceeded, RunTimeout, ScriptError
from ._network._progress import ProgressHook, TransferProgress
from ._options import OPTIONS, Option
from ._project_files import FileRefused, decode_text, read_regular_file
from ._resources import SAMPLE_NAMES, examples_dir
from ._runtime._records import ConsoleMessage
from ._runtime._runtime import SwanRuntime
from ._spec import MODULE_FILE_BYTES
from ._view._errors import TemplateError

#: Where the seed samples send their requests; the demo routes it to the embedded server.
SAMPLE_ORIGIN = "https://smartprogram.baidu.com/"


def _print_lines(level: str, lines: str) -> None:
    """Console lines of one level (joined by "\\n"), as the runtime routes them while the script
    runs: log, info and debug on stdout, warn and error on stderr. Each batch is flushed at once
    (stdout before anything goes to stderr), so that the streams keep the script's order where
    they meet (a terminal, `2>&1`)."""
    if level in ("warn", "error"):
        sys.stdout.flush()
        stream = sys.stderr
    else:
        stream = sys.stdout
    stream.write(lines)
    stream.write("\n")
    stream.flush()


def _print_error(error: ScriptError) -> None:
    sys.stdout.flush()
    location = f"{error.location}: " if error.location else ""
    stack = f"\n{error.stack}" if error.stack else ""
    sys.stderr.write(f"{location}Uncaught error ({error.where}): {error.message}{stack}\n")
    sys.stderr.flush()


def _print_unreported(runtime: SwanRuntime, error: ScriptError) -> None:
    """An error a call raised: the error hook printed it if the runtime recorded it (a script's
    uncaught error), or the error it stems from (a module that failed to load, at the same
    place); one of the harness (a page file that never called Page()) is printed here."""
    if not any(error is recorded or (error.location and error.location == recorded.location)
               for recorded in runtime.errors):
        sys.stdout.flush()
        sys.stderr.write(f"swan-bridge: {error}\n")
        sys.stderr.flush()


def _read_script(script: str) -> str:
    """SCRIPT's text: a regular file of UTF-8 text, at most the size of a project's module (a
    FIFO or a device is refused before it is opened)."""
    try:
        return decode_text(read_regular_file(script, MODULE_FILE_BYTES), script)
    except FileRefused as exc:
        where = f"{exc.rel}:{exc.line}:{exc.col}" if exc.line else exc.rel
        raise click.BadParameter(f"cannot read {where}: {exc.reason}", param_hint="SCRIPT") from None


def _start(options: dict[str, Any], **hooks: Any) -> SwanRuntime:
    """A runtime for the command; what its options name that cannot be used (a project that does
    not load, a folder it cannot write, a corrupt storage file) is a usage error, and a project
    that takes longer than the timeout to load is a runtime error (exit 1)."""
    try:
        return SwanRuntime(**options, **hooks)
    except ProjectError as exc:
        raise click.BadParameter(_one_line(exc), param_hint="'--project'") from None
    except RunTimeout as exc:
        sys.stderr.write(f"swan-bridge: {exc}\n")
        sys.exit(1)
    except MemoryLimitExceeded as exc:
        if exc.where != "runtime":
            raise
        # the limit is too small for swan-bridge's own JS
        raise click.BadParameter(_one_line(exc), param_hint="'--memory-limit'") from None
    except OSError as exc:
        raise _os_usage_error(exc, options) from None
    except (TypeError, ValueError, RecursionError) as exc:  # a storage file that is not one ...
        raise click.UsageError(_one_line(exc)) from None


def _os_usage_error(exc: OSError, options: dict[str, Any]) -> click.UsageError:
    """An OSError while the runtime set up its folders, blamed on the flag whose path it names."""
    text = f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    filename = os.fspath(exc.filename) if isinstance(exc.filename, (str, os.PathLike)) else ""
    for name in ("temp_dir", "data_dir", "project"):
        value = options.get(name)
        if value is not None and filename.startswith(os.fspath(value)):
            return click.BadParameter(f"cannot use {os.fspath(value)}: {text}", param_hint=f"'{OPTIONS[name].flag}'")
    return click.UsageError(text)


def _one_line(exc: BaseException, width: int = 500) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= width else text[: width - 1] + "…"


def _short_url(url: str, width: int = 40) -> str:
    """Host and path, without the query, cut to `width` so the bar keeps its room."""
    parts = urlsplit(url)
    text = f"{parts.netloc}{parts.path}" if parts.netloc else url
    return text if len(text) <= width else "…" + text[-(width - 1):]


@contextmanager
def _progress_display(enabled: bool) -> Iterator[ProgressHook | None]:
    """A rich progress bar per transfer on stderr, only when asked for and stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    try:
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn
    except ImportError:
        raise click.UsageError("--progress needs rich: pip install 'swan-bridge[progress]'") from None
    bars: dict[int, Any] = {}
    with Progress(
        TextColumn("{task.description}"), BarColumn(bar_width=20), DownloadColumn(), TransferSpeedColumn(),
        console=Console(stderr=True), transient=False,
        # The script's console.log must stay on stdout; warn/error share stderr with the bars.
        redirect_stdout=False, redirect_stderr=True,
    ) as progress:

        def hook(event: TransferProgress) -> None:
            bar = bars.get(event.call_id)
            label = f"{event.api} {_short_url(event.url)}"
            if bar is None:
                bar = bars[event.call_id] = progress.add_task(label, total=event.total)
            if event.finished:
                progress.update(bar, description=f"{label} ({'ok' if event.ok else 'failed'})")  # [..] is rich markup
                progress.stop_task(bar)
            else:
                progress.update(bar, completed=event.done, total=event.total)

        yield hook


def _flag(option: Option) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The click option for a runtime option: its value reaches the command checked, under the option's name."""
    assert option.flag is not None, f"{option.name} is Python-only"

    def convert(ctx: click.Context, param: click.Parameter, raw: Any) -> Any:
        try:
            return option.from_command_line(raw)
        except (TypeError, ValueError) as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
        except RecursionError:  # JSON nested deeper than the parser goes
            raise click.BadParameter("the JSON value is nested too deeply", ctx=ctx, param=param) from None

    text = option.description
    if not option.switch and (option.default is not None or option.shown is not None):
        text += f"  [default: {option.documented_default}]"
    if option.switch:
        return click.option(option.flag, option.name, is_flag=True, callback=convert, help=text)
    # (No is_flag=False: click would then take the value as optional, and `-1` for a new option.)
    return click.option(
        option.flag, option.name, type=click.STRING, multiple=option.repeatable, metavar=option.metavar,
        callback=convert, help=text,
    )


def _runtime_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A flag for every runtime option that has one (see bridge._options), in the table's order."""
    for option in reversed([o for o in OPTIONS.values() if o.flag is not None]):
        fn = _flag(option)(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="swan-bridge")
def cli() -> None:
    """Run Baidu Smart Program (swan) JavaScript with real network transfers."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


@cli.command()
@click.argument("script", type=click.Path(exists=True, dir_okay=False))
@_runtime_options
@click.option("--serve", is_flag=True, help="Start the embedded server and send every http(s) URL to it.")
@click.option("--call", "calls", multiple=True, metavar="METHOD",
              help="SCRIPT is a page: open it and call METHOD with a tap event (repeatable, in order).")
@click.option("--query", "queries", multiple=True, metavar="K=V",
              help="A query parameter onLoad gets when SCRIPT is a page (repeatable).")
@click.option("--progress", is_flag=True, help="Draw a progress bar per transfer on stderr (when it is a terminal).")
def run(script: str, serve: bool, progress: bool, calls: tuple[str, ...], queries: tuple[str, ...], **options: Any) -> None:
    """Run SCRIPT until idle. Exit 0, or 1 on an uncaught JS error or timeout.

    A SCRIPT that calls Page({...}) (a doc sample of a page) is a page file: it is opened as the
    app's page, as a phone opens one (the app launches, then onLoad with the --query given,
    onShow, onReady), run until idle, and each --call METHOD is then called in turn with a tap
    event, as its button would."""
    query = _parse_query(queries)
    with ExitStack() as stack:
        if serve:
            if options["route_all_to"] is not None:
                raise click.UsageError("--serve and --route-all-to cannot be used together")
            from ._server import EmbeddedServer  # only when asked for: it adds to every cold start

            options["route_all_to"] = stack.enter_context(EmbeddedServer()).url
        hook = stack.enter_context(_progress_display(progress))
        source = _read_script(script)
        # The lines are printed, not kept: a script may print more than memory should hold.
        runtime = stack.enter_context(_start(options, keep_console=False, on_error=_print_error, on_progress=hook))
        runtime._print_lines = _print_lines
        failed = False
        try:
            if calls or queries or calls_page(source):
                page = runtime.open_page_file(script, query)
                for method in calls:
                    try:
                        page.call(method, TAP_EVENT)
                    except ScriptError as exc:
                        _print_unreported(runtime, exc)
                        failed = True
                    except ValueError as exc:  # the page has no such method
                        raise click.BadParameter(str(exc), param_hint="--call") from None
            else:
                runtime.run(source, filename=script)
        except InvalidScript as exc:
            raise click.BadParameter(str(exc), param_hint="SCRIPT") from None
        except RunTimeout as exc:
            sys.stderr.write(f"swan-bridge: {exc}\n")
            sys.exit(1)
        except ScriptError as exc:  # the page did not open (it threw, or never called Page())
            _print_unreported(runtime, exc)
            failed = True
        failed = failed or bool(runtime.errors)
    sys.exit(1 if failed else 0)


def _parse_query(items: tuple[str, ...]) -> dict[str, str]:
    """--query K=V options, as a page's query."""
    query: dict[str, str] = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key:
            raise click.BadParameter(f"expected K=V, got {item!r}", param_hint="--query")
        query[key] = value
    return query


_COMMENTS_AND_STRINGS = re.compile(r"""//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`""", re.S)
_PAGE_CALL = re.compile(r"(?<![\w$.])Page\s*\(")


def calls_page(source: str) -> bool:
    """Whether a script calls Page(...) (outside comments and strings): then it is a page file,
    as a doc sample of a page is, and `run` opens it instead of running it as a plain script."""
    return _PAGE_CALL.search(_COMMENTS_AND_STRINGS.sub(" ", source)) is not None


def _console_to_stderr(message: ConsoleMessage) -> None:
    sys.stderr.write(message.text + "\n")
    sys.stderr.flush()


@cli.command()
@click.argument("route")
@_runtime_options
@click.option("--query", "queries", multiple=True, metavar="K=V", help="A query parameter of the page (repeatable).")
@click.pass_context
def render(ctx: click.Context, /, route: str, queries: tuple[str, ...], **options: Any) -> None:
    """Open ROUTE of the project (--project DIR) and print its rendered markup.

    Exit 0 once the page opened and rendered, 1 if its template is broken (file.swan:LINE:COL on
    stderr), it could not open, it threw while opening or it was still busy at --timeout; 2 on
    bad usage. A page that navigates while it opens (a redirectTo in onLoad) renders the page
    the app ended on, said on stderr. The clock is virtual unless --clock says otherwise.
    Console output and errors go to stderr."""
    if options["project"] is None:
        raise click.UsageError("render needs --project DIR (the folder with app.json)")
    query = _parse_query(queries)
    if ctx.get_parameter_source("clock") is not click.core.ParameterSource.COMMANDLINE:
        options["clock"] = "virtual"
    printed: list[ScriptError] = []
    with _start({**options, "on_error": printed.append}, on_console=_console_to_stderr) as runtime:
        before = len(runtime.errors)
        try:
            page = runtime.open_page(route, query)
            # A page that navigates while it opens (a splash page's redirectTo): the page the app
            # ended on is the one shown.
            shown = runtime.current_page
            if shown is None:
                sys.stderr.write(f"swan-bridge: {route} left no page open\n")
                sys.exit(1)
            if shown.id != page.id:
                sys.stderr.write(f"swan-bridge: {route} navigated to {shown.route} while it opened; rendering {shown.route}\n")
                page = shown
            markup = page.html()
        except RunTimeout as exc:
            sys.stderr.write(f"swan-bridge: {exc}\n")
            sys.exit(1)
        except TemplateError as exc:
            sys.stderr.write(f"{exc.location}: {exc.message}\n")
            sys.exit(1)
        except ScriptError as exc:
            _print_error(exc)
            sys.exit(1)
        except ValueError as exc:  # not a page of app.json
            raise click.BadParameter(str(exc), param_hint="ROUTE") from None
        errors = runtime.errors[before:]
    for error in errors:
        _print_error(error)
    sys.stdout.write(markup + ("\n" if markup else ""))
    sys.stdout.flush()
    sys.exit(1 if errors else 0)


@cli.command()
def demo() -> None:
    """Run the four seed samples, unchanged, against the embedded server."""
    failures = 0
    from ._server import EmbeddedServer

    with EmbeddedServer() as server:
        for name in SAMPLE_NAMES:
            click.echo(f"== {name} ==")
            seen = len(server.requests)
            with SwanRuntime(routes={SAMPLE_ORIGIN: server.url + "/"}) as runtime:
                # The UploadTask sample uses a `res` it never defines: the chooseImage result.
                runtime.set_global("res", {"tempFilePaths": runtime.chosen_paths})
                result = runtime.run_file(examples_dir() / name)
            for message in result.console:
                click.echo(message.text)
            for error in result.errors:
                failures += 1
                click.echo(f"Uncaught error ({error.where}): {error}", err=True)
            for request in server.requests[seen:]:
                click.echo(f"   [server] {_describe(request)}")
    sys.exit(1 if failures else 0)


def _describe(request: Any) -> str:
    if request.method == "POST":
        fields = ", ".join(f"{k}={v}" for k, v in request.fields.items())
        files = ", ".join(f"{k}: {f['filename']} ({f['size']} bytes)" for k, f in request.files.items())
        return f"POST {request.path} fields [{fields}] files [{files}]"
    return f"GET {request.path}" + (" (client closed the connection)" if request.client_closed else "")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True)
def serve(host: str, port: int) -> None:
    """Run the embedded upload/download server in the foreground (Ctrl-C stops it)."""
    try:
        from ._server import EmbeddedServer

        server = EmbeddedServer(host, port)
    except OSError as exc:
        raise click.UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    click.echo(f"swan-bridge test server on {server.url} (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


def main() -> None:
    """The `swan-bridge` command. When it ends, every object left is frozen out of the garbage
    collector: the collections the interpreter runs at exit would only walk the imported
    modules' objects (about 15 ms of a 110 ms `swan-bridge run`), and nothing of ours waits for
    one (the runtime is closed and its temp folder removed before the command returns)."""
    try:
        cli(prog_name="swan-bridge")
    except Exception as exc:  # a bug of swan-bridge: one line, never a traceback
        sys.stderr.write(f"swan-bridge: internal error: {type(exc).__name__}: {_one_line(exc)}\n")
        sys.exit(1)
    finally:
        gc.freeze()
