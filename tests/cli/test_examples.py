"""The seed samples run unchanged against a real loopback server, and every example file runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bridge import EmbeddedServer
from bridge._resources import SAMPLE_NAMES, examples_dir

from support import ROOT, lines, sha256

SEED_COPY = ROOT / "tests" / "data" / "swan-upload-download.md"
SHARED_SEED = ROOT.parent / "shared" / "seed" / "swan-upload-download.md"


def seed_blocks() -> list[str]:
    return re.findall(r"```js\n(.*?)```", SEED_COPY.read_text(encoding="utf-8"), re.S)


def test_examples_are_the_seed_code_blocks_character_for_character() -> None:
    blocks = seed_blocks()
    assert len(blocks) == 4
    for name, block in zip(SAMPLE_NAMES, blocks):
        assert (ROOT / "examples" / name).read_text(encoding="utf-8") == block
    if SHARED_SEED.exists():  # in the workspace, the vendored copy must still match the contract
        assert SHARED_SEED.read_text(encoding="utf-8") == SEED_COPY.read_text(encoding="utf-8")


def test_the_packaged_samples_are_the_examples() -> None:
    for name in SAMPLE_NAMES:
        assert (examples_dir() / name).read_bytes() == (ROOT / "examples" / name).read_bytes()


def test_upload_file_sample_sends_field_and_exact_file_bytes(server: EmbeddedServer, make_runtime, random_file) -> None:
    image = random_file(123_457, "holiday.jpg")
    rt = make_runtime(choose_images=[image])
    seen = len(server.requests)
    result = rt.run_file(ROOT / "examples" / "upload_file.js")
    assert result.errors == []
    assert lines(result) == ["200"]
    [request] = server.requests[seen:]
    assert request.method == "POST" and request.path == "/xxx"
    assert request.fields == {"user": "test"}
    assert request.files["myfile"]["size"] == image.stat().st_size
    assert request.files["myfile"]["sha256"] == sha256(image)
    assert request.files["myfile"]["filename"] == "tmp_chosen_0.jpg"
    assert request.files["myfile"]["content_type"] == "image/jpeg"
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert [(t.api, t.events) for t in result.tasks] == [
        ("chooseImage", ["success", "complete"]),
        ("uploadFile", ["success", "complete"]),
    ]


def test_upload_task_sample_ends_in_abort(make_runtime) -> None:
    rt = make_runtime()
    rt.set_global("res", {"tempFilePaths": rt.chosen_paths})
    result = rt.run_file(ROOT / "examples" / "upload_task.js")
    assert result.errors == []
    assert lines(result) == ["错误码：1001", "错误信息：uploadFile:fail abort"]
    [task] = result.tasks
    assert task.events == ["fail", "complete"]
    assert task.errMsg == "uploadFile:fail abort"


def test_download_file_sample_logs_the_temp_path(make_runtime) -> None:
    rt = make_runtime()
    result = rt.run_file(ROOT / "examples" / "download_file.js")
    assert result.errors == []
    [line] = lines(result)
    assert re.fullmatch(r"临时文件路径bdfile://tmp_[0-9a-f]{16}", line)
    path = line.removeprefix("临时文件路径")
    assert rt.host_path(path).stat().st_size == 65536
    assert [t.events for t in result.tasks] == [["success", "complete"]]


def test_download_task_sample_ends_in_abort(make_runtime) -> None:
    rt = make_runtime()
    result = rt.run_file(ROOT / "examples" / "download_task.js")
    assert result.errors == []
    assert lines(result) == ["错误码：1001", "错误信息：downloadFile:fail abort"]
    assert [t.events for t in result.tasks] == [["fail", "complete"]]
    assert list(rt.temp_directory.iterdir()) == []


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "examples").glob("*.py")))
def test_python_examples_run(script: str, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()
