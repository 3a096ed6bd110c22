"""The engine from the inside: the synchronous channel, the bytecode cache and the host's parser.

Why inside: each guards against a failure no script can cause on purpose (a Python exception in
a host call, a damaged cache file, a message deeper than the host's JSON parser goes), or looks
at what a script cannot see (which functions are the host's: the shim's print as native ones),
so the tests call the internal pieces directly.
"""

from __future__ import annotations

import ctypes
import json

import _quickjs
import pytest

from bridge import SwanRuntime
from bridge._engine import _native


REACHABLE_FUNCTIONS = r"""(() => {
delete globalThis.__found;  // (the last walk's list)
const out = [];
const seen = new Set([globalThis]);
function walk(owner, path, depth) {
  for (const name of Reflect.ownKeys(owner)) {
    if (typeof name !== 'string') continue;
    const d = Object.getOwnPropertyDescriptor(owner, name);
    for (const [kind, value] of [['value', d.value], ['get', d.get], ['set', d.set]]) {
      if ((typeof value === 'function' || (typeof value === 'object' && value !== null)) && !seen.has(value)) {
        seen.add(value);
        if (typeof value === 'function') out.push([path + name + (kind === 'value' ? '' : ' (' + kind + ')'), value]);
        if (depth > 0) walk(value, path + name + '.', depth - 1);
      }
    }
  }
}
walk(globalThis, '', 2);
globalThis.__found = out;
return JSON.stringify(out.map(([name]) => name));
})()
"""


def test_no_function_a_script_can_reach_is_a_host_callable() -> None:
    # A Python callable the host installed (quickjs's add_callable) is a function of the
    # wrapper's own class; one a script could reach would let it call into Python, where an
    # exception corrupts the engine. The host's entry points are taken out of the global scope
    # before any script runs. Every function reachable from the global object within three
    # levels (globals, swan's APIs and their objects, their prototypes and methods) is checked.
    lib = ctypes.CDLL(_quickjs.__file__)
    lib.JS_GetClassID.restype = ctypes.c_uint32
    lib.JS_GetClassID.argtypes = [_native._JSValue]

    def class_of(ctx, value) -> int:
        slot = _native._object_slot(ctx, value)
        assert slot is not None
        return int(lib.JS_GetClassID(slot))

    with SwanRuntime() as rt:
        rt.run("swan.getFileSystemManager(); swan.createInnerAudioContext(); swan.connectSocket")  # load every file
        ctx = rt._engine._ctx
        ctx.add_callable("__reference_host_callable", lambda: None)
        host_class = class_of(ctx, ctx.get("__reference_host_callable"))
        assert class_of(ctx, ctx.eval("parseInt")) != host_class

        def host_callables() -> list[str]:
            names = json.loads(ctx.eval(REACHABLE_FUNCTIONS))
            assert len(names) > 500  # the walk reached swan's APIs and the built-ins
            return [name for i, name in enumerate(names) if class_of(ctx, ctx.eval(f"__found[{i}][1]")) == host_class]

        ctx.eval("swan.ai.planted = globalThis.__reference_host_callable; delete globalThis.__reference_host_callable")
        assert host_callables() == ["swan.ai.planted"]  # the walk finds one where it is
        ctx.eval("delete swan.ai.planted")
        assert host_callables() == []


def test_the_synchronous_channel_answers_every_call_and_never_raises() -> None:
    # The host function behind the FileSystemManager's Sync forms: whatever it is handed and
    # whatever its handler does, it returns one JSON text (a Python exception inside a host
    # function would corrupt the engine).

    from bridge._engine._context import _sync_channel

    slot: list = [None]
    channel = _sync_channel(slot)
    assert json.loads(channel("{}")) == {"ok": False, "kind": "unavailable", "detail": "the runtime is closed"}
    slot[0] = lambda text: '{"ok":true,"result":{}}'
    assert channel("{}") == '{"ok":true,"result":{}}'
    broken = {"ok": False, "kind": "internal", "detail": "swan-bridge internal error in the synchronous channel"}
    assert json.loads(channel()) == broken and json.loads(channel("a", "b")) == broken and json.loads(channel(3)) == broken
    slot[0] = lambda text: '{"ok":true,"result":"é"}'  # not ASCII: could carry a lone surrogate
    assert json.loads(channel("{}")) == broken
    slot[0] = lambda text: 1 / 0
    assert json.loads(channel("{}")) == broken
    slot[0] = lambda text: None
    assert json.loads(channel("{}")) == broken


