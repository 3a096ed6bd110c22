"""Buttons with open-type: the client asks through the matching API, answered as that API is
(rt.answer), then the button fires its documented event (tests/view/projects/queries, page
pages/buttons/buttons)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bridge import SwanRuntime

PROJECT = Path(__file__).parent / "projects" / "queries"


@pytest.fixture
def rt() -> Iterator[SwanRuntime]:
    with SwanRuntime(project=PROJECT, clock="virtual") as runtime:
        yield runtime


@pytest.fixture
def page(rt: SwanRuntime) -> Any:
    return rt.open_page("pages/buttons/buttons")


def events(page: Any, name: str) -> list[Any]:
    return [detail for event, detail in page.data["events"] if event == name]


def test_get_user_info_gives_the_scripted_user_after_the_tap(rt: SwanRuntime, page: Any) -> None:
    user = {"nickName": "Eve", "avatarUrl": "https://example.com/eve.png", "gender": 2}
    rt.answer("getUserInfo", {"userInfo": user, "data": "ENC", "iv": "IV"})
    page.select(".user").tap()
    assert [e for e, _ in page.data["events"]] == ["tap", "getuserinfo"]  # the tap handlers first
    assert events(page, "getuserinfo") == [
        {"errMsg": "getUserInfo:ok", "userInfo": user, "data": "ENC", "encryptedData": "ENC", "iv": "IV"}
    ]
    assert rt.calls("getUserInfo") == [{}]


def test_get_user_info_refused_is_auth_deny(rt: SwanRuntime, page: Any) -> None:
    rt.answer("authorize", {"fail": True})  # the user refuses the permission dialog
    page.select(".user").tap()
    assert events(page, "getuserinfo") == [{"errMsg": "getUserInfo:fail auth deny"}]
    assert rt.settings["scope.userInfo"] is False


def test_get_user_info_by_default_is_the_docs_default_user(page: Any) -> None:
    page.select(".user").tap()
    [detail] = events(page, "getuserinfo")
    assert detail["userInfo"]["nickName"] == "百度网友" and detail["errMsg"] == "getUserInfo:ok"


def test_get_phone_number_scripted_and_refused(rt: SwanRuntime, page: Any) -> None:
    rt.answer("getPhoneNumber", {"encryptedData": "PHONE", "iv": "IV"}, {"fail": True})
    page.select(".phone").tap()
    page.select(".phone").tap()
    assert events(page, "getphonenumber") == [
        {"errMsg": "getPhoneNumber:ok", "encryptedData": "PHONE", "iv": "IV"},
        {"errMsg": "getPhoneNumber:fail auth deny"},
    ]
    with pytest.raises(ValueError, match="getPhoneNumber: a success answer takes encryptedData, iv"):
        rt.answer("getPhoneNumber", {"mobile": "15000000000"})


def test_open_setting_reports_the_settings_the_user_left(rt: SwanRuntime, page: Any) -> None:
    rt.answer("openSetting", {"authSetting": {"scope.userLocation": True}})
    page.select(".setting").tap()
    assert events(page, "opensetting") == [{"errMsg": "openSetting:ok", "authSetting": {"scope.userLocation": True}}]


def test_contact_and_choose_address(page: Any) -> None:
    page.select(".contact").tap()
    page.select(".address").tap()
    assert events(page, "contact") == [{"errMsg": "enterContact:ok"}]
    [address] = events(page, "chooseaddress")
    assert address["errMsg"] == "chooseAddress:ok" and address["userName"] == "张三"


def test_share_asks_the_page_then_opens_the_share_panel(rt: SwanRuntime, page: Any) -> None:
    page.select(".share").tap()
    assert page.data["shared"] == {
        "from": "button",
        "target": {"id": "share-btn", "tagName": "button", "offsetLeft": 0, "offsetTop": 0, "dataset": {"sku": "42"}},
    }
    assert rt.calls("openShare") == [{"title": "Tea", "content": "Hot tea", "path": "/pages/buttons/buttons?sku=42"}]
    hooks = [e["hook"] for e in rt.log if e.kind == "lifecycle" and e["target"] == "page"]
    assert hooks[-1] == "onShareAppMessage"


def test_a_disabled_open_type_button_asks_nothing(rt: SwanRuntime, page: Any) -> None:
    page.select(".off").tap()
    assert page.data["events"] == [] and rt.calls("getUserInfo") == []
