"""swan.getFileSystemManager(): every method, its Sync form, encodings, errors, the 10 MB limit,
atomic writes, unzip and its zip-slip refusal, and the synchronous channel under every engine."""

from __future__ import annotations

import base64
import io
import json
import os
import stat
import struct
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from bridge import SwanRuntime
from bridge._files._fs import MAX_ZIP_DIRECTORY_BYTES, MAX_ZIP_ENTRIES, FileSystem

from support import ROOT, lines

# `out(tag)`: callbacks that print "tag ok <json>" / "tag fail <errCode> <errMsg>" then "tag complete <errMsg>".
P = """
var fs = swan.getFileSystemManager();
var U = swan.env.USER_DATA_PATH;
var show = (v) => v instanceof ArrayBuffer ? 'AB[' + Array.from(new Uint8Array(v)).join(',') + ']' : JSON.stringify(v);
var out = (tag) => ({
  success: r => console.log(tag, 'ok', show(r)),
  fail: e => console.log(tag, 'fail', e.errCode, e.errMsg),
  complete: r => console.log(tag, 'complete', r.errMsg),
});
var sync = (tag, fn) => { try { console.log(tag, 'ok', show(fn())); } catch (e) { console.log(tag, 'throw', e.errCode, e.message, e instanceof Error); } };
"""


def run(rt: SwanRuntime, script: str) -> list[str]:
    result = rt.run(P + script)
    assert result.errors == []
    return lines(result)


def fs_events(result: object) -> list[tuple[str, str, str | None]]:
    return [
        (e.kind, e["api"], e.get("event") if e.kind == "callback" else e.get("errMsg"))
        for e in result.log  # type: ignore[attr-defined]
        if e.kind in ("call", "callback") and e["api"].startswith("FileSystemManager.")
    ]


@pytest.fixture
def rt(make_runtime, tmp_path: Path) -> SwanRuntime:
    return make_runtime(data_dir=tmp_path / "data")


def usr(tmp_path: Path) -> Path:
    return tmp_path / "data" / "usr"


# -- the manager and the callback order ------------------------------------------------------------
def test_one_manager_with_every_documented_method(rt) -> None:
    out = run(rt, """
    const a = swan.getFileSystemManager(), b = swan.getFileSystemManager();
    console.log(a === b, typeof swan.FileSystemManager, swan.canIUse('getFileSystemManager'));
    console.log(Object.keys(a).sort().join(','));
    """)
    assert out[0] == "true undefined true"
    assert out[1].split(",") == sorted([
        "access", "accessSync", "appendFile", "appendFileSync", "copyFile", "copyFileSync", "getFileInfo",
        "getSavedFileList", "mkdir", "mkdirSync", "readFile", "readFileSync", "readdir", "readdirSync",
        "removeSavedFile", "rename", "renameSync", "rmdir", "rmdirSync", "saveFile", "saveFileSync", "stat",
        "statSync", "unlink", "unlinkSync", "unzip", "writeFile", "writeFileSync",
    ])
    # Every method of the documented list (js_shim/api_names.json "objectMethods") is there.
    names = json.loads((ROOT / "js_shim" / "api_names.json").read_text())["objectMethods"]
    assert set(names["FileSystemManager"]) <= set(out[1].split(","))


def test_write_then_read_exact_callback_sequence_and_recorded_calls(rt, tmp_path) -> None:
    result = rt.run(P + """
    fs.writeFile({filePath: U + '/demo.txt', data: 'writeFile', ...out('w')});
    fs.readFile({filePath: U + '/demo.txt', encoding: 'utf8', ...out('r')});
    console.log('sync-first');
    """)
    assert result.errors == []
    assert lines(result) == [
        "sync-first",
        'w ok {"errMsg":"writeFile:ok"}', "w complete writeFile:ok",
        'r ok {"data":"writeFile","errMsg":"readFile:ok"}', "r complete readFile:ok",
    ]
    assert fs_events(result) == [
        ("call", "FileSystemManager.writeFile", None), ("call", "FileSystemManager.readFile", None),
        ("callback", "FileSystemManager.writeFile", "success"), ("callback", "FileSystemManager.writeFile", "complete"),
        ("callback", "FileSystemManager.readFile", "success"), ("callback", "FileSystemManager.readFile", "complete"),
    ]
    assert rt.calls("FileSystemManager.writeFile") == [{"filePath": "bdfile://usr/demo.txt", "data": "writeFile"}]
    assert rt.calls("writeFile") == []  # no swan.writeFile: the name is the manager's
    assert (usr(tmp_path) / "demo.txt").read_bytes() == b"writeFile"


def test_a_failure_is_fail_then_complete_with_the_documented_errmsg(rt) -> None:
    result = rt.run(P + "fs.readFile({filePath: U + '/missing.txt', ...out('r')});")
    assert lines(result) == [
        "r fail 2001 readFile:fail no such file or directory, open bdfile://usr/missing.txt",
        "r complete readFile:fail no such file or directory, open bdfile://usr/missing.txt",
    ]
    assert fs_events(result) == [
        ("call", "FileSystemManager.readFile", None),
        ("callback", "FileSystemManager.readFile", "fail"), ("callback", "FileSystemManager.readFile", "complete"),
    ]


def test_an_exception_in_success_is_reported_and_complete_still_runs(rt) -> None:
    result = rt.run(P + """
    fs.writeFile({filePath: U + '/x', data: '1', success: () => { throw new Error('boom'); },
                  complete: r => console.log('complete', r.errMsg)});
    """)
    assert lines(result) == ["complete writeFile:ok"]
    assert [e.message for e in result.errors] == ["Error: boom"]


@pytest.mark.parametrize(("call", "reason"), [
    ("fs.readFile({filePath: 5, OUT})", "parameter error: filePath must be a string, got number"),
    ("fs.readFile({OUT})", "parameter error: filePath is required"),
    ("fs.readFile({filePath: U + '/a', encoding: 'utf32', OUT})",
     "parameter error: encoding must be one of ascii, base64, binary, hex, ucs2, ucs-2, utf16le, utf-16le, utf-8, utf8, latin1"),
    ("fs.writeFile({filePath: U + '/a', data: 12, OUT})", "parameter error: data must be a string or an ArrayBuffer, got number"),
    ("fs.writeFile({filePath: U + '/a', OUT})", "parameter error: data is required"),
    ("fs.mkdir({dirPath: U + '/a', recursive: 'yes', OUT})", "parameter error: recursive must be a boolean, got string"),
    ("fs.copyFile({srcPath: U + '/a', OUT})", "parameter error: destPath is required"),
])
def test_parameter_errors_are_202(rt, call: str, reason: str) -> None:
    method = call.split("(")[0].split(".")[1]
    out = run(rt, call.replace("OUT", "...out('p')"))
    assert out == [f"p fail 202 {method}:fail {reason}", f"p complete {method}:fail {reason}"]


