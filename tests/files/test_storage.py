"""swan storage: the five APIs and their Sync forms, the 10 MB limit, persistence in the data
directory with atomic writes, rt.storage and storage=, and keys that look like paths."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from bridge import SwanRuntime

LIMIT = 10 * 1024 * 1024

#: out(tag): callbacks that log "tag success|fail|complete <JSON of the argument>".
P = """
var out = (tag) => ({
  success: r => console.log(tag, 'success', JSON.stringify(r)),
  fail: r => console.log(tag, 'fail', JSON.stringify(r)),
  complete: r => console.log(tag, 'complete')
});
var show = (v) => console.log(v instanceof Error ? 'Error ' + v.errCode + ' ' + v.message : typeof v + ' ' + JSON.stringify(v));
"""


def run(rt: SwanRuntime, source: str) -> list[str]:
    result = rt.run(P + source)
    assert result.errors == [], result.errors
    return [m.text for m in result.console]


def js(value: Any) -> str:
    """JSON as JSON.stringify writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def stored_file(data_dir: Path) -> Any:
    return json.loads((data_dir / "storage.json").read_text(encoding="ascii"))


# -- values keep their type ---------------------------------------------------------------------
#: (JS expression, what getStorageSync returns as JSON, typeof it)
VALUES = [
    ("'hello'", '"hello"', "string"),
    ("''", '""', "string"),
    ("'中文 é 😀'", '"中文 é 😀"', "string"),
    ("'a\\u0000b'", '"a\\u0000b"', "string"),
    ("String.fromCharCode(0xd800)", '"\\ud800"', "string"),  # a lone surrogate survives
    ("0", "0", "number"),
    ("-1.5", "-1.5", "number"),
    ("2 ** 53", "9007199254740992", "number"),
    ("1e21", "1e+21", "number"),
    ("true", "true", "boolean"),
    ("false", "false", "boolean"),
    ("[1, 'two', null, [3], {four: 4}]", '[1,"two",null,[3],{"four":4}]', "object"),
    ("{a: {b: {c: [true, false, null]}}, n: 1.25}", '{"a":{"b":{"c":[true,false,null]}},"n":1.25}', "object"),
    ("{}", "{}", "object"),
    ("[]", "[]", "object"),
    # JSON round trip, as the client keeps values: Date -> ISO string, undefined dropped, NaN -> null
    ("new Date(Date.UTC(2024, 1, 29, 12, 30))", '"2024-02-29T12:30:00.000Z"', "string"),
    ("{d: new Date(0), u: undefined, f: function () {}, n: NaN, i: -Infinity}", '{"d":"1970-01-01T00:00:00.000Z","n":null,"i":null}', "object"),
    ("[undefined, NaN]", "[null,null]", "object"),
    ("{toJSON() { return 'custom'; }}", '"custom"', "string"),
]


@pytest.mark.parametrize(("expr", "expected", "kind"), VALUES, ids=[v[0][:30] for v in VALUES])
def test_every_type_round_trips_sync_and_async(runtime, tmp_path: Path, expr: str, expected: str, kind: str) -> None:
    data = tmp_path / "data"
    rt = runtime(data_dir=data)
    lines = run(rt, f"""
    show(swan.setStorageSync('sync', {expr}));
    show(swan.getStorageSync('sync'));
    swan.setStorage({{key: 'async', data: {expr}, success: () => swan.getStorage({{key: 'async', success: r => {{
        console.log('async', typeof r.data, JSON.stringify(r.data), JSON.stringify(Object.keys(r)));
    }}}})}});
    """)
    assert lines == [
        'object {"errMsg":"setStorageSync:ok"}',
        f"{kind} {expected}",
        f'async {kind} {expected} ["data","errMsg"]',
    ]
    value = json.loads(expected)
    assert dict(rt.storage) == {"sync": value, "async": value}
    assert stored_file(data) == {"sync": value, "async": value}
    assert rt.calls("setStorage") == [{"key": "async", "data": value}]  # recorded as stored


def test_a_read_is_a_fresh_copy(runtime) -> None:
    rt = runtime()
    assert run(rt, """
    var o = {list: [1]};
    swan.setStorageSync('o', o);
    o.list.push(2);                                  // changing the original changes nothing
    var a = swan.getStorageSync('o'); a.list.push(3); // nor does changing what was read
    show(swan.getStorageSync('o'));
    """) == ['object {"list":[1]}']


