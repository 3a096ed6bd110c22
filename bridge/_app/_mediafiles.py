"""Media files without a codec library: image headers (size, format, EXIF orientation), a PNG
encoder, metadata stripping for compressImage, MP4 headers (duration and frame size), and the
silent AAC or PCM files a recorder writes.

The core install stays small (no Pillow): the media APIs read headers and write files whose
format is simple enough to write by hand; nothing here decodes compressed pixels.
"""

from __future__ import annotations

import math
import struct
import zlib
from array import array
from collections.abc import Iterator
from operator import itemgetter

#: EXIF orientation (1-8) as getImageInfo names it (api/media/image_swan-getImageInfo.md).
ORIENTATIONS = {
    1: "up", 2: "up-mirrored", 3: "down", 4: "down-mirrored",
    5: "left-mirrored", 6: "right", 7: "right-mirrored", 8: "left",
}

_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class NotAnImage(ValueError):
    """The bytes are not an image this module reads (PNG, JPEG, GIF, WebP, BMP)."""


def image_info(data: bytes) -> tuple[str, int, int, str]:
    """(type, width, height, orientation) read from an image's header: type is "png", "jpeg",
    "gif", "webp" or "bmp"; orientation comes from a JPEG's EXIF, "up" otherwise."""
    try:
        if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
            return "png", width, height, "up"
        if data[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack("<HH", data[6:10])
            return "gif", width, height, "up"
        if data[:2] == b"BM":
            width, height = struct.unpack("<ii", data[18:26])
            return "bmp", abs(width), abs(height), "up"
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return ("webp", *_webp_size(data), "up")
        if data[:2] == b"\xff\xd8":
            return _jpeg_info(data)
    except struct.error:
        pass
    raise NotAnImage("not an image (PNG, JPEG, GIF, WebP or BMP)")


def _webp_size(data: bytes) -> tuple[int, int]:
    kind = data[12:16]
    if kind == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X":
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    raise NotAnImage("not a WebP image this reader knows")


def _jpeg_segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(marker, start of the segment's payload, end) of each JPEG segment up to the scan."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise NotAnImage("a JPEG segment does not start with 0xFF")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        yield marker, pos + 4, pos + 2 + length
        if marker == 0xDA:  # start of scan: the entropy-coded data follows
            return
        pos += 2 + length


def _jpeg_info(data: bytes) -> tuple[str, int, int, str]:
    orientation = "up"
    for marker, start, end in _jpeg_segments(data):
        if marker == 0xE1 and data[start : start + 6] == b"Exif\x00\x00":
            try:
                orientation = ORIENTATIONS.get(_exif_orientation(data[start + 6 : end]), "up")
            except struct.error:  # a damaged EXIF block: the image itself is still readable
                orientation = "up"
        elif marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", data[start + 1 : start + 5])
            return "jpeg", width, height, orientation
    raise NotAnImage("a JPEG without a frame header")


def _exif_orientation(tiff: bytes) -> int:
    """Tag 0x0112 of the first IFD of an EXIF TIFF block, or 1."""
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return 1
    (ifd,) = struct.unpack(order + "I", tiff[4:8])
    (count,) = struct.unpack(order + "H", tiff[ifd : ifd + 2])
    for i in range(count):
        entry = ifd + 2 + 12 * i
        tag, _type, _count = struct.unpack(order + "HHI", tiff[entry : entry + 8])
        if tag == 0x0112:
            return int(struct.unpack(order + "H", tiff[entry + 8 : entry + 10])[0])
    return 1


# -- PNG ----------------------------------------------------------------------------------------
def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def encode_png(width: int, height: int, rgba: bytes) -> bytes:
    """An 8-bit RGBA PNG of `rgba` (width * height * 4 bytes, rows top first)."""
    stride = width * 4
    raw = b"".join(b"\x00" + rgba[row * stride : (row + 1) * stride] for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        yield kind, data[pos + 8 : pos + 8 + length]
        pos += 12 + length


def scale_rgba(rgba: bytes, width: int, height: int, to_width: int, to_height: int) -> bytes:
    """`rgba` resized to to_width x to_height by nearest neighbour (each output row made once
    per source row it comes from, its pixels picked as 32-bit units in one call)."""
    if (width, height) == (to_width, to_height):
        return rgba
    stride = width * 4
    columns = [min(width - 1, x * width // to_width) for x in range(to_width)]
    pick = itemgetter(*columns)
    rows: dict[int, bytes] = {}
    out = []
    for y in range(to_height):
        source = min(height - 1, y * height // to_height)
        row = rows.get(source)
        if row is None:
            pixels = memoryview(rgba[source * stride : (source + 1) * stride]).cast("I")
            picked = pick(pixels)
            row = rows[source] = array("I", picked if to_width > 1 else (picked,)).tobytes()
        out.append(row)
    return b"".join(out)


# -- compressImage ------------------------------------------------------------------------------
#: PNG chunks a compressed copy keeps: the pixels and what is needed to read them.
_PNG_KEPT = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"gAMA", b"sRGB"}


def compress_image(data: bytes) -> bytes:
    """A copy of an image without what the pixels do not need: a JPEG without its APP1-APP15
    and comment segments (EXIF, XMP, ICC, thumbnails), a PNG without its ancillary text and time
    chunks and with its pixel data deflated again at level 9. Never larger than `data`; another
    format is copied as it is."""
    kind = image_info(data)[0]
    if kind == "jpeg":
        out = bytearray(data[:2])
        end = 2
        for marker, start, seg_end in _jpeg_segments(data):
            if not (0xE1 <= marker <= 0xEF or marker == 0xFE):
                out += data[start - 4 : seg_end]
            end = seg_end
        out += data[end:]
        smaller = bytes(out)
    elif kind == "png":
        chunks = list(_png_chunks(data))
        pixels = zlib.decompress(b"".join(payload for name, payload in chunks if name == b"IDAT"))
        out = bytearray(data[:8])
        written = False
        for name, payload in chunks:
            if name == b"IDAT":  # the pixel data as one chunk, where the first one was
                if not written:
                    out += _chunk(b"IDAT", zlib.compress(pixels, 9))
                    written = True
            elif name in _PNG_KEPT:
                out += _chunk(name, payload)
        smaller = bytes(out)
    else:
        smaller = data
    return smaller if len(smaller) <= len(data) else data


# -- MP4 ----------------------------------------------------------------------------------------
def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full_box(kind: bytes, payload: bytes, version: int = 0, flags: int = 0) -> bytes:
    return _box(kind, struct.pack(">I", (version << 24) | flags) + payload)


_MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def encode_mp4(width: int, height: int, duration_ms: int) -> bytes:
    """An MP4 with one video track of width x height lasting `duration_ms` and no samples: the
    boxes a player reads for duration and size (ftyp, moov: mvhd, trak: tkhd, mdia ...)."""
    mvhd = _full_box(b"mvhd", struct.pack(">IIII", 0, 0, 1000, duration_ms) + struct.pack(">IH", 0x10000, 0x100)
                     + b"\x00" * 10 + _MATRIX + b"\x00" * 24 + struct.pack(">I", 2))
    tkhd = _full_box(b"tkhd", struct.pack(">IIIII", 0, 0, 1, 0, duration_ms) + b"\x00" * 8 + struct.pack(">HHHH", 0, 0, 0, 0)
                     + _MATRIX + struct.pack(">II", width << 16, height << 16), flags=3)
    mdhd = _full_box(b"mdhd", struct.pack(">IIII", 0, 0, 1000, duration_ms) + struct.pack(">HH", 0x55C4, 0))
    hdlr = _full_box(b"hdlr", struct.pack(">I4s", 0, b"vide") + b"\x00" * 12 + b"VideoHandler\x00")
    dinf = _box(b"dinf", _full_box(b"dref", struct.pack(">I", 1) + _full_box(b"url ", b"", flags=1)))
    empty = struct.pack(">I", 0)
    stbl = _box(b"stbl", _full_box(b"stsd", empty) + _full_box(b"stts", empty) + _full_box(b"stsc", empty)
                + _full_box(b"stsz", empty + empty) + _full_box(b"stco", empty))
    minf = _box(b"minf", _full_box(b"vmhd", b"\x00" * 8, flags=1) + dinf + stbl)
    trak = _box(b"trak", tkhd + _box(b"mdia", mdhd + hdlr + minf))
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 0x200) + b"isomiso2mp41")
    return ftyp + _box(b"moov", mvhd + trak)


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8 : pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header:
            return
        yield kind, pos + header, min(pos + size, end)
        pos += size


def video_info(data: bytes) -> tuple[float, int, int]:
    """(duration in seconds, width, height) of an MP4 / MOV from its moov box; (0, 0, 0) for a
    file that has none (another format)."""
    duration, width, height = 0.0, 0, 0
    try:
        for kind, start, end in _boxes(data, 0, len(data)):
            if kind != b"moov":
                continue
            for inner, s, e in _boxes(data, start, end):
                if inner == b"mvhd":
                    version = data[s]
                    if version == 1:
                        scale, length = struct.unpack(">IQ", data[s + 20 : s + 32])
                    else:
                        scale, length = struct.unpack(">II", data[s + 12 : s + 20])
                    duration = length / scale if scale else 0.0
                elif inner == b"trak" and not width:
                    for box, bs, _be in _boxes(data, s, e):
                        if box == b"tkhd":
                            offset = bs + (88 if data[bs] == 1 else 76)
                            w, h = struct.unpack(">II", data[offset : offset + 8])
                            width, height = w >> 16, h >> 16
    except struct.error:
        return 0.0, 0, 0
    return round(duration, 3), width, height


# -- recordings ---------------------------------------------------------------------------------
_AAC_RATES = (96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350)


def _silent_aac_frame(channels: int) -> bytes:
    """One AAC-LC raw data block of silence: a single channel element (a channel pair for
    stereo) whose channel streams have no scale factor bands, then the end element."""
    ics = "01100100" + "0" + "00" + "0" + "000000" + "0" + "000"  # gain 100, long window, max_sfb 0
    bits = ("000" + "0000" + ics) if channels == 1 else ("001" + "0000" + "0" + ics + ics)
    bits += "111"  # ID_END
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


def encode_aac(duration_ms: int, sample_rate: int, channels: int) -> bytes:
    """Silent AAC-LC in ADTS frames (1,024 samples each) covering `duration_ms`."""
    index = _AAC_RATES.index(sample_rate)
    payload = _silent_aac_frame(channels)
    length = 7 + len(payload)
    header = bytes((
        0xFF, 0xF1,  # sync word, MPEG-4, layer 0, no CRC
        (1 << 6) | (index << 2) | (channels >> 2),  # profile AAC LC
        ((channels & 3) << 6) | (length >> 11),
        (length >> 3) & 0xFF,
        ((length & 7) << 5) | 0x1F,  # buffer fullness 0x7FF: variable bit rate
        0xFC,
    ))
    frames = max(1, math.ceil(duration_ms * sample_rate / 1000 / 1024))
    return (header + payload) * frames


def encode_pcm(duration_ms: int, sample_rate: int, channels: int) -> bytes:
    """Silence as raw 16-bit little-endian PCM."""
    return bytes(2 * channels * (duration_ms * sample_rate // 1000))


def wav_duration(data: bytes) -> float | None:
    """The length in seconds of a PCM WAV file, or None for anything else."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    byte_rate = 0
    pos = 12
    while pos + 8 <= len(data):
        kind, size = struct.unpack("<4sI", data[pos : pos + 8])
        if kind == b"fmt " and size >= 16:
            byte_rate = int(struct.unpack("<I", data[pos + 16 : pos + 20])[0])  # after format, channels, rate
        elif kind == b"data" and byte_rate:
            return round(int(size) / byte_rate, 6)
        pos += 8 + size + (size & 1)
    return None
