"""A doc-style sample that requests JSON, stores it and reads it back runs verbatim: through the
command line's --call and through the harness's page.call, against a real loopback server."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bridge import SwanRuntime
from bridge.testing import EmbeddedServer, Reply
from support import PROJECTS

SAMPLE = PROJECTS / "samples" / "request_store.js"
EXE = Path(sys.executable).with_name("swan-bridge")
BODY = {"list": [{"id": 1, "name": "跑鞋"}, {"id": 2, "name": "雨伞"}]}


@pytest.fixture(scope="module")
def json_server() -> Iterator[str]:
    """The embedded server, playing the sample's backend: GET /xxx answers BODY as JSON."""
    with EmbeddedServer() as server:
        server.route("GET", "/xxx", Reply(json=BODY))
        yield server.url + "/"


def test_the_sample_runs_verbatim_through_the_command_line(json_server: str, tmp_path: Path) -> None:
    command = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]
    proc = subprocess.run(
        [*command, "run", str(SAMPLE), "--call", "fetchAndStore", "--route", f"https://smartprogram.baidu.com/={json_server}",
         "--data-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60,
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.splitlines() == ["request success 200", "stored " + json.dumps(BODY["list"], ensure_ascii=False, separators=(",", ":"))]
    # What the page stored is on disk, where the next run finds it.
    assert json.loads((tmp_path / "storage.json").read_text(encoding="utf-8"))["list"] == BODY["list"]


def test_the_sample_runs_verbatim_through_page_call(json_server: str) -> None:
    with SwanRuntime(routes={"https://smartprogram.baidu.com/": json_server}, clock="virtual") as rt:
        page = rt.open_page_file(SAMPLE)
        assert page.call("fetchAndStore") is None
        assert page.data == {"list": BODY["list"]}
        assert rt.storage["list"] == BODY["list"]
        assert [(t.api, t.events) for t in rt.tasks] == [("request", ["success", "complete"]),
                                                         ("setStorage", ["success", "complete"])]