# -- callbacks ---------------------------------------------------------------------------------
def test_async_calls_are_asynchronous_recorded_and_in_order(runtime) -> None:
    rt = runtime()
    result = rt.run(P + """
    swan.setStorage({key: 'k', data: {v: 1}, ...out('set')});
    swan.getStorage({key: 'k', ...out('get')});
    swan.getStorageInfo(out('info'));
    swan.removeStorage({key: 'k', ...out('remove')});
    swan.clearStorage(out('clear'));
    console.log('sync code ends');
    """)
    assert result.errors == []
    assert [m.text for m in result.console] == [
        "sync code ends",
        'set success {"errMsg":"setStorage:ok"}', "set complete",
        'get success {"data":{"v":1},"errMsg":"getStorage:ok"}', "get complete",
        'info success {"keys":["k"],"currentSize":1,"limitSize":10240,"errMsg":"getStorageInfo:ok"}', "info complete",
        'remove success {"errMsg":"removeStorage:ok"}', "remove complete",
        'clear success {"errMsg":"clearStorage:ok"}', "clear complete",
    ]
    assert [(t.api, t.events, t.errMsg, t.errCode) for t in result.tasks] == [
        ("setStorage", ["success", "complete"], "setStorage:ok", None),
        ("getStorage", ["success", "complete"], "getStorage:ok", None),
        ("getStorageInfo", ["success", "complete"], "getStorageInfo:ok", None),
        ("removeStorage", ["success", "complete"], "removeStorage:ok", None),
        ("clearStorage", ["success", "complete"], "clearStorage:ok", None),
    ]
    assert rt.calls("setStorage") == [{"key": "k", "data": {"v": 1}}]
    assert rt.calls("getStorage") == [{"key": "k"}]
    assert rt.calls("getStorageInfo") == [{}]
    assert dict(rt.storage) == {}


def test_a_call_acts_when_it_is_made(runtime) -> None:
    """Each call is carried out when it is made, in call order: a Sync call right after an
    asynchronous one sees it, and getStorage reports the value as it was when it was called."""
    rt = runtime()
    assert run(rt, """
    swan.setStorage({key: 'k', data: 'first'});
    show(swan.getStorageSync('k'));
    swan.getStorage({key: 'k', success: r => console.log('get', r.data)});
    swan.setStorageSync('k', 'second');
    swan.removeStorage({key: 'k'});
    show(swan.getStorageSync('k'));
    """) == ['string "first"', 'string ""', "get first"]


def test_promise_style_works_through_callbacks(runtime) -> None:
    rt = runtime()
    assert run(rt, """
    new Promise((resolve, reject) => swan.setStorage({key: 'p', data: [1], success: resolve, fail: reject}))
      .then(() => new Promise(resolve => swan.getStorage({key: 'p', success: resolve})))
      .then(r => console.log(JSON.stringify(r.data)));
    """) == ["[1]"]


# -- a missing key ------------------------------------------------------------------------------
def test_a_missing_key_reads_as_an_empty_string(runtime) -> None:
    # getStorage succeeds with '' (swan docs, save_swan-getStorage.md "Bugs&Tips"); the Sync form returns ''.
    rt = runtime()
    assert run(rt, """
    show(swan.getStorageSync('nothing'));
    swan.getStorage({key: 'nothing', ...out('get')});
    show(swan.removeStorageSync('nothing'));
    swan.removeStorage({key: 'nothing', ...out('remove')});
    """) == [
        'string ""',
        'object {"errMsg":"removeStorageSync:ok"}',
        'get success {"data":"","errMsg":"getStorage:ok"}', "get complete",
        'remove success {"errMsg":"removeStorage:ok"}', "remove complete",
    ]


