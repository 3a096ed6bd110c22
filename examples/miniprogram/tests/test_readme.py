"""The four tests that README.md and docs/harness.md show under "Unit-test a mini-program", exactly as shown."""


def test_home_page_lists_five_items(swan):
    page = swan.open_page("pages/index/index")            # as reLaunch: app.js runs first
    assert page.data["total"] == 5
    hooks = [(e["route"], e["hook"]) for e in swan.log
             if e.kind == "lifecycle" and e["target"] == "page"]
    assert hooks[-3:] == [("pages/index/index", "onLoad"), ("pages/index/index", "onShow"),
                          ("pages/index/index", "onReady")]


def test_tapping_add_shows_a_sixth_item(swan):
    page = swan.open_page("pages/index/index")
    page.select("button[bindtap=onAddTap]").tap()          # the user taps "添加一项"
    assert page.select_all(".list-item")[-1].text == "6. Item 6"
    assert page.select(".list + .tip").text == "共 6 项"


def test_deleting_a_file_asks_first(swan):
    files = swan.open_page("pages/files/files")
    saved = files.call("download")                        # real HTTP; returns the Promise's value
    swan.answer("showModal", {"confirm": False, "cancel": True})
    assert files.call("deleteFile") is False
    assert swan.calls("removeSavedFile") == []


def test_polling_stops_after_ten_minutes(swan):
    page = swan.open_page("pages/index/index")
    page.call("startPolling")
    swan.advance(10 * 60 * 1000)                          # timers fire in order, at once
    assert page.data["polls"] == 20 and page.data["polling"] is False
