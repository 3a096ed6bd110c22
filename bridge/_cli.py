"""The `swan-bridge` command: run a script, run the seed samples, or serve the test server."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from ._exceptions import InvalidScript, RunTimeout, ScriptError
from ._resources import SAMPLE_NAMES, examples_dir
from ._runtime import DEFAULT_APP_KEY, DEFAULT_APP_VERSION, ConsoleMessage, SwanRuntime
from ._server import EmbeddedServer
from ._transfers import TRANSFER_APIS, ProgressHook, TransferProgress

#: Where the seed samples send their requests; the demo routes it to the embedded server.
SAMPLE_ORIGIN = "https://smartprogram.baidu.com/"


def _pairs(option: str, values: tuple[str, ...]) -> list[tuple[str, str]]:
    out = []
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got {value!r}", param_hint=option)
        out.append((key, rest))
    return out


def _globals(values: tuple[str, ...]) -> dict[str, Any]:
    out = {}
    for name, text in _pairs("--global", values):
        try:
            out[name] = json.loads(text)
        except json.JSONDecodeError as exc:
            raise click.BadParameter(f"{name}: not JSON ({exc.msg})", param_hint="--global") from None
    return out


def _network_timeouts(values: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for api, text in _pairs("--network-timeout", values):
        if api not in TRANSFER_APIS:
            raise click.BadParameter(f"unknown API {api!r} (one of {', '.join(TRANSFER_APIS)})", param_hint="--network-timeout")
        try:
            out[api] = float(text)
        except ValueError:
            raise click.BadParameter(f"{api}: milliseconds expected, got {text!r}", param_hint="--network-timeout") from None
        if out[api] <= 0:
            raise click.BadParameter(f"{api}: must be positive", param_hint="--network-timeout")
    return out


def _print_console(message: ConsoleMessage) -> None:
    stream = sys.stderr if message.level in ("warn", "error") else sys.stdout
    stream.write(message.text + "\n")
    stream.flush()


def _print_error(error: ScriptError) -> None:
    sys.stdout.flush()
    location = f"{error.location}: " if error.location else ""
    stack = f"\n{error.stack}" if error.stack else ""
    sys.stderr.write(f"{location}Uncaught error ({error.where}): {error.message}{stack}\n")
    sys.stderr.flush()


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


def _runtime_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--route", "routes", multiple=True, metavar="PREFIX=TARGET", help="Send URLs starting with PREFIX to TARGET instead."),
        click.option("--global", "globals_", multiple=True, metavar="NAME=JSON", help="Define a global before the script runs."),
        click.option("--choose-image", "images", multiple=True, type=click.Path(exists=True, dir_okay=False), help="A file swan.chooseImage returns (repeatable)."),
        click.option("--platform", type=click.Choice(["android", "ios"]), default="android", show_default=True, help="Which client's error codes to use."),
        click.option("--upload-json", is_flag=True, help="Hand JSON upload responses over parsed, as the Android client does."),
        click.option("--max-download-mb", type=click.FloatRange(min=0, min_open=True), default=10, show_default=True),
        click.option("--max-upload-mb", type=click.FloatRange(min=0, min_open=True), default=25, show_default=True),
        click.option("--network-timeout", "network_timeouts", multiple=True, metavar="API=MS", help="Per-API timeout in ms (default 60000)."),
        click.option("--max-concurrency", type=click.IntRange(min=1), default=10, show_default=True, help="Transfers at once; the rest wait."),
        click.option("--cpu-limit", type=click.FloatRange(min=0, min_open=True), default=10, show_default=True, help="CPU seconds one JS turn may use."),
        click.option("--memory-limit", type=click.FloatRange(min=1), default=256, show_default=True, help="JS heap limit in MB."),
        click.option("--progress-interval", type=click.FloatRange(min=0), default=0.05, show_default=True,
                     help="Least seconds between progress events of a transfer (Android: 0.5; 0: every percent)."),
        click.option("--domain", "domains", multiple=True, metavar="HOST", help="Turn the domain check on: only https URLs of these hosts."),
        click.option("--data-dir", type=click.Path(file_okay=False), help="Where saved and user files persist between runs (default: temporary)."),
        click.option("--app-key", default=DEFAULT_APP_KEY, show_default=True, help="App key in the Referer header."),
        click.option("--app-version", default=DEFAULT_APP_VERSION, show_default=True, help="App version in the Referer header."),
    ]
    for option in reversed(options):
        fn = option(fn)
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
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60, show_default=True, help="Wall-clock seconds before giving up.")
@click.option("--progress", is_flag=True, help="Draw a progress bar per transfer on stderr (when it is a terminal).")
def run(script: str, serve: bool, timeout: float, progress: bool, **options: Any) -> None:
    """Run SCRIPT until idle. Exit 0, or 1 on an uncaught JS error or timeout."""
    kwargs = _runtime_kwargs(options)
    with ExitStack() as stack:
        if serve:
            kwargs["route_all_to"] = stack.enter_context(EmbeddedServer()).url
        hook = stack.enter_context(_progress_display(progress))
        try:
            source = Path(script).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(f"cannot read {script}: {exc}", param_hint="SCRIPT") from None
        runtime = stack.enter_context(SwanRuntime(on_console=_print_console, on_error=_print_error, on_progress=hook, timeout=timeout, **kwargs))
        try:
            result = runtime.run(source, filename=script)
        except InvalidScript as exc:
            raise click.BadParameter(str(exc), param_hint="SCRIPT") from None
        except RunTimeout as exc:
            sys.stderr.write(f"swan-bridge: {exc}\n")
            sys.exit(1)
    sys.exit(1 if result.errors else 0)


def _runtime_kwargs(options: dict[str, Any]) -> dict[str, Any]:
    return {
        "routes": _pairs("--route", options["routes"]),
        "globals": _globals(options["globals_"]),
        "choose_images": options["images"],
        "platform": options["platform"],
        "upload_json": options["upload_json"],
        "max_download_mb": options["max_download_mb"],
        "max_upload_mb": options["max_upload_mb"],
        "network_timeouts": _network_timeouts(options["network_timeouts"]),
        "max_concurrency": options["max_concurrency"],
        "cpu_limit": options["cpu_limit"],
        "memory_limit_mb": options["memory_limit"],
        "domains": options["domains"] or None,
        "progress_interval": options["progress_interval"],
        "data_dir": options["data_dir"],
        "app_key": options["app_key"],
        "app_version": options["app_version"],
    }


@cli.command()
def demo() -> None:
    """Run the four seed samples, unchanged, against the embedded server."""
    failures = 0
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
        server = EmbeddedServer(host, port)
    except OSError as exc:
        raise click.UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    click.echo(f"swan-bridge test server on {server.url} (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


def main() -> None:
    cli(prog_name="swan-bridge")
