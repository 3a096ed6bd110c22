"""File APIs: saveFile and friends, downloadFile's filePath, the 10 MB store, persistence."""

from __future__ import annotations

import hashlib
import json

from bridge import expected_body

from support import lines

P = "var out = (tag) => ({success: r => console.log(tag, JSON.stringify(r)), fail: e => console.log(tag, 'fail', e.errCode, e.errMsg)});\n"


def outputs(result) -> dict[str, str]:
    return {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in lines(result)}


def test_save_then_list_info_digest_and_remove(make_runtime, server, tmp_path) -> None:
    rt = make_runtime(data_dir=tmp_path / "data")
    result = rt.run(P + """
    swan.downloadFile({url: '%s/doc.pdf?size=3000', success: d => {
        swan.saveFile({tempFilePath: d.tempFilePath, success: s => {
            console.log('saved', JSON.stringify(s));
            swan.getFileInfo({filePath: d.tempFilePath, ...out('temp-after-save')});
            swan.getSavedFileList(out('list'));
            swan.getSavedFileInfo({filePath: s.savedFilePath, ...out('info')});
            swan.getFileInfo({filePath: s.savedFilePath, ...out('md5')});
            swan.getFileInfo({filePath: s.savedFilePath, digestAlgorithm: 'sha1', ...out('sha1')});
            setTimeout(() => swan.removeSavedFile({filePath: s.savedFilePath, success: () => {
                swan.getSavedFileList(out('after-remove'));
                swan.removeSavedFile({filePath: s.savedFilePath, ...out('remove-again')});
            }}), 10);
        }});
    }});
    """ % server.url)
    assert result.errors == []
    o = outputs(result)
    saved = json.loads(o["saved"])
    assert saved["errMsg"] == "saveFile:ok" and saved["savedFilePath"].startswith("bdfile://store_")
    assert saved["savedFilePath"].endswith(".pdf")
    assert o["temp-after-save"].startswith("fail 2001 getFileInfo:fail file not found")
    listing = json.loads(o["list"])["fileList"]
    assert [(f["filePath"], f["size"]) for f in listing] == [(saved["savedFilePath"], 3000)]
    assert isinstance(listing[0]["createTime"], int) and listing[0]["createTime"] > 1_600_000_000
    assert json.loads(o["info"])["size"] == 3000
    body = expected_body(3000)
    assert json.loads(o["md5"])["digest"] == hashlib.md5(body).hexdigest()
    assert json.loads(o["sha1"])["digest"] == hashlib.sha1(body).hexdigest()
    assert json.loads(o["after-remove"])["fileList"] == []
    assert o["remove-again"].startswith("fail 2001 removeSavedFile:fail file not found")


def test_saved_files_persist_in_the_data_dir_between_runtimes(make_runtime, server, tmp_path) -> None:
    data = tmp_path / "data"
    first = make_runtime(data_dir=data)
    first.run("swan.downloadFile({url: '%s/a.txt?size=10', success: d => swan.saveFile({tempFilePath: d.tempFilePath})})" % server.url)
    first.close()
    second = make_runtime(data_dir=data)
    result = second.run(P + "swan.getSavedFileList(out('list'))")
    [entry] = json.loads(outputs(result)["list"])["fileList"]
    assert entry["size"] == 10 and entry["filePath"].endswith(".txt")


def test_store_limit_is_10mb_with_2002(make_runtime, server) -> None:
    rt = make_runtime()
    result = rt.run(P + """
    const six = '%s/f?size=6000000';
    swan.downloadFile({url: six, success: a => swan.saveFile({tempFilePath: a.tempFilePath, success: () =>
        swan.downloadFile({url: six, success: b => swan.saveFile({tempFilePath: b.tempFilePath, ...out('second')})})})});
    """ % server.url)
    assert outputs(result)["second"] == "fail 2002 saveFile:fail saved and user files would exceed 10 MB"


