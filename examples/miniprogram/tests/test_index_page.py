"""pages/index/index: the home tab page (list, counter, navigation, polling) and app.js."""

from __future__ import annotations

import pytest

from bridge import SwanRuntime

INDEX = "pages/index/index"
FILES = "pages/files/files"
UPLOAD = "pages/upload/upload"

TAP = {"type": "tap", "timeStamp": 0, "detail": {}, "target": {"id": "", "dataset": {}}, "currentTarget": {"id": "", "dataset": {}}}


def items(*numbers: int) -> list[dict[str, str]]:
    return [{"name": f"Item {n}"} for n in numbers]


def lifecycle(swan: SwanRuntime, since: int = 0) -> list[tuple[str, str, str]]:
    return [(e["target"], e["route"], e["hook"]) for e in swan.log[since:] if e.kind == "lifecycle"]


def set_data(swan: SwanRuntime, route: str, since: int = 0) -> list[dict]:
    return [e["data"] for e in swan.log[since:] if e.kind == "setData" and e["route"] == route]


def callbacks(swan: SwanRuntime, since: int = 0) -> list[tuple[str, str]]:
    return [(e["api"], e["event"]) for e in swan.log[since:] if e.kind == "callback"]


# -- opening the page ------------------------------------------------------------------------------
def test_open_loads_first_five_items(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)

    assert page.data == {
        "items": items(1, 2, 3, 4, 5), "loading": False, "total": 5, "from": "direct", "userName": "游客",
        "showCount": 1, "lastCount": 0, "polls": 0, "polling": False,
    }
    assert swan.calls("setNavigationBarTitle") == [{"title": "首页（5）"}]
    assert swan.page_stack == [INDEX]
    assert swan.errors == []


def test_open_lifecycle_order(swan: SwanRuntime) -> None:
    swan.open_page(INDEX)

    counter = "components/counter/counter"
    assert lifecycle(swan) == [  # the client's order: framework/process_life.md
        ("app", "", "onLaunch"),
        ("app", "", "onShow"),
        ("component", counter, "created"),       # the template places <counter>
        ("component", counter, "attached"),
        ("page", INDEX, "onLoad"),
        ("page", INDEX, "onShow"),
        ("component", counter, "ready"),
        ("page", INDEX, "onReady"),
    ]


def test_on_load_set_data_sequence(swan: SwanRuntime) -> None:
    swan.open_page(INDEX, query={"from": "share"})

    assert set_data(swan, INDEX) == [
        {"from": "share", "userName": "游客"},
        {"loading": True},
        {"items[0]": {"name": "Item 1"}, "total": 1},
        {"items[1]": {"name": "Item 2"}, "total": 2},
        {"items[2]": {"name": "Item 3"}, "total": 3},
        {"items[3]": {"name": "Item 4"}, "total": 4},
        {"items[4]": {"name": "Item 5"}, "total": 5},
        {"loading": False},
        {"showCount": 1},
    ]


@pytest.mark.parametrize(("query", "expected"), [({}, "direct"), ({"from": "share"}, "share")])
def test_from_comes_from_the_query(swan: SwanRuntime, query: dict, expected: str) -> None:
    page = swan.open_page(INDEX, query=query)

    assert page.data["from"] == expected
    assert page.query == query


def test_app_launch_fills_global_data(swan: SwanRuntime) -> None:
    swan.open_page(INDEX, query={"from": "share", "id": "7"})

    assert swan.app.global_data == {
        "apiBase": "https://smartprogram.baidu.com", "userName": None, "launchCount": 1,
        "launchPath": INDEX, "launchQuery": {"from": "share", "id": "7"}, "showCount": 1, "errors": [],
    }


def test_app_launches_once_per_runtime(swan: SwanRuntime) -> None:
    swan.open_page(INDEX)
    swan.open_page(FILES)

    data = swan.app.global_data
    assert (data["launchCount"], data["showCount"], data["launchPath"]) == (1, 1, INDEX)
    assert swan.page_stack == [FILES]


def test_user_name_from_global_data(swan: SwanRuntime) -> None:
    swan.open_page(INDEX)
    swan.run("getApp().globalData.userName = '小明';")

    page = swan.open_page(INDEX)

    assert page.data["userName"] == "小明"


