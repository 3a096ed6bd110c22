"""The runtime options table (bridge/_options.py) against everything that repeats it.

Every option refuses a bad type and an out-of-range value, from Python and from the command line;
SwanRuntime's signature, TransferSettings' defaults and the docs' table (docs/options.md) agree with the table.
"""

from __future__ import annotations

import inspect
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from bridge import SwanRuntime
from bridge._cli import cli
from bridge._options import DEFAULTS, OPTIONS, Option, validate_options
from bridge._spec import NETWORK_TIMEOUT_MS
from bridge._network._transfers import TransferSettings
from bridge._spec import TIMEOUT_APIS
from support import ROOT

EXE = Path(sys.executable).with_name("swan-bridge")
FILE, DIR, MISSING, PROJECT = "<file>", "<dir>", "<missing>", "<project>"  # stand-ins for paths under tmp_path


def _transport() -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200))


#: name -> (good values, bad types, out-of-range values); an empty list where there is no range.
PYTHON_CASES: dict[str, tuple[list[Any], list[Any], list[Any]]] = {
    "project": ([PROJECT, None], [5, b"/tmp"], [MISSING, FILE]),
    "clock": (["wall", "virtual"], [5, None], ["fake", "Virtual"]),
    "routes": ([{"https://a.example/": "http://127.0.0.1:1/"}, [("https://a.example/", "https://b.example/")], ()],
               [5, "https://a.example/", [("https://a.example/",)], {1: "http://x.example/"}],
               [{"": "http://x.example/"}, {"https://a.example/": "ftp://b.example/"}, {"https://a.example/": ""}]),
    "route_all_to": (["http://127.0.0.1:1", "https://x.example/base", None], [5, b"http://x"], ["ftp://x.example", "nonsense", ""]),
    "transport": ([_transport(), None], ["http", 5], []),
    "globals": ([{"x": 1, "res": {"a": [1, None, "s"]}}, {}, None], [["x"], {1: 2}, "x=1"],
                [{"": 1}, {"x": {1, 2}}, {"x": math.nan}]),
    "choose_images": ([[FILE], (), [Path(FILE)]], [FILE, 5, [5]], [[MISSING], [DIR]]),
    "choose_videos": ([[FILE], (), [Path(FILE)]], [FILE, 5, [5]], [[MISSING], [DIR]]),
    "temp_dir": ([DIR, None], [5, b"/tmp"], [MISSING, FILE, ""]),
    "data_dir": ([DIR, MISSING, None], [5, b"/tmp"], [FILE, ""]),
    "storage": ([{"k": 1, "user": {"a": [1, None, "s"]}, "flag": False}, {}, None], [["k"], {1: 2}, "k=1"],
                [{"": 1}, {"k": None}, {"k": math.nan}, {"k": {1, 2}}]),
    "platform": (["android", "ios"], [5, None], ["windows", "Android"]),
    "system_info": ([{"model": "Pixel 7", "pixelRatio": 2}, {"networkType": "4g", "env": "production"}, {}, None],
                    [["model"], {1: 2}, "model=x"],
                    [{"platform": "ios"}, {"appKey": "k"}, {"networkType": "6g"}, {"model": math.inf}, {"": 1}]),
    "upload_json": ([True, False], [1, "yes", None], []),
    "timeout": ([0.5, 60, None], ["60", True], [0, -1, math.inf, math.nan]),
    "cpu_limit": ([2, 0.5, None], ["10", True], [0, -1, math.inf]),
    "memory_limit_mb": ([64, 1, None], ["256", True], [0, 0.5, -1]),
    "max_concurrency": ([1, 20], [1.5, 10.0, "10", True, None], [0, -1]),
    "progress_interval": ([0, 0.5], ["0.05", None], [-0.1, math.inf]),
    "max_download_mb": ([0.5, 10], ["10", None], [0, -1, math.inf, 1e308]),
    "max_upload_mb": ([0.5, 25], ["25", None], [0, -1, 1e308]),
    "network_timeouts": ([{"downloadFile": 500}, {api: 1 for api in TIMEOUT_APIS}, {api: 60000 for api in TIMEOUT_APIS}, {"uploadFile": 600_000}, {}, None],
                         [500, [("downloadFile", 500)], {"downloadFile": "500"}],
                         [{"fetchMagic": 5}, {"downloadFile": -5}, {"uploadFile": 0}, {"request": 2147483647.5}, {"connectSocket": 1e13},
                          {"downloadFile": 1e300}, {"request": math.inf}]),
    "domains": ([["smartprogram.baidu.com", "API.example.com"], [], None], ["example.com", 5, [5]],
                [["https://example.com"], [""], ["127.0.0.1"], ["localhost"], ["example.com:443"]]),
    "app_key": (["myAppKey", "ключ"], [5, None], [""]),
    "app_version": (["1.2.3"], [1.2, None], [""]),
    "settings": ([{"scope.userLocation": False, "scope.camera": True}, {}, None], [["scope.camera"], {"scope.camera": 1}, {1: True}],
                 [{"scope.nope": True}, {"": False}]),
    "on_console": ([print, None], ["print", 5], []),
    "keep_console": ([True, False], [1, "no", None], []),
    "on_error": ([print, None], ["print", 5], []),
    "on_progress": ([print, None], ["print", 5], []),
}

