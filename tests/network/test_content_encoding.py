"""Compressed responses (Content-Encoding) for request, uploadFile and downloadFile: what the client
asks for, what it undoes, and the host memory a compression bomb can take (docs/reliability.md
"Hostile hosts, servers and values")."""

from __future__ import annotations

import gzip
import json
import random
import struct
import subprocess
import sys
import zlib

import pytest
from support import lines

from bridge.testing import Reply


def zeros_gzip(mib: int) -> bytes:
    """A gzip member of `mib` MiB of zeros, built from one compressed MiB repeated (after a full
    flush every MiB compresses to the same bytes), so a bomb costs the test no inflating time."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    piece = deflater.compress(zeros) + deflater.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(zeros, crc)
    trailer = struct.pack("<II", crc, (mib << 20) & 0xFFFFFFFF)
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + piece * mib + deflater.flush() + trailer


def test_the_client_asks_for_gzip_and_deflate(make_runtime, server) -> None:
    """The Accept-Encoding every transfer sends: the codings the host undoes in bounded steps,
    whatever optional decoders httpx could find installed."""
    server.route("GET", "/ae", Reply(body="ok"))
    rt = make_runtime()
    rt.run("swan.request({url: '%s/ae'}); swan.downloadFile({url: '%s/ae'})" % (server.url, server.url))
    assert [r.headers.get("accept-encoding") for r in server.requests if r.path == "/ae"] == ["gzip, deflate", "gzip, deflate"]


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate", "gzip, gzip", "deflate, gzip", "br", "gzip, identity"])
def test_a_compressed_response_is_decoded_exactly(make_runtime, server, encoding: str) -> None:
    """Each gzip or deflate layer is undone, the last applied first (deflate with or without its
    zlib header, as servers send it); a coding the client does not undo (br) is left on the bytes.
    The body spans many decoding steps and network reads."""
    rng = random.Random(7)
    text = "".join(f"{i:08d}\n" for i in range(100_000)) + rng.randbytes(300_000).hex()  # 1.5 MB, in part incompressible
    body = text.encode("ascii")
    encoded, header = body, encoding
    for coding in [c.strip() for c in encoding.split(",")]:
        if coding == "gzip":
            encoded = gzip.compress(encoded)
        elif coding == "deflate":
            encoded = zlib.compress(encoded)
        elif coding == "raw-deflate":
            deflater = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
            encoded = deflater.compress(encoded) + deflater.flush()
            header = "deflate"
    server.route("GET", "/enc", Reply(body=encoded, headers={"Content-Type": "text/plain", "Content-Encoding": header}))
    rt = make_runtime()
    result = rt.run("""
    swan.request({url: '%s/enc', dataType: 'text', success: r => console.log(r.data)});
    swan.downloadFile({url: '%s/enc', success: r => console.log(r.tempFilePath)});
    """ % (server.url, server.url))
    assert result.errors == []
    assert sorted(lines(result), key=len) == [sorted(lines(result), key=len)[0], text]
    path = min(lines(result), key=len)
    assert rt.host_path(path).read_bytes() == body


def test_a_corrupt_gzip_body_fails_the_transfer(make_runtime, server) -> None:
    """Bytes that are no gzip stream under `Content-Encoding: gzip` fail the call and leave no file."""
    server.route("GET", "/bad", Reply(body=b"not gzip at all", headers={"Content-Encoding": "gzip"}))
    rt = make_runtime()
    result = rt.run("swan.downloadFile({url: '%s/bad', fail: e => console.log(e.errMsg)})" % server.url)
    assert lines(result) == ["downloadFile:fail the response body cannot be decoded: Error -3 while decompressing data: incorrect header check"]
    assert list(rt.temp_directory.iterdir()) == []


def test_bytes_after_the_end_of_a_gzip_stream_are_ignored(make_runtime, server) -> None:
    """Data past the end of the gzip stream (2 MB of it here) is read and dropped, as httpx's
    decoder drops it: the body is the stream's content."""
    server.route("GET", "/tail", Reply(body=gzip.compress(b"hello") + bytes(2 << 20), headers={"Content-Encoding": "gzip"}))
    rt = make_runtime()
    result = rt.run("swan.request({url: '%s/tail', success: r => console.log(r.data)})" % server.url)
    assert lines(result) == ["hello"]