def test_saved_files_and_user_files_share_the_10mb(make_runtime, server) -> None:
    # swan.saveFile and the FileSystemManager count the same store: 9 MB of user files leave
    # room for 1 MB of saved files, and the other way round.
    rt = make_runtime()
    result = rt.run(P + """
    const fs = swan.getFileSystemManager();
    fs.writeFileSync(swan.env.USER_DATA_PATH + '/big.bin', new ArrayBuffer(9 * 1024 * 1024));
    swan.downloadFile({url: '%s/f?size=2000000', success: a => swan.saveFile({tempFilePath: a.tempFilePath, ...out('save'),
      complete: () => { try { fs.writeFileSync(swan.env.USER_DATA_PATH + '/more.bin', new ArrayBuffer(2 * 1024 * 1024)); }
                        catch (e) { console.log('write', e.errCode, e.message); } }})});
    """ % server.url)
    assert outputs(result)["save"] == "fail 2002 saveFile:fail saved and user files would exceed 10 MB"
    assert "write 2002 writeFileSync:fail the maximum size of the file storage limit is exceeded" in [m.text for m in result.console]


def test_download_to_a_user_data_path(make_runtime, server) -> None:
    rt = make_runtime()
    result = rt.run(P + """
    swan.downloadFile({url: '%s/x?size=5000', filePath: swan.env.USER_DATA_PATH + '/reports/today.bin', ...out('dl')});
    """ % server.url)
    o = json.loads(outputs(result)["dl"])
    assert o == {"filePath": "bdfile://usr/reports/today.bin", "statusCode": 200, "errMsg": "downloadFile:ok"}
    assert rt.host_path("bdfile://usr/reports/today.bin").read_bytes() == expected_body(5000)
    again = rt.run(P + "swan.getFileInfo({filePath: 'bdfile://usr/reports/today.bin', ...out('info')})")
    assert json.loads(outputs(again)["info"])["size"] == 5000


def test_save_of_a_chosen_image_copies_it_and_leaves_the_original(make_runtime, random_file) -> None:
    image = random_file(2000, "me.jpg")
    rt = make_runtime(choose_images=[image])
    result = rt.run(P + "swan.saveFile({tempFilePath: 'bdfile://tmp_chosen_0.jpg', ...out('save')})")
    assert json.loads(outputs(result)["save"])["savedFilePath"].endswith(".jpg")
    assert image.exists() and image.stat().st_size == 2000


def test_file_error_codes(make_runtime) -> None:
    rt = make_runtime()
    result = rt.run(P + """
    swan.saveFile({tempFilePath: 'bdfile://usr/x', ...out('save-not-temp')});
    swan.saveFile({tempFilePath: 'bdfile://tmp_missing', ...out('save-missing')});
    swan.getSavedFileInfo({filePath: 'bdfile://store_nothex', ...out('info-bad')});
    swan.getSavedFileInfo({filePath: 'bdfile://store_0123456789abcdef', ...out('info-missing')});
    swan.removeSavedFile({filePath: '/etc/passwd', ...out('remove-outside')});
    swan.getFileInfo({filePath: 'bdfile://tmp_chosen_0.png', digestAlgorithm: 'sha256', ...out('digest')});
    """)
    o = outputs(result)
    assert o["save-not-temp"].startswith("fail 2000 saveFile:fail")
    assert o["save-missing"].startswith("fail 2001 saveFile:fail file not found")
    assert o["info-bad"].startswith("fail 2000 getSavedFileInfo:fail invalid file path")
    assert o["info-missing"].startswith("fail 2001 getSavedFileInfo:fail file not found")
    assert o["remove-outside"].startswith("fail 2000 removeSavedFile:fail invalid file path")
    assert o["digest"] == "fail 202 getFileInfo:fail parameter error: digestAlgorithm must be 'md5' or 'sha1'"


def test_remove_that_fails_gives_2004(make_runtime, server, tmp_path, monkeypatch) -> None:
    import pathlib

    rt = make_runtime(data_dir=tmp_path / "d")
    rt.run("swan.downloadFile({url: '%s/a?size=1', success: d => swan.saveFile({tempFilePath: d.tempFilePath})})" % server.url)

    def refuse(self, missing_ok=False):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(pathlib.Path, "unlink", refuse)
    result = rt.run(P + "swan.getSavedFileList({success: l => swan.removeSavedFile({filePath: l.fileList[0].filePath, ...out('rm')})})")
    assert outputs(result)["rm"] == "fail 2004 removeSavedFile:fail could not delete: Permission denied"
