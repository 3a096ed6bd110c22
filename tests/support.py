"""What many test files share that is not a fixture: the repository's folders, the sample origin,
and small readers of results. (`tests/` is on pytest's `pythonpath`, so any test imports it.)"""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The swan docs' samples, as the tests run them.
DATA = ROOT / "tests" / "data"
#: Small mini-program folders the tests load.
PROJECTS = ROOT / "tests" / "projects"
SAMPLE_ORIGIN = "https://smartprogram.baidu.com/"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lines(result: object) -> list[str]:
    """The console lines of a run."""
    return [m.text for m in result.console]  # type: ignore[attr-defined]