#: flag -> (good values, bad values); each value is one command-line string.
CLI_CASES: dict[str, tuple[list[str], list[str]]] = {
    "--project": ([PROJECT], [MISSING, FILE]),
    "--clock": (["virtual", "wall"], ["fake", ""]),
    "--route": (["https://a.example/=http://127.0.0.1:1/"], ["nonsense", "=http://x.example/", "https://a.example/=ftp://b"]),
    "--route-all-to": (["http://127.0.0.1:1"], ["ftp://x.example", "nonsense", ""]),
    "--global": (["x=1", 'res={"a": [1]}'], ["x={", "x", "=1"]),
    "--choose-image": ([FILE], [MISSING, DIR]),
    "--choose-video": ([FILE], [MISSING, DIR]),
    "--temp-dir": ([DIR], [MISSING, FILE]),
    "--data-dir": ([DIR, MISSING], [FILE]),
    "--storage": (["k=1", 'user={"id": 1}'], ["k={", "k", "=1", "k=null"]),
    "--platform": (["ios", "android"], ["windows", ""]),
    "--system-info": (['model="Pixel 7"', 'networkType="4g"'], ['networkType="6g"', 'platform="ios"', "x={", "x"]),
    "--upload-json": ([], []),  # a switch: see test_a_switch_takes_no_value
    "--timeout": (["5", "none", "None"], ["abc", "0", "-1", "inf", "nan"]),
    "--cpu-limit": (["2", "none"], ["abc", "0", "-0.5"]),
    "--memory-limit": (["64", "none"], ["abc", "0", "0.5"]),
    "--max-concurrency": (["1", "20"], ["abc", "1.5", "0", "-3"]),
    "--progress-interval": (["0", "0.5"], ["abc", "-0.1", "none"]),
    "--max-download-mb": (["0.5"], ["abc", "0", "-1", "none"]),
    "--max-upload-mb": (["0.5"], ["abc", "0", "-1"]),
    "--network-timeout": (["downloadFile=500", "uploadFile=1", "request=60000"],
                          ["fetchMagic=5", "downloadFile=-5", "downloadFile=abc", "downloadFile", "request=1e13", "connectSocket=2147483648"]),
    "--domain": (["smartprogram.baidu.com"], ["https://example.com", "127.0.0.1", "", "localhost"]),
    "--app-key": (["myAppKey"], [""]),
    "--app-version": (["1.2.3"], [""]),
    "--setting": (["scope.userLocation=false", "scope.camera=TRUE"], ["scope.camera=yes", "scope.nope=true", "scope.camera", "=true"]),
}


