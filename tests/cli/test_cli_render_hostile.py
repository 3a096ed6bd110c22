"""`swan-bridge render` of pages that navigate or never finish while they open: the page the app
ended on is rendered (said on stderr), and a run that times out is a runtime error (exit 1), never
"internal error" (docs/cli.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXE = Path(sys.executable).with_name("swan-bridge")

PAGES = {
    "pages/a/a": ('Page({onLoad() { swan.redirectTo({url: "/pages/b/b"}); }});', "<view>a</view>"),
    "pages/b/b": ("Page({});", "<view>b</view>"),
    "pages/loop/loop": ("Page({\n  onLoad() { while (true) {} }\n});", "<view/>"),
}


def render(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.json").write_text('{"pages": ["pages/a/a", "pages/b/b", "pages/loop/loop"]}', encoding="utf-8")
    for route, (js, swan) in PAGES.items():
        (root / route).parent.mkdir(parents=True, exist_ok=True)
        (root / f"{route}.js").write_text(js, encoding="utf-8")
        (root / f"{route}.swan").write_text(swan, encoding="utf-8")
    command = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "bridge"]
    return subprocess.run([*command, "render", "--project", str(root), *args], capture_output=True, text=True, timeout=60)


def test_a_page_that_redirects_while_it_opens_renders_the_page_it_went_to(tmp_path: Path) -> None:
    proc = render(tmp_path, "pages/a/a")
    assert (proc.returncode, proc.stdout) == (0, "<view>b</view>\n")
    assert proc.stderr == "swan-bridge: pages/a/a navigated to pages/b/b while it opened; rendering pages/b/b\n"


def test_an_on_load_that_never_ends_is_a_run_timeout(tmp_path: Path) -> None:
    proc = render(tmp_path, "pages/loop/loop", "--cpu-limit", "none", "--timeout", "0.3")
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == ("swan-bridge: the script was still busy after 0.3 s, stopped in:\n"
                           "    at onLoad (pages/loop/loop.js:2:1)\n")
