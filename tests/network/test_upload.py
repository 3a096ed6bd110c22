"""swan.uploadFile: multipart on the wire (checked by the server's parser), progress, statuses."""

from __future__ import annotations

import json

import httpx
import pytest

from bridge import SwanRuntime

from support import lines, sha256

UPLOAD = """
const events = [];
const task = swan.uploadFile({
    url: '%s', filePath: '%s', name: 'myfile',
    header: {'content-type': 'application/json', 'X-Trace': 'abc'},
    formData: {user: 'test', n: 5, flag: true},
    success: res => console.log(JSON.stringify({ok: res, events})),
    fail: err => console.log(JSON.stringify({fail: err, events})),
});
task.onProgressUpdate(p => events.push(p));
"""


def run_upload(rt, url: str, path: str) -> dict:
    result = rt.run(UPLOAD % (url, path))
    assert result.errors == []
    return json.loads(lines(result)[0])


def test_5mb_upload_progress_counts_file_bytes_and_ends_at_100(make_runtime, server, random_file) -> None:
    size = 5 * 1024 * 1024
    image = random_file(size, "big.png")
    rt = make_runtime(choose_images=[image])
    out = run_upload(rt, f"{server.url}/up", rt.chosen_paths[0])
    events = out["events"]
    assert len(events) >= 2
    percents = [e["progress"] for e in events]
    assert all(isinstance(p, int) for p in percents) and percents == sorted(percents)
    assert events[-1] == {"progress": 100, "totalBytesSent": size, "totalBytesExpectedToSend": size}
    reply = json.loads(out["ok"]["data"])
    assert reply["files"]["myfile"] == {
        "filename": "tmp_chosen_0.png", "content_type": "image/png", "size": size, "sha256": sha256(image),
    }
    assert reply["fields"] == {"user": "test", "n": "5", "flag": "true"}
    # The script's content-type header does not change the multipart request; other headers pass.
    assert reply["headers"]["Content-Type"].startswith("multipart/form-data; boundary=")
    assert reply["headers"]["X-Trace"] == "abc"
    assert out["ok"]["statusCode"] == 200 and out["ok"]["errMsg"] == "uploadFile:ok"


@pytest.mark.parametrize("status", [404, 500])
def test_http_error_statuses_reach_success_with_the_body_as_string(make_runtime, server, status: int) -> None:
    rt = make_runtime()
    out = run_upload(rt, f"{server.url}/up?status={status}", rt.chosen_paths[0])
    assert out["ok"]["statusCode"] == status
    assert isinstance(out["ok"]["data"], str) and json.loads(out["ok"]["data"])["fields"]["user"] == "test"


def test_upload_of_a_file_that_does_not_exist_fails(make_runtime, server) -> None:
    out = run_upload(make_runtime(), f"{server.url}/up", "bdfile://tmp_nothing.png")
    assert out["fail"]["errCode"] == 1001
    assert out["fail"]["errMsg"] == "uploadFile:fail file not found: bdfile://tmp_nothing.png"


def test_multipart_request_shape_with_mock_transport(random_file) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        request.read()
        seen.append(request)
        return httpx.Response(201, text="created")

    image = random_file(1000, "a.gif")
    with SwanRuntime(transport=httpx.MockTransport(handler), choose_images=[image]) as rt:
        out = run_upload(rt, "https://example.com/u", rt.chosen_paths[0])
    assert out["ok"] == {"data": "created", "statusCode": 201, "errMsg": "uploadFile:ok"}
    [request] = seen
    body = request.content
    assert request.method == "POST"
    assert b'name="user"\r\n\r\ntest\r\n' in body
    assert b'name="myfile"; filename="tmp_chosen_0.gif"\r\nContent-Type: image/gif\r\n\r\n' in body
    assert image.read_bytes() in body
    assert body.index(b'name="user"') < body.index(b'name="myfile"')


def test_an_async_only_transport_such_as_asgi_works_for_both_transfers(random_file) -> None:
    async def app(scope, receive, send):
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        reply = (b"%d bytes" % len(body)) if scope["method"] == "POST" else b"asgi file"
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": reply})

    image = random_file(5000, "a.png")
    with SwanRuntime(transport=httpx.ASGITransport(app=app), choose_images=[image]) as rt:
        result = rt.run("""
        swan.uploadFile({url: 'https://app.example/u', filePath: 'bdfile://tmp_chosen_0.png', name: 'f',
            success: r => console.log('upload', r.statusCode, r.data.endsWith(' bytes'))});
        swan.downloadFile({url: 'https://app.example/d', success: r => console.log('download', r.statusCode, r.tempFilePath.endsWith('.txt'))});
        """)
        assert sorted(lines(result)) == ["download 200 true", "upload 200 true"]
        path = [t for t in result.tasks if t.api == "downloadFile"][0]
        assert path.ok