def test_a_non_object_argument_and_bad_callbacks_are_parameter_errors(rt) -> None:
    result = rt.run(P + """
    fs.access('bdfile://usr');
    fs.access({path: U, success: 3, complete: r => console.log('c', r.errMsg)});
    """)
    assert lines(result) == ["c access:fail parameter error: success must be a function"]
    assert [t.errCode for t in result.tasks] == [202, 202]


# -- encodings ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("encoding", "text", "expected"), [
    ("utf8", "héllo ☃ 😀", "héllo ☃ 😀".encode()),
    ("utf-8", "a\ud800b", b"a\xef\xbf\xbdb"),  # a lone surrogate: U+FFFD, as TextEncoder
    ("base64", "aGVsbG8=", b"hello"),
    ("base64", "aGVsbG8", b"hello"),  # no padding, as Node accepts
    ("binary", "\u00ff\u0001é", b"\xff\x01\xe9"),
    ("latin1", "\u0100A", b"\x00A"),  # the low byte of each code unit
    ("ascii", "hi\u00e9", b"hi\xe9"),
    ("hex", "00ff10zz", b"\x00\xff\x10"),  # stops at the first pair that is not hex
    ("ucs2", "hi", b"h\x00i\x00"),
    ("utf-16le", "😀", "😀".encode("utf-16-le")),
])
def test_write_encodings(rt, tmp_path, encoding: str, text: str, expected: bytes) -> None:
    out = run(rt, "fs.writeFile({filePath: U + '/e.bin', data: %s, encoding: %s, ...out('w')});"
              % (json.dumps(text), json.dumps(encoding.upper() if encoding == "hex" else encoding)))
    assert out[0].startswith("w ok")
    assert (usr(tmp_path) / "e.bin").read_bytes() == expected


@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf8", "\ufffdA\u00e9"), ("base64", "/0HDqQ=="), ("hex", "ff41c3a9"), ("binary", "\u00ffA\u00c3\u00a9"),
    ("latin1", "\u00ffA\u00c3\u00a9"), ("ascii", "\u007fAC)"), ("utf16le", "\u41ff\ua9c3"),
])
def test_read_encodings(rt, tmp_path, encoding: str, expected: str) -> None:
    (usr(tmp_path) / "b.bin").write_bytes(b"\xffA\xc3\xa9")
    out = run(rt, """
    fs.readFile({filePath: U + '/b.bin', encoding: %s, success: r => console.log(JSON.stringify(r.data))});
    console.log(JSON.stringify(fs.readFileSync(U + '/b.bin', %s)));
    """ % (json.dumps(encoding), json.dumps(encoding)))
    assert [json.loads(line) for line in out] == [expected, expected]


def test_array_buffers_in_and_out(rt, tmp_path) -> None:
    out = run(rt, """
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    fs.writeFileSync(U + '/a.bin', bytes.buffer);
    fs.appendFileSync(U + '/a.bin', new Uint8Array([7, 8]));  // a view counts too
    fs.readFile({filePath: U + '/a.bin', success: r => console.log('async', show(r.data))});
    sync('default', () => fs.readFileSync(U + '/a.bin', 'base64'));
    """)
    assert out == ['default ok "AAEC/f7/Bwg="', "async AB[0,1,2,253,254,255,7,8]"]
    assert (usr(tmp_path) / "a.bin").read_bytes() == bytes([0, 1, 2, 253, 254, 255, 7, 8])


def test_read_file_sync_without_an_encoding_gives_an_array_buffer_as_read_file_does(rt, tmp_path) -> None:
    (usr(tmp_path) / "t.txt").write_text("文本", encoding="utf-8")
    out = run(rt, """
    sync('s', () => fs.readFileSync(U + '/t.txt'));
    sync('u', () => fs.readFileSync(U + '/t.txt', undefined));
    sync('t', () => fs.readFileSync(U + '/t.txt', 'utf8'));
    """)
    assert out == ["s ok AB[230,150,135,230,156,172]", "u ok AB[230,150,135,230,156,172]", 't ok "文本"']




# -- each method, async and Sync -----------------------------------------------------------------------
def test_append_needs_an_existing_file(rt, tmp_path) -> None:
    missing = run(rt, "fs.appendFile({filePath: U + '/log.txt', data: 'x', ...out('missing')});")
    out = run(rt, """
    fs.writeFileSync(U + '/log.txt', 'a');
    fs.appendFile({filePath: U + '/log.txt', data: 'YmM=', encoding: 'base64', ...out('append')});
    fs.mkdirSync(U + '/dir');
    sync('dir', () => fs.appendFileSync(U + '/dir', 'x'));
    """)
    assert missing == [
        "missing fail 2001 appendFile:fail no such file or directory, open bdfile://usr/log.txt",
        "missing complete appendFile:fail no such file or directory, open bdfile://usr/log.txt",
    ]
    assert out == [
        'dir throw 2003 appendFileSync:fail illegal operation on a directory, open "bdfile://usr/dir" true',
        'append ok {"errMsg":"appendFile:ok"}', "append complete appendFile:ok",
    ]
    assert (usr(tmp_path) / "log.txt").read_bytes() == b"abc"


def test_write_needs_the_parent_directory(rt) -> None:
    out = run(rt, """
    sync('w', () => fs.writeFileSync(U + '/no/such/dir.txt', 'x'));
    sync('root', () => fs.writeFileSync(U, 'x'));
    """)
    assert out == [
        "w throw 2001 writeFileSync:fail no such file or directory, open bdfile://usr/no/such/dir.txt true",
        "root throw 2000 writeFileSync:fail permission denied, open bdfile://usr true",
    ]


