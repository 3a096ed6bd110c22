"""pages/files/files: downloadFile -> saveFile -> showModal -> removeSavedFile."""

from __future__ import annotations

import pytest

from bridge import EmbeddedServer, ScriptError, SwanRuntime, expected_body

FILES = "pages/files/files"
SAMPLE_PDF = "https://smartprogram.baidu.com/docs/img/file-simple.pdf"
MODAL = {"title": "删除文件", "content": "确定删除已保存的文件吗？", "confirmText": "删除"}
SAVED_TOAST = {"title": "保存成功", "icon": "success"}
FAILED_TOAST = {"title": "下载失败", "icon": "none"}
DELETED_TOAST = {"title": "已删除", "icon": "none"}


def api_calls(swan: SwanRuntime, since: int = 0) -> list[str]:
    return [e["api"] for e in swan.log[since:] if e.kind == "call"]


@pytest.mark.parametrize(("query", "expected"), [({}, "tab"), ({"from": "index"}, "index")])
def test_open(swan: SwanRuntime, query: dict, expected: str) -> None:
    page = swan.open_page(FILES, query=query)

    assert page.data == {"from": expected, "downloading": False, "progress": 0, "sizeText": "", "savedFilePath": "", "error": ""}


# -- download ---------------------------------------------------------------------------------------
def test_download_saves_the_sample_pdf(swan: SwanRuntime, swan_server: EmbeddedServer) -> None:
    page = swan.open_page(FILES)
    requests_before = len(swan_server.requests)

    path = page.call("download")

    assert isinstance(path, str) and path.startswith("bdfile://")
    assert page.data == {
        "from": "tab", "downloading": False, "progress": 100, "sizeText": "64.0 KB / 64.0 KB",
        "savedFilePath": path, "error": "",
    }
    assert swan.host_path(path).read_bytes() == expected_body(65536)
    assert swan.calls("downloadFile") == [{"url": SAMPLE_PDF, "header": {"Cache-Control": "no-cache"}}]
    [save] = swan.calls("saveFile")
    assert save["tempFilePath"].startswith("bdfile://") and save["tempFilePath"] != path
    assert swan.calls("showToast") == [SAVED_TOAST]
    assert api_calls(swan) == ["downloadFile", "saveFile", "showToast"]
    [request] = swan_server.requests[requests_before:]
    assert (request.method, request.path) == ("GET", "/docs/img/file-simple.pdf")
    assert request.headers["Cache-Control"] == "no-cache"
    assert swan.errors == []


def test_download_progress_data(swan: SwanRuntime) -> None:
    page = swan.open_page(FILES)
    mark = len(swan.log)

    page.call("download")

    updates = [e["data"] for e in swan.log[mark:] if e.kind == "setData"]
    assert updates[0] == {"downloading": True, "progress": 0, "sizeText": "", "error": ""}
    progress = [u["progress"] for u in updates if "progress" in u][1:]
    assert progress and progress == sorted(progress) and progress[-1] == 100
    assert updates[-2] == {"progress": 100, "sizeText": "64.0 KB / 64.0 KB"}
    assert updates[-1] == {"downloading": False, "savedFilePath": page.data["savedFilePath"]}


@pytest.mark.parametrize(("size", "size_text"), [(512, "512 B / 512 B"), (1536, "1.5 KB / 1.5 KB"), (1048576, "1.0 MB / 1.0 MB")])
def test_download_a_given_url(swan: SwanRuntime, size: int, size_text: str) -> None:
    page = swan.open_page(FILES)
    url = f"https://cdn.example.com/report.bin?size={size}"

    path = page.call("download", url)

    assert swan.host_path(path).read_bytes() == expected_body(size)
    assert page.data["sizeText"] == size_text
    assert swan.calls("downloadFile") == [{"url": url, "header": {"Cache-Control": "no-cache"}}]


def test_download_tap_event_uses_the_sample_pdf(swan: SwanRuntime) -> None:
    page = swan.open_page(FILES)

    page.call("download", {"type": "tap", "detail": {}})

    assert swan.calls("downloadFile")[0]["url"] == SAMPLE_PDF


def test_download_http_error(swan: SwanRuntime) -> None:
    page = swan.open_page(FILES)

    with pytest.raises(ScriptError, match="download failed: HTTP 404"):
        page.call("download", "https://cdn.example.com/missing.pdf?status=404&size=10")

    assert page.data["downloading"] is False
    assert page.data["error"] == "download failed: HTTP 404"
    assert page.data["savedFilePath"] == ""
    assert swan.calls("saveFile") == []
    assert swan.calls("showToast") == [FAILED_TOAST]
    # the rejected promise of a handler reaches App.onError
    [error] = swan.app.global_data["errors"]
    assert "download failed: HTTP 404" in error