# -- parameter errors ---------------------------------------------------------------------------
ASYNC_BAD = [
    ("swan.setStorage({data: 1, ...out('x')})", "setStorage:fail parameter error: key is required"),
    ("swan.setStorage({key: 5, data: 1, ...out('x')})", "setStorage:fail parameter error: key must be a string, got number"),
    ("swan.setStorage({key: ['k'], data: 1, ...out('x')})", "setStorage:fail parameter error: key must be a string, got array"),
    ("swan.setStorage({key: '', data: 1, ...out('x')})", "setStorage:fail parameter error: key must not be empty, got string"),
    ("swan.setStorage({key: 'k', ...out('x')})", "setStorage:fail parameter error: data is required"),
    ("swan.setStorage({key: 'k', data: null, ...out('x')})", "setStorage:fail parameter error: data is required"),
    ("swan.setStorage({key: 'k', data: function () {}, ...out('x')})",
     "setStorage:fail parameter error: data must be a JSON value, got function"),
    ("swan.setStorage({key: 'k', data: Symbol('s'), ...out('x')})",
     "setStorage:fail parameter error: data must be a JSON value, got symbol"),
    ("swan.setStorage({key: 'k', data: 10n, ...out('x')})",
     "setStorage:fail parameter error: data must be a JSON value (TypeError: BigInt are forbidden in JSON.stringify)"),
    ("var c = {}; c.c = c; swan.setStorage({key: 'k', data: c, ...out('x')})",
     "setStorage:fail parameter error: data must be a JSON value (TypeError: circular reference)"),
    ("swan.setStorage({key: 'k', data: {toJSON() { throw new Error('no'); }}, ...out('x')})",
     "setStorage:fail parameter error: data must be a JSON value (Error: no)"),
    ("swan.setStorage({key: 'k', data: 1, success: 5, ...{fail: out('x').fail, complete: out('x').complete}})",
     "setStorage:fail parameter error: success must be a function"),
    ("swan.setStorage('k', ...[out('x')])", None),  # a non-object argument: nothing to call back
    ("swan.getStorage({...out('x')})", "getStorage:fail parameter error: key is required"),
    ("swan.getStorage({key: false, ...out('x')})", "getStorage:fail parameter error: key must be a string, got boolean"),
    ("swan.removeStorage({key: [], ...out('x')})", "removeStorage:fail parameter error: key must be a string, got array"),
    ("swan.removeStorage({...out('x')})", "removeStorage:fail parameter error: key is required"),
]


@pytest.mark.parametrize(("call", "message"), ASYNC_BAD, ids=[c[0][:50] for c in ASYNC_BAD])
def test_async_forms_check_their_parameters(runtime, call: str, message: str | None) -> None:
    rt = runtime(storage={"k": "kept"})
    result = rt.run(P + call)
    assert result.errors == []
    lines = [m.text for m in result.console]
    if message is None:
        assert lines == []
        assert [t.events for t in result.tasks] == [["fail", "complete"]]
    else:
        assert lines == ["x fail " + js({"errCode": 202, "errMsg": message}), "x complete"]
        assert [(t.events, t.errCode, t.errMsg) for t in result.tasks] == [(["fail", "complete"], 202, message)]
    assert dict(rt.storage) == {"k": "kept"}


SYNC_BAD = [
    ("swan.setStorageSync()", "setStorageSync:fail parameter error: key is required"),
    ("swan.setStorageSync(null, 'v')", "setStorageSync:fail parameter error: key is required"),
    ("swan.setStorageSync(false, 'v')", "setStorageSync:fail parameter error: key must be a string, got boolean"),
    ("swan.setStorageSync([], 'v')", "setStorageSync:fail parameter error: key must be a string, got array"),
    ("swan.setStorageSync('', 'v')", "setStorageSync:fail parameter error: key must not be empty"),
    ("swan.setStorageSync('k')", "setStorageSync:fail parameter error: data is required"),
    ("swan.setStorageSync('k', null)", "setStorageSync:fail parameter error: data is required"),
    ("swan.setStorageSync('k', () => 1)", "setStorageSync:fail parameter error: data must be a JSON value, got function"),
    ("((c) => (c.push(c), swan.setStorageSync('k', c)))([])",
     "setStorageSync:fail parameter error: data must be a JSON value (TypeError: circular reference)"),
    ("swan.getStorageSync()", "getStorageSync:fail parameter error: key is required"),
    ("swan.getStorageSync(1)", "getStorageSync:fail parameter error: key must be a string, got number"),
    ("swan.removeStorageSync()", "removeStorageSync:fail parameter error: key is required"),
    ("swan.removeStorageSync({})", "removeStorageSync:fail parameter error: key must be a string, got object"),
]