def test_access_stat_and_stats_objects(rt, tmp_path) -> None:
    (usr(tmp_path) / "f.txt").write_bytes(b"12345")
    os.utime(usr(tmp_path) / "f.txt", (1_700_000_000, 1_700_000_100))
    out = run(rt, """
    fs.access({path: U + '/f.txt', ...out('access')});
    fs.access({path: U + '/nope', ...out('access-missing')});
    sync('accessSync', () => fs.accessSync(U));
    sync('accessSync-missing', () => fs.accessSync(U + '/nope'));
    const s = fs.statSync(U + '/f.txt');
    console.log(s.isFile(), s.isDirectory(), typeof s.mode, s.size, s.lastAccessedTime, s.lastModifiedTime, Object.keys(s).join());
    console.log(fs.statSync(U).isDirectory(), fs.statSync(U).isFile());
    fs.stat({path: U + '/f.txt', success: r => console.log('stat', r.errMsg, Object.keys(r).join(), r.stats.isFile(), r.stats.size)});
    fs.stat({path: U + '/gone', ...out('stat-missing')});
    """)
    assert out[:4] == [
        "accessSync ok undefined",
        "accessSync-missing throw 2001 accessSync:fail no such file or directory bdfile://usr/nope true",
        "true false string 5 1700000000 1700000100 mode,size,lastAccessedTime,lastModifiedTime",
        "true false",
    ]
    assert out[4:] == [
        'access ok {"errMsg":"access:ok"}', "access complete access:ok",
        "access-missing fail 2001 access:fail no such file or directory bdfile://usr/nope",
        "access-missing complete access:fail no such file or directory bdfile://usr/nope",
        "stat stat:ok stats,errMsg true 5",
        "stat-missing fail 2001 stat:fail no such file or directory bdfile://usr/gone",
        "stat-missing complete stat:fail no such file or directory bdfile://usr/gone",
    ]
    assert int(run(rt, "console.log(fs.statSync(U + '/f.txt').mode)")[0]) == os.lstat(usr(tmp_path) / "f.txt").st_mode


def test_stat_recursive_gives_relative_paths(rt, tmp_path) -> None:
    out = run(rt, """
    fs.mkdirSync(U + '/t/sub', true);
    fs.writeFileSync(U + '/t/a.txt', 'aa');
    fs.writeFileSync(U + '/t/sub/b.txt', 'bbb');
    const all = fs.statSync(U + '/t', true);
    console.log(Object.keys(all).map(k => k + ':' + (all[k].isDirectory() ? 'd' : all[k].size)).join(' '));
    fs.stat({path: U + '/t', recursive: true, success: r => console.log(Object.keys(r.stats).join(' '))});
    console.log(fs.statSync(U + '/t/a.txt', true).isFile());  // a file: one Stats
    """)
    assert out == ["/:d /a.txt:2 /sub:d /sub/b.txt:3", "true", "/ /a.txt /sub /sub/b.txt"]


def test_mkdir_readdir_rmdir(rt, tmp_path) -> None:
    out = run(rt, """
    fs.mkdir({dirPath: U + '/a', ...out('mkdir')});
    fs.mkdir({dirPath: U + '/a', ...out('again')});
    fs.mkdir({dirPath: U + '/x/y/z', ...out('deep')});
    fs.mkdir({dirPath: U + '/x/y/z', recursive: true, ...out('deep-recursive')});
    fs.readdir({dirPath: U, ...out('list')});
    fs.readdir({dirPath: U + '/zzz', ...out('list-missing')});
    fs.rmdir({dirPath: U + '/x', ...out('rmdir-full')});
    fs.rmdir({dirPath: U + '/x', recursive: true, ...out('rmdir-recursive')});
    fs.rmdir({dirPath: U + '/a', success: () => console.log('rmdir', JSON.stringify(fs.readdirSync(U)))});
    """)
    assert out == [
        'mkdir ok {"errMsg":"mkdir:ok"}', "mkdir complete mkdir:ok",
        "again fail 2003 mkdir:fail file already exists bdfile://usr/a", "again complete mkdir:fail file already exists bdfile://usr/a",
        "deep fail 2001 mkdir:fail no such file or directory bdfile://usr/x/y/z",
        "deep complete mkdir:fail no such file or directory bdfile://usr/x/y/z",
        'deep-recursive ok {"errMsg":"mkdir:ok"}', "deep-recursive complete mkdir:ok",
        'list ok {"files":["a","x"],"errMsg":"readdir:ok"}', "list complete readdir:ok",
        "list-missing fail 2001 readdir:fail no such file or directory bdfile://usr/zzz",
        "list-missing complete readdir:fail no such file or directory bdfile://usr/zzz",
        "rmdir-full fail 2003 rmdir:fail directory not empty", "rmdir-full complete rmdir:fail directory not empty",
        'rmdir-recursive ok {"errMsg":"rmdir:ok"}', "rmdir-recursive complete rmdir:ok",
        "rmdir []",
    ]
    assert list(usr(tmp_path).iterdir()) == []


def test_sync_directory_forms(rt, tmp_path) -> None:
    out = run(rt, """
    sync('mkdir', () => fs.mkdirSync(U + '/d'));
    sync('mkdir-again', () => fs.mkdirSync(U + '/d'));
    fs.writeFileSync(U + '/d/f.txt', 'x');
    sync('readdir', () => fs.readdirSync(U + '/d'));
    sync('readdir-file', () => fs.readdirSync(U + '/d/f.txt'));
    sync('rmdir-file', () => fs.rmdirSync(U + '/d/f.txt'));
    sync('rmdir-full', () => fs.rmdirSync(U + '/d'));
    sync('unlink-dir', () => fs.unlinkSync(U + '/d'));
    sync('rmdir', () => fs.rmdirSync(U + '/d', true));
    sync('rmdir-root', () => fs.rmdirSync(U, true));
    """)
    assert out == [
        "mkdir ok undefined",
        "mkdir-again throw 2003 mkdirSync:fail file already exists bdfile://usr/d true",
        'readdir ok ["f.txt"]',
        "readdir-file throw 2003 readdirSync:fail not a directory bdfile://usr/d/f.txt true",
        "rmdir-file throw 2003 rmdirSync:fail not a directory bdfile://usr/d/f.txt true",
        "rmdir-full throw 2003 rmdirSync:fail directory not empty true",
        "unlink-dir throw 2003 unlinkSync:fail operation not permitted, unlink bdfile://usr/d true",
        "rmdir ok undefined",
        "rmdir-root throw 2000 rmdirSync:fail permission denied, open bdfile://usr true",
    ]
    assert usr(tmp_path).is_dir()


