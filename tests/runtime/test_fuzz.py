"""Property-based: arbitrary JSON-like arguments to every API never crash the host or escape it.

Each API gets at least 1,000 calls per run (EXAMPLES batches of BATCH calls). Every call must end
in exactly one of success/fail and then complete, and no Python exception may escape.

Drawing the arguments costs more than running them, so each drawn batch is run against every API
of a group (a failure names the API): a group's APIs get the same arbitrary arguments in a run.
"""

from __future__ import annotations

import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridge import SwanRuntime

APIS = ["request", "uploadFile", "downloadFile", "chooseImage", "saveFile", "getSavedFileList",
        "getSavedFileInfo", "removeSavedFile", "getFileInfo", "setStorage", "getStorage", "removeStorage",
        "getStorageInfo", "getSystemInfo"]
PARAM_NAMES = ["url", "filePath", "name", "header", "formData", "tempFilePath", "count", "sizeType",
               "sourceType", "digestAlgorithm", "data", "method", "dataType", "responseType",
               "key", "success", "fail", "complete"]
EXAMPLES = 40
# 40 x 25 = 1,000 calls per API per run (small batches keep generation fast). Inputs are drawn anew
# each run (no example database), so every CI run tries another thousand per API.
BATCH = 25

nasty_text = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x20), max_size=5),  # NUL and controls
    st.text(alphabet=st.sampled_from(["\ud800", "\udfff", "a", "/", ".", "\x00"]), max_size=8),  # lone surrogates
)
paths = st.sampled_from([
    "bdfile://tmp_chosen_0.png", "bdfile://usr/a.txt", "bdfile://usr/../x", "bdfile://store_0123456789abcdef",
    "/etc/passwd", "bdfile://tmp_../..", "", "bdfile://usr/d/e/f.bin",
])
urls = st.sampled_from(["https://a.example/x", "http://b.example/y?z=1", "ftp://c.example/", "https://", "not a url",
                        "https://a.example/\ud800", "https://[::1/", "https://a.example:99999/"])
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                    st.floats(allow_nan=False, allow_infinity=False), nasty_text, paths, urls, st.just("<fn>"))
keys = st.one_of(nasty_text, st.sampled_from(PARAM_NAMES))


def groups(names: list[str], size: int) -> list[tuple[str, ...]]:
    """`names` in groups of `size`, each a test case (so the cases spread over the workers)."""
    return [tuple(names[i:i + size]) for i in range(0, len(names), size)]


def ids(group: tuple[str, ...]) -> str:
    return "+".join(group)


def one_branch(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """`strategy` as a single branch of an enclosing one_of, which otherwise takes in the branches
    of a nested one_of (even through map or deferred) and picks among all of them alike."""
    return st.builds(lambda value: value, strategy)


def nest(inner: st.SearchStrategy[object], leaf: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return one_branch(st.one_of(leaf, st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)))


# Lists and objects nested up to three levels, written out level by level: st.recursive draws
# values of the same size and shape at about 2.5 times the cost, and drawing, not running, is
# most of what an example costs (a batch of BATCH calls runs in about 20 ms). At the top a
# scalar, a list and an object are alike likely; below, each kind of scalar is as likely as a
# list or an object, which keeps values small.
json_like = nest(nest(nest(scalars, scalars), scalars), one_branch(scalars))
arguments = st.one_of(
    st.dictionaries(st.sampled_from(PARAM_NAMES), json_like, max_size=8),
    st.dictionaries(st.sampled_from(PARAM_NAMES), scalars, max_size=8),
    json_like,
)

SCRIPT = """{
const calls = %s, api = %s;
const fn = () => {};
for (const args of calls) {
    if (args !== null && typeof args === 'object' && !Array.isArray(args)) {
        for (const k of ['success', 'fail', 'complete']) if (args[k] === '<fn>') args[k] = fn;
    }
    try { swan[api](args === '<undefined>' ? undefined : args); }
    catch (e) { console.log('THROWN', String(e)); }
}
}"""


def handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=b"ok")


@pytest.fixture(scope="module")
def runtime():
    with SwanRuntime(transport=httpx.MockTransport(handler), timeout=60) as rt:
        yield rt


@pytest.mark.parametrize("apis", groups(APIS, 5), ids=ids)
def test_arbitrary_arguments_always_end_in_one_terminal_callback_then_complete(runtime, apis: tuple[str, ...]) -> None:
    counted = dict.fromkeys(apis, 0)

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.lists(arguments, min_size=BATCH, max_size=BATCH))
    def check(batch: list[object]) -> None:
        for api in apis:
            source = SCRIPT % (json.dumps(batch, ensure_ascii=True), json.dumps(api))
            result = runtime.run(source)  # any Python exception escaping fails the test
            assert [m.text for m in result.console if m.text.startswith("THROWN")] == [], api
            assert result.errors == [], api
            assert len(result.tasks) == len(batch), api
            for task in result.tasks:
                terminal = [e for e in task.events if e in ("success", "fail")]
                assert len(terminal) == 1, task
                assert task.events[-2:] == [terminal[0], "complete"], task
                assert task.errMsg in (f"{api}:ok",) or task.errMsg.startswith(f"{api}:fail "), task
            counted[api] += len(batch)

    check()
    assert min(counted.values()) >= EXAMPLES * BATCH


