"""What a runtime records (rt.log, rt.tasks, rt.calls) is capped at MAX_RECORDS entries of each
kind, the oldest dropped first, so a runaway loop of calls holds bounded host memory.

The cap is lowered (a module constant read at each record) so that a test passes it in a
fraction of a second; the real one is the spec's."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import bridge._runtime._runtime as runtime_module
from bridge import SwanRuntime
from bridge._spec import MAX_RECORDS

CAP = 1000  # the oldest CAP // 10 dropped each time the CAP + 1st arrives

# statSync of a missing file at each call: fast, and each call's parameters are its own.
STATS = """{
const fs = swan.getFileSystemManager(), D = swan.env.USER_DATA_PATH;
for (let i = 0; i < %d; i++) try { fs.statSync(D + '/' + i) } catch (e) {}
}"""


@pytest.fixture
def low_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runtime_module, "MAX_RECORDS", CAP)


def test_the_cap_is_the_specs() -> None:
    assert MAX_RECORDS == 100_000


def test_under_the_cap_every_record_is_kept(low_cap: None) -> None:
    with SwanRuntime() as rt:
        result = rt.run(STATS % CAP)
        assert rt.records_dropped == 0
        assert len(rt.log) == CAP
        assert result.log == rt.log
        assert [e.fields for e in rt.log[:2]] == [
            {"api": "FileSystemManager.statSync", "params": {"path": f"bdfile://usr/{i}"}, "sync": True,
             "errMsg": f"statSync:fail no such file or directory bdfile://usr/{i}"}
            for i in range(2)
        ]
        assert rt.calls("FileSystemManager.statSync") == [{"path": f"bdfile://usr/{i}"} for i in range(CAP)]


def test_past_the_cap_the_oldest_are_dropped(low_cap: None) -> None:
    # 1,500 calls, one record each: dropped 101 at the 1,001st record and at every 101 after it, 505 in all.
    with SwanRuntime() as rt:
        rt.run(STATS % 1500)
        assert rt.records_dropped == 505
        assert [e["params"]["path"] for e in rt.log] == [f"bdfile://usr/{i}" for i in range(505, 1500)]
        assert rt.calls("FileSystemManager.statSync") == [{"path": f"bdfile://usr/{i}"} for i in range(505, 1500)]
        # A later run's result holds its own records only; an API called once still answers.
        result = rt.run("swan.getFileSystemManager().readdirSync(swan.env.USER_DATA_PATH)")
        assert [(e.kind, e["api"], e["errMsg"]) for e in result.log] == [
            ("call", "FileSystemManager.readdirSync", "readdirSync:ok")
        ]
        assert rt.log[-1] == result.log[0]
        assert rt.calls("FileSystemManager.readdirSync") == [{"dirPath": "bdfile://usr"}]


def test_tasks_past_the_cap_still_finish(low_cap: None) -> None:
    # 1,200 asynchronous calls: tasks dropped 101 at a time (202); each kept task has its callbacks.
    with SwanRuntime() as rt:
        result = rt.run("""
        let done = 0;
        for (let i = 0; i < 1200; i++) swan.setStorage({key: 'k', data: i, complete: () => { if (++done === 1200) console.log('done', done) }});
        """)
        assert [m.text for m in result.console] == ["done 1200"]
        assert len(rt.tasks) == 998
        assert [t.id for t in rt.tasks] == [t.id for t in result.tasks]
        assert all(t.api == "setStorage" and t.events == ["success", "complete"] for t in rt.tasks)
        assert len(rt.log) <= CAP
        assert rt.records_dropped + len(rt.log) == 3 * 1200 + 1  # call, success, complete; the console line
        assert rt.log[-1].fields == {"level": "log", "text": "done 1200"}
        assert len(rt.calls("setStorage")) == 998
        assert rt.calls("setStorage")[-1] == {"key": "k", "data": 1199}


MEASURE = r"""
import json, resource, sys
import bridge._runtime._runtime as runtime_module
from bridge import SwanRuntime
runtime_module.MAX_RECORDS = int(sys.argv[1])
loop = "{ const fs = swan.getFileSystemManager(), D = swan.env.USER_DATA_PATH; for (let i = 0; i < %d; i++) fs.statSync(D) }"
with SwanRuntime(memory_limit_mb=32) as rt:
    rt.run(loop % 2000)  # the engine, the shim and the first records' memory in place
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rt.run(loop % 10000)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"kb": after - before, "log": len(rt.log), "dropped": rt.records_dropped}))
"""


def test_host_memory_of_a_runaway_loop_stays_bounded() -> None:
    # 10,000 statSync calls past a cap of 1,000: the records hold at most 1,000 entries of about
    # 0.5 KB, so the host grows by less than 3 MB (uncapped, 10,000 records took about 12 MB, and
    # still 5 MB with the records made smaller).
    out = subprocess.run([sys.executable, "-c", MEASURE, str(CAP)], capture_output=True, text=True, timeout=60, check=True)
    measured = json.loads(out.stdout)
    assert measured["log"] <= CAP
    assert measured["dropped"] + measured["log"] == 12000
    assert measured["kb"] < 3 * 1024, measured