def test_copy_rename_unlink(rt, tmp_path) -> None:
    out = run(rt, """
    fs.writeFileSync(U + '/demo.txt', 'abc');
    fs.copyFile({srcPath: U + '/demo.txt', destPath: U + '/copy.txt', ...out('copy')});
    fs.copyFile({srcPath: U + '/none.txt', destPath: U + '/c2.txt', ...out('copy-missing')});
    sync('copySync', () => fs.copyFileSync(U + '/demo.txt', U + '/copy2.txt'));
    fs.mkdirSync(U + '/rename');
    fs.rename({oldPath: U + '/demo.txt', newPath: U + '/rename/demo.txt', ...out('rename')});
    fs.rename({oldPath: U + '/demo.txt', newPath: U + '/nodir/demo.txt', ...out('rename-missing')});
    sync('renameSync', () => fs.renameSync(U + '/copy2.txt', U + '/moved.txt'));
    fs.unlink({filePath: U + '/copy.txt', ...out('unlink')});
    fs.unlink({filePath: U + '/copy.txt', ...out('unlink-again')});
    sync('unlinkSync', () => fs.unlinkSync(U + '/moved.txt'));
    """)
    assert out == [
        "copySync ok undefined", "renameSync ok undefined", "unlinkSync ok undefined",
        'copy ok {"errMsg":"copyFile:ok"}', "copy complete copyFile:ok",
        "copy-missing fail 2001 copyFile:fail no such file or directory, copyFile bdfile://usr/none.txt -> bdfile://usr/c2.txt",
        "copy-missing complete copyFile:fail no such file or directory, copyFile bdfile://usr/none.txt -> bdfile://usr/c2.txt",
        'rename ok {"errMsg":"rename:ok"}', "rename complete rename:ok",
        "rename-missing fail 2001 rename:fail no such file or directory, rename bdfile://usr/demo.txt -> bdfile://usr/nodir/demo.txt",
        "rename-missing complete rename:fail no such file or directory, rename bdfile://usr/demo.txt -> bdfile://usr/nodir/demo.txt",
        'unlink ok {"errMsg":"unlink:ok"}', "unlink complete unlink:ok",
        "unlink-again fail 2001 unlink:fail no such file or directory bdfile://usr/copy.txt",
        "unlink-again complete unlink:fail no such file or directory bdfile://usr/copy.txt",
    ]
    assert sorted(p.relative_to(usr(tmp_path)).as_posix() for p in usr(tmp_path).rglob("*")) == ["rename", "rename/demo.txt"]
    assert (usr(tmp_path) / "rename" / "demo.txt").read_bytes() == b"abc"


# -- temp files, saved files -------------------------------------------------------------------------------
def test_temp_files_are_readable_not_writable_and_save_moves_them(make_runtime, tmp_path, server) -> None:
    rt = make_runtime(data_dir=tmp_path / "data")
    out = run(rt, """
    swan.downloadFile({url: '%s/doc.bin?size=300', success: d => {
        const t = d.tempFilePath;
        console.log('size', fs.readFileSync(t, 'base64').length > 0, fs.statSync(t).size);
        fs.getFileInfo({filePath: t, ...out('info')});
        sync('write-temp', () => fs.writeFileSync(t, 'x'));
        sync('unlink-temp', () => fs.unlinkSync(t));
        fs.saveFile({tempFilePath: t, ...out('save')});
        fs.saveFile({tempFilePath: t, ...out('save-again')});
    }});
    """ % server.url)
    assert out[0] == "size true 300"
    assert out[1].startswith("write-temp throw 2000 writeFileSync:fail permission denied, open bdfile://tmp_")
    assert out[2].startswith("unlink-temp throw 2000 unlinkSync:fail permission denied, open bdfile://tmp_")
    assert out[3:5] == ['info ok {"size":300,"errMsg":"getFileInfo:ok"}', "info complete getFileInfo:ok"]
    saved = json.loads(out[5].split(" ", 2)[2])
    assert saved["errMsg"] == "saveFile:ok" and saved["savedFilePath"].startswith("bdfile://store_")
    assert out[6:] == [
        "save complete saveFile:ok",
        "save-again fail 2001 saveFile:fail tempFilePath file not exist",
        "save-again complete saveFile:fail tempFilePath file not exist",
    ]
    out = run(rt, """
    fs.getSavedFileList({success: r => {
        console.log(r.errMsg, r.fileList.length, r.fileList[0].size, typeof r.fileList[0].createTime);
        const p = r.fileList[0].filePath;
        console.log(fs.readFileSync(p, 'hex').length);
        fs.removeSavedFile({filePath: p, ...out('remove')});
        fs.removeSavedFile({filePath: p, ...out('remove-again')});
    }});
    """)
    assert out == [
        "getSavedFileList:ok 1 300 number", "600",
        'remove ok {"errMsg":"removeSavedFile:ok"}', "remove complete removeSavedFile:ok",
        "remove-again fail 2001 removeSavedFile:fail file not exist", "remove-again complete removeSavedFile:fail file not exist",
    ]
    assert list((tmp_path / "data" / "store").iterdir()) == []


def test_save_file_to_a_user_path_and_save_file_sync(make_runtime, tmp_path, server) -> None:
    rt = make_runtime(data_dir=tmp_path / "data")
    out = run(rt, """
    swan.downloadFile({url: '%s/a.txt?size=10', success: a => swan.downloadFile({url: '%s/b.txt?size=20', success: b => {
        fs.saveFile({tempFilePath: a.tempFilePath, filePath: U + '/kept.txt', ...out('save')});
        sync('saveSync', () => fs.saveFileSync(b.tempFilePath, U + '/'));
        sync('saveSync-bad', () => fs.saveFileSync('/usr/temp.txt', U + '/'));
        sync('saveSync-nodir', () => fs.saveFileSync(b.tempFilePath, U + '/no/x.txt'));
    }})});
    """ % (server.url, server.url))
    assert out[0].startswith('saveSync ok "bdfile://usr/tmp_') and out[0].endswith('.txt"')
    assert out[1:] == [
        "saveSync-bad throw 2001 saveFileSync:fail tempFilePath file not exist true",
        "saveSync-nodir throw 2001 saveFileSync:fail tempFilePath file not exist true",  # b was moved already
        'save ok {"savedFilePath":"bdfile://usr/kept.txt","errMsg":"saveFile:ok"}', "save complete saveFile:ok",
    ]
    assert (usr(tmp_path) / "kept.txt").stat().st_size == 10
    assert len(list(usr(tmp_path).glob("tmp_*.txt"))) == 1