# -- the list: add, reach bottom, pull-down refresh ------------------------------------------------
def test_add_tap_appends_the_next_item(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)

    assert page.call("onAddTap", TAP) == 6
    assert page.call("addItem", "Custom") == 7
    assert page.data["items"] == items(1, 2, 3, 4, 5, 6) + [{"name": "Custom"}]
    assert page.data["total"] == 7


def test_reach_bottom_loads_five_more_until_twenty(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)

    for total in (10, 15, 20):
        assert page.call("onReachBottom") is None
        assert page.data["total"] == total
    assert page.call("onReachBottom") is None
    assert page.call("loadMore") == 0

    assert page.data["items"] == items(*range(1, 21))
    assert page.data["total"] == 20
    assert page.data["loading"] is False


def test_load_more_while_loading_does_nothing(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)
    swan.run("getCurrentPages()[0].setData({loading: true});")
    mark = len(swan.log)

    assert page.call("loadMore") == 0

    assert set_data(swan, INDEX, mark) == []
    assert page.data["total"] == 5


def test_pull_down_refresh_starts_over(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)
    page.call("onReachBottom")
    page.call("onAddTap", TAP)
    assert page.data["total"] == 11
    mark = len(swan.log)

    page.call("onPullDownRefresh")

    assert page.data["items"] == items(1, 2, 3, 4, 5)
    assert page.data["total"] == 5
    assert set_data(swan, INDEX, mark)[0] == {"items": [], "total": 0}
    assert swan.calls("stopPullDownRefresh") == [{}]
    assert callbacks(swan, mark)[-2:] == [("stopPullDownRefresh", "success"), ("stopPullDownRefresh", "complete")]


# -- the counter component on the page -------------------------------------------------------------
def test_counter_change_event_reaches_the_page(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)
    counter = swan.mount_component("components/counter/counter", properties={"start": 4})
    counter.call("increment")
    counter.call("increment")

    for event in counter.events:
        result = page.call("onCounterChange", {"type": event["name"], "detail": event["detail"]})

    assert result == 6
    assert page.data["lastCount"] == 6


def test_tapping_the_counter_shows_its_value_on_the_page(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)
    plus = page.select("counter .counter-btn[type=primary]")
    assert plus.text == "+2"                               # step="{{2}}" from the page's template

    plus.tap()
    plus.tap()

    assert page.select("counter .counter-value").text == "4"
    assert page.select("counter .counter-value").classes == ["counter-value", "counter-even"]
    assert page.select(".tip").text == "计数器最新值：4"     # triggerEvent("change") reached onCounterChange
    assert page.data["lastCount"] == 4


def test_the_list_the_user_sees_follows_the_data(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)
    assert [n.text for n in page.select_all(".list-item")] == [f"{n}. Item {n}" for n in range(1, 6)]

    page.select("button[bindtap=onAddTap]").tap()
    page.reach_bottom()

    assert len(page.select_all(".list-item")) == 11
    assert page.select(".list + .tip").text == "共 11 项"


def test_polling_disables_its_button_while_it_runs(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)
    button = page.select("button[bindtap=startPolling]")
    button.tap()
    assert button.attrs["disabled"] is True and button.text == "开始轮询（0）"
    swan.advance(30_000)
    assert button.text == "开始轮询（1）"
    button.tap()                                           # disabled: nothing happens
    swan.advance(10 * 60 * 1000)
    assert button.attrs["disabled"] is False and button.text == "开始轮询（20）"


# -- navigation ------------------------------------------------------------------------------------
def test_go_to_files_falls_back_to_switch_tab(swan: SwanRuntime) -> None:
    index = swan.open_page(INDEX)
    mark = len(swan.log)

    assert index.call("goToFiles") == "switchTab"

    assert swan.page_stack == [FILES]
    files = swan.current_page
    assert files is not None and files.route == FILES
    assert files.data["from"] == "tab"  # switchTab carries no query
    assert lifecycle(swan, mark) == [
        ("page", INDEX, "onHide"),
        ("page", FILES, "onLoad"),
        ("page", FILES, "onShow"),
        ("page", FILES, "onReady"),
    ]
    assert callbacks(swan, mark) == [
        ("navigateTo", "fail"),
        ("navigateTo", "complete"),
        ("switchTab", "success"),
        ("switchTab", "complete"),
    ]
    assert [c["url"] for c in swan.calls("switchTab")] == ["/pages/files/files"]
    assert swan.errors == []


