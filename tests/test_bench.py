"""The benchmark's smoke run: it completes and reports every case (timings are not asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys

from support import ROOT

CASES = ["download", "download", "upload", "upload", "memory: download", "memory: upload", "runtime start",
         "CLI cold start", "lines of 1 KB, swan-bridge run vs node", "swan-bridge run memory growth", "downloads of 100 KB", "setTimeout", "progress events", "no leaks", "swan.request GETs",
         "storage", "WebSocket", "view: one-row setData", "a no-op page.call / comp.call", "view: page.select", "view: open and render each of a",
         "build a runtime over a 60-page project",
         "rendered and attached", "one-row setData", "select_all vs querySelectorAll", "tap with its setData",
         "a call whose setData sends 100 items"]


def test_quick_benchmark_reports_every_case(tmp_path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, "-m", "bench", "--quick", "--json", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(out.read_text())
    names = [case["name"] for case in report["cases"]]
    assert len(names) == len(CASES)
    for expected, name in zip(CASES, names):
        assert expected in name and "FAILED" not in name, (expected, name)
    for case in report["cases"]:
        assert case["bridge"] > 0 or case["unit"].startswith("MB") or "skipped" in case["detail"], case
        assert ("ratio" in case) and (case["anchor"] is None or case["ratio"] > 0)
    assert "swan-bridge benchmark (quick)" in proc.stdout