def test_remove_saved_file_takes_a_user_file_as_the_docs_sample_does(rt, tmp_path) -> None:
    (usr(tmp_path) / "demo.txt").write_text("x")
    out = run(rt, "fs.removeSavedFile({filePath: U + '/demo.txt', encoding: 'utf8', ...out('rm')});")
    assert out == ['rm ok {"errMsg":"removeSavedFile:ok"}', "rm complete removeSavedFile:ok"]
    assert not (usr(tmp_path) / "demo.txt").exists()


def test_get_file_info_of_a_user_file(rt, tmp_path) -> None:
    (usr(tmp_path) / "demo.txt").write_bytes(b"123456789")
    out = run(rt, "fs.getFileInfo({filePath: U + '/demo.txt', ...out('i')}); fs.getFileInfo({filePath: U + '/x', ...out('m')});")
    assert out == ['i ok {"size":9,"errMsg":"getFileInfo:ok"}', "i complete getFileInfo:ok",
                   "m fail 2001 getFileInfo:fail file not exist", "m complete getFileInfo:fail file not exist"]


# -- the 10 MB limit and atomic writes -----------------------------------------------------------------------
def test_user_files_and_saved_files_share_10mb(rt, tmp_path) -> None:
    out = run(rt, """
    const six = 'a'.repeat(6 * 1024 * 1024);
    fs.writeFileSync(U + '/one.txt', six);
    sync('second', () => fs.writeFileSync(U + '/two.txt', six));
    sync('replace', () => fs.writeFileSync(U + '/one.txt', six + 'b'));  // the old file is not counted
    fs.appendFile({filePath: U + '/one.txt', data: six, ...out('append')});
    fs.copyFile({srcPath: U + '/one.txt', destPath: U + '/copy.txt', ...out('copy')});
    """)
    full = "the maximum size of the file storage limit is exceeded"
    assert out == [
        f"second throw 2002 writeFileSync:fail {full} true",
        "replace ok undefined",
        f"append fail 2002 appendFile:fail {full}", f"append complete appendFile:fail {full}",
        f"copy fail 2002 copyFile:fail {full}", f"copy complete copyFile:fail {full}",
    ]
    assert sorted(p.name for p in usr(tmp_path).iterdir()) == ["one.txt"]
    assert (usr(tmp_path) / "one.txt").stat().st_size == 6 * 1024 * 1024 + 1


def test_the_limit_follows_every_change_to_the_folders(rt, tmp_path, swan_server) -> None:
    """The stored bytes are counted once and then kept up to date by each write, removal and
    move (not walked again per call); a change the test makes between runs is seen too."""
    full = "the maximum size of the file storage limit is exceeded"
    out = run(rt, """
    const four = 'a'.repeat(4 * 1024 * 1024);
    fs.writeFileSync(U + '/a.txt', four);
    fs.writeFileSync(U + '/b.txt', four);
    sync('c1', () => fs.writeFileSync(U + '/c.txt', four));       // 12 MB: refused
    fs.unlinkSync(U + '/b.txt');
    sync('c2', () => fs.writeFileSync(U + '/c.txt', four));       // 8 MB
    fs.mkdirSync(U + '/d');
    fs.renameSync(U + '/c.txt', U + '/d/c.txt');                    // moved, still counted
    sync('e1', () => fs.writeFileSync(U + '/e.txt', four));       // 12 MB: refused
    fs.renameSync(U + '/d', U + '/d2');                             // a folder moved: still 8 MB
    sync('e2', () => fs.writeFileSync(U + '/e.txt', four));       // refused
    fs.rmdirSync(U + '/d2', true);                                  // 4 MB
    sync('e3', () => fs.writeFileSync(U + '/e.txt', four));       // 8 MB
    """)
    assert out == [f"c1 throw 2002 writeFileSync:fail {full} true", "c2 ok undefined",
                   f"e1 throw 2002 writeFileSync:fail {full} true", f"e2 throw 2002 writeFileSync:fail {full} true",
                   "e3 ok undefined"]
    (usr(tmp_path) / "a.txt").unlink()  # the test frees room between runs
    assert run(rt, "sync('f', () => fs.writeFileSync(U + '/f.txt', 'x'.repeat(4 * 1024 * 1024)));") == ["f ok undefined"]
    # a download into the user folder counts as soon as it is saved
    out = run(rt, """swan.downloadFile({url: '%s/big.bin?size=3000000', filePath: U + '/g.bin',
        success: r => sync('h', () => fs.writeFileSync(U + '/h.txt', 'x'.repeat(1024 * 1024)))});""" % swan_server.url)
    assert out == [f"h throw 2002 writeFileSync:fail {full} true"]


def test_runtimes_running_at_once_on_one_data_folder_share_its_10mb(make_runtime, tmp_path) -> None:
    import asyncio

    rt1, rt2 = make_runtime(data_dir=tmp_path / "data"), make_runtime(data_dir=tmp_path / "data")
    script = P + """
    fs.writeFileSync(U + '/%s-small.txt', 'x');  // both have counted the folder by now
    setTimeout(() => sync('%s', () => fs.writeFileSync(U + '/%s.txt', 'a'.repeat(6 * 1024 * 1024))), %d);
    """

    async def both():
        return await asyncio.gather(rt1.arun(script % ("r1", "r1", "r1", 50)), rt2.arun(script % ("r2", "r2", "r2", 300)))

    r1, r2 = asyncio.run(both())
    assert lines(r1) == ["r1 ok undefined"]
    assert lines(r2) == ["r2 throw 2002 writeFileSync:fail the maximum size of the file storage limit is exceeded true"]


def test_a_script_can_write_thousands_of_small_files_in_one_turn(rt, tmp_path, monkeypatch) -> None:
    """Each write used to walk every stored file: 2,000 files ran into the 10 s CPU limit.

    What is measured is the host's work per write (about 1 CPU second for the 3,000), so the
    fsyncs are counted, not done: each write syncs its file and its directory, and how long a
    sync takes is the disk's (about 1 ms on an idle machine, many times that while another
    process writes a lot), which would put the 6,000 syncs against the run's 30 s timeout."""
    import bridge._files._storage as storage

    synced: list[int] = []
    monkeypatch.setattr(storage.os, "fsync", synced.append)
    out = run(rt, """
    fs.mkdirSync(U + '/many');
    for (let i = 0; i < 3000; i++) fs.writeFileSync(U + '/many/f' + i + '.txt', 'x');
    console.log(fs.readdirSync(U + '/many').length);
    """)
    assert out == ["3000"]
    assert len(synced) >= 2 * 3000  # every write is still made durable