def test_cancel_download(swan: SwanRuntime) -> None:
    page = swan.open_page(FILES)
    assert page.call("cancelDownload") is False

    result = swan.run("""
        const page = getCurrentPages()[0];
        page.download().then(path => console.log('saved', path), err => console.log('rejected', err.message));
        console.log('cancelled', page.cancelDownload());
    """)

    assert [m.text for m in result.console] == ["cancelled true", "rejected download failed: downloadFile:fail abort"]
    assert page.data["error"] == "download failed: downloadFile:fail abort"
    assert page.data["downloading"] is False
    assert swan.calls("saveFile") == []
    assert swan.calls("showToast") == [FAILED_TOAST]
    assert page.call("cancelDownload") is False


# -- delete -----------------------------------------------------------------------------------------
def test_delete_confirmed(swan: SwanRuntime) -> None:
    page = swan.open_page(FILES)
    path = page.call("download")
    host_file = swan.host_path(path)
    mark = len(swan.log)

    assert page.call("deleteFile") is True

    assert page.data["savedFilePath"] == ""
    assert not host_file.exists()
    assert api_calls(swan, mark) == ["showModal", "removeSavedFile", "showToast"]
    assert swan.calls("showModal") == [MODAL]
    assert swan.calls("removeSavedFile") == [{"filePath": path}]
    assert swan.calls("showToast") == [SAVED_TOAST, DELETED_TOAST]


def test_delete_cancelled(swan: SwanRuntime) -> None:
    page = swan.open_page(FILES)
    path = page.call("download")
    swan.answer("showModal", {"confirm": False, "cancel": True})

    assert page.call("deleteFile") is False

    assert page.data["savedFilePath"] == path
    assert swan.host_path(path).read_bytes() == expected_body(65536)
    assert swan.calls("showModal") == [MODAL]
    assert swan.calls("removeSavedFile") == []
    assert swan.calls("showToast") == [SAVED_TOAST]


def test_delete_cancelled_then_confirmed(swan: SwanRuntime) -> None:
    page = swan.open_page(FILES)
    page.call("download")
    swan.answer("showModal", {"confirm": False, "cancel": True}, {"confirm": True, "cancel": False})

    assert [page.call("deleteFile"), page.call("deleteFile")] == [False, True]
    assert swan.calls("showModal") == [MODAL, MODAL]
    assert page.data["savedFilePath"] == ""


def test_delete_with_nothing_saved(swan: SwanRuntime) -> None:
    page = swan.open_page(FILES)

    assert page.call("deleteFile") is False
    assert page.call("deleteFile", {"type": "tap"}) is False

    assert swan.calls("showModal") == []
    assert swan.calls("removeSavedFile") == []


def test_delete_another_file_keeps_saved_path(swan: SwanRuntime) -> None:
    page = swan.open_page(FILES)
    first = page.call("download", "https://cdn.example.com/a.pdf?size=100")
    second = page.call("download", "https://cdn.example.com/b.pdf?size=200")
    assert page.data["savedFilePath"] == second

    assert page.call("deleteFile", first) is True

    assert page.data["savedFilePath"] == second
    assert swan.calls("removeSavedFile") == [{"filePath": first}]
    assert swan.host_path(second).read_bytes() == expected_body(200)


def test_delete_a_missing_file_fails(swan: SwanRuntime) -> None:
    page = swan.open_page(FILES)
    path = page.call("download")
    page.call("deleteFile")

    with pytest.raises(ScriptError, match="remove failed: removeSavedFile:fail"):
        page.call("deleteFile", path)

    assert swan.calls("showToast")[-1] == {"title": "删除失败", "icon": "none"}
    assert swan.calls("removeSavedFile") == [{"filePath": path}, {"filePath": path}]


def test_delete_when_the_modal_fails(swan: SwanRuntime) -> None:
    page = swan.open_page(FILES)
    page.call("download")
    swan.answer("showModal", {"fail": True})

    with pytest.raises(ScriptError, match="showModal failed: showModal:fail"):
        page.call("deleteFile")

    assert swan.calls("removeSavedFile") == []


def test_the_user_downloads_then_deletes_the_file_with_the_buttons(swan: SwanRuntime, button) -> None:
    page = swan.open_page(FILES)
    assert button(page, "删除文件").attrs["disabled"] is True  # nothing saved yet

    button(page, "下载并保存").tap()

    path = page.data["savedFilePath"]
    assert [n.text for n in page.select_all(".tip")] == ["64.0 KB / 64.0 KB", f"已保存到：{path}"]
    assert page.select("progress").attrs["percent"] == 100
    assert button(page, "删除文件").attrs["disabled"] is False

    button(page, "删除文件").tap()  # the modal's scripted answer: confirm

    assert swan.calls("showModal") == [MODAL]
    assert [n.text for n in page.select_all(".tip")] == ["64.0 KB / 64.0 KB"]
    assert button(page, "删除文件").attrs["disabled"] is True
    with pytest.raises(FileNotFoundError):
        swan.host_path(path)