def test_go_to_files_calls(swan: SwanRuntime) -> None:
    swan.open_page(INDEX).call("goToFiles")

    assert swan.calls("navigateTo") == [{"url": "/pages/files/files?from=index"}]
    assert swan.calls("switchTab") == [{"url": "/pages/files/files"}]


def test_switching_back_to_home_shows_the_kept_page(swan: SwanRuntime) -> None:
    index = swan.open_page(INDEX)
    index.call("goToFiles")
    mark = len(swan.log)

    swan.run("swan.switchTab({url: '/pages/index/index'});")

    assert swan.page_stack == [INDEX]
    assert lifecycle(swan, mark) == [("page", FILES, "onHide"), ("page", INDEX, "onShow")]
    assert index.data["showCount"] == 2
    assert index.data["total"] == 5  # the same page, not loaded again


def test_go_upload_with_a_relative_url(swan: SwanRuntime) -> None:
    index = swan.open_page(INDEX)
    mark = len(swan.log)

    assert index.call("goUpload") is None

    assert swan.page_stack == [INDEX, UPLOAD]
    upload = swan.current_page
    assert upload is not None
    assert upload.query == {"source": "home"}
    assert upload.data["source"] == "home"
    assert lifecycle(swan, mark) == [
        ("page", INDEX, "onHide"),
        ("page", UPLOAD, "onLoad"),
        ("page", UPLOAD, "onShow"),
        ("page", UPLOAD, "onReady"),
    ]
    assert [c["url"] for c in swan.calls("navigateTo")] == ["../upload/upload?source=home"]
    assert callbacks(swan, mark) == [("navigateTo", "success"), ("navigateTo", "complete")]


def test_go_upload_calls(swan: SwanRuntime) -> None:
    swan.open_page(INDEX).call("goUpload")

    assert swan.calls("navigateTo") == [{"url": "../upload/upload?source=home"}]


def test_back_from_upload_shows_home_again(swan: SwanRuntime) -> None:
    index = swan.open_page(INDEX)
    index.call("goUpload")
    mark = len(swan.log)

    swan.run("swan.navigateBack();")

    assert swan.page_stack == [INDEX]
    assert lifecycle(swan, mark) == [("page", UPLOAD, "onUnload"), ("page", INDEX, "onShow")]
    assert index.data["showCount"] == 2


# -- polling on the virtual clock ------------------------------------------------------------------
def test_polling_runs_twenty_ticks_over_ten_minutes(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)
    mark = len(swan.log)

    assert page.call("startPolling") is True
    assert page.call("startPolling") is False
    assert (page.data["polls"], page.data["polling"]) == (0, True)

    swan.advance(29_999)
    assert page.data["polls"] == 0
    swan.advance(1)
    assert page.data["polls"] == 1
    for tick in range(2, 20):
        swan.advance(30_000)
        assert (page.data["polls"], page.data["polling"]) == (tick, True)
    swan.advance(30_000)  # t = 600 s: the 20th tick stops polling
    assert (page.data["polls"], page.data["polling"]) == (20, False)

    swan.advance(600_000)
    assert page.data["polls"] == 20
    assert set_data(swan, INDEX, mark) == (
        [{"polls": 0, "polling": True}] + [{"polls": n} for n in range(1, 21)] + [{"polling": False}]
    )
    assert swan.errors == []


def test_polling_can_start_again_after_it_ended(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)
    page.call("startPolling")
    swan.advance(600_000)

    assert page.call("startPolling") is True
    assert (page.data["polls"], page.data["polling"]) == (0, True)
    swan.advance(60_000)
    assert page.data["polls"] == 2


def test_stop_polling(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)
    page.call("startPolling")
    swan.advance(90_000)
    assert page.data["polls"] == 3

    page.call("stopPolling")
    mark = len(swan.log)
    swan.advance(600_000)

    assert (page.data["polls"], page.data["polling"]) == (3, False)
    page.call("stopPolling")  # not polling: no setData
    assert set_data(swan, INDEX, mark) == []


def test_unload_stops_polling(swan: SwanRuntime) -> None:
    page = swan.open_page(INDEX)
    page.call("startPolling")
    swan.advance(30_000)
    mark = len(swan.log)

    swan.run("swan.reLaunch({url: '/pages/files/files'});")
    swan.advance(600_000)

    assert swan.page_stack == [FILES]
    assert lifecycle(swan, mark)[0] == ("page", INDEX, "onUnload")
    assert set_data(swan, INDEX, mark) == [{"polling": False}]
    assert swan.errors == []