def test_writes_are_atomic_a_failed_write_leaves_the_old_file(rt, tmp_path, monkeypatch) -> None:
    (usr(tmp_path) / "keep.txt").write_bytes(b"old content")
    import bridge._files._storage as storage

    real_replace = os.replace

    def failing_replace(src, dst):  # the crash happens just before the rename
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", failing_replace)
    out = run(rt, "sync('w', () => fs.writeFileSync(U + '/keep.txt', 'new content'));")
    monkeypatch.setattr(storage.os, "replace", real_replace)
    assert out == ["w throw 2003 writeFileSync:fail no space left on device true"]
    assert (usr(tmp_path) / "keep.txt").read_bytes() == b"old content"
    assert sorted(p.name for p in usr(tmp_path).iterdir()) == ["keep.txt"]  # no partial file left


# -- unzip -----------------------------------------------------------------------------------------------
def _zip(entries: dict[str, bytes], *, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if symlink is not None:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def test_unzip_into_the_user_directory(rt, tmp_path) -> None:
    (usr(tmp_path) / "demo").mkdir()
    (usr(tmp_path) / "demo" / "a.zip").write_bytes(_zip({"x.txt": b"xx", "sub/y.txt": b"yyy", "empty/": b""}))
    result = rt.run(P + """
    fs.unzip({zipFilePath: U + '/demo/a.zip', targetPath: U + '/demo/b', ...out('unzip')});
    fs.unzip({zipFilePath: U + '/demo/none.zip', targetPath: U + '/demo/c', ...out('missing')});
    fs.unzip({zipFilePath: U + '/demo/a.zip', targetPath: 'bdfile://tmp_x', ...out('denied')});
    """)
    assert lines(result) == [
        'unzip ok {"errMsg":"unzip:ok"}', "unzip complete unzip:ok",
        'missing fail 2001 unzip:fail no such file or directory, unzip bdfile://usr/demo/none.zip -> "bdfile://usr/demo/c"',
        'missing complete unzip:fail no such file or directory, unzip bdfile://usr/demo/none.zip -> "bdfile://usr/demo/c"',
        "denied fail 2000 unzip:fail permission denied, unzip bdfile://usr/demo/a.zip -> bdfile://tmp_x",
        "denied complete unzip:fail permission denied, unzip bdfile://usr/demo/a.zip -> bdfile://tmp_x",
    ]
    target = usr(tmp_path) / "demo" / "b"
    assert (target / "x.txt").read_bytes() == b"xx" and (target / "sub" / "y.txt").read_bytes() == b"yyy"
    assert (target / "empty").is_dir()


@pytest.mark.parametrize("evil", ["../escaped.txt", "sub/../../escaped.txt", "/abs.txt", "..\\escaped.txt", "C:/x.txt", "symlink"])
def test_unzip_refuses_zip_slip_and_writes_nothing(rt, tmp_path, evil: str) -> None:
    entries = {"ok.txt": b"fine"}
    archive = _zip(entries, symlink="link") if evil == "symlink" else _zip({**entries, evil: b"evil"})
    (usr(tmp_path) / "z.zip").write_bytes(archive)
    out = run(rt, "fs.unzip({zipFilePath: U + '/z.zip', targetPath: U + '/out', ...out('u')});")
    assert out[0] == "u fail 2000 unzip:fail permission denied, unzip bdfile://usr/z.zip -> bdfile://usr/out"
    assert sorted(p.name for p in usr(tmp_path).iterdir()) == ["z.zip"]
    assert not (tmp_path / "data" / "escaped.txt").exists() and not (tmp_path / "escaped.txt").exists()


def test_unzip_respects_the_size_limit_and_refuses_a_bad_archive(rt, tmp_path) -> None:
    (usr(tmp_path) / "big.zip").write_bytes(_zip({"big.bin": b"\0" * (11 * 1024 * 1024)}))
    (usr(tmp_path) / "bad.zip").write_bytes(b"not a zip at all")
    out = run(rt, """
    fs.unzip({zipFilePath: U + '/big.zip', targetPath: U + '/big', ...out('big')});
    fs.unzip({zipFilePath: U + '/bad.zip', targetPath: U + '/bad', ...out('bad')});
    """)
    assert out == [
        "big fail 2002 unzip:fail the maximum size of the file storage limit is exceeded",
        "big complete unzip:fail the maximum size of the file storage limit is exceeded",
        "bad fail 2003 unzip:fail invalid zip file, unzip bdfile://usr/bad.zip -> bdfile://usr/bad",
        "bad complete unzip:fail invalid zip file, unzip bdfile://usr/bad.zip -> bdfile://usr/bad",
    ]
    assert sorted(p.name for p in usr(tmp_path).iterdir()) == ["bad.zip", "big.zip"]


# -- the synchronous channel --------------------------------------------------------------------------------
def test_sync_calls_are_recorded_in_order_in_the_log_and_in_calls(rt) -> None:
    result = rt.run(P + """
    console.log('before');
    fs.writeFileSync(U + '/a.txt', 'x');
    try { fs.readFileSync(U + '/b.txt', 'utf8'); } catch (e) {}
    try { fs.readFileSync(42); } catch (e) {}
    console.log('after');
    """)
    entries = [(e.kind, e.get("api") or e.get("text"), e.get("errMsg")) for e in result.log if e.kind in ("console", "call")]
    assert entries == [
        ("console", "before", None),
        ("call", "FileSystemManager.writeFileSync", "writeFileSync:ok"),
        ("call", "FileSystemManager.readFileSync", "readFileSync:fail no such file or directory, open bdfile://usr/b.txt"),
        ("call", "FileSystemManager.readFileSync", "readFileSync:fail parameter error: filePath must be a string, got number"),
        ("console", "after", None),
    ]
    assert rt.calls("FileSystemManager.writeFileSync") == [{"filePath": "bdfile://usr/a.txt", "data": "x"}]
    # as the script passed them, the refused call too
    assert rt.calls("FileSystemManager.readFileSync") == [{"filePath": "bdfile://usr/b.txt", "encoding": "utf8"}, {"filePath": 42}]
    assert rt.calls("FileSystemManager.writeFile") == []  # the Sync form has its own name


def test_the_channel_is_not_reachable_by_scripts(rt) -> None:
    out = run(rt, "console.log(typeof __swan_fs_sync, Object.getOwnPropertyNames(globalThis).includes('__swan_fs_sync'))")
    assert out == ["undefined false"]




def test_a_handler_bug_is_an_internal_failure_not_a_crash(rt, monkeypatch) -> None:
    def broken(self, params):
        raise RuntimeError("bug")

    monkeypatch.setattr(FileSystem, "_readdir", broken)
    out = run(rt, "sync('r', () => fs.readdirSync(U)); console.log('still running');")
    assert out == ["r throw 1001 readdirSync:fail swan-bridge internal error: RuntimeError true", "still running"]


def test_sync_calls_work_under_cpu_limit_and_timeout(make_runtime, tmp_path) -> None:
    rt = make_runtime(data_dir=tmp_path / "data", cpu_limit=5, timeout=10)
    out = run(rt, "fs.writeFileSync(U + '/a', 'q'); console.log(fs.readFileSync(U + '/a', 'utf8'));")
    assert out == ["q"]


def test_an_endless_loop_around_sync_calls_is_still_stopped(make_runtime, tmp_path) -> None:
    from bridge import RunTimeout

    rt = make_runtime(data_dir=tmp_path / "data", timeout=0.5)
    with pytest.raises(RunTimeout):
        rt.run(P + "fs.writeFileSync(U + '/a', 'q'); while (true) { fs.accessSync(U + '/a'); }")
    out = run(rt, "console.log(fs.readFileSync(U + '/a', 'utf8'))")  # the runtime goes on
    assert out == ["q"]




def test_large_binary_round_trip_through_the_sync_channel(rt, tmp_path) -> None:
    data = os.urandom(3 * 1024 * 1024)
    (usr(tmp_path) / "big.bin").write_bytes(data)
    out = run(rt, """
    const buf = fs.readFileSync(U + '/big.bin', 'base64');
    fs.writeFileSync(U + '/copy.bin', buf, 'base64');
    const ab = fs.readFileSync(U + '/big.bin', undefined);
    console.log(typeof buf, typeof ab);
    """)
    assert out == ["string object"]
    assert (usr(tmp_path) / "copy.bin").read_bytes() == data
    out = run(rt, "console.log(fs.readFileSync(U + '/copy.bin').byteLength, fs.readFileSync(U + '/copy.bin', 'base64').length)")
    assert out == [f"{len(data)} {len(base64.b64encode(data))}"]


# -- files of the mini-program's own folder ("代码包文件") ---------------------------------------------
def test_package_files_are_readable_and_never_writable(make_runtime, tmp_path) -> None:
    project = tmp_path / "app"
    (project / "pages" / "index").mkdir(parents=True)
    (project / "app.json").write_text(json.dumps({"pages": ["pages/index/index"]}))
    (project / "app.js").write_text("App({});")
    (project / "pages" / "index" / "index.js").write_text("Page({});")
    (project / "asset").mkdir()
    (project / "asset" / "bg.txt").write_bytes(b"background")
    (tmp_path / "secret.txt").write_bytes(b"secret")
    os.symlink(tmp_path / "secret.txt", project / "asset" / "link.txt")
    rt = make_runtime(project=project, data_dir=tmp_path / "data")
    out = run(rt, """
    sync('read', () => fs.readFileSync('asset/bg.txt', 'utf8'));
    sync('abs', () => fs.readFileSync('/asset/bg.txt', 'utf8'));
    sync('stat', () => fs.statSync('asset').isDirectory());
    sync('link', () => fs.readFileSync('asset/link.txt', 'utf8'));
    sync('up', () => fs.readFileSync('../secret.txt', 'utf8'));
    sync('dot', () => fs.readFileSync('./asset/bg.txt', 'utf8'));
    sync('missing', () => fs.readFileSync('asset/none.txt', 'utf8'));
    sync('write', () => fs.writeFileSync('asset/bg.txt', 'x'));
    sync('unlink', () => fs.unlinkSync('asset/bg.txt'));
    sync('copy', () => fs.copyFileSync('asset/bg.txt', U + '/bg.txt'));
    """)
    assert out == [
        'read ok "background"', 'abs ok "background"', "stat ok true",
        "link throw 2000 readFileSync:fail permission denied, open asset/link.txt true",
        "up throw 2000 readFileSync:fail permission denied, open ../secret.txt true",
        "dot throw 2000 readFileSync:fail permission denied, open ./asset/bg.txt true",
        "missing throw 2001 readFileSync:fail no such file or directory, open asset/none.txt true",
        "write throw 2000 writeFileSync:fail permission denied, open asset/bg.txt true",
        "unlink throw 2000 unlinkSync:fail permission denied, open asset/bg.txt true",
        "copy ok undefined",
    ]
    assert (project / "asset" / "bg.txt").read_bytes() == b"background"
    assert (usr(tmp_path) / "bg.txt").read_bytes() == b"background"


def test_without_a_project_a_package_path_is_refused(rt) -> None:
    out = run(rt, "sync('r', () => fs.readFileSync('asset/bg.jpg', 'utf8'));")
    assert out == ["r throw 2000 readFileSync:fail permission denied, open asset/bg.jpg true"]


def test_written_files_have_ordinary_permissions(rt, tmp_path) -> None:
    run(rt, "fs.writeFileSync(U + '/p.txt', 'x');")
    assert stat.S_IMODE(os.stat(usr(tmp_path) / "p.txt").st_mode) == 0o644


def test_rename_moves_a_temp_file_into_the_user_directory(make_runtime, tmp_path, server) -> None:
    rt = make_runtime(data_dir=tmp_path / "data")
    out = run(rt, """
    swan.downloadFile({url: '%s/r.bin?size=50', success: d => {
        fs.rename({oldPath: d.tempFilePath, newPath: U + '/r.bin', success: () => {
            console.log(fs.statSync(U + '/r.bin').size);
            sync('temp-gone', () => fs.statSync(d.tempFilePath).size);
        }});
    }});
    """ % server.url)
    assert out[0] == "50"
    assert out[1].startswith("temp-gone throw 2001 statSync:fail no such file or directory bdfile://tmp_")


def test_a_fifo_planted_in_the_data_folder_fails_at_once(rt, tmp_path: Path) -> None:
    # open() of a FIFO with no writer blocks forever; the host must not wait on it.
    os.mkfifo(usr(tmp_path) / "pipe")
    assert run(rt, """
    fs.readFile({filePath: U + '/pipe', fail: e => console.log('readFile', e.errCode, e.errMsg)});
    sync('readFileSync', () => fs.readFileSync(U + '/pipe'));
    fs.appendFile({filePath: U + '/pipe', data: 'x', fail: e => console.log('appendFile', e.errCode, e.errMsg)});
    """) == [
        "readFileSync throw 2003 readFileSync:fail not a regular file true",
        "readFile 2003 readFile:fail not a regular file",
        "appendFile 2003 appendFile:fail not a regular file",
    ]


def _directory_only_zip(entries: int, *, says: int, name: bytes = b"a") -> bytes:
    """A zip of `entries` headers of an empty member `name`, all in its central directory (no
    member data), whose end record says it holds `says` entries."""
    header = struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, 0, 0, 0, 0, 0, 0, 0, len(name), 0, 0, 0, 0,
                         0, 0) + name
    directory = header * entries
    return directory + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, says, says, len(directory), 0, 0)


