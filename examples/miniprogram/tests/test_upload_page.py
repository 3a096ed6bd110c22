"""pages/upload/upload: chooseImage -> uploadFile to the (routed) upload URL."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bridge import EmbeddedServer, ScriptError, SwanRuntime

UPLOAD = "pages/upload/upload"
UPLOAD_URL = "https://smartprogram.baidu.com/mappconsole/api/upload"
CHOOSE = {"count": 1, "sizeType": ["compressed"], "sourceType": ["album", "camera"]}
LOADING = {"title": "上传中", "mask": True}
DONE_TOAST = {"title": "上传成功", "icon": "success"}
FAILED_TOAST = {"title": "上传失败", "icon": "none"}


@pytest.fixture
def make_swan(request: pytest.FixtureRequest, swan_project_factory: Callable[..., SwanRuntime]) -> Callable[..., SwanRuntime]:
    """A runtime of this project (the ini's `swan_project`) with options known only at run time."""

    def make(**kwargs: Any) -> SwanRuntime:
        return swan_project_factory(request.config.getini("swan_project"), **kwargs)

    return make


def api_calls(swan: SwanRuntime, since: int = 0) -> list[str]:
    return [e["api"] for e in swan.log[since:] if e.kind == "call"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("query", "expected"), [({}, "direct"), ({"source": "home"}, "home")])
def test_open(swan: SwanRuntime, query: dict, expected: str) -> None:
    page = swan.open_page(UPLOAD, query=query)

    assert page.data == {
        "source": expected, "imagePath": "", "uploading": False, "progress": 0, "sentText": "", "result": None, "error": "",
    }


def test_choose_image(swan: SwanRuntime) -> None:
    page = swan.open_page(UPLOAD)

    path = page.call("chooseImage")

    assert path == swan.chosen_paths[0]
    assert page.data["imagePath"] == path
    assert swan.calls("chooseImage") == [CHOOSE]


def test_upload_chooses_an_image_first(swan: SwanRuntime, swan_server: EmbeddedServer) -> None:
    page = swan.open_page(UPLOAD, query={"source": "home"})
    requests_before = len(swan_server.requests)

    result = page.call("upload")

    image = swan.chosen_paths[0]
    host_image = swan.host_path(image)
    size = host_image.stat().st_size
    name = image.removeprefix("bdfile://")
    assert result["fields"] == {"user": "guest", "source": "home"}
    assert result["files"] == {
        "file": {"filename": name, "content_type": "image/png", "size": size, "sha256": sha256(host_image)},
    }
    assert page.data == {
        "source": "home", "imagePath": image, "uploading": False, "progress": 100,
        "sentText": f"{size} B / {size} B", "result": result, "error": "",
    }
    assert api_calls(swan) == ["chooseImage", "showLoading", "uploadFile", "hideLoading", "showToast"]
    assert swan.calls("chooseImage") == [CHOOSE]
    assert swan.calls("showLoading") == [LOADING]
    assert swan.calls("uploadFile") == [
        {"url": UPLOAD_URL, "filePath": image, "name": "file", "formData": {"user": "guest", "source": "home"}},
    ]
    assert swan.calls("hideLoading") == [{}]
    assert swan.calls("showToast") == [DONE_TOAST]
    assert swan.calls("showModal") == []
    [request] = swan_server.requests[requests_before:]
    assert (request.method, request.path) == ("POST", "/mappconsole/api/upload")
    assert swan.errors == []


def test_upload_set_data_sequence(swan: SwanRuntime) -> None:
    page = swan.open_page(UPLOAD)
    image = page.call("chooseImage")
    mark = len(swan.log)

    result = page.call("upload")

    updates = [e["data"] for e in swan.log[mark:] if e.kind == "setData"]
    assert updates[0] == {"uploading": True, "progress": 0, "sentText": "", "result": None, "error": ""}
    assert updates[-1] == {"uploading": False, "result": result}
    size = swan.host_path(image).stat().st_size
    assert updates[-2] == {"progress": 100, "sentText": f"{size} B / {size} B"}


def test_upload_a_given_file(make_swan: Callable[..., SwanRuntime], tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(bytes(range(256)) * 12)  # 3072 bytes
    swan = make_swan(choose_images=[photo])
    page = swan.open_page(UPLOAD)
    swan.run("getApp().globalData.userName = '小明';")

    result = page.call("upload", page.call("chooseImage"))

    assert result["fields"] == {"user": "小明", "source": "direct"}
    assert result["files"]["file"]["size"] == 3072
    assert result["files"]["file"]["sha256"] == sha256(photo)
    assert result["files"]["file"]["filename"].endswith(".jpg")
    assert page.data["sentText"] == "3.0 KB / 3.0 KB"
    assert swan.calls("chooseImage") == [CHOOSE]  # upload(path) did not choose again


def test_upload_the_chosen_image_without_choosing_again(swan: SwanRuntime) -> None:
    page = swan.open_page(UPLOAD)
    image = page.call("chooseImage")

    page.call("upload", {"type": "tap"})  # the button's tap event is not a path

    assert swan.calls("chooseImage") == [CHOOSE]
    assert swan.calls("uploadFile")[0]["filePath"] == image


def test_upload_server_error(make_swan: Callable[..., SwanRuntime], swan_server: EmbeddedServer) -> None:
    swan = make_swan(routes={UPLOAD_URL: swan_server.url + "/mappconsole/api/upload?status=500"})
    page = swan.open_page(UPLOAD)

    with pytest.raises(ScriptError, match="upload failed: HTTP 500"):
        page.call("upload")

    assert page.data["uploading"] is False
    assert page.data["error"] == "upload failed: HTTP 500"
    assert page.data["result"] is None
    assert api_calls(swan) == ["chooseImage", "showLoading", "uploadFile", "hideLoading", "showModal"]
    assert swan.calls("showModal") == [{"title": "上传失败", "content": "upload failed: HTTP 500", "showCancel": False}]
    assert swan.calls("showToast") == []
    [error] = swan.app.global_data["errors"]
    assert "upload failed: HTTP 500" in error


def test_upload_a_missing_file(swan: SwanRuntime) -> None:
    page = swan.open_page(UPLOAD)

    with pytest.raises(ScriptError, match="upload failed: uploadFile:fail"):
        page.call("upload", "bdfile://nope.png")

    assert page.data["uploading"] is False
    assert page.data["error"].startswith("upload failed: uploadFile:fail")
    assert swan.calls("hideLoading") == [{}]
    assert swan.calls("showToast") == [FAILED_TOAST]
    assert swan.calls("showModal") == []


def test_cancel_upload(swan: SwanRuntime) -> None:
    page = swan.open_page(UPLOAD)
    page.call("chooseImage")
    assert page.call("cancelUpload") is False

    result = swan.run("""
        const page = getCurrentPages()[0];
        page.upload().then(() => console.log('uploaded'), err => console.log('rejected', err.message));
        console.log('cancelled', page.cancelUpload());
    """)

    assert [m.text for m in result.console] == ["cancelled true", "rejected upload failed: uploadFile:fail abort"]
    assert page.data["error"] == "upload failed: uploadFile:fail abort"
    assert page.data["uploading"] is False
    assert swan.calls("hideLoading") == [{}]
    assert swan.calls("showToast") == [FAILED_TOAST]
    assert page.call("cancelUpload") is False


def test_the_user_chooses_then_uploads_with_the_buttons(swan: SwanRuntime, swan_server: EmbeddedServer, button) -> None:
    page = swan.open_page(UPLOAD)
    assert page.select(".tip").text == "还没有选择图片" and page.select("image") is None

    button(page, "选择图片").tap()

    image = swan.chosen_paths[0]
    assert page.select("image.preview").attrs["src"] == image
    requests_before = len(swan_server.requests)

    button(page, "上传").tap()

    size = swan.host_path(image).stat().st_size
    assert [n.text for n in page.select_all(".tip")] == [f"{size} B / {size} B", "上传成功"]
    assert page.select(".error") is None
    [request] = swan_server.requests[requests_before:]
    assert (request.method, request.path) == ("POST", "/mappconsole/api/upload")
    assert swan.calls("uploadFile")[0]["filePath"] == image
