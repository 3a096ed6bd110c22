"""What many test files share that is not a fixture: the repository's folders, the sample origin,
and small readers of results. (`tests/` is on pytest's `pythonpath`, so any test imports it.)"""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The swan docs' samples, as the tests run them.
DATA = ROOT / "tests" / "data"
#: Small mini-program folders the tests load.
PROJECTS = ROOT / "tests" / "projects"
SAMPLE_ORIGIN = "https://smartprogram.baidu.com/"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lines(result: object) -> list[str]:
    """The console lines of a run."""
    return [m.text for m in result.console]  # type: ignore[attr-defined]


# Logs every callback of a task `t` made by connectSocket, one console line each.
SOCKET_TRACE = """
function trace(t, name) {
  t.onOpen(function (res) { console.log(name + ' onOpen ' + t.readyState + ' ' + (res.header ? 'header' : 'no header')); });
  t.onMessage(function (res) {
    var d = res.data;
    console.log(name + ' onMessage ' + (typeof d === 'string' ? JSON.stringify(d) : 'bytes[' + new Uint8Array(d).join(',') + ']'));
  });
  t.onError(function (res) { console.log(name + ' onError ' + res.errMsg + ' ' + t.readyState); });
  t.onClose(function (res) { console.log(name + ' onClose ' + res.code + ' ' + JSON.stringify(res.reason) + ' ' + t.readyState); });
  return t;
}
function cbs(name) {
  return {
    success: function (res) { console.log(name + ' success ' + JSON.stringify(res)); },
    fail: function (res) { console.log(name + ' fail ' + res.errCode + ' ' + res.errMsg); },
    complete: function () { console.log(name + ' complete'); }
  };
}
function connect(url, name, extra) {
  var o = cbs(name || 'connect');
  o.url = url;
  if (extra) for (var k in extra) o[k] = extra[k];
  return trace(swan.connectSocket(o), name || 'socket');
}
function send(t, data, name) { var o = cbs(name || 'send'); o.data = data; t.send(o); }
function close(t, code, reason, name) {
  var o = cbs(name || 'close');
  if (code !== undefined) o.code = code;
  if (reason !== undefined) o.reason = reason;
  t.close(o);
}
"""