def test_unzip_refuses_a_huge_directory_or_file_before_parsing_it(make_runtime, tmp_path) -> None:
    """A project's own archive (package files have no size cap) is measured from its end record
    before zipfile builds an entry: a central directory of 89,000 entries whose end record says
    100, and a 40 MB file, fail as too many entries do, fast and in a few MB of host memory
    (parsed, that directory costs over 30 MB; the 40 MB file would unzip as empty)."""
    project = tmp_path / "app"
    (project / "pages" / "index").mkdir(parents=True)
    (project / "app.json").write_text(json.dumps({"pages": ["pages/index/index"]}))
    (project / "app.js").write_text("App({});")
    (project / "pages" / "index" / "index.js").write_text("Page({});")
    (project / "many.zip").write_bytes(_directory_only_zip(MAX_ZIP_DIRECTORY_BYTES // 47, says=100))
    with open(project / "huge.zip", "wb") as huge:  # sparse: 40 MB on paper, no disk used
        huge.truncate(40 * 1024 * 1024 - 22)
        huge.seek(0, os.SEEK_END)
        huge.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0, 0, 0, 0, 0))
    rt = make_runtime(project=project, data_dir=tmp_path / "data")
    tracemalloc.start()
    try:
        started = time.monotonic()
        out = run(rt, """
        fs.unzip({zipFilePath: 'many.zip', targetPath: U + '/many', ...out('many')});
        fs.unzip({zipFilePath: 'huge.zip', targetPath: U + '/huge', ...out('huge')});
        """)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    full = "unzip:fail the maximum size of the file storage limit is exceeded"
    assert out == [f"many fail 2002 {full}", f"many complete {full}", f"huge fail 2002 {full}", f"huge complete {full}"]
    assert peak < 12 * 1024 * 1024, peak  # the directory read once (4 MB) and copied at most once
    assert elapsed < 1.0
    assert not usr(tmp_path).exists() or list(usr(tmp_path).iterdir()) == []