def test_the_shim_bytecode_is_cached_on_disk_and_a_damaged_file_is_compiled_again(tmp_path, monkeypatch) -> None:
    # A new process reads the shim's bytecode from the user's cache instead of compiling it; a
    # damaged or foreign file is never run, and is replaced.
    import hashlib

    from bridge._engine import _context, _native
    from bridge._engine._bundle import shim_bundle

    monkeypatch.setenv("SWAN_BRIDGE_CACHE_DIR", str(tmp_path))

    def fresh_runtime_prints() -> list[str]:
        monkeypatch.setattr(_native, "_bytecode", {})  # as a new process starts
        monkeypatch.setattr(_context, "_LAZY", {})
        with SwanRuntime() as rt:
            return [m.text for m in rt.run("console.log(typeof swan.request)").console]

    assert fresh_runtime_prints() == ["function"]
    bundle = shim_bundle(False)
    # The bundle, and each file loaded at first use (a process's first runtime loads them all).
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        _native.cache_key(source) for source in (bundle.source, *bundle.lazy_sources))
    cached = tmp_path / _native.cache_key(bundle.source)
    good = cached.read_bytes()
    assert hashlib.sha256(good[32:]).digest() == good[:32]
    assert fresh_runtime_prints() == ["function"]  # read from the file
    damaged = bytearray(good)
    damaged[len(good) // 2] ^= 0xFF  # the digest no longer matches: not run, compiled again
    cached.write_bytes(bytes(damaged))
    assert fresh_runtime_prints() == ["function"] and cached.read_bytes() == good
    foreign = b"\x00not bytecode of this engine"  # a whole file the engine refuses
    cached.write_bytes(hashlib.sha256(foreign).digest() + foreign)
    assert fresh_runtime_prints() == ["function"] and cached.read_bytes() == good
    monkeypatch.setenv("SWAN_BRIDGE_CACHE_DIR", "")  # off
    for path in tmp_path.iterdir():
        path.unlink()
    assert fresh_runtime_prints() == ["function"] and list(tmp_path.iterdir()) == []


def test_a_message_too_deep_for_the_host_parser_is_dropped_alone() -> None:
    # Python's JSON parser stops at about 1,000 levels (3.10, 3.11) or 10,000 (3.13), the shim's
    # JSON.stringify at about 4,500: on the older Pythons a script's deep value (storage, setData)
    # can reach the outbox and fail the parse of its whole piece. Then each message is parsed on
    # its own: only the deep one is dropped, with an error, and the others arrive in order.
    from bridge._engine._context import Engine

    errors: list = []
    engine = Engine(on_messages=lambda messages: None, on_error=errors.append, cpu_limit=None, memory_limit=None)
    try:
        deep = '{"op":"storage","set":{"k":' + '{"a":' * 20000 + "1" + "}" * 20000 + "}}"
        piece = ",".join(['{"op":"console","level":"log","text":"a,b}{[\\"]"}', deep, '{"op":"console","level":"log","text":"c"}'])
        assert engine._parse(piece) == [{"op": "console", "level": "log", "text": 'a,b}{["]'},
                                        {"op": "console", "level": "log", "text": "c"}]
        [error] = errors
        assert error.where == "outbox" and error.message.startswith("swan-bridge: a value nested too deeply to reach the host")
    finally:
        engine.close()


def test_a_bulk_build_holds_the_collector_off_and_gives_it_back_as_it_was() -> None:
    """bridge._bulk: off inside, on again after (also when the block raises), and left off when
    the caller had turned it off."""
    import gc

    from bridge._bulk import bulk

    assert gc.isenabled()
    with pytest.raises(KeyError):
        with bulk():
            assert not gc.isenabled()
            raise KeyError("x")
    assert gc.isenabled()
    gc.disable()
    try:
        with bulk():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_raw_json_goes_into_a_payload_as_its_text() -> None:
    """The templates command carries the project's trees as JSON encoded once per process
    (RawJSON): each goes in where it stands, and strings around it are encoded as usual."""
    from bridge._engine._context import RawJSON, to_js

    payload = {"a": "\x00raw\x00", "files": RawJSON('{"x":[1,"\\u00e9"]}'), "more": [RawJSON("2"), {"b": RawJSON("null")}]}
    assert to_js(payload) == '{"a":"\\u0000raw\\u0000","files":{"x":[1,"\\u00e9"]},"more":[2,{"b":null}]}'
    assert to_js({"plain": "é"}) == '{"plain":"\\u00e9"}'


def test_the_fast_json_paths_answer_as_the_json_module_does() -> None:
    """to_js and the outbox's parser use the json module's C parts directly (made once): their
    answers and refusals are json's."""
    import json

    from bridge._engine._context import RawJSON, _json_array, to_js

    cycle: list[object] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference detected"):
        to_js(cycle)
    with pytest.raises(ValueError, match="Out of range float"):
        to_js({"x": float("nan")})
    with pytest.raises(TypeError, match="not JSON serializable"):
        to_js({"x": object()})
    assert to_js({"r": RawJSON("[1, 2]"), "s": "é\u2028", 1: (True, None, 2.5)}) == '{"r":[1, 2],"s":"\\u00e9\\u2028","1":[true,null,2.5]}'
    assert _json_array('[{"op":"trace","id":1}]') == [{"op": "trace", "id": 1}]
    for bad in ("[1,", "", "[1] x"):
        with pytest.raises(json.JSONDecodeError):
            _json_array(bad)
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(RecursionError):
        _json_array(deep)
