"""pages/tools/tools: an image's size after chooseImage, a scan, and a sound that ends on the
virtual clock (the plugin's `swan` runs on it: `swan.advance(ms)` moves it)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bridge import SwanRuntime

TOOLS = "pages/tools/tools"


@pytest.fixture
def make_swan(request: pytest.FixtureRequest, swan_project_factory: Callable[..., SwanRuntime]) -> Callable[..., SwanRuntime]:
    """A runtime of this project (the ini's `swan_project`) with options known only at run time."""

    def make(**kwargs: Any) -> SwanRuntime:
        return swan_project_factory(request.config.getini("swan_project"), **kwargs)

    return make


def png(width: int, height: int) -> bytes:
    """A real grey PNG of that size."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def calls(swan: SwanRuntime) -> list[str]:
    return [e["api"] for e in swan.log if e.kind == "call"]


def test_choosing_an_image_shows_its_size_and_type(make_swan: Callable[..., SwanRuntime], tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(png(640, 480))
    swan = make_swan(choose_images=[photo])
    page = swan.open_page(TOOLS)
    assert page.select(".tip").text == "还没有选择图片"
    page.select("button.pick").tap()
    assert page.select(".image-info").text == "png，640 × 480"
    assert calls(swan)[-2:] == ["chooseImage", "getImageInfo"]


def test_a_scan_shows_what_was_scanned(swan: SwanRuntime) -> None:
    page = swan.open_page(TOOLS)
    page.select("button.scan").tap()
    assert page.select(".scan-result").text == "https://smartprogram.baidu.com/（QR_CODE）"
    swan.answer("scanCode", {"result": "6901234567892", "scanType": "EAN_13"})
    page.select("button.scan").tap()
    assert page.select(".scan-result").text == "6901234567892（EAN_13）"
    swan.answer("scanCode", {"fail": True})
    page.select("button.scan").tap()
    assert page.select(".scan-result").text == "scanCode:fail cancel（error）"


def test_the_sound_ends_on_the_virtual_clock(swan: SwanRuntime) -> None:
    page = swan.open_page(TOOLS)
    assert page.select(".audio-state").text == "未播放"
    page.select("button.play").tap()
    assert page.select(".audio-state").text == "播放中"
    swan.advance(9_999)  # the host's default length of a sound: 10 s
    assert page.select(".audio-state").text == "播放中"
    swan.advance(1)
    assert (page.select(".audio-state").text, page.data["plays"]) == ("播放完毕", 1)
    page.select("button.play").tap()
    swan.advance(10_000)
    assert page.data["plays"] == 2
    assert calls(swan).count("InnerAudioContext.play") == 2
