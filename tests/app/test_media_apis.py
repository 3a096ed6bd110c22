"""The media APIs answered as the client does: images read and written as real files,
the album and the documents a test reads back, and the objects (audio, recorder, voice,
canvas, cameras, maps, players) with their events in the documented order.

The doc pages are in swan-team/swan-docs, program-docs/docs/develop/api/ (below: "media/...").
"""

from __future__ import annotations

import json
import struct
import tracemalloc
import zlib
from pathlib import Path
from typing import Any

import pytest

from bridge import EmbeddedServer, RunTimeout, SwanRuntime
from bridge.testing import Reply

# ------------------------------------------------------------------------------------------------
# Real files, made here byte by byte
# ------------------------------------------------------------------------------------------------


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png(width: int, height: int, rgba: bytes | None = None, *, level: int = 6, text: bytes = b"") -> bytes:
    """An 8-bit RGBA PNG (opaque blue unless `rgba` is given), with a tEXt chunk if `text`."""
    rgba = rgba if rgba is not None else b"\x00\x00\xff\xff" * (width * height)
    raw = b"".join(b"\x00" + rgba[y * width * 4 : (y + 1) * width * 4] for y in range(height))
    out = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    if text:
        out += _chunk(b"tEXt", b"Comment\x00" + text)
    return out + _chunk(b"IDAT", zlib.compress(raw, level)) + _chunk(b"IEND", b"")


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """(width, height, RGBA rows) of an 8-bit RGBA PNG whose rows use filter 0."""
    width, height = struct.unpack(">II", data[16:24])
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4 + 1
    assert all(raw[y * stride] == 0 for y in range(height))
    return width, height, b"".join(raw[y * stride + 1 : (y + 1) * stride] for y in range(height))