def test_more_than_five_codings_are_refused(make_runtime, server) -> None:
    """At most 5 decoded codings per response (curl's and urllib3's bound): each holds an inflater."""
    body = b"x"
    for _ in range(6):
        body = gzip.compress(body)
    server.route("GET", "/six", Reply(body=body, headers={"Content-Encoding": ", ".join(["gzip"] * 6)}))
    server.route("GET", "/five", Reply(body=gzip.decompress(body), headers={"Content-Encoding": ", ".join(["gzip"] * 5)}))
    rt = make_runtime()
    result = rt.run("""
    swan.request({url: '%s/six', fail: e => console.log(e.errMsg)});
    """ % server.url)
    assert lines(result) == [
        "request:fail the response body cannot be decoded: more than 5 content codings: gzip, gzip, gzip, gzip, gzip, gzip"]
    result = rt.run("swan.request({url: '%s/five', success: r => console.log(r.data)})" % server.url)
    assert lines(result) == ["x"]


BOMB_CHILD = """\
import json, sys
def peak_mb():
    # VmHWM is this process's own peak (ru_maxrss keeps the parent's across exec).
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
from bridge import SwanRuntime
from bridge.testing import EmbeddedServer, Reply

bomb = bytes.fromhex(sys.stdin.read())
SCRIPT = '''
swan.chooseImage({success(r) {
    const url = '%s/bomb', fail = e => console.log(e.errMsg);
    swan.request({url, fail});
    swan.uploadFile({url, filePath: r.tempFilePaths[0], name: 'f', fail});
    swan.downloadFile({url, fail});
}});
'''
with EmbeddedServer() as server, SwanRuntime(timeout=30, max_concurrency=1) as rt:
    server.route("GET", "/small", Reply(body=b"ok", headers={"Content-Encoding": "identity"}))
    rt.run("swan.request({url: '%s/small'}); swan.downloadFile({url: '%s/small'})" % (server.url, server.url))
    before = peak_mb()
    for method in ("GET", "POST"):
        server.route(method, "/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip, gzip"}))
    console = [m.text for m in rt.run(SCRIPT % server.url).console]
print(json.dumps({"console": console, "grew_mb": peak_mb() - before}))
"""


def test_a_nested_gzip_bomb_is_refused_holding_about_the_response_cap() -> None:
    """docs/reliability.md "Hostile hosts, servers and values": 700 bytes under
    `Content-Encoding: gzip, gzip` that inflate to 256 MiB fail request and uploadFile at the
    16 MB response cap and downloadFile at its 10 MB limit, with the errMsg of any body over
    them, and the host grows by at most the cap plus 4 MB (the body's buffer grows by an eighth
    at a time; each layer holds one 64 KiB step) over the three calls, run one at a time: a
    failed call's bytes are released at once. Before, each layer inflated a whole network read
    at once (256 MiB took the host past 500 MB, 1 GiB past 2 GB), and a refused body stayed in
    memory until the cycle collector ran. The child process reports its own peak."""
    bomb = gzip.compress(zeros_gzip(256), 9)
    assert len(bomb) < 1000
    proc = subprocess.run([sys.executable, "-c", BOMB_CHILD], input=bomb.hex(), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert report["console"] == [
        "request:fail exceed max response size (16 MB)",
        "uploadFile:fail exceed max response size (16 MB)",
        "downloadFile:fail exceed max file size",
    ]
    assert report["grew_mb"] < 16 + 4, report