@pytest.mark.parametrize(("call", "message"), SYNC_BAD, ids=[c[0][:40] for c in SYNC_BAD])
def test_sync_forms_return_their_failure_as_an_error(runtime, call: str, message: str) -> None:
    rt = runtime(storage={"k": "kept"})
    lines = run(rt, f"""
    var r;
    try {{ r = (() => {{ return {call}; }})(); }} catch (e) {{ console.log('threw', e); }}
    console.log(r instanceof Error, Object.prototype.toString.call(r), r.errCode, r.errMsg === r.message);
    console.log(r.message);
    """)
    assert lines == ["true [object Error] 202 true", message]
    assert dict(rt.storage) == {"k": "kept"}


def test_sync_forms_on_success(runtime) -> None:
    rt = runtime(storage={"a": 1, "b": 2})
    assert run(rt, """
    show(swan.getStorageInfoSync());
    show(swan.removeStorageSync('a'));
    show(swan.getStorageInfoSync());
    show(swan.clearStorageSync());
    show(swan.getStorageInfoSync());
    show(swan.getStorageSync('b'));
    """) == [
        'object {"keys":["a","b"],"currentSize":1,"limitSize":10240}',
        'object {"errMsg":"removeStorageSync:ok"}',
        'object {"keys":["b"],"currentSize":1,"limitSize":10240}',
        'object {"errMsg":"clearStorageSync:ok"}',
        'object {"keys":[],"currentSize":0,"limitSize":10240}',
        'string ""',
    ]
    assert dict(rt.storage) == {}


def test_getstorageinfo_counts_utf8_bytes_of_keys_and_json_texts(runtime) -> None:
    rt = runtime()
    # 'k' + '"' + 1023 x 'é' (2 bytes each) + '"' = 1 + 2 + 2046 = 2049 bytes: 3 KB rounded up.
    assert run(rt, """
    swan.setStorageSync('k', 'é'.repeat(1023));
    console.log(swan.getStorageInfoSync().currentSize);
    swan.setStorageSync('k', 'x'.repeat(1021));  // 1 + 2 + 1021 = 1024 bytes: exactly 1 KB
    console.log(swan.getStorageInfoSync().currentSize);
    """) == ["3", "1"]


# -- the 10 MB limit ----------------------------------------------------------------------------
#: a filler of A ASCII characters under key 'big' (3 + A + 2 bytes), then 'mixed' (5 bytes) holding
#: 1000 x '😀é中' (4 + 2 + 3 = 9 bytes each, + 2 quotes): together exactly 10 MB.
MIXED_BYTES = 5 + 2 + 9 * 1000
FILLER = LIMIT - MIXED_BYTES - 5


@pytest.mark.parametrize(("platform", "code"), [("android", 1001), ("ios", 1003)])
def test_the_storage_holds_10_mb_and_refuses_more(runtime, tmp_path: Path, platform: str, code: int) -> None:
    data = tmp_path / "data"
    rt = runtime(platform=platform, data_dir=data)
    lines = run(rt, f"""
    show(swan.setStorageSync('big', 'x'.repeat({FILLER})));
    show(swan.setStorageSync('mixed', '😀é中'.repeat(1000)));
    show(swan.getStorageInfoSync());
    show(swan.setStorageSync('one', 1));                                // 3 + 1 bytes: over
    show(swan.setStorageSync('mixed', '😀é中'.repeat(1000) + 'x'));       // a bigger value: over
    swan.setStorage({{key: 'z', data: 0, ...out('async')}});
    show(swan.setStorageSync('mixed', '😀é中'.repeat(999) + 'abcdefghi')); // the same size: fits
    """)
    full = "exceed max storage size"
    assert lines == [
        'object {"errMsg":"setStorageSync:ok"}',
        'object {"errMsg":"setStorageSync:ok"}',
        'object {"keys":["big","mixed"],"currentSize":10240,"limitSize":10240}',
        f"Error {code} setStorageSync:fail {full}",
        f"Error {code} setStorageSync:fail {full}",
        'object {"errMsg":"setStorageSync:ok"}',
        "async fail " + js({"errCode": code, "errMsg": f"setStorage:fail {full}"}),
        "async complete",
    ]
    # What was there is intact, in JS, in rt.storage and on disk.
    assert run(rt, "console.log(swan.getStorageSync('big').length, swan.getStorageSync('mixed').slice(-13))") == [
        f"{FILLER} 😀é中abcdefghi"]
    expected = {"big": "x" * FILLER, "mixed": "😀é中" * 999 + "abcdefghi"}
    assert dict(rt.storage) == expected
    assert stored_file(data) == expected
    # Room made by removing a key is room again.
    assert run(rt, "swan.removeStorageSync('mixed'); show(swan.setStorageSync('one', 1))") == [
        'object {"errMsg":"setStorageSync:ok"}']