def jpeg(width: int, height: int, *, orientation: int | None = None, comment: bytes = b"") -> bytes:
    """A grey baseline JPEG (one component, flat 8x8 blocks: a DC value per block, every AC
    coefficient zero), with an EXIF orientation and a comment if given."""
    def segment(marker: int, payload: bytes) -> bytes:
        return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload

    out = b"\xff\xd8" + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    if orientation is not None:
        ifd = struct.pack("<H", 1) + struct.pack("<HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack("<I", 0)
        out += segment(0xE1, b"Exif\x00\x00" + b"II*\x00" + struct.pack("<I", 8) + ifd)
    if comment:
        out += segment(0xFE, comment)
    out += segment(0xDB, b"\x00" + b"\x01" * 64)  # quantisation table 0: all ones
    out += segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    # DC table: categories 4 and 0, codes '0' and '1'; AC table: EOB only, code '0'.
    out += segment(0xC4, b"\x00" + bytes([2] + [0] * 15) + b"\x04\x00")
    out += segment(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\x00")
    out += segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    bits = "0" + "1000" + "0"  # first block: DC diff +8 (category 4), then EOB
    bits += ("1" + "0") * (blocks - 1)  # the others: DC diff 0, EOB
    bits += "1" * (-len(bits) % 8)
    scan = int(bits, 2).to_bytes(len(bits) // 8, "big").replace(b"\xff", b"\xff\x00")
    return out + scan + b"\xff\xd9"


def gif(width: int, height: int) -> bytes:
    return (b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
            + b",\x00\x00\x00\x00" + struct.pack("<HHB", width, height, 0) + b"\x02\x02\x44\x01\x00;")


def bmp(width: int, height: int) -> bytes:
    row = (b"\x00\x00\xff" * width + b"\x00" * (-3 * width % 4))
    pixels = row * height
    header = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 14 + 40 + len(pixels), 0, 0, 54) + header + pixels


def webp(width: int, height: int) -> bytes:
    """A lossless WebP header (VP8L) of the given size."""
    bits = (width - 1) | ((height - 1) << 14) | (1 << 28)
    payload = b"\x2f" + bits.to_bytes(4, "little") + b"\x00\x00\x00"
    chunk = b"VP8L" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def mp4(width: int, height: int, seconds: float) -> bytes:
    """An MP4's boxes as a player reads them: ftyp, then moov with mvhd (timescale 600) and one
    track's tkhd (its frame size)."""
    def box(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", 8 + len(payload)) + kind + payload

    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    units = round(seconds * 600)
    mvhd = box(b"mvhd", b"\x00" * 4 + struct.pack(">IIII", 0, 0, 600, units) + struct.pack(">IH", 0x10000, 0x100)
               + b"\x00" * 10 + matrix + b"\x00" * 24 + struct.pack(">I", 2))
    tkhd = box(b"tkhd", b"\x00\x00\x00\x03" + struct.pack(">IIIII", 0, 0, 1, 0, units) + b"\x00" * 16 + matrix
               + struct.pack(">II", width << 16, height << 16))
    return box(b"ftyp", b"mp42\x00\x00\x00\x00mp42isom") + box(b"moov", mvhd + box(b"trak", tkhd))


def wav(seconds: float, rate: int = 8000) -> bytes:
    data = bytes(2 * int(seconds * rate))
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    made = {
        "png": png(40, 30), "jpg": jpeg(16, 8, orientation=6, comment=b"x" * 300), "gif": gif(5, 7), "bmp": bmp(3, 2),
        "webp": webp(640, 480), "mp4": mp4(640, 360, 7.5), "wav": wav(0.5), "pdf": b"%PDF-1.4\n%%EOF\n",
        "txt": b"plain text",
    }
    out = {}
    for ext, data in made.items():
        out[ext] = tmp_path / f"file.{ext}"
        out[ext].write_bytes(data)
    return out


def printed(rt: SwanRuntime, source: str) -> list[Any]:
    """Run `source`, which calls out(value) for what it reports: those values, in order."""
    result = rt.run("var out = function (v) { console.log(JSON.stringify(v === undefined ? null : v)); };\n" + source)
    assert result.errors == []
    return [json.loads(m.text) for m in result.console]


def media_events(rt: SwanRuntime) -> list[str]:
    """The media objects' events so far, as "Object.onEvent"."""
    return [f"{e['object']}.{e['event']}" for e in rt.log if e.kind == "media"]


CALLBACKS = "success: out, fail: out"

# ------------------------------------------------------------------------------------------------
# getImageInfo, compressImage (media/image_swan-getImageInfo.md, image_swan-compressImage.md)
# ------------------------------------------------------------------------------------------------


def test_get_image_info_reads_the_header_of_each_format(files: dict[str, Path]) -> None:
    """media/image_swan-getImageInfo.md: width, height, path, orientation (from a JPEG's EXIF:
    6 is "right"), type."""
    order = ["png", "jpg", "gif", "bmp", "webp"]
    with SwanRuntime(choose_images=[files[e] for e in order]) as rt:
        got = printed(rt, """
        swan.chooseImage({count: 9, success: function (res) {
          res.tempFilePaths.forEach(function (p) { swan.getImageInfo({src: p, %s}); });
        }});""" % CALLBACKS)
    assert got == [
        {"width": 40, "height": 30, "path": "bdfile://tmp_chosen_0.png", "orientation": "up", "type": "png", "errMsg": "getImageInfo:ok"},
        {"width": 16, "height": 8, "path": "bdfile://tmp_chosen_1.jpg", "orientation": "right", "type": "jpeg", "errMsg": "getImageInfo:ok"},
        {"width": 5, "height": 7, "path": "bdfile://tmp_chosen_2.gif", "orientation": "up", "type": "gif", "errMsg": "getImageInfo:ok"},
        {"width": 3, "height": 2, "path": "bdfile://tmp_chosen_3.bmp", "orientation": "up", "type": "bmp", "errMsg": "getImageInfo:ok"},
        {"width": 640, "height": 480, "path": "bdfile://tmp_chosen_4.webp", "orientation": "up", "type": "webp", "errMsg": "getImageInfo:ok"},
    ]


def test_get_image_info_of_a_saved_file_a_project_file_and_a_network_image(tmp_path: Path, files: dict[str, Path]) -> None:
    """media/image_swan-getImageInfo.md samples 1, 2 and 4: a network image (downloaded first, as
    its own downloadFile call), a path relative to the page, a saved file."""
    project = tmp_path / "app"
    (project / "pages" / "home").mkdir(parents=True)
    (project / "images").mkdir()
    (project / "app.json").write_text('{"pages": ["pages/home/home"]}')
    (project / "app.js").write_text("App({})")
    (project / "pages" / "home" / "home.js").write_text("Page({})")
    (project / "images" / "logo.png").write_bytes(png(12, 34))
    with EmbeddedServer() as server, SwanRuntime(project=project, route_all_to=server.url, choose_images=[files["gif"]]) as rt:
        server.route("GET", "/pic.png", Reply(200, body=png(7, 9), headers={"Content-Type": "image/png"}))
        rt.open_page("pages/home/home")
        got = printed(rt, """
        swan.getImageInfo({src: '../../images/logo.png', %(cb)s});
        swan.chooseImage({success: function (res) {
          swan.saveFile({tempFilePath: res.tempFilePaths[0], success: function (saved) {
            swan.getImageInfo({src: saved.savedFilePath, success: function (r) { out([r.width, r.height, r.path === saved.savedFilePath]); }});
          }});
        }});
        swan.getImageInfo({src: 'https://img.example/pic.png', %(cb)s});""" % {"cb": CALLBACKS})
        assert rt.calls("getImageInfo")[0] == {"src": "../../images/logo.png"}
        assert rt.calls("downloadFile") == [{"url": "https://img.example/pic.png"}]
        downloaded = rt.calls("getImageInfo")[-1]["src"]
    assert got[0] == {"width": 12, "height": 34, "path": "/images/logo.png", "orientation": "up", "type": "png",
                      "errMsg": "getImageInfo:ok"}
    assert [5, 7, True] in got
    network = next(g for g in got if isinstance(g, dict) and g.get("width") == 7)
    assert network == {"width": 7, "height": 9, "path": downloaded, "orientation": "up", "type": "png", "errMsg": "getImageInfo:ok"}
    assert downloaded.startswith("bdfile://tmp_")


@pytest.mark.parametrize(("platform", "code"), [("android", 1001), ("ios", 1003)])
def test_get_image_info_fails_as_the_client_does(platform: str, code: int, files: dict[str, Path]) -> None:
    """media/image_swan-getImageInfo.md error codes: Android 1001 执行失败, iOS 1003 读取图片内容为空;
    202 for a parameter."""
    with SwanRuntime(platform=platform, choose_images=[files["txt"]]) as rt:
        got = printed(rt, """
        swan.getImageInfo({src: 'bdfile://tmp_nothing.png', %(cb)s});
        swan.getImageInfo({src: 'bdfile://tmp_chosen_0.txt', %(cb)s});
        swan.getImageInfo({%(cb)s});""" % {"cb": CALLBACKS})
    assert got == [
        {"errCode": code, "errMsg": "getImageInfo:fail file not found: bdfile://tmp_nothing.png"},
        {"errCode": code, "errMsg": "getImageInfo:fail not an image (PNG, JPEG, GIF, WebP or BMP): bdfile://tmp_chosen_0.txt"},
        {"errCode": 202, "errMsg": "getImageInfo:fail parameter error: src is required"},
    ]


def test_compress_image_writes_a_smaller_temp_file_with_the_same_pixels(files: dict[str, Path], tmp_path: Path) -> None:
    """media/image_swan-compressImage.md: {tempFilePath}. A JPEG loses its EXIF and comment
    segments, a PNG its text chunks and a loose deflate; the pixels are the same."""
    loose = tmp_path / "loose.png"
    rgba = bytes(range(256)) * (16 * 16 * 4 // 256)
    loose.write_bytes(png(16, 16, rgba, level=0, text=b"made by a camera" * 20))
    with SwanRuntime(choose_images=[files["jpg"], loose]) as rt:
        got = printed(rt, """
        swan.compressImage({src: 'bdfile://tmp_chosen_0.jpg', quality: 30, %(cb)s});
        swan.compressImage({src: 'bdfile://tmp_chosen_1.png', %(cb)s});
        swan.compressImage({src: 'bdfile://tmp_chosen_1.png', quality: 101, %(cb)s});""" % {"cb": CALLBACKS})
        small_jpeg = rt.host_path(got[0]["tempFilePath"]).read_bytes()
        small_png = rt.host_path(got[1]["tempFilePath"]).read_bytes()
    assert got[0]["tempFilePath"].endswith(".jpg") and got[1]["tempFilePath"].endswith(".png")
    assert got[2] == {"errCode": 202, "errMsg": "compressImage:fail parameter error: quality must be from 0 to 100, got 101"}
    original = files["jpg"].read_bytes()
    assert len(small_jpeg) == len(original) - (4 + 6 + 8 + 18) - (4 + 300)  # the APP1 and COM segments
    assert b"Exif" not in small_jpeg and small_jpeg.endswith(original[-20:])
    assert len(small_png) < len(loose.read_bytes()) and b"tEXt" not in small_png
    assert png_pixels(small_png) == (16, 16, rgba)


# ------------------------------------------------------------------------------------------------
# The album: saveImageToPhotosAlbum, saveVideoToPhotosAlbum, chooseVideo, chooseAlbum
# ------------------------------------------------------------------------------------------------


def test_save_image_to_photos_album_asks_once_and_puts_the_file_in_rt_album(files: dict[str, Path]) -> None:
    """media/image_swan-saveImageToPhotosAlbum.md: behind scope.writePhotosAlbum
    (open/authorize_list.md: a refusal is 10003 "user deny")."""
    with SwanRuntime(choose_images=[files["png"], files["txt"]]) as rt:
        got = printed(rt, """
        swan.saveImageToPhotosAlbum({filePath: 'bdfile://tmp_chosen_0.png', %(cb)s});
        swan.saveImageToPhotosAlbum({filePath: 'bdfile://tmp_chosen_1.txt', %(cb)s});
        swan.saveImageToPhotosAlbum({filePath: 'bdfile://tmp_gone.png', %(cb)s});""" % {"cb": CALLBACKS})
        assert got == [
            {"errMsg": "saveImageToPhotosAlbum:ok"},
            {"errCode": 1001, "errMsg": "saveImageToPhotosAlbum:fail not an image (PNG, JPEG, GIF, WebP or BMP): bdfile://tmp_chosen_1.txt"},
            {"errCode": 1001, "errMsg": "saveImageToPhotosAlbum:fail file not found: bdfile://tmp_gone.png"},
        ]
        assert rt.settings == {"scope.writePhotosAlbum": True}
        [saved] = rt.album
        assert saved["kind"] == "image" and saved["filePath"] == "bdfile://tmp_chosen_0.png"
        assert saved["path"].read_bytes() == files["png"].read_bytes()
    with SwanRuntime(choose_images=[files["png"]]) as rt:
        rt.answer("authorize", {"fail": True})
        got = printed(rt, "swan.saveImageToPhotosAlbum({filePath: 'bdfile://tmp_chosen_0.png', %s});" % CALLBACKS)
        assert got == [{"errCode": 10003, "errMsg": "saveImageToPhotosAlbum:fail user deny"}]
        assert rt.album == [] and rt.settings == {"scope.writePhotosAlbum": False}


def test_choose_video_returns_the_test_video_and_save_video_puts_it_in_the_album(files: dict[str, Path]) -> None:
    """media/video_swan-chooseVideo.md: {tempFilePath, duration (s), size, height, width};
    cancel is 1002. media/video_swan-saveVideoToPhotosAlbum.md."""
    size = files["mp4"].stat().st_size
    with SwanRuntime(choose_videos=[files["mp4"]]) as rt:
        rt.answer("chooseVideo", {}, {"fail": True})
        got = printed(rt, """
        swan.chooseVideo({sourceType: ['album'], success: function (res) {
          out(res);
          swan.saveVideoToPhotosAlbum({filePath: res.tempFilePath, %(cb)s});
          swan.chooseVideo({%(cb)s});
          swan.chooseVideo({camera: 'side', %(cb)s});
        }});""" % {"cb": CALLBACKS})
        assert got == [
            {"tempFilePath": "bdfile://tmp_chosen_1.mp4", "duration": 7.5, "size": size, "height": 360, "width": 640,
             "errMsg": "chooseVideo:ok"},
            {"errMsg": "saveVideoToPhotosAlbum:ok"},
            {"errCode": 1002, "errMsg": "chooseVideo:fail cancel"},
            {"errCode": 202, "errMsg": "chooseVideo:fail parameter error: camera must be one of back, front, got side"},
        ]
        assert [(a["kind"], a["path"].read_bytes()) for a in rt.album] == [("video", files["mp4"].read_bytes())]


def test_without_choose_videos_the_runtime_makes_a_three_second_video() -> None:
    """The choose_videos default (docs/media.md): a 320 x 240 MP4 of 3 s, read as any video is."""
    with SwanRuntime() as rt:
        [res] = printed(rt, "swan.chooseVideo({%s});" % CALLBACKS)
        assert res["duration"] == 3 and (res["width"], res["height"]) == (320, 240)
        assert res["size"] == rt.host_path(res["tempFilePath"]).stat().st_size


def test_choose_album_gives_photos_or_photos_and_videos(files: dict[str, Path]) -> None:
    """media/image_swan-chooseAlbum.md: mode single (photos) or both; tempFiles items {path, size,
    type: photo / video, duration for a video}; count caps them."""
    with SwanRuntime(choose_images=[files["png"], files["gif"]], choose_videos=[files["mp4"]]) as rt:
        got = printed(rt, """
        swan.chooseAlbum({%(cb)s});
        swan.chooseAlbum({mode: 'both', %(cb)s});
        swan.chooseAlbum({mode: 'both', count: 1, %(cb)s});
        swan.chooseAlbum({mode: 'all', %(cb)s});""" % {"cb": CALLBACKS})
    png_file = {"path": "bdfile://tmp_chosen_0.png", "size": files["png"].stat().st_size, "type": "photo"}
    gif_file = {"path": "bdfile://tmp_chosen_1.gif", "size": files["gif"].stat().st_size, "type": "photo"}
    video = {"path": "bdfile://tmp_chosen_2.mp4", "size": files["mp4"].stat().st_size, "type": "video", "duration": 7.5}
    assert got == [
        {"tempFilePaths": [png_file["path"], gif_file["path"]], "tempFiles": [png_file, gif_file], "errMsg": "chooseAlbum:ok"},
        {"tempFilePaths": [png_file["path"], gif_file["path"], video["path"]], "tempFiles": [png_file, gif_file, video],
         "errMsg": "chooseAlbum:ok"},
        {"tempFilePaths": [png_file["path"]], "tempFiles": [png_file], "errMsg": "chooseAlbum:ok"},
        {"errCode": 202, "errMsg": "chooseAlbum:fail parameter error: mode must be one of single, both, got all"},
    ]


# ------------------------------------------------------------------------------------------------
# openDocument, shareFile (file/swan-openDocument.md, share/share_swan-shareFile.md)
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("platform", "missing", "unsupported"), [("android", 1001, 1001), ("ios", 2001, 2005)])
def test_open_document_checks_the_file_and_records_what_was_opened(platform: str, missing: int, unsupported: int,
                                                                   files: dict[str, Path]) -> None:
    """file/swan-openDocument.md: doc, xls, ppt, pdf, docx, xlsx, pptx; iOS 2001 文件不存在,
    2005 文件格式不支持, Android 1001. shareFile: the file must exist."""
    with SwanRuntime(platform=platform, choose_images=[files["pdf"], files["txt"]]) as rt:
        got = printed(rt, """
        swan.openDocument({filePath: 'bdfile://tmp_chosen_0.pdf', %(cb)s});
        swan.openDocument({filePath: 'bdfile://tmp_chosen_1.txt', %(cb)s});
        swan.openDocument({filePath: 'bdfile://tmp_chosen_1.txt', fileType: 'docx', %(cb)s});
        swan.openDocument({filePath: 'bdfile://tmp_gone.pdf', %(cb)s});
        swan.openDocument({filePath: 'bdfile://tmp_chosen_0.pdf', fileType: 'odt', %(cb)s});
        swan.shareFile({filePath: 'bdfile://tmp_chosen_1.txt', %(cb)s});
        swan.shareFile({filePath: 'bdfile://tmp_gone.txt', %(cb)s});""" % {"cb": CALLBACKS})
        assert got == [
            {"errMsg": "openDocument:ok"},
            {"errCode": unsupported, "errMsg": "openDocument:fail file type not supported: txt"},
            {"errMsg": "openDocument:ok"},
            {"errCode": missing, "errMsg": "openDocument:fail file not found: bdfile://tmp_gone.pdf"},
            {"errCode": 202, "errMsg": "openDocument:fail parameter error: fileType must be one of doc, xls, ppt, pdf, docx, xlsx, pptx, got odt"},
            {"errMsg": "shareFile:ok"},
            {"errCode": 1001, "errMsg": "shareFile:fail file not found: bdfile://tmp_gone.txt"},
        ]
        assert [(d["api"], d["filePath"], d["fileType"], d["path"].read_bytes()) for d in rt.documents] == [
            ("openDocument", "bdfile://tmp_chosen_0.pdf", "pdf", files["pdf"].read_bytes()),
            ("openDocument", "bdfile://tmp_chosen_1.txt", "docx", files["txt"].read_bytes()),
            ("shareFile", "bdfile://tmp_chosen_1.txt", "txt", files["txt"].read_bytes()),
        ]


# ------------------------------------------------------------------------------------------------
# InnerAudioContext, BackgroundAudioManager (media/createinneraudiocontext_*.md,
# backgroundaudiomanager_*.md)
# ------------------------------------------------------------------------------------------------
AUDIO_LISTENERS = """
function watch(a, names) {
  names.forEach(function (n) {
    a['on' + n](function (res) { out(['on' + n, a.currentTime, a.paused].concat(res === undefined ? [] : [res])); });
  });
}
var EVENTS = ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'TimeUpdate', 'Error', 'Waiting', 'Seeking', 'Seeked'];
"""


def test_inner_audio_plays_on_the_virtual_clock_to_its_end() -> None:
    """media/createinneraudiocontext_InnerAudioContext.md: src, paused, currentTime, duration;
    onCanplay, onPlay, onTimeUpdate (every 250 ms here), onEnded after `duration`
    (rt.audio_duration when the file does not say)."""
    with SwanRuntime(clock="virtual") as rt:
        rt.audio_duration = 0.6
        got = printed(rt, AUDIO_LISTENERS + """
        var a = swan.createInnerAudioContext();
        watch(a, EVENTS);
        out([a.src, a.paused, a.currentTime, a.duration]);
        a.src = 'bdfile://usr/song.mp3';
        a.play();
        out('called');
        globalThis.a = a;""")
        assert got == [["", True, 0, 0], "called", ["onError", 0, True, {
            "errCode": 10003, "errMsg": "play:fail file not found: bdfile://usr/song.mp3"}]]
        got = printed(rt, "a.src = 'https://cdn.example/song.mp3'; a.play();")
        assert got == [["onWaiting", 0, True], ["onCanplay", 0, True], ["onPlay", 0, False]]
        rt.advance(1000)
        assert [json.loads(m.text) for m in rt.console[-4:]] == [
            ["onTimeUpdate", 0.25, False], ["onTimeUpdate", 0.5, False], ["onTimeUpdate", 0.6, False], ["onEnded", 0.6, True]]
        assert printed(rt, "out([a.paused, a.currentTime, a.duration]);") == [[True, 0.6, 0.6]]
        assert rt.calls("InnerAudioContext.play") == [{"id": 1, "src": "bdfile://usr/song.mp3"},
                                                      {"id": 1, "src": "https://cdn.example/song.mp3"}]
        assert media_events(rt) == [f"InnerAudioContext.on{e}" for e in
                                    ["Error", "Waiting", "Canplay", "Play", "TimeUpdate", "TimeUpdate", "TimeUpdate", "Ended"]]


def test_inner_audio_pause_seek_resume_stop_in_order(files: dict[str, Path]) -> None:
    """InnerAudioContext-pause/seek/stop.md and onSeeking / onSeeked: a WAV source plays for its
    own length (0.5 s); play after pause fires onPlay without onCanplay; stop goes back to 0."""
    with SwanRuntime(clock="virtual", choose_images=[files["wav"]]) as rt:
        printed(rt, AUDIO_LISTENERS + """
        var a = globalThis.a = swan.createInnerAudioContext();
        watch(a, EVENTS);
        a.src = 'bdfile://tmp_chosen_0.wav';
        a.play();""")
        rt.advance(250)
        got = printed(rt, "a.pause(); a.seek(0.4); a.play();")
        rt.advance(50)
        got += printed(rt, "a.stop();")
        got += printed(rt, "a.seek(9); a.play(); out(a.duration);")
        rt.advance(1000)
    assert got == [
        ["onPause", 0.25, True], ["onSeeking", 0.25, True], ["onSeeked", 0.4, True], ["onPlay", 0.4, False],
        ["onStop", 0, True],
        0.5, ["onSeeking", 0, True], ["onSeeked", 0.5, True], ["onPlay", 0, False],
    ]
    assert [json.loads(m.text) for m in rt.console][:3] == [["onCanplay", 0, True], ["onPlay", 0, False], ["onTimeUpdate", 0.25, False]]
    assert [json.loads(m.text) for m in rt.console][-3:] == [["onTimeUpdate", 0.25, False], ["onTimeUpdate", 0.5, False],
                                                            ["onEnded", 0.5, True]]


def test_inner_audio_loop_autoplay_destroy_and_scripted_answers() -> None:
    """InnerAudioContext.md (autoplay, loop), -destroy.md; rt.answer sets one play's duration or
    makes it fail (onError 10002 for the network)."""
    with SwanRuntime(clock="virtual") as rt:
        rt.answer("InnerAudioContext.play", {"duration": 0.3}, {"fail": True, "kind": "network", "reason": "net::ERR_FAILED"})
        got = printed(rt, AUDIO_LISTENERS + """
        var a = globalThis.a = swan.createInnerAudioContext();
        watch(a, ['Canplay', 'Play', 'Ended', 'TimeUpdate', 'Error']);
        a.loop = true;
        a.autoplay = true;
        a.src = 'https://cdn.example/a.mp3';
        var b = swan.createInnerAudioContext();
        watch(b, ['Error']);
        b.src = 'https://cdn.example/b.mp3';
        b.play();""")
        assert got == [["onCanplay", 0, True], ["onPlay", 0, False],
                       ["onError", 0, True, {"errCode": 10002, "errMsg": "play:fail net::ERR_FAILED"}]]
        rt.advance(600)
        ticks = [json.loads(m.text) for m in rt.console[3:]]
        # Looping: at 0.3 s it starts again from 0, without onEnded.
        assert ticks == [["onTimeUpdate", 0.25, False], ["onTimeUpdate", 0.3, False], ["onTimeUpdate", 0.25, False],
                         ["onTimeUpdate", 0.3, False]]
        assert printed(rt, "a.destroy(); a.play(); a.src = 'x'; out([a.paused, a.src]);") == [[True, "https://cdn.example/a.mp3"]]
        rt.advance(1000)
        assert len(rt.console) == 8
        assert [c["id"] for c in rt.calls("InnerAudioContext.destroy")] == [1]
        with pytest.raises(ValueError, match="InnerAudioContext.play: a success answer takes duration, not volume"):
            rt.answer("InnerAudioContext.play", {"volume": 1})


def test_audio_objects_have_the_documented_properties() -> None:
    """InnerAudioContext.md and BackgroundAudioManager.md property tables; duration, currentTime
    and paused are read-only (an assignment changes nothing)."""
    with SwanRuntime() as rt:
        got = printed(rt, """
        var a = swan.createInnerAudioContext(), m = swan.getBackgroundAudioManager();
        out(Object.keys(a)); out(Object.keys(m));
        a.duration = 5; a.currentTime = 3; a.paused = false; a.volume = 2; a.startTime = 4;
        out([a.duration, a.currentTime, a.paused, a.volume, a.startTime, a.autoplay, a.loop, a.obeyMuteSwitch]);""")
    assert got == [
        ["src", "startTime", "duration", "currentTime", "paused", "volume", "autoplay", "loop", "obeyMuteSwitch"],
        ["src", "startTime", "duration", "currentTime", "paused", "title", "epname", "singer", "coverImgUrl"],
        [0, 0, True, 1, 4, False, False, True],
    ]


def test_background_audio_plays_when_its_src_is_set() -> None:
    """media/backgroundaudiomanager_BackgroundAudioManager.md: one manager; a new src plays at
    once; title, singer, coverImgUrl kept; onPrev / onNext registrations exist."""
    with SwanRuntime(clock="virtual") as rt:
        rt.audio_duration = 0.25
        got = printed(rt, AUDIO_LISTENERS + """
        var m = swan.getBackgroundAudioManager();
        out(m === swan.getBackgroundAudioManager());
        watch(m, ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'TimeUpdate', 'Prev', 'Next', 'Error', 'Waiting', 'Seeking', 'Seeked']);
        m.title = '晴天'; m.singer = '周杰伦'; m.coverImgUrl = 'https://cdn.example/c.jpg';
        m.src = 'https://cdn.example/song.mp3';
        out([m.title, m.singer, m.paused]);""")
        rt.advance(250)
    assert got == [True, ["晴天", "周杰伦", True], ["onWaiting", 0, True], ["onCanplay", 0, True], ["onPlay", 0, False]]
    assert [json.loads(m.text) for m in rt.console[-2:]] == [["onTimeUpdate", 0.25, False], ["onEnded", 0.25, True]]
    assert rt.calls("BackgroundAudioManager.play") == [{"id": 1, "src": "https://cdn.example/song.mp3"}]


def test_audio_sources_and_inner_audio_option() -> None:
    """media/recorder_swan-getAvailableAudioSources.md (per platform), swan-setInnerAudioOption.md."""
    for platform, sources in (("android", ["auto", "mic", "camcorder", "voice_communication", "voice_recognition"]),
                              ("ios", ["auto", "buildInMic", "headsetMic"])):
        with SwanRuntime(platform=platform) as rt:
            got = printed(rt, """
            swan.getAvailableAudioSources({%(cb)s});
            swan.setInnerAudioOption({mixWithOther: true, %(cb)s});
            swan.setInnerAudioOption({mixWithOther: 1, %(cb)s});""" % {"cb": CALLBACKS})
            assert got == [{"audioSources": sources, "errMsg": "getAvailableAudioSources:ok"}, {"errMsg": "setInnerAudioOption:ok"},
                           {"errCode": 202, "errMsg": "setInnerAudioOption:fail parameter error: mixWithOther must be a boolean, got number"}]
            assert rt.calls("setInnerAudioOption")[0] == {"mixWithOther": True}


# ------------------------------------------------------------------------------------------------
# RecorderManager (media/recorder_RecorderManager*.md)
# ------------------------------------------------------------------------------------------------
RECORDER = """
var r = globalThis.r = swan.getRecorderManager();
['Start', 'Pause', 'Resume', 'Stop', 'Error'].forEach(function (n) {
  r['on' + n](function (res) { out(res === undefined ? 'on' + n : ['on' + n, res]); });
});
"""


def _adts_frames(data: bytes) -> list[tuple[int, int, int]]:
    """(sampling frequency index, channel configuration, frame length) of each ADTS frame."""
    frames, pos = [], 0
    while pos < len(data):
        assert data[pos] == 0xFF and data[pos + 1] & 0xF6 == 0xF0  # sync word, layer 0
        length = ((data[pos + 3] & 3) << 11) | (data[pos + 4] << 3) | (data[pos + 5] >> 5)
        frames.append(((data[pos + 2] >> 2) & 0xF, ((data[pos + 2] & 1) << 2) | (data[pos + 3] >> 6), length))
        pos += length
    assert pos == len(data)
    return frames


def test_recorder_measures_on_the_clock_and_writes_an_aac_file() -> None:
    """RecorderManager-start.md, -pause.md, -resume.md, -stop.md, -onStop.md: {tempFilePath,
    duration (ms), fileSize}; the first start asks for scope.record."""
    with SwanRuntime(clock="virtual") as rt:
        got = printed(rt, RECORDER + "r.start({sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000, format: 'aac'});")
        rt.advance(1000)
        got += printed(rt, "r.pause();")
        rt.advance(5000)
        got += printed(rt, "r.resume();")
        rt.advance(500)
        got += printed(rt, "r.stop();")
        stop = got[-1][1]
        data = rt.host_path(stop["tempFilePath"]).read_bytes()
        assert rt.settings == {"scope.record": True}
        assert rt.calls("RecorderManager.start") == [{"sampleRate": 16000, "numberOfChannels": 1, "encodeBitRate": 48000, "format": "aac"}]
    assert got[:3] == ["onStart", "onPause", "onResume"]
    assert stop["duration"] == 1500 and stop["fileSize"] == len(data) and stop["tempFilePath"].endswith(".aac")
    frames = _adts_frames(data)
    assert len(frames) == 24  # ceil(1.5 s * 16000 / 1024 samples)
    assert {(index, channels) for index, channels, _ in frames} == {(8, 1)}  # 16 kHz, mono


def test_recorder_stops_by_itself_after_duration_and_writes_pcm() -> None:
    """RecorderManager-start.md: "在到达指定的 duration 后会自动停止录音"; format pcm: 16-bit samples."""
    with SwanRuntime(clock="virtual") as rt:
        printed(rt, RECORDER + "r.start({duration: 2000, sampleRate: 8000, numberOfChannels: 2, format: 'pcm'});")
        rt.advance(5000)
        stop = json.loads(rt.console[-1].text)
        assert stop[0] == "onStop" and stop[1]["duration"] == 2000
        assert rt.host_path(stop[1]["tempFilePath"]).read_bytes() == bytes(2 * 2 * 8000 * 2)
        assert len(rt.calls("RecorderManager.stop")) == 1


def test_recorder_errors_go_to_on_error() -> None:
    """RecorderManager-onError.md: a refused permission (10003), a bad parameter (202), stop
    when nothing records."""
    with SwanRuntime(clock="virtual", settings={"scope.record": False}) as rt:
        got = printed(rt, RECORDER + "r.start({}); r.start({sampleRate: 22050}); r.start({sampleRate: 8000, encodeBitRate: 96000}); r.stop();")
    assert got == [
        ["onError", {"errCode": 10003, "errMsg": "start:fail user deny"}],
        ["onError", {"errCode": 202, "errMsg": "start:fail parameter error: sampleRate must be one of 8000, 16000, 44100, got 22050"}],
        ["onError", {"errCode": 202, "errMsg": "start:fail parameter error: encodeBitRate must be from 16000 to 48000 at this sampleRate, got 96000"}],
        ["onError", {"errCode": 1001, "errMsg": "stop:fail the recorder is not recording"}],
    ]
    with SwanRuntime(clock="virtual") as rt:
        got = printed(rt, RECORDER + "r.start({}); r.start({});")
    assert got == ["onStart", ["onError", {"errCode": 1001, "errMsg": "start:fail the recorder is already recording"}]]


# ------------------------------------------------------------------------------------------------
# swan.ai.getVoiceRecognizer (ai/voice_*.md)
# ------------------------------------------------------------------------------------------------


def test_voice_recognizer_hears_what_the_test_scripts() -> None:
    """ai/voice_VoiceRecognizer-start.md: onStart, then onRecognize and onFinish with {result};
    in mode touch the result comes at stop(); cancel() drops it."""
    with SwanRuntime() as rt:
        rt.answer("VoiceRecognizer.start", {"result": "北京天气"}, {"result": "上海"}, {"result": "广州"})
        got = printed(rt, """
        var v = swan.ai.getVoiceRecognizer();
        out(v === swan.ai.getVoiceRecognizer() && swan.canIUse('ai.getVoiceRecognizer'));
        ['Start', 'Recognize', 'Finish', 'Error'].forEach(function (n) {
          v['on' + n](function (res) { out(res === undefined ? 'on' + n : ['on' + n, res]); });
        });
        v.start({mode: 'dnn', longSpeech: false});
        v.start({mode: 'touch'});
        v.stop();
        v.start({mode: 'touch'});
        v.cancel();
        v.stop();""")
    assert got == [True, "onStart", ["onRecognize", {"result": "北京天气"}], ["onFinish", {"result": "北京天气"}],
                   "onStart", ["onRecognize", {"result": "上海"}], ["onFinish", {"result": "上海"}], "onStart"]


# ------------------------------------------------------------------------------------------------
# Canvas (canvas/canvas_swan-canvasToTempFilePath.md, canvasGetImageData.md, canvasPutImageData.md)
# ------------------------------------------------------------------------------------------------


def test_canvas_draws_rectangles_and_exports_a_png_of_the_asked_size() -> None:
    """A red 2 x 1 rectangle at (1, 0) read back with canvasGetImageData (a Uint8ClampedArray),
    written over with canvasPutImageData, exported with canvasToTempFilePath (destWidth /
    destHeight; by default the area times the pixel ratio, 300 x 225 x 2.75 on Android)."""
    with SwanRuntime() as rt:
        got = printed(rt, """
        var c = swan.createCanvasContext('pic');
        c.setFillStyle('#ff0000');
        c.fillRect(1, 0, 2, 1);
        c.setGlobalAlpha(0.5);
        c.setFillStyle('rgb(0, 0, 255)');
        c.fillRect(2, 0, 1, 1);
        c.draw(false, function () {
          out('drawn');
          swan.canvasGetImageData({canvasId: 'pic', x: 0, y: 0, width: 4, height: 1, success: function (res) {
            out([res.width, res.height, res.data instanceof Uint8ClampedArray, Array.from(res.data)]);
            swan.canvasPutImageData({canvasId: 'pic', x: 3, y: 0, width: 1, height: 1, data: new Uint8ClampedArray([1, 2, 3, 4]),
              success: function () {
                swan.canvasToTempFilePath({canvasId: 'pic', x: 0, y: 0, width: 4, height: 2, destWidth: 8, destHeight: 2, %(cb)s});
                swan.canvasToTempFilePath({canvasId: 'pic', %(cb)s});
              }});
          }});
        });
        swan.canvasPutImageData({canvasId: 'pic', x: 0, y: 0, width: 2, height: 2, data: new Uint8ClampedArray(3), %(cb)s});""" % {"cb": CALLBACKS})
        assert got[:2] == ["drawn", {"errCode": 202, "errMsg": (
            "canvasPutImageData:fail parameter error: data holds 3 bytes, width * height * 4 is 16")}]
        assert got[2] == [4, 1, True, [0, 0, 0, 0, 255, 0, 0, 255, 128, 0, 128, 255, 0, 0, 0, 0]]
        small = png_pixels(rt.host_path(got[3]["tempFilePath"]).read_bytes())
        big = png_pixels(rt.host_path(got[4]["tempFilePath"]).read_bytes())
        assert rt.calls("CanvasContext.draw")[0]["actions"][:2] == [{"method": "setFillStyle", "data": ["#ff0000"]},
                                                                   {"method": "fillRect", "data": [1, 0, 2, 1]}]
        assert rt.calls("canvasPutImageData")[1]["data"] == bytes([1, 2, 3, 4])
    red, mixed, put, clear = b"\xff\x00\x00\xff", b"\x80\x00\x80\xff", b"\x01\x02\x03\x04", b"\x00" * 4
    assert small == (8, 2, (clear * 2 + red * 2 + mixed * 2 + put * 2) + clear * 8)
    assert big[:2] == (825, 619)


def test_a_canvas_is_as_large_as_its_element_on_the_page(tmp_path: Path) -> None:
    """canvasToTempFilePath.md: width defaults to "canvas宽度-x", destWidth to "width * 屏幕像素密度":
    the `<canvas canvas-id>` of the page sizes the canvas (its style, or node.set_rect)."""
    project = tmp_path / "app"
    (project / "pages" / "draw").mkdir(parents=True)
    (project / "app.json").write_text('{"pages": ["pages/draw/draw"]}')
    (project / "app.js").write_text("App({})")
    (project / "pages" / "draw" / "draw.swan").write_text(
        '<view><canvas canvas-id="pic" style="width: 100px; height: 50px"></canvas><canvas canvas-id="bare"></canvas></view>')
    (project / "pages" / "draw" / "draw.js").write_text("""Page({
      export(id) {
        return new Promise(function (resolve, reject) {
          var c = swan.createCanvasContext(id);
          c.setFillStyle('#ffffff');
          c.fillRect(0, 0, 1000, 1000);
          c.draw(false, function () {
            swan.canvasToTempFilePath({canvasId: id, success: function (res) { resolve(res.tempFilePath); }, fail: reject});
          });
        });
      }
    });""")
    with SwanRuntime(project=project) as rt:
        page = rt.open_page("pages/draw/draw")
        sized = png_pixels(rt.host_path(page.call("export", "pic")).read_bytes())
        bare = png_pixels(rt.host_path(page.call("export", "bare")).read_bytes())
        page.select("canvas[canvas-id=pic]").set_rect(width=40, height=20)
        resized = png_pixels(rt.host_path(page.call("export", "pic")).read_bytes())
    assert (sized[0], sized[1]) == (275, 138)  # 100 x 50 at pixel ratio 2.75
    assert sized[2] == b"\xff" * (275 * 138 * 4)
    assert (bare[0], bare[1]) == (825, 619)  # a <canvas> without a size: 300 x 225
    assert (resized[0], resized[1]) == (110, 55)


def test_a_page_has_its_own_create_canvas_context(tmp_path: Path) -> None:
    """canvas_swan-createCanvasContext.md: in a Page, `this.createCanvasContext(canvasId)` is the
    recommended form; it draws on the page's own `<canvas canvas-id>`."""
    project = tmp_path / "app"
    (project / "pages" / "draw").mkdir(parents=True)
    (project / "app.json").write_text('{"pages": ["pages/draw/draw"]}')
    (project / "app.js").write_text("App({})")
    (project / "pages" / "draw" / "draw.swan").write_text('<canvas canvas-id="pic" style="width: 100px; height: 50px"></canvas>')
    (project / "pages" / "draw" / "draw.js").write_text("""Page({
      export() {
        var c = this.createCanvasContext('pic');
        c.setFillStyle('#ff0000');
        c.fillRect(0, 0, 1000, 1000);
        return new Promise(function (resolve, reject) {
          c.draw(false, function () {
            swan.canvasToTempFilePath({canvasId: 'pic', success: function (res) { resolve(res.tempFilePath); }, fail: reject});
          });
        });
      }
    });""")
    with SwanRuntime(project=project, clock="virtual") as rt:
        page = rt.open_page("pages/draw/draw")
        width, height, pixels = png_pixels(rt.host_path(page.call("export")).read_bytes())
    assert (width, height) == (275, 138)  # the page's 100 x 50 canvas at pixel ratio 2.75
    assert pixels == b"\xff\x00\x00\xff" * (275 * 138)


def test_canvases_a_runtime_keeps_are_bounded_and_the_least_recently_used_is_dropped() -> None:
    """Every canvasId names a canvas (300 x 225, 270 KB here, without a `<canvas>`): past
    128 MB of pixels the canvas used least recently is dropped, transparent again at its
    next use, so 1,000 ids keep at most 128 MB of pixels on the host (without the bound: 270 MB)."""
    with SwanRuntime() as rt:
        tracemalloc.start()
        try:
            got = printed(rt, """
            var red = (id) => { var c = swan.createCanvasContext(id); c.setFillStyle('#ff0000'); c.fillRect(0, 0, 1, 1); c.draw(); };
            var read = (id) => swan.canvasGetImageData({canvasId: id, x: 0, y: 0, width: 1, height: 1,
              success: r => out(id + ' ' + Array.from(r.data).join(','))});
            red('old'); red('used');
            for (let i = 0; i < 1000; i++) {
              swan.canvasGetImageData({canvasId: 'c' + i, x: 0, y: 0, width: 1, height: 1});
              if (i % 100 === 0) read('used');
            }
            read('old'); read('used');""")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert got == ["used 255,0,0,255"] * 10 + ["old 0,0,0,0", "used 255,0,0,255"]
    assert peak < (128 + 16) * 1024 * 1024, peak  # the bound (docs/media.md), and the run's own


def test_canvas_to_temp_file_path_scales_its_default_size_to_the_bound(tmp_path: Path) -> None:
    """canvasToTempFilePath.md: destWidth defaults to "width * 屏幕像素密度"; past the 4096
    pixels a side that a given destWidth / destHeight may have, both sides are scaled down alike
    (a 4096 px canvas gives 4096 x 4096, not 11264 x 11264)."""
    project = tmp_path / "app"
    (project / "pages" / "draw").mkdir(parents=True)
    (project / "app.json").write_text('{"pages": ["pages/draw/draw"]}')
    (project / "app.js").write_text("App({})")
    (project / "pages" / "draw" / "draw.swan").write_text(
        '<canvas canvas-id="wide" style="width: 2000px; height: 100px"></canvas>'
        '<canvas canvas-id="big" style="width: 4096px; height: 4096px"></canvas>')
    (project / "pages" / "draw" / "draw.js").write_text("""Page({
      export(id) {
        return new Promise(function (resolve, reject) {
          swan.canvasToTempFilePath({canvasId: id, success: function (res) { resolve(res.tempFilePath); }, fail: reject});
        });
      }
    });""")
    with SwanRuntime(project=project, timeout=30) as rt:
        page = rt.open_page("pages/draw/draw")
        wide = rt.host_path(page.call("export", "wide")).read_bytes()
        big = rt.host_path(page.call("export", "big")).read_bytes()
    assert struct.unpack(">II", wide[16:24]) == (4096, 205)  # 5500 x 275 scaled by 4096 / 5500
    assert struct.unpack(">II", big[16:24]) == (4096, 4096)


def test_canvas_images_are_not_begun_past_the_run_timeout(tmp_path: Path) -> None:
    """Twelve 4096 x 4096 images asked for in one turn (about 0.4 s each): those the host would
    begin after the run's timeout fail with "timeout" at once, so the call ends about one image
    after its timeout, not after all twelve."""
    project = tmp_path / "app"
    (project / "pages" / "draw").mkdir(parents=True)
    (project / "app.json").write_text('{"pages": ["pages/draw/draw"]}')
    (project / "app.js").write_text("App({})")
    (project / "pages" / "draw" / "draw.swan").write_text('<canvas canvas-id="big" style="width: 4096px; height: 4096px"></canvas>')
    (project / "pages" / "draw" / "draw.js").write_text("""Page({
      many() {
        for (let i = 0; i < 12; i++) {
          swan.canvasToTempFilePath({canvasId: 'big', success: () => console.log('ok'), fail: e => console.log(e.errCode, e.errMsg)});
        }
      }
    });""")
    with SwanRuntime(project=project, timeout=1) as rt:
        page = rt.open_page("pages/draw/draw")
        timed_out = False
        try:
            page.call("many")  # the calls may all be answered before the run's end is checked
        except RunTimeout:
            timed_out = True
        texts = [m.text for m in rt.console]
    line = "1001 canvasToTempFilePath:fail timeout"
    done, failed = texts.count("ok"), texts.count(line)
    # (all twelve take about 5 s: those not begun by the timeout fail at once, whatever the load;
    # when the run's timeout passes first, the answers not yet delivered end with the run)
    assert texts == ["ok"] * done + [line] * failed and 1 <= done < 12
    assert timed_out or (failed >= 1 and done + failed == 12)


def test_canvas_draw_keeps_the_canvas_with_reserve_and_measures_text() -> None:
    """CanvasContext-draw.md: draw(true) keeps what was drawn, draw() clears first; measureText
    gives {width} (an estimate: half the font size per ASCII character)."""
    with SwanRuntime() as rt:
        got = printed(rt, """
        var c = swan.createCanvasContext('k');
        c.setFontSize(20);
        out(c.measureText('ab中').width);
        c.setFillStyle('#00ff00'); c.fillRect(0, 0, 1, 1); c.draw();
        c.setFillStyle('#0000ff'); c.fillRect(1, 0, 1, 1); c.draw(true);
        swan.canvasGetImageData({canvasId: 'k', x: 0, y: 0, width: 2, height: 1, success: function (r) { out(Array.from(r.data)); }});
        c.setFillStyle('#0000ff'); c.fillRect(1, 0, 1, 1); c.draw();
        swan.canvasGetImageData({canvasId: 'k', x: 0, y: 0, width: 2, height: 1, success: function (r) { out(Array.from(r.data)); }});""")
    assert got == [40, [0, 255, 0, 255, 0, 0, 255, 255], [0, 0, 0, 0, 0, 0, 255, 255]]


def _pixels_at(rt: SwanRuntime, canvas_id: str, points: list[tuple[int, int]]) -> list[list[int]]:
    """The RGBA of each (x, y) of a canvas, read back with canvasGetImageData."""
    got: list[list[int]] = []
    for x, y in points:
        got += printed(rt, f"""swan.canvasGetImageData({{canvasId: '{canvas_id}', x: {x}, y: {y}, width: 1, height: 1,
            success: function (r) {{ out(Array.from(r.data)); }}}});""")
    return got


def test_a_rectangle_is_filled_under_setTransform_rotate_and_transform() -> None:
    """show/canvas_CanvasContext-setTransform.md: setTransform(scaleX, skewX, skewY, scaleY,
    translateX, translateY) replaces the matrix, so the sample's red rectangle is drawn skewed
    (canvas_CanvasContext-rotate.md, -transform.md: rotate and transform add to it)."""
    with SwanRuntime() as rt:
        printed(rt, """
        var c = swan.createCanvasContext('t');
        c.translate(500, 500);
        c.setTransform(1, 0.5, -0.5, 1, 30, 10);
        c.setFillStyle('red'); c.fillRect(30, 30, 150, 75);
        c.setTransform(1, 0, 0, 1, 0, 0);
        c.translate(200, 0); c.rotate(Math.PI / 2);
        c.setFillStyle('blue'); c.fillRect(10, 10, 20, 40);
        c.setTransform(1, 0, 0, 1, 0, 0);
        c.transform(2, 0, 0, 2, 0, 150); c.transform(1, 0, 0, 1, 5, 5);
        c.setFillStyle('#00ff00'); c.fillRect(0, 0, 10, 10);
        c.draw();""")
        # (x, y) -> (x - 0.5 y + 30, 0.5 x + y + 10): the rectangle's corners go to (45, 55), (195, 130),
        # (157.5, 167.5) and (7.5, 92.5)
        assert _pixels_at(rt, "t", [(60, 75), (101, 130), (170, 40), (35, 45), (5, 150)]) == [
            [255, 0, 0, 255], [255, 0, 0, 255], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]
        # rotated a quarter turn about (200, 0): x in 150..190, y in 10..30
        assert _pixels_at(rt, "t", [(175, 20), (195, 20), (215, 20)]) == [[0, 0, 255, 255], [0, 0, 0, 0], [0, 0, 0, 0]]
        # scaled twice, moved by (0, 150) and then by (5, 5) in the scaled space: 10..30, 160..180
        assert _pixels_at(rt, "t", [(15, 165), (8, 165), (32, 178)]) == [[0, 255, 0, 255], [0, 0, 0, 0], [0, 0, 0, 0]]


def test_clip_limits_later_fills_to_its_rectangles() -> None:
    """show/canvas_CanvasContext-clip.md: once clipped, all later drawing is limited to the
    clipped area (the sample clips to rect(50, 20, 200, 120) and fills (0, 0, 150, 100));
    restore() brings back the area saved before clip (canvas_CanvasContext-restore.md)."""
    with SwanRuntime() as rt:
        printed(rt, """
        var c = swan.createCanvasContext('c');
        c.save();
        c.rect(50, 20, 200, 120);
        c.clip();
        c.fillRect(0, 0, 150, 100);
        c.restore();
        c.setFillStyle('blue'); c.fillRect(0, 200, 10, 10);
        c.draw();""")
        assert _pixels_at(rt, "c", [(60, 30), (149, 99), (20, 10), (60, 10), (20, 50), (160, 50), (5, 205)]) == [
            [0, 0, 0, 255], [0, 0, 0, 255], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 255, 255]]


def test_a_runtime_blends_a_bounded_number_of_pixels(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/media.md: a fill that is not opaque is blended pixel by pixel in the host, whose time
    the script's CPU limit does not count; past BLEND_BUDGET pixels in a runtime, such fills are
    recorded and not painted (opaque fills and clears, copied row by row, are not bounded)."""
    from bridge._app import _media

    monkeypatch.setattr(_media, "BLEND_BUDGET", 30)  # 1.5 rows of the 20-pixel-wide fill below
    with SwanRuntime() as rt:
        printed(rt, """
        var c = swan.createCanvasContext('b');
        c.setGlobalAlpha(0.5); c.fillRect(0, 0, 20, 20);
        c.setGlobalAlpha(1); c.setFillStyle('#0000ff'); c.fillRect(0, 30, 5, 5);
        c.draw();""")
        assert _pixels_at(rt, "b", [(0, 0), (9, 1), (10, 1), (0, 2), (2, 32)]) == [
            [0, 0, 0, 128], [0, 0, 0, 128], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 255, 255]]


# ------------------------------------------------------------------------------------------------
# Components driven by a context: video, live player, animation video, camera, AR camera, map
# ------------------------------------------------------------------------------------------------


def test_video_live_player_and_animation_video_methods_are_recorded() -> None:
    """media/videocontext_*.md, liveplayercontext_*.md (each method with callbacks),
    animationvideo_AnimationVideo-*.md: every call in rt.calls with the component's id."""
    with SwanRuntime() as rt:
        rt.answer("LivePlayerContext.play", {"fail": True, "kind": "io", "reason": "stream not found"})
        got = printed(rt, """
        var v = swan.createVideoContext('myVideo');
        v.play(); v.seek(12.5); v.sendDanmu({text: '好看', color: '#ff0000'}); v.playbackRate(1.5);
        v.requestFullScreen({direction: 90}); v.exitFullScreen(); v.pause(); v.stop(); v.showStatusBar(); v.hideStatusBar();
        v.playbackRate(3);
        var live = swan.createLivePlayerContext('myLive');
        live.play({%(cb)s}); live.mute({%(cb)s}); live.requestFullScreen({direction: 0, %(cb)s});
        var av = swan.createAnimationVideo('myAnimationVideo');
        av.play(); av.seek(2); av.pause();""" % {"cb": CALLBACKS})
        assert got == [{"errCode": 1001, "errMsg": "play:fail stream not found"}, {"errMsg": "mute:ok"},
                       {"errMsg": "requestFullScreen:ok"}]
        assert rt.calls("VideoContext.seek") == [{"videoId": "myVideo", "position": 12.5}]
        assert rt.calls("VideoContext.sendDanmu") == [{"text": "好看", "color": "#ff0000", "videoId": "myVideo"}]
        assert rt.calls("VideoContext.playbackRate") == [{"videoId": "myVideo", "rate": 1.5}, {"videoId": "myVideo", "rate": 3}]
        assert rt.calls("VideoContext.requestFullScreen") == [{"direction": 90, "videoId": "myVideo"}]
        assert rt.calls("LivePlayerContext.requestFullScreen") == [{"direction": 0, "livePlayerId": "myLive"}]
        assert rt.calls("AnimationVideo.seek") == [{"animationVideoId": "myAnimationVideo", "position": 2}]
        videos = [(t.api, t.errMsg) for t in rt.tasks if t.api.startswith("VideoContext.")]
        assert videos[-1] == ("VideoContext.playbackRate",
                              "playbackRate:fail parameter error: rate must be one of 0.5, 0.8, 1, 1.25, 1.5, 2, got 3")
        assert [api for api, _ in videos] == [f"VideoContext.{m}" for m in (
            "play", "seek", "sendDanmu", "playbackRate", "requestFullScreen", "exitFullScreen", "pause", "stop",
            "showStatusBar", "hideStatusBar", "playbackRate")]


def test_camera_photos_and_recordings_are_the_test_files(files: dict[str, Path]) -> None:
    """media/cameracontext_CameraContext-takePhoto.md ({tempImagePath}), -startRecord.md,
    -stopRecord.md ({tempThumbPath, tempVideoPath}); a recording still running after 30 s goes
    to timeoutCallback; arcameracontext_ARCameraContext-reset.md."""
    with SwanRuntime(clock="virtual", choose_images=[files["jpg"]], choose_videos=[files["mp4"]]) as rt:
        got = printed(rt, """
        var cam = swan.createCameraContext();
        cam.takePhoto({quality: 'high', %(cb)s});
        cam.takePhoto({quality: 'best', %(cb)s});
        cam.startRecord({%(cb)s});
        cam.stopRecord({%(cb)s});
        var ar = swan.createARCameraContext();
        ar.reset({%(cb)s});
        ar.startRecord({timeoutCallback: function (res) { out(['timeout', res]); }, %(cb)s});""" % {"cb": CALLBACKS})
        rt.advance(30000)
        got.append(json.loads(rt.console[-1].text))
        photo = rt.host_path(got[0]["tempImagePath"]).read_bytes()
        video = rt.host_path(got[3]["tempVideoPath"]).read_bytes()
        timed_out = rt.host_path(got[-1][1]["tempVideoPath"]).read_bytes()
        assert rt.settings == {"scope.camera": True, "scope.record": True}
        assert rt.calls("CameraContext.takePhoto") == [{"quality": "high"}, {"quality": "best"}]
    assert got[1] == {"errCode": 202, "errMsg": "takePhoto:fail parameter error: quality must be one of high, normal, low, got best"}
    assert got[2] == {"errMsg": "startRecord:ok"} and got[4] == {"errMsg": "reset:ok"} and got[5] == {"errMsg": "startRecord:ok"}
    assert got[0]["tempImagePath"].endswith(".jpg") and photo == files["jpg"].read_bytes()
    assert got[3]["tempThumbPath"].endswith(".jpg") and video == files["mp4"].read_bytes() == timed_out
    assert got[-1][0] == "timeout" and sorted(got[-1][1]) == ["tempThumbPath", "tempVideoPath"]


def test_camera_behind_scope_camera() -> None:
    """open/authorize_list.md: scope.camera refused: 10003 "user deny"."""
    with SwanRuntime(settings={"scope.camera": False}) as rt:
        got = printed(rt, "swan.createCameraContext().takePhoto({%s});" % CALLBACKS)
    assert got == [{"errCode": 10003, "errMsg": "takePhoto:fail user deny"}]


def test_map_context_keeps_the_centre_and_scale() -> None:
    """api/map MapContext-getCenterLocation.md (gcj02 {longitude, latitude}), -moveToLocation,
    -getScale, -getRegion, -translateMarker (animationEnd after `duration`), -includePoints."""
    with SwanRuntime(clock="virtual") as rt:
        got = printed(rt, """
        var m = swan.createMapContext('myMap');
        m.getCenterLocation({%(cb)s});
        m.moveToLocation({latitude: 31.2304, longitude: 121.4737, %(cb)s});
        m.getCenterLocation({%(cb)s});
        m.getScale({%(cb)s});
        m.getRegion({%(cb)s});
        m.moveToLocation({latitude: 91, %(cb)s});
        m.includePoints({points: [{latitude: 31, longitude: 121}], padding: [10], %(cb)s});
        m.translateMarker({markerId: 1, destination: {latitude: 31, longitude: 121}, duration: 500,
                           animationEnd: function () { out('animationEnd'); }, %(cb)s});
        swan.createMapContext('other').getCenterLocation({%(cb)s});""" % {"cb": CALLBACKS})
        assert got == [
            {"longitude": 116.31364, "latitude": 40.05831, "errMsg": "getCenterLocation:ok"},
            {"errMsg": "moveToLocation:ok"},
            {"longitude": 121.4737, "latitude": 31.2304, "errMsg": "getCenterLocation:ok"},
            {"scale": 16, "errMsg": "getScale:ok"},
            {"southwest": {"latitude": 31.225456, "longitude": 121.470953},
             "northeast": {"latitude": 31.235344, "longitude": 121.476447}, "errMsg": "getRegion:ok"},
            {"errCode": 202, "errMsg": "moveToLocation:fail parameter error: latitude must be from -90 to 90, got 91"},
            {"errMsg": "includePoints:ok"},
            {"errMsg": "translateMarker:ok"},
            {"longitude": 116.31364, "latitude": 40.05831, "errMsg": "getCenterLocation:ok"},
        ]
        rt.advance(499)
        assert rt.console[-1].text != '"animationEnd"'
        rt.advance(1)
        assert rt.console[-1].text == '"animationEnd"'
        assert rt.calls("MapContext.translateMarker") == [
            {"markerId": 1, "destination": {"latitude": 31, "longitude": 121}, "duration": 500, "mapId": "myMap"}]


# ------------------------------------------------------------------------------------------------
# Every API of this share: canIUse, the log, scripted failures
# ------------------------------------------------------------------------------------------------
MEDIA_APIS = [
    "getImageInfo", "compressImage", "saveImageToPhotosAlbum", "saveVideoToPhotosAlbum", "chooseVideo", "chooseAlbum",
    "openDocument", "shareFile", "createInnerAudioContext", "getBackgroundAudioManager", "getRecorderManager",
    "createVideoContext", "createCameraContext", "createLivePlayerContext", "createMapContext", "createCanvasContext",
    "canvasToTempFilePath", "canvasGetImageData", "canvasPutImageData", "createARCameraContext", "createAnimationVideo",
    "ai.getVoiceRecognizer", "getAvailableAudioSources", "setInnerAudioOption",
    "InnerAudioContext.play", "RecorderManager.stop", "CanvasContext.draw", "MapContext.getCenterLocation",
]


def test_every_media_api_is_usable_and_calls_back_asynchronously(files: dict[str, Path]) -> None:
    """swan.canIUse is true for each; a call's callbacks run after the call returns, and the
    log holds the call and its callbacks."""
    with SwanRuntime(choose_images=[files["png"]]) as rt:
        got = printed(rt, """
        out(%s.filter(function (n) { return !swan.canIUse(n); }));
        var sync = true;
        swan.getImageInfo({src: 'bdfile://tmp_chosen_0.png', complete: function () { out(sync); }});
        sync = false;""" % json.dumps(MEDIA_APIS))
        assert got == [[], False]
        call = next(e for e in rt.log if e.kind == "call" and e["api"] == "getImageInfo")
        assert call["params"] == {"src": "bdfile://tmp_chosen_0.png"}
        assert [e["event"] for e in rt.log if e.kind == "callback" and e["id"] == call["id"]] == ["success", "complete"]


def test_every_documented_method_of_the_media_objects_is_there() -> None:
    """js_shim/api_names.json "objectMethods" (gathered from swan-docs): each documented method of
    each media object is on the object the factory returns (CanvasContext.font is a property)."""
    objects = {
        "InnerAudioContext": "swan.createInnerAudioContext()", "BackgroundAudioManager": "swan.getBackgroundAudioManager()",
        "RecorderManager": "swan.getRecorderManager()", "VoiceRecognizer": "swan.ai.getVoiceRecognizer()",
        "CanvasContext": "swan.createCanvasContext('c')", "CanvasGradient": "swan.createCanvasContext('c').createLinearGradient(0, 0, 1, 1)",
        "VideoContext": "swan.createVideoContext('v')", "LivePlayerContext": "swan.createLivePlayerContext('l')",
        "MapContext": "swan.createMapContext('m')", "CameraContext": "swan.createCameraContext()",
        "ARCameraContext": "swan.createARCameraContext()", "AnimationVideo": "swan.createAnimationVideo('a')",
    }
    documented = json.loads((Path(__file__).resolve().parents[2] / "js_shim" / "api_names.json").read_text())["objectMethods"]
    with SwanRuntime() as rt:
        [missing] = printed(rt, "var missing = [];\n" + "".join(
            "(function (o) { %s.forEach(function (m) { if (typeof o[m] !== 'function' && !(m === 'font' && m in o)) "
            "missing.push('%s.' + m); }); })(%s);\n" % (json.dumps(documented[name]), name, factory)
            for name, factory in objects.items()) + "out(missing);")
    assert missing == []
    assert sum(len(documented[name]) for name in objects) == 135  # the list itself did not shrink


@pytest.mark.parametrize("api", ["getImageInfo", "compressImage", "chooseAlbum", "openDocument", "canvasToTempFilePath"])
def test_a_scripted_fail_answer_fails_the_next_call(api: str, files: dict[str, Path]) -> None:
    """rt.answer(api, {"fail": True, ...}) fails one call (cancel by default), then the default
    answer applies again."""
    params = {"getImageInfo": "{src: 'bdfile://tmp_chosen_0.pdf'}", "compressImage": "{src: 'bdfile://tmp_chosen_0.pdf'}",
              "chooseAlbum": "{}", "openDocument": "{filePath: 'bdfile://tmp_chosen_0.pdf'}",
              "canvasToTempFilePath": "{canvasId: 'c'}"}[api]
    with SwanRuntime(choose_images=[files["pdf"]]) as rt:
        rt.answer(api, {"fail": True, "kind": "io", "reason": "disk full"})
        got = printed(rt, "var p = %s; p.fail = out; swan.%s(p);" % (params, api))
        assert got == [{"errCode": 1001, "errMsg": f"{api}:fail disk full"}]
        assert rt.unused_answers() == {}
