"""The sandbox: every attempt to reach a file outside the runtime fails (202 or 2000) and reads nothing."""

from __future__ import annotations

import json
import os

import pytest

from support import lines

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


# -- the FileSystemManager: every path-taking method, asynchronous and Sync ----------------------------
# (method, template of its object with the path as `p`, the Sync call or None). `U` is USER_DATA_PATH;
# U + '/src.txt' and U + '/a.zip' are real files, so only the path under test can be refused.
FSM_CASES = [
    ("access", "{path: p}", "fs.accessSync(p)"),
    ("readFile", "{filePath: p, encoding: 'utf8'}", "fs.readFileSync(p, 'utf8')"),
    ("readFile", "{filePath: p}", "fs.readFileSync(p, 'base64')"),
    ("writeFile", "{filePath: p, data: 'x'}", "fs.writeFileSync(p, 'x')"),
    ("appendFile", "{filePath: p, data: 'x'}", "fs.appendFileSync(p, 'x')"),
    ("copyFile", "{srcPath: p, destPath: U + '/copy.txt'}", "fs.copyFileSync(p, U + '/copy.txt')"),
    ("copyFile", "{srcPath: U + '/src.txt', destPath: p}", "fs.copyFileSync(U + '/src.txt', p)"),
    ("rename", "{oldPath: p, newPath: U + '/renamed.txt'}", "fs.renameSync(p, U + '/renamed.txt')"),
    ("rename", "{oldPath: U + '/src.txt', newPath: p}", "fs.renameSync(U + '/src.txt', p)"),
    ("unlink", "{filePath: p}", "fs.unlinkSync(p)"),
    ("mkdir", "{dirPath: p, recursive: true}", "fs.mkdirSync(p, true)"),
    ("rmdir", "{dirPath: p, recursive: true}", "fs.rmdirSync(p, true)"),
    ("readdir", "{dirPath: p}", "fs.readdirSync(p)"),
    ("stat", "{path: p, recursive: true}", "fs.statSync(p, true)"),
    ("getFileInfo", "{filePath: p}", None),
    ("saveFile", "{tempFilePath: p}", "fs.saveFileSync(p)"),
    ("removeSavedFile", "{filePath: p}", None),
    ("unzip", "{zipFilePath: p, targetPath: U + '/out'}", None),
    ("unzip", "{zipFilePath: U + '/a.zip', targetPath: p}", None),
]
#: Paths of ESCAPES a method may use: the user directory itself (read, or unzip into), and a
#: directory literally named "%2e%2e" inside it.
FSM_LEGAL = {"bdfile://usr", "bdfile://usr/%2e%2e/%2e%2e/etc/passwd"}


@pytest.mark.parametrize(("method", "template", "sync_call"), FSM_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(FSM_CASES)])
def test_no_file_system_manager_path_reaches_outside(make_runtime, planted, tmp_path, method: str, template: str,
                                                     sync_call: str | None) -> None:
    import io
    import zipfile

    data, secret = planted
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ok.txt", b"ok")
    (data / "usr" / "a.zip").write_bytes(buffer.getvalue())
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    rt = make_runtime(data_dir=data)
    result = rt.run("""
    const fs = swan.getFileSystemManager(), U = swan.env.USER_DATA_PATH, paths = %s;
    const reset = () => { try { fs.writeFileSync(U + '/src.txt', 'src'); } catch (e) { console.log('RESET', e.message); } };
    for (const p of paths) {
        reset();
        %s
    }
    paths.forEach(p => fs.%s(Object.assign(%s, {
        success: r => console.log(JSON.stringify(['async', p, 'OK', JSON.stringify(r).slice(0, 200)])),
        fail: e => console.log(JSON.stringify(['async', p, e.errCode, e.errMsg]))})));
    """ % (
        json.dumps(ESCAPES, ensure_ascii=True),
        "" if sync_call is None else """
        try { const v = %s; console.log(JSON.stringify(['sync', p, 'OK', JSON.stringify(v === undefined ? null : v).slice(0, 200)])); }
        catch (e) { console.log(JSON.stringify(['sync', p, e.errCode, e.message])); }""" % sync_call,
        method, template,
    ))
    assert result.errors == []
    outcomes = [json.loads(line) for line in lines(result) if not line.startswith("RESET")]
    assert len(outcomes) == len(ESCAPES) * (1 if sync_call is None else 2)
    for form, path, code, detail in outcomes:
        assert SECRET.decode() not in detail, (form, path)
        if code == "OK":
            assert path in FSM_LEGAL, (method, form, path, detail)
        else:
            assert code in (202, 2000, 2001, 2002, 2003), (method, form, path, code, detail)
            prefix = f"{method}Sync:fail " if form == "sync" else f"{method}:fail "
            assert detail.startswith(prefix), (form, path, detail)
    # Nothing outside the data directory was created, changed or removed; no link was followed.
    assert secret.read_bytes() == SECRET
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before
    assert (data / "usr" / "link.txt").is_symlink() and (data / "usr" / "dirlink").is_symlink()
    assert (data / "store" / "0123456789abcdef.txt").is_symlink()
    for path in data.rglob("*"):  # rglob does not descend into linked directories
        assert path.is_symlink() or path.resolve().is_relative_to(data.resolve()), path


# ------------------------------------------------------------------------------------------------
# The runtime's own directory: private, made at the first file, removed on close
# ------------------------------------------------------------------------------------------------
def test_a_runtime_that_writes_no_file_makes_no_directory(tmp_path, monkeypatch) -> None:
    import tempfile

    from bridge import SwanRuntime

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the runtime's directory would go
    with SwanRuntime() as rt:
        assert lines(rt.run("setTimeout(() => console.log(swan.getStorageSync('k') === ''), 1)")) == ["true"]
        assert list(tmp_path.iterdir()) == []
        rt.run("swan.setStorageSync('k', 1)")  # storage.json is written at the turn's end
        [own] = list(tmp_path.iterdir())
        assert json.loads((own / "data" / "storage.json").read_text()) == {"k": 1}
    assert list(tmp_path.iterdir()) == []


def test_the_first_files_of_concurrent_downloads_all_land_in_one_private_directory(tmp_path, monkeypatch, server) -> None:
    """The directory is made at the first file, which several transfers may write at once."""
    import stat
    import tempfile

    from bridge import SwanRuntime

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with SwanRuntime() as rt:
        script = """let left = 20; const paths = [];
        for (let i = 0; i < 20; i++) swan.downloadFile({url: '%s/d' + i + '?size=1000', success: r => paths.push(r.tempFilePath),
            fail: e => console.log('fail', e.errMsg), complete: () => { if (--left === 0) console.log(paths.length); }});"""
        assert lines(rt.run(script % server.url)) == ["20"]
        [own] = list(tmp_path.iterdir())
        assert stat.S_IMODE(own.stat().st_mode) == 0o700
        assert len(list((own / "tmp").iterdir())) == 20
    assert list(tmp_path.iterdir()) == []
