"""Every SwanRuntime option, declared once: type, default, allowed values, help and command-line flag.

`SwanRuntime.__init__` validates its arguments with `validate_options`, the `run` command builds
its flags from `OPTIONS`, and tests/test_options.py holds the README's options table to it.
"""

from __future__ import annotations

import ipaddress
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import KW_ONLY, dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from ._spec import MAX_OPTION_TIMEOUT_MS, NETWORK_TIMEOUT_MS, SCOPES, TIMEOUT_APIS


Check = Callable[[str, Any], Any]
"""Checks the value of the option named by its first argument: returns it normalized, or raises
TypeError / ValueError with a message that starts with that name."""


# -- checks -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Number:
    """A finite int or float (never a bool) above a bound; None only where it means "no limit"."""

    bound: float
    inclusive: bool = False
    integer: bool = False
    none_is_no_limit: bool = False
    most: float | None = None

    @property
    def rule(self) -> str:
        return f"{'>=' if self.inclusive else '>'} {self.bound:g}"

    def __str__(self) -> str:
        most = "" if self.most is None else f" and <= {_bound(self.most)}"
        return self.rule + most + (", or None for no limit" if self.none_is_no_limit else "")

    def __call__(self, label: str, value: Any) -> Any:
        if value is None and self.none_is_no_limit:
            return None
        if isinstance(value, bool) or not isinstance(value, int if self.integer else (int, float)):
            kind = "an integer" if self.integer else "a number"
            raise TypeError(f"{label} must be {kind}, got {type(value).__name__}")
        hint = " (use None for no limit)" if self.none_is_no_limit else ""
        if not (value >= self.bound if self.inclusive else value > self.bound):
            raise ValueError(f"{label} must be {self.rule}{hint}, got {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"{label} must be finite{hint}, got {value!r}")
        if self.most is not None and value > self.most:
            raise ValueError(f"{label} must be <= {_bound(self.most)}{hint}, got {value!r}")
        return value


@dataclass(frozen=True)
class Choice:
    """One of a few strings."""

    values: tuple[str, ...]

    def __str__(self) -> str:
        return "one of " + ", ".join(f'"{v}"' for v in self.values)

    def __call__(self, label: str, value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError(f"{label} must be a string, got {type(value).__name__}")
        if value not in self.values:
            raise ValueError(f"{label} must be {self}, got {value!r}")
        return value


def _switch(label: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{label} must be True or False, got {type(value).__name__}")
    return value


def _text(label: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{label} must be a string, got {type(value).__name__}")
    if not value:
        raise ValueError(f"{label} must not be empty")
    return value


def _url(label: str, value: Any) -> str:
    url = _text(label, value)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{label} must be an http(s) URL, got {url!r}")
    return url


def _optional(check: Check) -> Check:
    """`check`, with None let through (None is then the option's "not set")."""
    return lambda label, value: None if value is None else check(label, value)


def _items(label: str, value: Any, what: str) -> list[Any]:
    """A list from an iterable; a lone string or path is refused rather than split into characters."""
    if isinstance(value, (str, bytes, os.PathLike)) or not isinstance(value, Iterable):
        raise TypeError(f"{label} must be a list of {what}, got {type(value).__name__}")
    return list(value)


def _mapping(label: str, value: Any) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise TypeError(f"{label} must be a mapping, got {type(value).__name__}")
    return value


def _path(label: str, value: Any) -> str | os.PathLike[str]:
    if not isinstance(value, (str, os.PathLike)) or isinstance(os.fspath(value), bytes):
        raise TypeError(f"{label} must be a path (str or os.PathLike), got {type(value).__name__}")
    if not os.fspath(value):
        raise ValueError(f"{label} must not be an empty path")
    return value


def _existing_dir(label: str, value: Any) -> str | os.PathLike[str]:
    path = _path(label, value)
    if not Path(path).is_dir():
        raise ValueError(f"{label} must be an existing directory, got {os.fspath(path)!r}")
    return path


def _dir(label: str, value: Any) -> str | os.PathLike[str]:
    path = _path(label, value)
    if Path(path).exists() and not Path(path).is_dir():
        raise ValueError(f"{label} must be a directory (it is created if missing), got {os.fspath(path)!r}")
    return path


def _files(label: str, value: Any) -> list[str | os.PathLike[str]]:
    paths = [_path(label, p) for p in _items(label, value, "file paths")]
    for path in paths:
        if not Path(path).is_file():
            raise ValueError(f"{label} must list existing files, got {os.fspath(path)!r}")
    return paths


def _routes(label: str, value: Any) -> list[tuple[str, str]]:
    items = list(value.items()) if isinstance(value, Mapping) else _items(label, value, "(prefix, URL) pairs")
    routes = []
    for item in items:
        if not isinstance(item, (tuple, list)) or len(item) != 2 or not all(isinstance(s, str) for s in item):
            raise TypeError(f"{label} must map URL prefixes (str) to URLs (str), got {item!r}")
        prefix, target = item
        if not prefix:
            raise ValueError(f"{label} must not have an empty prefix")
        routes.append((prefix, _url(f"{label}[{prefix!r}]", target)))
    return routes


def _globals(label: str, value: Any) -> dict[str, Any]:
    out = {}
    for name, item in _mapping(label, value).items():
        if not isinstance(name, str):
            raise TypeError(f"{label} names must be strings, got {name!r}")
        if not name:
            raise ValueError(f"{label} names must not be empty")
        try:
            json.dumps(item, allow_nan=False)
        except (TypeError, ValueError, RecursionError) as exc:
            raise ValueError(f"{label}[{name!r}] must be a JSON value ({_why(exc)})") from None
        out[name] = item
    return out


def _json_value(label: str, value: Any) -> Any:
    """A JSON value (as JSON has it: tuples become lists), copied, so later changes to the
    caller's object do not reach the runtime."""
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError, RecursionError) as exc:
        raise ValueError(f"{label} must be a JSON value ({_why(exc)})") from None


def _why(exc: Exception) -> str:
    """Why a value is not one JSON can carry, in a word a caller can act on."""
    return "nested deeper than Python's JSON encoder goes" if isinstance(exc, RecursionError) else str(exc)


def _storage(label: str, value: Any) -> dict[str, Any]:
    out = {}
    for key, item in _mapping(label, value).items():
        if not isinstance(key, str):
            raise TypeError(f"{label} keys must be strings, got {key!r}")
        if not key:
            raise ValueError(f"{label} keys must not be empty")
        if item is None:
            raise ValueError(f"{label}[{key!r}] must not be None (swan.setStorage refuses null data)")
        out[key] = _json_value(f"{label}[{key!r}]", item)
    return out


#: getNetworkType's documented values (api/device_sys/swan-getNetworkType.md), and 5g.
NETWORK_TYPES = ("wifi", "2g", "3g", "4g", "5g", "unknown", "none", "web_unknown")


def _system_info(label: str, value: Any) -> dict[str, Any]:
    out = {}
    for key, item in _mapping(label, value).items():
        if not isinstance(key, str):
            raise TypeError(f"{label} keys must be strings, got {key!r}")
        if not key:
            raise ValueError(f"{label} keys must not be empty")
        if key == "platform":
            raise ValueError(f"{label}['platform'] is set by the platform option")
        if key == "appKey":
            raise ValueError(f"{label}['appKey'] is set by the app_key option")
        if key == "networkType" and item not in NETWORK_TYPES:
            raise ValueError(f"{label}['networkType'] must be one of {', '.join(NETWORK_TYPES)}, got {item!r}")
        out[key] = _json_value(f"{label}[{key!r}]", item)
    return out


def _network_timeouts(label: str, value: Any) -> dict[str, float]:
    out = {}
    for api, ms in _mapping(label, value).items():
        if api not in TIMEOUT_APIS:
            raise ValueError(f"{label} are set per API ({', '.join(TIMEOUT_APIS)}), got {api!r}")
        out[api] = _TIMEOUT_MS(f"{label}[{api!r}]", ms)
    return out


_HOST = re.compile(r"[\w-]+(\.[\w-]+)*")


def _domains(label: str, value: Any) -> tuple[str, ...]:
    hosts = []
    for host in _items(label, value, "host names"):
        if not isinstance(host, str):
            raise TypeError(f"{label} must be host names (str), got {host!r}")
        if not _HOST.fullmatch(host) or host.lower() == "localhost" or _is_ip(host):
            raise ValueError(f"{label} must be host names (no scheme, port, path, IP or localhost), got {host!r}")
        hosts.append(host.lower())
    return tuple(hosts)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def check_settings(label: str, settings: Mapping[str, Any]) -> dict[str, bool]:
    """A {scope: bool} of authorization settings; a ValueError names `label` otherwise."""
    out = {}
    for scope, granted in settings.items():
        if scope not in SCOPES:
            raise ValueError(f"{label}: unknown scope {scope!r}; one of {', '.join(SCOPES)}")
        if not isinstance(granted, bool):
            raise ValueError(f"{label}[{scope!r}] must be True or False, got {granted!r}")
        out[scope] = granted
    return out


def _settings(label: str, value: Any) -> dict[str, bool]:
    out = {}
    for scope, granted in _mapping(label, value).items():
        if not isinstance(scope, str):
            raise TypeError(f"{label} scopes must be strings, got {scope!r}")
        if not isinstance(granted, bool):
            raise TypeError(f"{label}[{scope!r}] must be True or False, got {type(granted).__name__}")
        out[scope] = granted
    return check_settings(label, out)


def _transport(label: str, value: Any) -> Any:
    """An httpx transport or None (httpx is imported only when one is given)."""
    if value is None:
        return None
    import httpx

    if not isinstance(value, (httpx.BaseTransport, httpx.AsyncBaseTransport)):
        raise TypeError(f"{label} must be an httpx transport or None, got {type(value).__name__}")
    return value


def _hook(label: str, value: Any) -> Any:
    if value is not None and not callable(value):
        raise TypeError(f"{label} must be a callable or None, got {type(value).__name__}")
    return value


def _bound(value: float) -> str:
    """A bound as it reads best: exact when it is a whole number of up to ten digits."""
    return f"{value:.0f}" if value == int(value) and value < 1e10 else f"{value:g}"


_POSITIVE = Number(0)
#: A size in MB: its bytes must be a number Python can count (1e308 MB is not: it overflows).
_SIZE_MB = Number(0, most=1e12)
#: A network timeout in ms: the client's maximum is 60 s (net_rule.md, as app.json's values are
#: held to), but a test may wait longer, up to what a JS timer (and a socket's timeout) can hold.
_TIMEOUT_MS = Number(0, most=MAX_OPTION_TIMEOUT_MS)


# -- command-line parsers: one flag value (a string) to a value or an item ------------------------
def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"expected a number, got {text!r}") from None


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"expected an integer, got {text!r}") from None


def _limit(text: str) -> float | None:
    return None if text.lower() == "none" else _number(text)


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise ValueError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def _json_pair(text: str) -> tuple[str, Any]:
    name, value = _pair(text)
    try:
        return name, json.loads(value)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{name}: not JSON ({exc.msg})") from None


def _scope_flag(text: str) -> tuple[str, bool]:
    scope, value = _pair(text)
    if value.lower() not in ("true", "false"):
        raise ValueError(f"{scope}: expected true or false, got {value!r}")
    return scope, value.lower() == "true"


def _api_ms(text: str) -> tuple[str, float]:
    api, ms = _pair(text)
    return api, _number(ms)


# -- the table ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Option:
    """One SwanRuntime keyword argument and, unless it is Python-only, its command-line flag."""

    name: str
    annotation: str  # its type, exactly as SwanRuntime.__init__ spells it
    default: Any
    help: str  # one or two sentences for --help and the README
    check: Check
    _: KW_ONLY
    flag: str | None = None  # None: Python-only
    metavar: str | None = None
    parse: Callable[[str], Any] = str  # one flag value to the value, or to one item when repeatable
    repeatable: bool = False
    collect: Callable[[list[Any]], Any] = list  # the items of a repeatable flag to the value
    shown: str | None = None  # the default as the docs say it, when its value alone would not

    @property
    def switch(self) -> bool:
        """A flag that takes no value (a bool option)."""
        return isinstance(self.default, bool)

    @property
    def description(self) -> str:
        """The help text with the allowed values, as --help and the README show it."""
        if isinstance(self.check, (Number, Choice)):
            return f"{self.help.removesuffix('.')} ({self.check})."
        return self.help

    @property
    def documented_default(self) -> str:
        """The default as --help and the README show it."""
        if self.shown is not None:
            return self.shown
        if isinstance(self.default, str):
            return f'"{self.default}"'
        if isinstance(self.default, (int, float)) and not isinstance(self.default, bool):
            return f"{self.default:g}"
        return str(self.default)

    def validate(self, value: Any) -> Any:
        """The value, normalized; TypeError or ValueError naming this option if it is not allowed."""
        return self.check(self.name, value)

    def from_command_line(self, raw: Any) -> Any:
        """The value of what click collected for the flag (a string, a tuple of them, or a bool)."""
        if raw is None or raw == ():
            return self.default
        if self.switch:
            value = raw
        elif self.repeatable:
            value = self.collect([self.parse(text) for text in raw])
        else:
            value = self.parse(raw)
        return self.validate(value)


_PATH = "str | os.PathLike[str] | None"
_NO_LIMIT = Number(0, none_is_no_limit=True)

OPTIONS: Mapping[str, Option] = MappingProxyType({option.name: option for option in (
    Option("project", _PATH, None,
           "A mini-program folder (with app.json) to load: its modules are defined, and pages open with open_page().",
           _optional(_existing_dir), flag="--project", metavar="DIR", shown="none"),
    Option("clock", "str", "wall",
           "Timers on the wall clock, or on a virtual clock that only advance() moves (for tests).",
           Choice(("wall", "virtual")), flag="--clock", metavar="NAME"),
    Option("routes", "Mapping[str, str] | Iterable[tuple[str, str]]", (),
           "Send URLs starting with a prefix to another URL instead (longest prefix first), "
           "e.g. https://smartprogram.baidu.com/ to http://127.0.0.1:8000/.",
           _routes, flag="--route", metavar="PREFIX=TARGET", parse=_pair, repeatable=True, shown="none"),
    Option("route_all_to", "str | None", None,
           "Send every other http(s) URL to this server, keeping path and query.",
           _optional(_url), flag="--route-all-to", metavar="URL"),
    Option("transport", "httpx.BaseTransport | httpx.AsyncBaseTransport | None", None,
           "An httpx transport, sync or async (httpx.MockTransport, httpx.ASGITransport), for in-process tests.",
           _transport, shown="real network"),
    Option("globals", "Mapping[str, Any] | None", None,
           "JSON values defined as globals before the script runs.",
           _optional(_globals), flag="--global", metavar="NAME=JSON", parse=_json_pair, repeatable=True, collect=dict),
    Option("choose_images", "Iterable[str | os.PathLike[str]]", (),
           "The files swan.chooseImage returns.",
           _files, flag="--choose-image", metavar="FILE", repeatable=True, shown="bundled sample PNG"),
    Option("choose_videos", "Iterable[str | os.PathLike[str]]", (),
           "The videos swan.chooseVideo, swan.chooseAlbum (mode both) and a camera's recording return.",
           _files, flag="--choose-video", metavar="FILE", repeatable=True, shown="a 3 s 320x240 MP4 made at first use"),
    Option("temp_dir", _PATH, None,
           "An existing directory to hold the runtime's own temporary directory.",
           _optional(_existing_dir), flag="--temp-dir", metavar="DIR", shown="system temp"),
    Option("data_dir", _PATH, None,
           "Where saved and user files persist between runs; created if missing.",
           _optional(_dir), flag="--data-dir", metavar="DIR", shown="temporary, removed on close"),
    Option("storage", "Mapping[str, Any] | None", None,
           "JSON values put in swan storage at start-up, over what data_dir/storage.json holds "
           "(the storage persists there; rt.storage shows it).",
           _optional(_storage), flag="--storage", metavar="KEY=JSON", parse=_json_pair, repeatable=True, collect=dict),
    Option("platform", "str", "android",
           "Which client to imitate: ios uses its own error codes and refuses downloads of unknown size.",
           Choice(("android", "ios")), flag="--platform", metavar="NAME"),
    Option("system_info", "Mapping[str, Any] | None", None,
           "Fields merged over the platform's device profile that getSystemInfo reports (model, "
           "screenWidth ...); networkType sets getNetworkType (default wifi), and appName, env, "
           "lastAppURL, scheme, sdkVersion set getEnvInfoSync's.",
           _optional(_system_info), flag="--system-info", metavar="NAME=JSON", parse=_json_pair, repeatable=True,
           collect=dict, shown="fixed profile"),
    Option("upload_json", "bool", False,
           "Hand JSON upload responses over parsed, as the Android client does.",
           _switch, flag="--upload-json"),
    Option("timeout", "float | None", 60.0,
           "Wall-clock seconds per run, from its start to its end (its first turn included).",
           _NO_LIMIT, flag="--timeout", metavar="SECONDS", parse=_limit),
    Option("cpu_limit", "float | None", 10.0,
           "CPU seconds one JS turn (the top level, or one callback) may use.",
           _NO_LIMIT, flag="--cpu-limit", metavar="SECONDS", parse=_limit),
    Option("memory_limit_mb", "float | None", 256,
           "JS heap limit in MB.",
           # The engine counts the heap's bytes in a signed 64-bit size: 1e12 MB is about 2**60
           # bytes, with room for what it has allocated already.
           Number(1, inclusive=True, none_is_no_limit=True, most=1e12), flag="--memory-limit", metavar="MB", parse=_limit),
    Option("max_concurrency", "int", 10,
           "Transfers at once; the rest wait their turn.",
           Number(1, inclusive=True, integer=True), flag="--max-concurrency", metavar="N", parse=_integer),
    Option("progress_interval", "float", 0.05,
           "Least seconds between two progress events of a transfer; Android's client uses 0.5, "
           "and 0 sends every percent.",
           Number(0, inclusive=True), flag="--progress-interval", metavar="SECONDS", parse=_number),
    Option("max_download_mb", "float", 10,
           "Largest download in MB.",
           _SIZE_MB, flag="--max-download-mb", metavar="MB", parse=_number),
    Option("max_upload_mb", "float", 25,
           "Largest upload in MB.",
           _SIZE_MB, flag="--max-upload-mb", metavar="MB", parse=_number),
    Option("network_timeouts", "Mapping[str, float] | None", None,
           f'Per transfer API, its timeout in ms (> 0 and <= {_bound(MAX_OPTION_TIMEOUT_MS)}; app.json\'s are held to the client\'s 60 s), '
           'e.g. {"downloadFile": 500} or downloadFile=500.',
           _optional(_network_timeouts), flag="--network-timeout", metavar="API=MS", parse=_api_ms, repeatable=True,
           collect=dict, shown=f"{NETWORK_TIMEOUT_MS:g} ms each"),
    Option("domains", "Iterable[str] | None", None,
           "When given, only https URLs of these hosts are allowed (no IP, port or localhost).",
           _optional(_domains), flag="--domain", metavar="HOST", repeatable=True, shown="no check"),
    Option("app_key", "str", "swan-bridge",
           "App key in the Referer https://smartapps.cn/{app_key}/{app_version}/page-frame.html.",
           _text, flag="--app-key", metavar="KEY"),
    Option("app_version", "str", "devtools",
           "App version in the Referer (devtools is what the Baidu IDE sends).",
           _text, flag="--app-version", metavar="VERSION"),
    Option("settings", "Mapping[str, bool] | None", None,
           "The user's permission settings at start-up, {scope: granted}, e.g. {\"scope.userLocation\": "
           "false}; an undecided scope is asked for on first use (rt.settings shows them).",
           _optional(_settings), flag="--setting", metavar="SCOPE=BOOL", parse=_scope_flag, repeatable=True,
           collect=dict, shown="none decided"),
    Option("on_console", "Callable[[ConsoleMessage], None] | None", None,
           "Called with each console line as it is written.", _hook),
    Option("keep_console", "bool", True,
           "Keep every console line in console, log and each run's result; False leaves the lines to "
           "on_console alone, for a script that prints more than memory should hold (swan-bridge run does so).",
           _switch),
    Option("on_error", "Callable[[ScriptError], None] | None", None,
           "Called with each uncaught JS error as it happens.", _hook),
    Option("on_progress", "ProgressHook | None", None,
           "Called with each progress event of a transfer (a TransferProgress).", _hook),
)})

#: Each option's default: SwanRuntime's signature and TransferSettings take theirs from here.
DEFAULTS: Mapping[str, Any] = MappingProxyType({name: option.default for name, option in OPTIONS.items()})


def validate_options(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check a full set of runtime options and return them normalized (lists, dicts, lower-case hosts).

    Raises TypeError or ValueError whose message starts with the first bad option's name.
    """
    missing, unknown = OPTIONS.keys() - values.keys(), values.keys() - OPTIONS.keys()
    if missing or unknown:
        raise TypeError(f"runtime options: missing {sorted(missing)}, unknown {sorted(unknown)}")
    return {name: option.validate(values[name]) for name, option in OPTIONS.items()}