def test_unzip_takes_as_many_entries_as_the_limit(rt, tmp_path) -> None:
    """The walk over the directory counts up to the limit: 10,000 entries ("./": the target
    itself) are unzipped, one more is refused."""
    (usr(tmp_path) / "most.zip").write_bytes(_directory_only_zip(MAX_ZIP_ENTRIES, says=MAX_ZIP_ENTRIES, name=b"./"))
    (usr(tmp_path) / "more.zip").write_bytes(_directory_only_zip(MAX_ZIP_ENTRIES + 1, says=1, name=b"./"))
    out = run(rt, """
    fs.unzip({zipFilePath: U + '/most.zip', targetPath: U + '/most', ...out('most')});
    fs.unzip({zipFilePath: U + '/more.zip', targetPath: U + '/more', ...out('more')});
    """)
    assert out[0] == 'most ok {"errMsg":"unzip:ok"}'
    assert out[2] == "more fail 2002 unzip:fail the maximum size of the file storage limit is exceeded"
    assert sorted(p.name for p in usr(tmp_path).iterdir()) == ["more.zip", "most", "most.zip"]


def test_unzip_of_a_damaged_archive_writes_nothing(rt, tmp_path) -> None:
    # The second member's bytes are damaged (a CRC mismatch) and a later name is too long: the
    # call fails as an invalid archive (or a refused path) and not even the first member is written.
    good = _zip({"a.txt": b"first", "b.txt": b"second"})
    damaged = bytearray(good)
    at = damaged.index(b"second")
    damaged[at] ^= 0xFF
    (usr(tmp_path) / "damaged.zip").write_bytes(bytes(damaged))
    (usr(tmp_path) / "long.zip").write_bytes(_zip({"a.txt": b"first", "x" * 300 + ".txt": b"long"}))
    out = run(rt, """
    fs.unzip({zipFilePath: U + '/damaged.zip', targetPath: U + '/d', fail: e => console.log('damaged', e.errCode, e.errMsg)});
    fs.unzip({zipFilePath: U + '/long.zip', targetPath: U + '/l', fail: e => console.log('long', e.errCode, e.errMsg)});
    """)
    assert out == ["damaged 2003 unzip:fail invalid zip file, unzip bdfile://usr/damaged.zip -> bdfile://usr/d",
                   "long 2000 unzip:fail permission denied, unzip bdfile://usr/long.zip -> bdfile://usr/l"]
    assert sorted(p.name for p in usr(tmp_path).iterdir()) == ["damaged.zip", "long.zip"]




def test_a_path_with_a_lone_surrogate_is_refused_as_a_path(rt) -> None:
    assert run(rt, """
    sync('write', () => fs.writeFileSync(U + '/a\\uD800.txt', 'x'));
    fs.readFile({filePath: U + '/b\\uDC00', fail: e => console.log('read', e.errCode, e.errMsg)});
    """) == [
        "write throw 2000 writeFileSync:fail permission denied, the path is not valid text true",
        "read 2000 readFile:fail permission denied, the path is not valid text",
    ]
