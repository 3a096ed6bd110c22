"""The sandbox: every attempt to reach a file outside the runtime fails (202 or 2000) and reads nothing."""

from __future__ import annotations

import json
import os

import pytest

from conftest import lines

SECRET = b"TOP SECRET host file"


@pytest.fixture
def planted(tmp_path):
    """A data dir with symlinks planted inside it, pointing at a secret outside."""
    secret = tmp_path / "secret.txt"
    secret.write_bytes(SECRET)
    data = tmp_path / "data"
    (data / "usr").mkdir(parents=True)
    (data / "store").mkdir()
    os.symlink(secret, data / "usr" / "link.txt")
    os.symlink(tmp_path, data / "usr" / "dirlink")
    os.symlink(secret, data / "store" / "0123456789abcdef.txt")
    (data / "usr" / "real").mkdir()
    return data, secret


def _well_formed_missing(path: str) -> bool:
    """Paths of a valid shape that name nothing (e.g. a store name that exists only as a link)."""
    return path == "bdfile://store_0123456789abcdef.txt"


ESCAPES = [
    "/etc/passwd", "etc/passwd", "../../../../etc/passwd", "./x", "~/.ssh/id_rsa", "file:///etc/passwd",
    "file://localhost/etc/passwd", "http://127.0.0.1/x", "bdfile:///etc/passwd", "bdfile://../etc/passwd",
    "bdfile://tmp_../../etc/passwd", "bdfile://tmp_..%2F..%2Fetc%2Fpasswd", "bdfile://tmp_chosen_0.png/../../x",
    "bdfile://tmp_chosen_0.png\x00.txt", "bdfile://usr/../../../etc/passwd", "bdfile://usr/..", "bdfile://usr/.",
    "bdfile://usr//etc/passwd", "bdfile://usr/a/../../b", "bdfile://usr/%2e%2e/%2e%2e/etc/passwd",
    "bdfile://usr\\..\\..\\etc\\passwd", "bdfile://usr/a\\..\\..\\b", "bdfile://usr/link.txt",
    "bdfile://usr/dirlink/secret.txt", "bdfile://usr/real/../link.txt", "bdfile://usr/x\x00/../../etc/passwd",
    "bdfile://usr/" + "a" * 5000, "bdfile://usr/" + "/".join(["d"] * 600), "bdfile://store_0123456789abcdef.txt",
    "bdfile://store_../../etc/passwd", "bdfile://store_0123456789abcdef/../../x", "bdfile://usr",
    "bdfile://usrx/../etc/passwd", "BDFILE://usr/link.txt", " bdfile://usr/link.txt", "bdfile://usr/\ud800",
    "bdfile://" + "x" * 2000, "",
]


def test_at_least_30_escape_paths(planted) -> None:
    assert len(ESCAPES) >= 30


@pytest.mark.parametrize("api", ["getFileInfo", "uploadFile", "saveFile", "downloadFile", "getSavedFileInfo", "removeSavedFile"])
def test_no_path_reaches_outside(make_runtime, server, planted, api: str) -> None:
    data, secret = planted
    rt = make_runtime(data_dir=data)
    params = {
        "getFileInfo": "{filePath: p}", "saveFile": "{tempFilePath: p}", "getSavedFileInfo": "{filePath: p}",
        "removeSavedFile": "{filePath: p}",
        "uploadFile": "{url: '%s/u', name: 'f', filePath: p}" % server.url,
        "downloadFile": "{url: '%s/d?size=3', filePath: p}" % server.url,
    }[api]
    seen = len(server.requests)
    result = rt.run("""
    const paths = %s;
    paths.forEach(p => swan.%s(Object.assign(%s, {
        success: r => console.log(JSON.stringify([p, 'LEAK'])),
        fail: e => console.log(JSON.stringify([p, e.errCode]))})));
    """ % (json.dumps(ESCAPES, ensure_ascii=True), api, params))
    assert result.errors == []
    outcome = dict(json.loads(line) for line in lines(result))
    assert len(outcome) == len(ESCAPES)
    literal = "bdfile://usr/%2e%2e/%2e%2e/etc/passwd"  # odd but legal: a directory literally named "%2e%2e"
    for path, code in outcome.items():
        if path == literal:
            continue
        assert code != "LEAK", path
        # Traversal, links and host paths are refused as invalid (202 / 2000); a well-formed path
        # that simply does not exist may also say "not found" (1001 / 2001).
        if ".." in path or "link" in path or not path.startswith("bdfile://usr/"):
            assert code in (202, 2000) or (code in (1001, 2001) and _well_formed_missing(path)), (path, code)
        else:
            assert code in (202, 2000, 1001, 2001), (path, code)
    if api == "downloadFile":
        assert outcome[literal] == "LEAK"  # written inside usr/, checked below
        assert (data / "usr" / "%2e%2e" / "%2e%2e" / "etc" / "passwd").read_bytes() == b"\x00\x01\x02"
    else:
        assert outcome[literal] in (202, 2000, 1001, 2001)
    assert secret.read_bytes() == SECRET  # nothing overwritten or removed through a link
    assert (data / "usr" / "link.txt").is_symlink() and (data / "store" / "0123456789abcdef.txt").is_symlink()
    uploads = [r for r in server.requests[seen:] if r.method == "POST"]
    assert uploads == []  # no file left the host
    written = [p for p in data.rglob("*") if p.is_file() and not p.is_symlink() and "%2e%2e" not in str(p)]
    assert written == []


def test_saved_file_list_ignores_planted_links(make_runtime, planted) -> None:
    data, _ = planted
    rt = make_runtime(data_dir=data)
    result = rt.run("swan.getSavedFileList({success: r => console.log(JSON.stringify(r.fileList))})")
    assert lines(result) == ["[]"]


def test_chosen_files_are_reachable_only_through_their_own_path(make_runtime, random_file) -> None:
    image = random_file(10, "a.png")
    sibling = image.with_name("sibling.txt")
    sibling.write_bytes(SECRET)
    rt = make_runtime(choose_images=[image])
    result = rt.run("""['bdfile://tmp_chosen_0.png', 'bdfile://tmp_chosen_0.png/../sibling.txt', 'bdfile://tmp_chosen_1.png',
        'bdfile://tmp_sibling.txt'].forEach(p => swan.getFileInfo({filePath: p,
        success: r => console.log('ok', r.size), fail: e => console.log(e.errCode)}));""")
    assert lines(result) == ["ok 10", "2000", "2001", "2001"]
