"""What ships: the wheel holds the shim, the samples and the image, and runs from anywhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT

from bridge._engine._bundle import SHIM_FILES


def build_wheel(out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    [wheel] = out.glob("swan_bridge-*.whl")
    return wheel


def test_wheel_runs_the_demo_from_another_directory(tmp_path) -> None:
    wheel = build_wheel(tmp_path / "dist")
    names = set(zipfile.ZipFile(wheel).namelist())
    shim = [f"bridge/_shim/{name}" for name in SHIM_FILES]
    for required in (*shim, "bridge/_data/sample.png", "bridge/py.typed",
                     "bridge/_examples/upload_file.js", "bridge/_examples/download_task.js"):
        assert required in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import bridge; print(bridge.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(site))
    demo = subprocess.run([sys.executable, "-m", "bridge", "demo"], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=120)
    assert demo.returncode == 0, demo.stderr
    assert "files [myfile: tmp_chosen_0.png (463 bytes)]" in demo.stdout


def test_readme_quickstart_and_ci_agree() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```(?:sh|bash)\n(.*?)\n```", quickstart, re.S)
    assert len(commands) == 2, "the Quickstart is exactly two commands"
    assert "swan-bridge demo" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].strip() in ci, "CI runs the README's test command as written"


def test_readme_layout_names_every_source_file() -> None:
    """A newcomer finds each concern's file from the README's layout table: every module of
    `bridge/` and every file of `js_shim/` is named there, and nothing it names is gone."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    named: set[str] = set()
    for row in re.findall(r"^\| (.+?) \|", section, flags=re.M):
        folder = ""
        for ref in re.findall(r"`([^`]+)`", row):
            folder = ref.rpartition("/")[0] or folder
            named.add(ref if "/" in ref else f"{folder}/{ref}")
    present = {f"bridge/{p.name}" for p in (ROOT / "bridge").glob("*.py")}
    present |= {f"js_shim/{p.name}" for p in (ROOT / "js_shim").iterdir() if p.is_file()}
    assert sorted(present - named) == []
    assert sorted(name for name in named if not (ROOT / name).exists()) == []
