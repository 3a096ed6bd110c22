"""What ships: the wheel holds the shim, the samples and the image, and runs from anywhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

from support import ROOT

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


def test_docs_layout_names_every_source_file() -> None:
    """A newcomer finds each concern's file from the layout table of docs/architecture.md: every
    module of `bridge/` and every file of `js_shim/` is named there, and nothing it names is gone."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named: set[str] = set()
    for row in re.findall(r"^\| (.+?) \|", page, flags=re.M):
        folder = ""
        for ref in re.findall(r"`([^`]+)`", row):
            folder = ref.rpartition("/")[0] or folder
            named.add(ref if "/" in ref else f"{folder}/{ref}")
    present = {p.relative_to(ROOT).as_posix() for p in (ROOT / "bridge").rglob("*.py")}
    present |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "js_shim").rglob("*") if p.is_file()}
    assert sorted(present - named) == []
    assert sorted(name for name in named if not (ROOT / name).exists()) == []


def test_readme_is_a_front_door_of_at_most_300_lines() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 300, f"README.md has {len(lines)} lines; move reference material to docs/"


def _nav_pages() -> list[str]:
    """The pages mkdocs.yml's nav lists, in order (`- page.md` or `- Title: page.md`)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = config.split("\nnav:\n", 1)[1]
    nav = nav[: next((m.start() for m in re.finditer(r"^\S", nav, flags=re.M)), len(nav))]
    return re.findall(r"^\s*- (?:.*?: )?(\S+\.md)\s*$", nav, flags=re.M)


def test_every_docs_page_is_in_the_nav() -> None:
    pages = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
    nav = _nav_pages()
    assert len(nav) == len(set(nav)), "a page is listed twice in mkdocs.yml's nav"
    assert sorted(nav) == pages, "mkdocs.yml's nav and the pages of docs/ differ"


def test_relative_links_of_readme_and_docs_resolve() -> None:
    # `mkdocs build --strict` checks the links between pages of docs/; the README's links into
    # docs/ are checked only here.
    files = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    broken = []
    for path in files:
        text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                continue
            if not (path.parent / target.split("#", 1)[0]).exists():
                broken.append(f"{path.relative_to(ROOT)}: {target}")
    assert broken == []


def test_the_example_tests_shown_are_the_ones_that_run() -> None:
    """README.md and docs/harness.md show the tests of examples/miniprogram/tests/test_readme.py."""
    source = (ROOT / "examples" / "miniprogram" / "tests" / "test_readme.py").read_text(encoding="utf-8")
    tests = re.sub(r"\n{3,}", "\n\n", source[source.index("def test_"):].strip())  # the pages use one blank line
    for page in (ROOT / "README.md", ROOT / "docs" / "harness.md"):
        text = page.read_text(encoding="utf-8")
        step = text[text.index("Write tests with the `swan` fixture"):]
        _, shown = re.findall(r"^( *)```python\n(.*?)^\1```", step, flags=re.S | re.M)[0]
        assert textwrap.dedent(shown).strip() == tests, page.name
