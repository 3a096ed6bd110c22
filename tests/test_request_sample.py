"""A doc-style sample that requests JSON, stores it and reads it back runs verbatim: through the
command line's --call and through the harness's page.call, against a real loopback server."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bridge import SwanRuntime

SAMPLE = Path(__file__).resolve().parent / "projects" / "samples" / "request_store.js"
EXE = Path(sys.executable).with_name("swan-bridge")
BODY = {"list": [{"id": 1, "name": "跑鞋"}, {"id": 2, "name": "雨伞"}]}


class JsonHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = json.dumps(BODY, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def json_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), JsonHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


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
