"""Parameter checks: a missing or mistyped parameter goes to fail (202) then complete; nothing throws."""

from __future__ import annotations

import json

import pytest

from bridge import SwanRuntime

# For each API: required parameters (with a valid value) and optional ones (with a valid value).
APIS = {
    "uploadFile": ({"url": "https://a.example/u", "filePath": "bdfile://tmp_chosen_0.png", "name": "f"},
                   {"header": {"x": "1"}, "formData": {"a": "b"}}),
    "downloadFile": ({"url": "https://a.example/d"}, {"header": {"x": "1"}, "filePath": "bdfile://usr/a.txt"}),
    "request": ({"url": "https://a.example/r"},
                {"header": {"x": "1"}, "method": "POST", "dataType": "json", "responseType": "text"}),
    "chooseImage": ({}, {"count": 1, "sizeType": ["original"], "sourceType": ["album"]}),
    "saveFile": ({"tempFilePath": "bdfile://tmp_chosen_0.png"}, {}),
    "getSavedFileList": ({}, {}),
    "getSavedFileInfo": ({"filePath": "bdfile://store_0123456789abcdef"}, {}),
    "removeSavedFile": ({"filePath": "bdfile://store_0123456789abcdef"}, {}),
    "getFileInfo": ({"filePath": "bdfile://tmp_chosen_0.png"}, {"digestAlgorithm": "sha1"}),
}
WRONG = {  # a wrong value for each kind of parameter
    "url": [100, True, [], {}, ""], "filePath": [123, ["a"], ""], "name": [5, {}, ""], "tempFilePath": [1, ""],
    "header": ["x", 1, ["a"]], "formData": [1, "a=b", [1]], "count": ["1", []], "sizeType": ["original", [1]],
    "sourceType": [{}, [None]], "digestAlgorithm": [5, "sha256"],
    "method": [1, "FETCH", {}], "dataType": [1, []], "responseType": [True, {}],
    "success": [5, "f", {}], "fail": [1, []], "complete": [True, "x"],
}


def cases() -> list[tuple[str, str, object]]:
    out: list[tuple[str, str, object]] = []
    for api, (required, optional) in APIS.items():
        for name in required:
            out.append((api, f"{name} missing", {k: v for k, v in required.items() if k != name}))
        for name in [*required, *optional, "success", "fail", "complete"]:
            for bad in WRONG[name]:
                out.append((api, f"{name}={bad!r}", {**required, name: bad}))
    return out


CASES = cases()

SCRIPT = """
const cases = %s;
cases.forEach(([api, label, args]) => {
    let thrown = null;
    try {
        swan[api](args);
    } catch (e) { thrown = String(e); }
    if (thrown !== null) console.log('THROWN', api, label, thrown);
});
"""


def test_every_missing_or_mistyped_parameter_fails_with_202_then_completes() -> None:
    assert len(CASES) > 90
    with SwanRuntime(timeout=30) as rt:
        result = rt.run(SCRIPT % json.dumps(CASES))
    assert result.console == [] and result.errors == []
    assert len(result.tasks) == len(CASES)
    for (api, label, _), task in zip(CASES, result.tasks):
        assert task.api == api
        assert task.events == ["fail", "complete"], (api, label, task.events)
        assert task.errCode == 202, (api, label)
        assert task.errMsg.startswith(f"{api}:fail parameter error: "), (api, label, task.errMsg)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("swan.uploadFile({url: 'https://a.example', filePath: 123, name: 'f', fail})",
         "uploadFile:fail parameter error: filePath must be a string, got number"),
        ("swan.uploadFile({url: 100, fail})", "uploadFile:fail parameter error: url must be a string, got number"),
        ("swan.downloadFile({url: 'https://a.example', header: 'x', fail})",
         "downloadFile:fail parameter error: header must be an object, got string"),
        ("swan.uploadFile({url: 'https://a.example', filePath: 'p', name: 5, fail})",
         "uploadFile:fail parameter error: name must be a string, got number"),
        ("swan.uploadFile({url: 'https://a.example', filePath: 'p', name: 'n', formData: 1, fail})",
         "uploadFile:fail parameter error: formData must be an object, got number"),
        ("swan.downloadFile('https://a.example')", None),
        ("swan.downloadFile({get url() { throw new Error('getter') }, fail})",
         "downloadFile:fail parameter error: Error: getter"),
    ],
)
def test_errmsg_names_the_parameter(call: str, message: str | None) -> None:
    with SwanRuntime() as rt:
        result = rt.run("const fail = e => console.log(e.errCode, e.errMsg);\n" + call)
        assert result.errors == []
        if message is None:
            assert result.tasks[0].errMsg == "downloadFile:fail parameter error: object must be an object, got string"
        else:
            assert [m.text for m in result.console] == [f"202 {message}"]
        assert result.tasks[0].events == ["fail", "complete"]