# -- persistence --------------------------------------------------------------------------------
def test_storage_persists_across_runtimes_sharing_data_dir(runtime, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = runtime(data_dir=data)
    run(first, """
    swan.setStorageSync('token', 'abc');
    swan.setStorage({key: 'user', data: {id: 7, tags: ['a']}});
    swan.setStorageSync('gone', 1);
    swan.removeStorage({key: 'gone'});
    """)
    first.close()
    assert stored_file(data) == {"token": "abc", "user": {"id": 7, "tags": ["a"]}}
    assert sorted(p.name for p in data.iterdir()) == ["storage.json", "store", "usr"]  # no temp file left

    second = runtime(data_dir=data)
    assert dict(second.storage) == {"token": "abc", "user": {"id": 7, "tags": ["a"]}}
    assert run(second, """
    show(swan.getStorageSync('user'));
    swan.getStorageInfo({success: r => console.log(JSON.stringify(r.keys))});
    swan.clearStorage();
    """) == ['object {"id":7,"tags":["a"]}', '["token","user"]']
    second.close()
    assert stored_file(data) == {}

    third = runtime(data_dir=data)
    assert dict(third.storage) == {}





def test_a_corrupt_storage_file_is_refused_at_start_up(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "storage.json").write_text("{not json")
    with pytest.raises(ValueError, match="storage.json is not a swan-bridge storage file"):
        SwanRuntime(data_dir=data)
    (data / "storage.json").write_text("[1, 2]")
    with pytest.raises(ValueError, match="expected a JSON object"):
        SwanRuntime(data_dir=data)
    assert (data / "storage.json").read_text() == "[1, 2]"  # left as it was


# -- rt.storage and storage= --------------------------------------------------------------------
def test_rt_storage_is_a_read_only_live_view(runtime) -> None:
    rt = runtime(storage={"user": {"id": 1, "roles": ["admin"]}, "count": 3})
    view = rt.storage
    assert isinstance(view, Mapping)
    assert dict(view) == {"user": {"id": 1, "roles": ["admin"]}, "count": 3}
    assert list(view) == ["user", "count"] and len(view) == 2 and "count" in view
    with pytest.raises(TypeError):
        view["count"] = 4  # type: ignore[index]
    view["user"]["roles"].append("root")  # a copy: the runtime's value is untouched
    assert run(rt, "show(swan.getStorageSync('user')); swan.setStorageSync('count', 4); swan.removeStorageSync('user')") == [
        'object {"id":1,"roles":["admin"]}']
    assert dict(view) == {"count": 4}  # the same view shows the change


def test_the_seed_goes_over_what_the_data_dir_holds(runtime, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "storage.json").write_text('{"a": 1, "b": 2}')
    seed = {"b": {"new": [True, None]}, "c": "three"}
    rt = runtime(data_dir=data, storage=seed)
    seed["c"] = "changed later"  # the runtime took a copy
    assert run(rt, "show(swan.getStorageSync('a')); show(swan.getStorageSync('b')); show(swan.getStorageInfoSync().keys)") == [
        "number 1", 'object {"new":[true,null]}', 'object ["a","b","c"]']
    assert stored_file(data) == {"a": 1, "b": {"new": [True, None]}, "c": "three"}  # persisted at start-up


def test_the_storage_flag(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from bridge._cli import cli

    script = tmp_path / "s.js"
    script.write_text("console.log(JSON.stringify(swan.getStorageSync('user')), swan.getStorageSync('n') + 1)")
    result = CliRunner().invoke(cli, ["run", "--storage", 'user={"id": 1}', "--storage", "n=41", str(script)])
    assert (result.exit_code, result.stdout) == (0, '{"id":1} 42\n')


# -- keys are never paths -----------------------------------------------------------------------
PATH_KEYS = ["../../etc/passwd", "a/b", "/etc/hosts", "..", ".", "a\\b", "C:\\Windows\\x", "nul\u0000byte",
             "\u0000", "storage.json", "../storage.json", "store/x", "usr", "__proto__", "constructor",
             "x" * 5000, "😀/中文", "%2e%2e%2f"]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"<dir>") for p in sorted(root.rglob("*"))}