@pytest.fixture
def paths(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")
    (tmp_path / "dir").mkdir()
    (tmp_path / "app" / "pages").mkdir(parents=True)
    (tmp_path / "app" / "app.json").write_text('{"pages": ["pages/a"]}')
    (tmp_path / "app" / "pages" / "a.js").write_text("Page({})")
    return {FILE: str(tmp_path / "pic.png"), DIR: str(tmp_path / "dir"), MISSING: str(tmp_path / "missing" / "x"),
            PROJECT: str(tmp_path / "app")}


def _fill(value: Any, paths: dict[str, str]) -> Any:
    """`value` with the path stand-ins replaced by real paths."""
    if isinstance(value, str):
        return paths.get(value, value)
    if isinstance(value, Path):
        return Path(paths.get(str(value), str(value)))
    if isinstance(value, list):
        return [_fill(v, paths) for v in value]
    return value


def test_every_option_and_flag_has_cases() -> None:
    assert list(PYTHON_CASES) == list(OPTIONS)
    assert list(CLI_CASES) == [o.flag for o in OPTIONS.values() if o.flag is not None]
    for name, (good, bad_types, _) in PYTHON_CASES.items():
        assert good and bad_types, name


# -- Python -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(OPTIONS))
def test_python_refuses_bad_types_naming_the_option(name: str, paths: dict[str, str]) -> None:
    for value in PYTHON_CASES[name][1]:
        with pytest.raises((TypeError, ValueError)) as info:
            SwanRuntime(**{name: _fill(value, paths)})
        assert str(info.value).startswith(name), (value, str(info.value))


@pytest.mark.parametrize("name", [name for name, cases in PYTHON_CASES.items() if cases[2]])
def test_python_refuses_out_of_range_values_naming_the_option(name: str, paths: dict[str, str]) -> None:
    for value in PYTHON_CASES[name][2]:
        with pytest.raises(ValueError) as info:
            SwanRuntime(**{name: _fill(value, paths)})
        assert str(info.value).startswith(name), (value, str(info.value))


@pytest.mark.parametrize("name", list(OPTIONS))
def test_python_accepts_good_values(name: str, paths: dict[str, str]) -> None:
    for value in PYTHON_CASES[name][0]:
        with SwanRuntime(**{name: _fill(value, paths)}) as rt:
            # (keep_console=False keeps no line: the run's output is empty)
            assert rt.run("console.log(1 + 1)").output == ("" if value is False and name == "keep_console" else "2\n")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"network_timeouts": {"downloadFile": -5}}, "network_timeouts['downloadFile'] must be > 0, got -5"),
        ({"network_timeouts": {"request": 1e13}}, "network_timeouts['request'] must be <= 2147483647, got 10000000000000.0"),
        ({"max_download_mb": -1}, "max_download_mb must be > 0, got -1"),
        ({"max_download_mb": 0}, "max_download_mb must be > 0, got 0"),
        ({"cpu_limit": 0}, "cpu_limit must be > 0 (use None for no limit), got 0"),
        ({"timeout": 0}, "timeout must be > 0 (use None for no limit), got 0"),
        ({"memory_limit_mb": 0}, "memory_limit_mb must be >= 1 (use None for no limit), got 0"),
        ({"platform": "windows"}, "platform must be one of \"android\", \"ios\", got 'windows'"),
        ({"network_timeouts": {"fetchMagic": 5}}, "network_timeouts are set per API (request, uploadFile, downloadFile, connectSocket), got 'fetchMagic'"),
        ({"storage": {"k": None}}, "storage['k'] must not be None (swan.setStorage refuses null data)"),
        ({"system_info": {"platform": "ios"}}, "system_info['platform'] is set by the platform option"),
        ({"system_info": {"networkType": "6g"}},
         "system_info['networkType'] must be one of wifi, 2g, 3g, 4g, 5g, unknown, none, web_unknown, got '6g'"),
    ],
)
def test_the_messages_name_the_option_and_the_allowed_range(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as info:
        SwanRuntime(**kwargs)
    assert str(info.value) == message


def test_the_defaults_are_valid_and_validation_wants_every_option() -> None:
    assert validate_options(DEFAULTS).keys() == OPTIONS.keys()
    with pytest.raises(TypeError, match="missing \\['timeout'\\], unknown \\['timeot'\\]"):
        validate_options({**{k: v for k, v in DEFAULTS.items() if k != "timeout"}, "timeot": 1})


def test_an_iterable_option_is_read_once(paths: dict[str, str]) -> None:
    with SwanRuntime(choose_images=(p for p in [paths[FILE]]), domains=(d for d in ["A.example"])) as rt:
        assert rt.chosen_paths == ["bdfile://tmp_chosen_0.png"]
        assert rt._transfers._settings.domains == frozenset({"a.example"})


# -- one source of truth ------------------------------------------------------------------------
def test_the_signature_is_the_table() -> None:
    parameters = list(inspect.signature(SwanRuntime.__init__).parameters.values())[1:]
    assert [p.name for p in parameters] == list(OPTIONS)
    for parameter in parameters:
        option = OPTIONS[parameter.name]
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
        assert parameter.default is option.default, parameter.name
        assert parameter.annotation == option.annotation, parameter.name


def test_transfer_settings_defaults_are_the_tables() -> None:
    settings = TransferSettings()
    assert settings == TransferSettings.from_options(validate_options(DEFAULTS))
    assert settings.timeouts == dict.fromkeys(TIMEOUT_APIS, NETWORK_TIMEOUT_MS / 1000)
    assert settings.referer == "https://smartapps.cn/swan-bridge/devtools/page-frame.html"


def _flag_cell(option: Option) -> str:
    if option.flag is None:
        return "Python only"
    flag = f"`{option.flag}`" if option.switch else f"`{option.flag} {option.metavar}`"
    return flag + (" (repeatable)" if option.repeatable else "")


def expected_table() -> list[str]:
    """The options table of docs/options.md, rendered from the options table."""
    rows = ["| option | default | flag | meaning |", "| --- | --- | --- | --- |"]
    for option in OPTIONS.values():
        default = option.documented_default if option.shown is not None else f"`{option.documented_default}`"
        rows.append(f"| `{option.name}` | {default} | {_flag_cell(option)} | {option.description} |")
    return rows


def _docs_page(name: str) -> list[str]:
    return (ROOT / "docs" / name).read_text(encoding="utf-8").splitlines()


def test_the_docs_table_is_the_table() -> None:
    lines = [line.strip() for line in _docs_page("options.md")]
    start = lines.index("| option | default | flag | meaning |")
    table = lines[start:]
    table = table[: next((i for i, line in enumerate(table) if not line.startswith("|")), len(table))]
    cells = [[cell.strip() for cell in row.strip("|").split(" | ")] for row in table[2:]]
    assert [(c[0].strip("`"), c[1].strip("`")) for c in cells] == [(o.name, o.documented_default) for o in OPTIONS.values()]
    assert table == expected_table(), "docs/options.md options table should be:\n" + "\n".join(expected_table())


def test_the_command_line_page_lists_every_flag_and_every_python_only_option() -> None:
    text = " ".join(_docs_page("cli.md"))
    paragraph = text[text.index("Every runtime option"):]
    for option in OPTIONS.values():
        assert (option.flag or f"`{option.name}`") in paragraph, option.name


# -- command line -------------------------------------------------------------------------------
def invoke(*args: str, tmp_path: Path) -> Any:
    script = tmp_path / "script.js"
    script.write_text("console.log(1 + 1)", encoding="utf-8")
    return CliRunner().invoke(cli, ["run", *args, str(script)])


@pytest.mark.parametrize("flag", list(CLI_CASES))
def test_the_command_line_refuses_bad_values_naming_the_flag(flag: str, paths: dict[str, str], tmp_path: Path) -> None:
    for value in CLI_CASES[flag][1]:
        result = invoke(f"{flag}={_fill(value, paths)}", tmp_path=tmp_path)
        assert result.exit_code == 2, (value, result.output)
        assert f"Invalid value for '{flag}'" in result.stderr, (value, result.stderr)
        assert result.stdout == ""


@pytest.mark.parametrize("flag", list(CLI_CASES))
def test_the_command_line_accepts_good_values(flag: str, paths: dict[str, str], tmp_path: Path) -> None:
    for value in CLI_CASES[flag][0]:
        result = invoke(flag, _fill(value, paths), tmp_path=tmp_path)
        assert (result.exit_code, result.stdout) == (0, "2\n"), (value, result.output)


def test_a_switch_takes_no_value(tmp_path: Path) -> None:
    assert invoke("--upload-json", tmp_path=tmp_path).exit_code == 0
    result = invoke("--upload-json=yes", tmp_path=tmp_path)
    assert result.exit_code == 2 and "--upload-json" in result.stderr


def test_a_flag_value_may_look_like_a_negative_number(tmp_path: Path) -> None:
    result = invoke("--max-download-mb", "-1", tmp_path=tmp_path)
    assert result.exit_code == 2
    assert "Invalid value for '--max-download-mb': max_download_mb must be > 0, got -1.0" in result.stderr


def test_a_network_timeout_past_what_a_timer_holds_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("--network-timeout", "request=1e13", tmp_path=tmp_path)
    assert result.exit_code == 2
    assert "Invalid value for '--network-timeout': network_timeouts['request'] must be <= 2147483647, got 10000000000000.0" in result.stderr


def test_serve_and_route_all_to_exclude_each_other(tmp_path: Path) -> None:
    result = invoke("--serve", "--route-all-to", "http://127.0.0.1:1", tmp_path=tmp_path)
    assert result.exit_code == 2 and "--route-all-to" in result.stderr


def test_help_shows_every_flag_with_its_default() -> None:
    result = CliRunner().invoke(cli, ["run", "--help"], terminal_width=1000)
    assert result.exit_code == 0
    for option in OPTIONS.values():
        if option.flag is not None and not option.switch:
            assert f"{option.flag} {option.metavar}" in result.output
            assert f"[default: {option.documented_default}]" in result.output or option.default is None


def test_the_console_script_exits_2_naming_the_flag(tmp_path: Path) -> None:
    script = tmp_path / "s.js"
    script.write_text("console.log(1)", encoding="utf-8")
    command = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]
    proc = subprocess.run([*command, "run", "--cpu-limit", "0", str(script)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Invalid value for '--cpu-limit': cpu_limit must be > 0 (use None for no limit), got 0.0" in proc.stderr
