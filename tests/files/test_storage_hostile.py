"""Storage and file reads under hostile values: values nested deeper than the host can carry, two
runtimes writing one storage.json, storage files that are damaged, and FileSystemManager reads of
files larger than the JS heap can take.

The rules are in docs/reliability.md ("Hostile hosts, servers and values") and docs/behaviour.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bridge import SwanRuntime
from support import lines

pytestmark = pytest.mark.timeout(120)

MakeRuntime = Callable[..., SwanRuntime]

#: A value nested `n` levels deep (objects and arrays by turns), in JS.
NEST = "function nest(n) { var v = 1; for (var i = 0; i < n; i++) v = (i % 2) ? [v] : {a: v}; return v; }\n"
OUT = """function out(tag) { return {
  success: function (r) { console.log(tag, 'success', r.errMsg); },
  fail: function (r) { console.log(tag, 'fail', r.errCode, r.errMsg); },
  complete: function () { console.log(tag, 'complete'); }
}; }
"""
TOO_DEEP = "parameter error: data is nested deeper than 512 levels"


def nesting(value: object) -> int:
    depth = 0
    while isinstance(value, (dict, list)):
        value = value["a"] if isinstance(value, dict) else value[0]
        depth += 1
    return depth


# ------------------------------------------------------------------------------------------------
# Values nested deeper than the storage holds
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("depth", [513, 2000])
def test_a_value_nested_too_deep_fails_with_202_and_every_async_form_calls_back(runtime: MakeRuntime, tmp_path: Path,
                                                                                depth: int) -> None:
    """docs/behaviour.md, storage: a value nested deeper than 512 levels is a parameter error
    (errCode 202): setStorageSync returns the Error, setStorage calls fail then complete; nothing
    is stored, and nothing is reported as an error of the run."""
    rt = runtime(data_dir=tmp_path / "data")
    result = rt.run(NEST + OUT + f"""
    var res = swan.setStorageSync('deep', nest({depth}));
    console.log('sync', res instanceof Error, res.errCode, res.errMsg);
    swan.setStorage(Object.assign({{key: 'deep2', data: nest({depth})}}, out('async')));
    console.log('keys', JSON.stringify(swan.getStorageInfoSync().keys));
    """)
    assert lines(result) == [
        f"sync true 202 setStorageSync:fail {TOO_DEEP}",
        "keys []",
        f"async fail 202 setStorage:fail {TOO_DEEP}",
        "async complete",
    ]
    assert result.errors == []
    assert dict(rt.storage) == {}


def test_a_value_512_levels_deep_is_stored_and_read_back_from_the_file(runtime: MakeRuntime, tmp_path: Path) -> None:
    """The deepest value the storage holds (512 levels) is written to storage.json and comes back
    in the next runtime, in JS and in rt.storage."""
    data = tmp_path / "data"
    rt = runtime(data_dir=data)
    result = rt.run(NEST + OUT + """
    console.log(swan.setStorageSync('sync', nest(512)).errMsg);
    swan.setStorage(Object.assign({key: 'async', data: nest(512)}, out('async')));
    """)
    assert lines(result) == ["setStorageSync:ok", "async success setStorage:ok", "async complete"]
    assert result.errors == []
    rt.close()
    again = runtime(data_dir=data)
    assert sorted(again.storage) == ["async", "sync"]
    assert nesting(again.storage["sync"]) == nesting(again.storage["async"]) == 512
    assert lines(again.run("console.log(JSON.stringify(swan.getStorageSync('sync')).length)")) == ["2049"]


# ------------------------------------------------------------------------------------------------
# Two runtimes, one data_dir
# ------------------------------------------------------------------------------------------------
def stored(data: Path) -> object:
    return json.loads((data / "storage.json").read_text(encoding="ascii"))


def test_two_runtimes_on_one_data_dir_merge_their_writes(runtime: MakeRuntime, tmp_path: Path) -> None:
    """docs/reliability.md: runtimes sharing a data_dir merge their writes key by key under a
    lock, so no acknowledged key of one is lost to the other's write; a removal or a clear by one
    runtime removes what it names."""
    data = tmp_path / "data"
    first, second = runtime(data_dir=data), runtime(data_dir=data)
    first.run("swan.setStorageSync('a1', 1); swan.setStorageSync('shared', 'first');")
    second.run("swan.setStorageSync('b1', {n: 2}); swan.setStorage({key: 'b2', data: [3]});")
    first.run("swan.setStorageSync('a2', 'x'); swan.removeStorageSync('a1'); swan.setStorageSync('shared', 'again');")
    second.run("swan.setStorageSync('b3', true);")
    assert stored(data) == {"shared": "again", "b1": {"n": 2}, "b2": [3], "a2": "x", "b3": True}
    # Each runtime's own view is what its script stored.
    assert dict(first.storage) == {"shared": "again", "a2": "x"}
    assert dict(second.storage) == {"b1": {"n": 2}, "b2": [3], "b3": True}
    first.close()
    second.close()
    third = runtime(data_dir=data)
    assert dict(third.storage) == {"shared": "again", "b1": {"n": 2}, "b2": [3], "a2": "x", "b3": True}
    third.run("swan.clearStorageSync(); swan.setStorageSync('only', 1);")
    assert stored(data) == {"only": 1}
    assert sorted(p.name for p in data.iterdir()) == ["storage.json", "store", "usr"]  # no lock or temp file left


LIMIT = 10 * 1024 * 1024
FULL = "exceed max storage size"
#: A value of 6 MB under 'k0', 'k1' ...: 2 + 6,000,000 + 2 bytes; one fits the 10 MB, two do not.
BIG = 6_000_000


def test_runtimes_on_one_data_dir_share_the_10_mb_limit(runtime: MakeRuntime, tmp_path: Path) -> None:
    """docs/reliability.md: the limit holds for the data folder. Two runtimes made before either
    writes (each sees an empty store) each store 6 MB: the second is refused, by
    setStorageSync's Error and by setStorage's fail, and stores nothing; the file stays within
    10 MB. Room the first makes by removing its key is room for the second."""
    data = tmp_path / "data"
    first, second = runtime(data_dir=data), runtime(data_dir=data)
    store = f"var r = swan.setStorageSync(KEY, 'x'.repeat({BIG})); console.log(r.errCode, r.errMsg);"
    assert lines(first.run(store.replace("KEY", "'k0'"))) == ["undefined setStorageSync:ok"]
    result = second.run(OUT + store.replace("KEY", "'k1'") + f"""
    swan.setStorage(Object.assign({{key: 'k2', data: 'y'.repeat({BIG})}}, out('async')));
    console.log(JSON.stringify(swan.getStorageInfoSync()));
    """)
    assert lines(result) == [
        f"1001 setStorageSync:fail {FULL}",
        '{"keys":[],"currentSize":0,"limitSize":10240}',
        f"async fail 1001 setStorage:fail {FULL}",
        "async complete",
    ]
    assert result.errors == []
    assert dict(second.storage) == {}
    assert stored(data) == {"k0": "x" * BIG}
    assert (data / "storage.json").stat().st_size <= LIMIT
    # A small value still fits beside k0; k1 fits once k0 is gone.
    assert lines(second.run("console.log(swan.setStorageSync('small', 1).errMsg)")) == ["setStorageSync:ok"]
    first.run("swan.removeStorageSync('k0')")
    assert lines(second.run(store.replace("KEY", "'k1'"))) == ["undefined setStorageSync:ok"]
    assert sorted(stored(data)) == ["k1", "small"]  # type: ignore[arg-type]


def test_nine_runtimes_on_one_data_dir_store_what_fits_and_no_more(runtime: MakeRuntime, tmp_path: Path) -> None:
    """Nine runtimes, all made before any writes, each store 1.5 MB: the first six fit
    (9,000,024 bytes), the seventh would pass 10 MB and so would the eighth and ninth: each is
    told so. Everything a script was told was stored is in the file, which stays within 10 MB,
    and a new runtime on the folder opens with the six keys."""
    data = tmp_path / "data"
    runtimes = [runtime(data_dir=data) for _ in range(9)]
    answers = [lines(rt.run(f"console.log(swan.setStorageSync('k{i}', 'x'.repeat(1500000)).errMsg)"))[0]
               for i, rt in enumerate(runtimes)]
    assert answers == ["setStorageSync:ok"] * 6 + [f"setStorageSync:fail {FULL}"] * 3
    on_disk = stored(data)
    assert on_disk == {f"k{i}": "x" * 1_500_000 for i in range(6)}
    assert (data / "storage.json").stat().st_size <= LIMIT
    for rt in runtimes:
        rt.close()
    assert dict(runtime(data_dir=data).storage) == on_disk


def test_many_small_values_in_one_turn_fill_the_folders_room_exactly(runtime: MakeRuntime, tmp_path: Path) -> None:
    """Within a turn the shim spends the room the host granted without asking again (the folder
    stays locked until the turn's write), counting each value whole: a key set again, or a
    removal, only makes it ask sooner. The host still decides each value that does not fit the
    room: with 9,000,000 bytes of another runtime's beside them, exactly the 1,007-byte values
    that fit the rest of the 10 MB are stored, and the next is refused."""
    data = tmp_path / "data"
    other, mine = runtime(data_dir=data), runtime(data_dir=data)
    other.run("swan.setStorageSync('big', 'y'.repeat(8999995))")  # 3 + 8,999,997 bytes
    fits = (LIMIT - 9_000_000) // 1007
    result = mine.run("""
        var ok = 0, refused = '';
        for (var i = 0; i < 2000; i++) {
            swan.setStorageSync('k0', 'x'.repeat(1000));  // the same key again and again
            swan.removeStorageSync('k0');
        }
        for (var i = 0; i < 2000; i++) {
            var r = swan.setStorageSync('k' + (1000 + i), 'x'.repeat(1000));  // 5 + 1,002 bytes
            if (r.errMsg === 'setStorageSync:ok') ok++; else { refused = r.errMsg; break; }
        }
        console.log(ok, refused);""")
    assert lines(result) == [f"{fits} setStorageSync:fail {FULL}"]
    on_disk = stored(data)
    assert len(on_disk) == fits + 1  # type: ignore[arg-type]
    counted = sum(len(key) + len(json.dumps(value)) for key, value in on_disk.items())  # type: ignore[union-attr]
    assert LIMIT - 1007 < counted <= LIMIT


def test_two_runtimes_in_two_threads_cannot_both_take_the_room(tmp_path: Path) -> None:
    """The folder's lock is held from a value's check until its turn's write: a runtime whose
    turn stores 6 MB and then computes for a while keeps the other thread's runtime from
    storing 6 MB meanwhile (the file does not hold its key yet). Exactly one of them stores."""
    import threading

    data = tmp_path / "data"
    start = threading.Barrier(2)
    answers: list[str] = []

    def store(i: int) -> None:
        with SwanRuntime(data_dir=data) as rt:  # (a runtime is used from the thread that made it)
            start.wait()
            answers.extend(lines(rt.run(f"""
            var r = swan.setStorageSync('k{i}', 'x'.repeat(6000000));
            var until = Date.now() + 150; while (Date.now() < until) {{}}  // the turn goes on
            console.log(r.errMsg);
            """)))

    threads = [threading.Thread(target=store, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(answers) == [f"setStorageSync:fail {FULL}", "setStorageSync:ok"]
    assert len(stored(data)) == 1  # type: ignore[arg-type]


def test_a_storage_file_over_the_limit_opens_and_refuses_writes_until_it_shrinks(runtime: MakeRuntime,
                                                                                 tmp_path: Path) -> None:
    """A storage.json holding more than 10 MB (an older swan-bridge's merge, or written by hand)
    opens: its keys read back and getStorageInfo counts them all; a value that leaves the store
    over the limit is refused (even one that shrinks a key), a removal is not, and once the store
    is within the limit again values fit as usual."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "storage.json").write_text(json.dumps({"k0": "x" * BIG, "k1": "y" * BIG}), encoding="ascii")
    rt = runtime(data_dir=data)
    result = rt.run(OUT + """
    var info = swan.getStorageInfoSync();
    console.log(JSON.stringify(info.keys), info.currentSize, info.limitSize);
    console.log(swan.getStorageSync('k0').length, swan.getStorageSync('k1').slice(0, 3));
    console.log(swan.setStorageSync('small', 1).errMsg);
    console.log(swan.setStorageSync('k1', 'y'.repeat(5000000)).errMsg);  // smaller, and still over
    swan.setStorage(Object.assign({key: 'small', data: 1}, out('async')));
    """)
    assert lines(result) == [
        '["k0","k1"] 11719 10240',
        "6000000 yyy",
        f"setStorageSync:fail {FULL}",
        f"setStorageSync:fail {FULL}",
        f"async fail 1001 setStorage:fail {FULL}",
        "async complete",
    ]
    assert lines(rt.run("""
    console.log(swan.removeStorageSync('k0').errMsg);
    console.log(swan.setStorageSync('small', 1).errMsg);
    """)) == ["removeStorageSync:ok", "setStorageSync:ok"]
    assert stored(data) == {"k1": "y" * BIG, "small": 1}


# ------------------------------------------------------------------------------------------------
# A storage.json that is no storage file
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("content", "problem"), [
    (b'{"k": NaN}', "NaN is not a JSON value"),
    (b'{"k": -Infinity}', "-Infinity is not a JSON value"),
    (b"[" * 5000 + b"]" * 5000, "it nests deeper than 512 levels"),
    (b'{"k": ' + b"[" * 600 + b"]" * 600 + b"}", "the value of 'k' nests deeper than 512 levels"),
    (b"\xff\xfe{}", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
])
def test_a_damaged_storage_file_is_refused_naming_the_file(tmp_path: Path, content: bytes, problem: str) -> None:
    """docs/behaviour.md, storage: a storage.json that is not a JSON object of storable values is
    refused when the runtime is made, with a ValueError naming the file and what is wrong."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "storage.json").write_bytes(content)
    with pytest.raises(ValueError) as caught:
        SwanRuntime(data_dir=data)
    assert str(caught.value) == f"{data / 'storage.json'} is not a swan-bridge storage file: {problem}"
    assert (data / "storage.json").read_bytes() == content  # left as it was


@pytest.mark.timeout(30)  # opening a FIFO to read it blocked until a writer came: forever
def test_a_storage_file_that_is_not_a_regular_file_is_refused_without_blocking(tmp_path: Path) -> None:
    """A FIFO or a link to a device in place of storage.json is refused by its type, before it
    is opened: ValueError naming the file."""
    import os

    for name, make in (("fifo", lambda p: os.mkfifo(p)), ("device", lambda p: os.symlink("/dev/zero", p))):
        data = tmp_path / name
        data.mkdir()
        make(data / "storage.json")
        with pytest.raises(ValueError) as caught:
            SwanRuntime(data_dir=data)
        assert str(caught.value).startswith(f"{data / 'storage.json'} is not a swan-bridge storage file: not a regular file")


def test_a_seed_nested_too_deep_is_refused(tmp_path: Path) -> None:
    """SwanRuntime(storage=...) follows the storage's own rule: 512 levels at most."""
    value: object = 1
    for _ in range(513):
        value = [value]
    with pytest.raises(ValueError, match=r"storage\['k'\] is nested deeper than 512 levels"):
        SwanRuntime(data_dir=tmp_path / "data", storage={"k": value})


# ------------------------------------------------------------------------------------------------
# FileSystemManager reads larger than the JS heap can take
# ------------------------------------------------------------------------------------------------
def package_with(tmp_path: Path, files: dict[str, int]) -> Path:
    """A mini-program folder holding sparse files of the given sizes (no disk is used)."""
    project = tmp_path / "app"
    (project / "pages" / "index").mkdir(parents=True)
    (project / "app.json").write_text(json.dumps({"pages": ["pages/index/index"]}))
    (project / "app.js").write_text("App({});")
    (project / "pages" / "index" / "index.js").write_text("Page({});")
    for name, size in files.items():
        with open(project / name, "wb") as file:
            file.truncate(size)
    return project


READS = """
var fs = swan.getFileSystemManager();
function read(tag, path, encoding) {
  try {
    var v = encoding === undefined ? fs.readFileSync(path) : fs.readFileSync(path, encoding);
    console.log(tag, 'ok', typeof v === 'string' ? v.length : v.byteLength);
  } catch (e) { console.log(tag, e.errCode, e.message); }
}
"""
MiB = 1024 * 1024


def test_a_read_larger_than_the_heap_can_take_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """docs/behaviour.md, FileSystemManager: readFile refuses a file whose worst-case size in the
    JS heap (10 bytes a byte for text, 5 for an ArrayBuffer, hex or UTF-16, 4 for base64) would
    pass memory_limit_mb, before reading it: errCode 2003, "file size exceeds the read limit of
    N MB, open <path>". A file of exactly the limit is read, whatever its bytes."""
    limit_mb = 8
    text_limit, buffer_limit = limit_mb * MiB // 10, limit_mb * MiB // 5
    project = package_with(tmp_path, {
        "text.bin": text_limit, "text-over.bin": text_limit + 1,
        "buffer.bin": buffer_limit, "buffer-over.bin": buffer_limit + 1,
        "huge.bin": 300 * MiB,
    })
    with SwanRuntime(project=project, data_dir=tmp_path / "data", memory_limit_mb=limit_mb) as rt:
        result = rt.run(READS + """
        read('text', 'text.bin', 'utf8');
        read('text over', 'text-over.bin', 'utf8');
        read('latin1 over', 'text-over.bin', 'latin1');
        read('buffer', 'buffer.bin');
        read('buffer over', 'buffer-over.bin');
        read('huge', 'huge.bin', 'utf8');
        fs.readFile({filePath: 'huge.bin', encoding: 'base64', fail: function (r) { console.log('async', r.errCode, r.errMsg); }});
        """)
    assert lines(result) == [
        f"text ok {text_limit}",
        "text over 2003 readFileSync:fail file size exceeds the read limit of 0.8 MB, open text-over.bin",
        "latin1 over 2003 readFileSync:fail file size exceeds the read limit of 0.8 MB, open text-over.bin",
        f"buffer ok {buffer_limit}",
        "buffer over 2003 readFileSync:fail file size exceeds the read limit of 1.6 MB, open buffer-over.bin",
        "huge 2003 readFileSync:fail file size exceeds the read limit of 0.8 MB, open huge.bin",
        "async 2003 readFile:fail file size exceeds the read limit of 2 MB, open huge.bin",
    ]
    assert result.errors == []


def test_without_a_memory_limit_reads_stop_at_100_mb(tmp_path: Path) -> None:
    """With memory_limit_mb=None a read may bring up to WeChat's documented 100 MB
    (FileSystemManager.readFile: 单个文件大小上限为100M), and no more."""
    project = package_with(tmp_path, {"huge.bin": 100 * MiB + 1})
    with SwanRuntime(project=project, data_dir=tmp_path / "data", memory_limit_mb=None) as rt:
        result = rt.run(READS + "read('huge', 'huge.bin', 'utf8');")
    assert lines(result) == ["huge 2003 readFileSync:fail file size exceeds the read limit of 100 MB, open huge.bin"]