def test_keys_are_json_keys_never_file_paths(runtime, tmp_path: Path) -> None:
    data = tmp_path / "work" / "data"
    (tmp_path / "work" / "etc").mkdir(parents=True)
    (tmp_path / "work" / "etc" / "passwd").write_text("root:x:0:0")
    (tmp_path / "outside.txt").write_text("untouched")
    rt = runtime(data_dir=data)
    before = {k: v for k, v in _snapshot(tmp_path).items() if not k.startswith("work/data")}
    keys = json.dumps(PATH_KEYS)
    lines = run(rt, f"""
    var keys = {keys};
    keys.forEach((k, i) => swan.setStorageSync(k, {{i: i}}));
    keys.forEach((k, i) => swan.setStorage({{key: k + '#async', data: i}}));
    console.log(JSON.stringify(keys.map(k => swan.getStorageSync(k).i)));
    console.log(JSON.stringify(swan.getStorageInfoSync().keys.slice(0, keys.length)) === JSON.stringify(keys));
    console.log(({{}}).i === undefined, Object.prototype.i === undefined);
    """)
    assert lines == [js(list(range(len(PATH_KEYS)))), "true", "true true"]
    expected = {k: {"i": i} for i, k in enumerate(PATH_KEYS)} | {k + "#async": i for i, k in enumerate(PATH_KEYS)}
    assert dict(rt.storage) == expected
    assert stored_file(data) == expected
    # Nothing outside the data directory changed, and inside it only storage.json was written.
    after = _snapshot(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith("work/data")} == before
    assert sorted(k for k in after if k.startswith("work/data/")) == [
        "work/data/storage.json", "work/data/store", "work/data/usr"]
    rt.close()
    # And they come back from the file intact.
    again = runtime(data_dir=data)
    assert dict(again.storage) == expected


# -- the documentation's sample -----------------------------------------------------------------
def test_the_storage_flow_sample_from_the_docs(runtime) -> None:
    """api/storage/save_process.md, the five steps as written."""
    rt = runtime()
    result = rt.run("""
const key = 'mockData';
const data = {
    value1: 'getStorageData1',
    value2: 'getStorageData2'
};
swan.setStorage({
    key,
    data,
    success: () => console.log('添加成功'),
    fail: () => console.log('添加失败'),
    complete: () => console.log('添加完成')
});
// 接上例
swan.getStorage({
    key,
    success: res => console.log('获取成功', res),
    fail: () => console.log('获取失败'),
    complete: () => console.log('获取完成')
})
// 接上例
swan.removeStorage({
    key,
    success: res => console.log('删除成功', res),
    fail: () => console.log('删除失败'),
    complete: () => console.log('删除完成')
})
swan.clearStorage({
    success: res => console.log('清除成功', res),
    fail: () => console.log('清除失败'),
    complete: () => console.log('清除完成')
})
swan.getStorageInfo({
    success: res => console.log(res.keys),
    fail: err => console.log('获取操作失败')
});
""")
    assert result.errors == []
    assert [m.text for m in result.console] == [
        "添加成功", "添加完成",
        '获取成功 {"data":{"value1":"getStorageData1","value2":"getStorageData2"},"errMsg":"getStorage:ok"}', "获取完成",
        '删除成功 {"errMsg":"removeStorage:ok"}', "删除完成",
        '清除成功 {"errMsg":"clearStorage:ok"}', "清除完成",
        "[]",
    ]


def test_storage_is_written_again_after_its_folder_was_removed(tmp_path: Path) -> None:
    """The data folder removed between runs (by the test, say) is made again at the next write,
    as storage.json's first write makes it, with no error: the write merges this runtime's
    changes since its last write into the file as it is then (here: none)."""
    import shutil

    data = tmp_path / "data"
    with SwanRuntime(data_dir=data) as rt:
        rt.run("swan.setStorageSync('a', 1)")
        shutil.rmtree(data)
        result = rt.run("swan.setStorageSync('b', 2)")
        assert result.errors == [] and rt.errors == []
    assert json.loads((data / "storage.json").read_text()) == {"b": 2}