# -- the FileSystemManager -------------------------------------------------------------------------
FS_METHODS = ["access", "readFile", "writeFile", "appendFile", "copyFile", "rename", "unlink", "mkdir", "rmdir",
              "readdir", "stat", "getFileInfo", "saveFile", "getSavedFileList", "removeSavedFile", "unzip"]
FS_SYNC = ["access", "readFile", "writeFile", "appendFile", "copyFile", "rename", "unlink", "mkdir", "rmdir",
           "readdir", "stat", "saveFile"]
FS_PARAM_NAMES = ["path", "filePath", "dirPath", "data", "encoding", "recursive", "srcPath", "destPath", "oldPath",
                  "newPath", "tempFilePath", "zipFilePath", "targetPath", "success", "fail", "complete"]
fs_paths = st.sampled_from([
    "bdfile://usr", "bdfile://usr/", "bdfile://usr/a.txt", "bdfile://usr/d", "bdfile://usr/d/", "bdfile://usr/d/e.bin",
    "bdfile://usr/a.zip", "bdfile://usr/../x", "bdfile://usr/d/../../x", "bdfile://tmp_chosen_0.png", "bdfile://tmp_x",
    "bdfile://store_0123456789abcdef", "/etc/passwd", "", "bdfile://usr/\ud800", "bdfile://usr/a\x00b",
])
fs_scalars = st.one_of(scalars, fs_paths, st.sampled_from(["utf8", "UTF-8", "base64", "hex", "binary", "latin1", "ascii",
                                                           "ucs2", "utf-16le", "utf32", "<ab>"]))
fs_arguments = st.one_of(
    st.dictionaries(st.sampled_from(FS_PARAM_NAMES), fs_scalars, max_size=8),
    st.dictionaries(st.sampled_from(FS_PARAM_NAMES), st.one_of(fs_scalars, json_like), max_size=8),
    json_like,
)

FS_SCRIPT = """{
const calls = %s, method = %s, sync = %s;
const fs = swan.getFileSystemManager(), fn = () => {};
const fix = (v) => v === '<fn>' ? fn : v === '<ab>' ? new Uint8Array([1, 2, 255]).buffer : v;
for (const args of calls) {
    if (sync) {
        try { fs[method + 'Sync'](...args.map(fix)); }
        catch (e) {
            if (!(e instanceof Error) || !String(e.message).startsWith(method + 'Sync:fail ')) console.log('THROWN', String(e));
        }
        continue;
    }
    if (args !== null && typeof args === 'object' && !Array.isArray(args)) {
        for (const k of Object.keys(args)) args[k] = fix(args[k]);
    }
    try { fs[method](args === '<undefined>' ? undefined : args); }
    catch (e) { console.log('THROWN', String(e)); }
}
}"""


@pytest.fixture(scope="module")
def fs_runtime():
    with SwanRuntime(timeout=60) as rt:
        rt.run("const f = swan.getFileSystemManager(); f.mkdirSync(swan.env.USER_DATA_PATH + '/d');"
               "f.writeFileSync(swan.env.USER_DATA_PATH + '/a.txt', 'hello');")
        yield rt


@pytest.mark.parametrize("methods", groups(FS_METHODS, 4), ids=ids)
def test_file_system_manager_methods_end_in_one_terminal_callback_then_complete(fs_runtime, methods: tuple[str, ...]) -> None:
    counted = dict.fromkeys(methods, 0)

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.lists(fs_arguments, min_size=BATCH, max_size=BATCH))
    def check(batch: list[object]) -> None:
        for method in methods:
            source = FS_SCRIPT % (json.dumps(batch, ensure_ascii=True), json.dumps(method), "false")
            result = fs_runtime.run(source)  # any Python exception escaping fails the test
            assert [m.text for m in result.console if m.text.startswith("THROWN")] == [], method
            assert result.errors == [], method
            assert len(result.tasks) == len(batch), method
            api = "FileSystemManager." + method
            for task in result.tasks:
                assert task.api == api
                terminal = [e for e in task.events if e in ("success", "fail")]
                assert len(terminal) == 1, task
                assert task.events[-2:] == [terminal[0], "complete"], task
                assert task.errMsg == f"{method}:ok" or task.errMsg.startswith(f"{method}:fail "), task  # as the script sees it
                assert task.errCode in (None, 202, 1001, 2000, 2001, 2002, 2003), task
            counted[method] += len(batch)

    check()
    assert min(counted.values()) >= EXAMPLES * BATCH


@pytest.mark.parametrize("methods", groups(FS_SYNC, 6), ids=ids)
def test_file_system_manager_sync_forms_return_or_throw_their_error(fs_runtime, methods: tuple[str, ...]) -> None:
    counted = dict.fromkeys(methods, 0)

    @settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.lists(st.lists(fs_scalars, max_size=4), min_size=BATCH, max_size=BATCH))
    def check(batch: list[list[object]]) -> None:
        for method in methods:
            source = FS_SCRIPT % (json.dumps(batch, ensure_ascii=True), json.dumps(method), "true")
            result = fs_runtime.run(source)
            assert [m.text for m in result.console if m.text.startswith("THROWN")] == [], method
            assert result.errors == [], method
            sync_calls = [e for e in result.log if e.kind == "call" and e.get("sync")]
            assert len(sync_calls) == len(batch), method
            assert all(e["api"] == f"FileSystemManager.{method}Sync" for e in sync_calls)
            counted[method] += len(batch)

    check()
    assert min(counted.values()) >= EXAMPLES // 2 * BATCH
