"""App services: tab bar, page events, identity and permissions, location, payment,
app show / hide and the app event listeners, the content APIs (previewImage, setPageInfo and the
older SEO calls, navigateTo/BackSmartProgram, openShare, reportAnalytics), swan.canIUse.

The fixture project is written here (`svc`): three tab pages (home, orders, me), a detail page
that is not a tab page, a page with pull-down refresh turned off by its own .json, and an
article page that sets its page info in onShow (the docs' sample); `bare` is an app without a
tab bar. Every page mixes in utils/base.js, whose `api(name, args)` calls
swan[name] and resolves to {ok, res} when its callback ran. Lifecycle assertions compare exact
(target, route, hook) sequences taken from `rt.log`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import PROJECTS

from bridge import ScriptError, SwanRuntime

HOME, ORDERS, ME, DETAIL, FLAT = "pages/home/home", "pages/orders/orders", "pages/me/me", "pages/detail/detail", "pages/flat/flat"
ARTICLE = "pages/article/article"

BASE_JS = """
module.exports = {
    api(name, args) {
        return new Promise(resolve => {
            const o = Object.assign({}, args || {});
            o.success = res => resolve({ok: true, res});
            o.fail = res => resolve({ok: false, res});
            swan[name](o);
        });
    },
    sync(name, ...args) {
        const r = swan[name](...args);
        return r instanceof Error ? {error: r.message} : r;
    },
    canIUse(schema) { return swan.canIUse(schema); },
    callbackIsAsync() {
        let ran = false;
        swan.getSetting({complete: () => { ran = true; }});
        return !ran;
    },
    onPullDownRefresh() { this.setData('refreshes', (this.data.refreshes || 0) + 1); },
    onReachBottom() { this.setData('bottoms', (this.data.bottoms || 0) + 1); },
    onPageScroll(e) { this.setData('scrolls', (this.data.scrolls || []).concat([e.scrollTop])); },
    onTabItemTap(item) { this.setData('tabTaps', (this.data.tabTaps || []).concat([item])); },
    onItemTap(e) { this.setData('lastTap', e); return e.currentTarget.dataset.id; },
    throwInTimer() { setTimeout(() => { throw new Error('boom'); }, 0); },
    offNotFound() { swan.offPageNotFound(); },
    completeIsAsync(name, args) {
        let ran = false;
        swan[name](Object.assign({}, args, {complete: () => { ran = true; }}));
        return !ran;
    },
    // open/share_swan-openShare.md, sample 1: a toast when the user shared.
    share() {
        swan.openShare({
            title: '智能小程序示例', content: '世界很复杂，百度更懂你', path: '/pages/openShare/openShare?key=value',
            imageUrl: 'https://smartprogram.baidu.com/docs/img/logo_new.png',
            success: res => { swan.showToast({title: '分享成功'}); },
            fail: err => { this.setData('shareFailed', err); }
        });
    },
    report(...args) { return swan.reportAnalytics(...args) === undefined; },
    goThenTitle(url, title) { swan.navigateTo({url}); swan.setDocumentTitle({title}); }
};
"""

APP_JS = """
App({
    globalData: {events: []},
    onLaunch(options) {
        const events = this.globalData.events;
        swan.onAppShow(res => events.push('listener show ' + res.scene));
        swan.onAppHide(() => events.push('listener hide'));
        swan.onPageNotFound(res => events.push('listener notFound ' + res.path + ' ' + res.isEntryPage));
        swan.onError(msg => events.push('listener error ' + String(msg).split('\\n')[0]));
    },
    onShow(options) { this.globalData.events.push('App.onShow ' + options.scene + ' ' + options.path); },
    onHide() { this.globalData.events.push('App.onHide'); },
    onError(msg) { this.globalData.events.push('App.onError ' + String(msg).split('\\n')[0]); },
    onPageNotFound(res) { this.globalData.events.push('App.onPageNotFound ' + res.path); }
});
"""

PAGE_JS = "const base = require('../../utils/base.js');\nPage(Object.assign({data: {}}, base));\n"

# open/swan-setPageInfo.md, sample 2: the id comes in onLoad, the info is set in onShow.
ARTICLE_JS = """
const base = require('../../utils/base.js');
Page(Object.assign({}, base, {
    data: {},
    onLoad(query) { this.setData({articleID: query.id}); },
    onShow() {
        const id = this.getData('articleID');
        swan.setPageInfo({
            title: '文章 ' + id, keywords: '百度,小程序', description: '第 ' + id + ' 篇文章',
            articleTitle: '晒元宵节活动红包，爱奇艺年卡等你拿', releaseDate: '2019-01-02 12:01:30',
            image: ['https://b.bdstatic.com/a' + id + '.png'],
            success: () => this.setData('infoSet', true)
        });
    }
}));
"""

ORDER = {
    "dealId": "470193086", "appKey": "MMMabc", "totalAmount": "1", "tpOrderId": "3028903626",
    "dealTitle": "智能小程序Demo支付测试", "signFieldsRange": "1", "rsaSign": "c2lnbg==", "bizInfo": '{"tpData": {}}',
}


def write_project(root: Path, *, tab_bar: bool) -> Path:
    pages = [HOME, ORDERS, ME, DETAIL, FLAT, ARTICLE]
    app: dict[str, Any] = {"pages": pages, "window": {"enablePullDownRefresh": True}}
    if tab_bar:
        app["tabBar"] = {
            "color": "#666666", "selectedColor": "#3c76ff", "backgroundColor": "#ffffff", "borderStyle": "black",
            "list": [{"pagePath": HOME, "text": "首页"}, {"pagePath": ORDERS, "text": "订单"}, {"pagePath": ME, "text": "我的"}],
        }
    root.mkdir(parents=True)
    (root / "app.json").write_text(json.dumps(app, ensure_ascii=False), encoding="utf-8")
    (root / "app.js").write_text(APP_JS, encoding="utf-8")
    (root / "utils").mkdir()
    (root / "utils" / "base.js").write_text(BASE_JS, encoding="utf-8")
    for page in pages:
        (root / page).parent.mkdir(parents=True)
        (root / f"{page}.js").write_text(PAGE_JS, encoding="utf-8")
    (root / f"{FLAT}.json").write_text('{"enablePullDownRefresh": false}', encoding="utf-8")
    (root / f"{ARTICLE}.js").write_text(ARTICLE_JS, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("services")
    return {"svc": write_project(base / "svc", tab_bar=True), "bare": write_project(base / "bare", tab_bar=False)}


@pytest.fixture
def rt(projects: dict[str, Path]) -> Iterator[SwanRuntime]:
    with SwanRuntime(project=projects["svc"], clock="virtual") as runtime:
        yield runtime


def api(rt: SwanRuntime, name: str, args: dict[str, Any] | None = None) -> dict[str, Any]:
    page = rt.current_page
    assert page is not None
    result: dict[str, Any] = page.call("api", name, args or {})
    return result


def ok(rt: SwanRuntime, name: str, args: dict[str, Any] | None = None) -> dict[str, Any]:
    result = api(rt, name, args)
    assert result["ok"], result
    assert result["res"]["errMsg"] == f"{name}:ok"
    res: dict[str, Any] = result["res"]
    return res


def fails(rt: SwanRuntime, name: str, args: dict[str, Any] | None = None) -> tuple[int, str]:
    result = api(rt, name, args)
    assert not result["ok"], result
    return result["res"]["errCode"], result["res"]["errMsg"]


def hooks(rt: SwanRuntime, since: int = 0) -> list[tuple[str, str, str]]:
    return [(e["target"], e["route"], e["hook"]) for e in rt.log[since:] if e.kind == "lifecycle"]


def trail(rt: SwanRuntime, since: int = 0) -> list[tuple[str, ...]]:
    """The calls, their callbacks and the lifecycle hooks since `since`, in order."""
    out: list[tuple[str, ...]] = []
    for e in rt.log[since:]:
        if e.kind == "call":
            out.append(("call", e["api"]))
        elif e.kind == "callback":
            out.append((e["api"], e["event"]))
        elif e.kind == "lifecycle":
            out.append((e["target"], e["route"], e["hook"]))
    return out


def events(rt: SwanRuntime) -> list[str]:
    data = rt.app.global_data
    assert isinstance(data, dict)
    return list(data["events"])


# ------------------------------------------------------------------------------------------------
# Tab bar
# ------------------------------------------------------------------------------------------------
class TestTabBar:
    def test_the_state_comes_from_app_json(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        assert rt.tab_bar == {
            "color": "#666666", "selectedColor": "#3c76ff", "backgroundColor": "#ffffff", "borderStyle": "black",
            "visible": True, "selectedIndex": 0,
            "list": [
                {"pagePath": p, "text": t, "iconPath": "", "selectedIconPath": "", "badge": None, "redDot": False}
                for p, t in ((HOME, "首页"), (ORDERS, "订单"), (ME, "我的"))
            ],
        }

    def test_an_app_without_a_tab_bar_has_none(self, projects: dict[str, Path]) -> None:
        with SwanRuntime(project=projects["bare"], clock="virtual") as rt:
            rt.open_page(HOME)
            assert rt.tab_bar is None

    def test_badge_red_dot_item_style_and_visibility(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        ok(rt, "setTabBarBadge", {"index": 1, "text": "3"})
        ok(rt, "showTabBarRedDot", {"index": 2})
        ok(rt, "setTabBarItem", {"index": 0, "text": "主页", "iconPath": "/images/home.png"})
        ok(rt, "setTabBarStyle", {"color": "#38f", "borderStyle": "white"})
        ok(rt, "hideTabBar", {"animation": True})
        bar = rt.tab_bar
        assert bar is not None
        assert [(i["text"], i["badge"], i["redDot"]) for i in bar["list"]] == [("主页", None, False), ("订单", "3", False), ("我的", None, True)]
        assert bar["list"][0]["iconPath"] == "/images/home.png"
        assert (bar["color"], bar["selectedColor"], bar["borderStyle"], bar["visible"]) == ("#38f", "#3c76ff", "white", False)
        ok(rt, "removeTabBarBadge", {"index": 1})
        ok(rt, "hideTabBarRedDot", {"index": 2})
        ok(rt, "showTabBar")
        bar = rt.tab_bar
        assert bar is not None
        assert [(i["badge"], i["redDot"]) for i in bar["list"]] == [(None, False)] * 3
        assert bar["visible"] is True
        assert [c["index"] for c in rt.calls("setTabBarBadge")] == [1]

    @pytest.mark.parametrize(("name", "args", "message"), [
        ("setTabBarBadge", {"index": 3, "text": "1"}, "parameter error: index must be an integer from 0 to 2, got 3"),
        ("setTabBarBadge", {"index": -1, "text": "1"}, "parameter error: index must be an integer from 0 to 2, got -1"),
        ("removeTabBarBadge", {"index": 1.5}, "parameter error: index must be an integer from 0 to 2, got 1.5"),
        ("setTabBarBadge", {"index": 0}, "parameter error: text is required"),
        ("showTabBarRedDot", {"index": "0"}, "parameter error: index must be a number, got string"),
        ("setTabBarStyle", {"color": "red"}, "parameter error: color must be a hex color (#rgb or #rrggbb), got red"),
        ("setTabBarStyle", {"borderStyle": "grey"}, "parameter error: borderStyle must be one of black, white, got grey"),
    ])
    def test_bad_params_fail_with_202(self, rt: SwanRuntime, name: str, args: dict[str, Any], message: str) -> None:
        rt.open_page(HOME)
        assert fails(rt, name, args) == (202, f"{name}:fail {message}")
        bar = rt.tab_bar
        assert bar is not None and bar["list"][0]["badge"] is None

    @pytest.mark.parametrize("name", ["setTabBarBadge", "removeTabBarBadge", "showTabBarRedDot", "hideTabBarRedDot",
                                      "setTabBarItem", "setTabBarStyle", "showTabBar", "hideTabBar"])
    def test_an_app_without_a_tab_bar_fails_with_1001(self, projects: dict[str, Path], name: str) -> None:
        with SwanRuntime(project=projects["bare"], clock="virtual") as rt:
            rt.open_page(HOME)
            assert fails(rt, name, {"index": 0, "text": "1"}) == (1001, f"{name}:fail 当前页面不含tabbar")
            assert len(rt.calls(name)) == 1

    def test_a_page_that_is_not_a_tab_page_fails_with_1001(self, rt: SwanRuntime) -> None:
        rt.open_page(DETAIL)
        assert fails(rt, "setTabBarBadge", {"index": 0, "text": "1"}) == (1001, "setTabBarBadge:fail 当前页面不含tabbar")
        bar = rt.tab_bar
        assert bar is not None and bar["selectedIndex"] == -1

    def test_tapping_another_tab_switches_then_calls_on_tab_item_tap(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        mark = len(rt.log)
        rt.tap_tab(1)
        assert hooks(rt, mark) == [
            ("page", HOME, "onHide"), ("page", ORDERS, "onLoad"), ("page", ORDERS, "onShow"), ("page", ORDERS, "onReady"),
            ("page", ORDERS, "onTabItemTap"),
        ]
        page = rt.current_page
        assert page is not None and page.route == ORDERS
        assert page.data["tabTaps"] == [{"index": 1, "pagePath": ORDERS, "text": "订单"}]
        assert rt.calls("switchTab") == []  # a tap is not an API call
        bar = rt.tab_bar
        assert bar is not None and bar["selectedIndex"] == 1

    def test_tapping_the_current_tab_only_calls_on_tab_item_tap(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        mark = len(rt.log)
        rt.tap_tab(0)
        assert hooks(rt, mark) == [("page", HOME, "onTabItemTap")]

    def test_tapping_back_to_a_kept_tab_shows_it(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        rt.tap_tab(1)
        mark = len(rt.log)
        rt.tap_tab(0)
        assert hooks(rt, mark) == [("page", ORDERS, "onHide"), ("page", HOME, "onShow"), ("page", HOME, "onTabItemTap")]

    def test_no_tap_where_no_tab_bar_is_shown(self, rt: SwanRuntime, projects: dict[str, Path]) -> None:
        rt.open_page(DETAIL)
        with pytest.raises(ValueError, match="the tab bar is not shown on pages/detail/detail"):
            rt.tap_tab(0)
        rt.open_page(HOME)
        with pytest.raises(ValueError, match="tab index must be from 0 to 2, got 3"):
            rt.tap_tab(3)
        ok(rt, "hideTabBar")
        with pytest.raises(ValueError, match="the tab bar is hidden"):
            rt.tap_tab(1)
        with SwanRuntime(project=projects["bare"], clock="virtual") as bare:
            bare.open_page(HOME)
            with pytest.raises(ValueError, match="this app has no tab bar"):
                bare.tap_tab(0)


# ------------------------------------------------------------------------------------------------
# Page events
# ------------------------------------------------------------------------------------------------
class TestPageEvents:
    def test_pull_down_refresh_runs_the_hook_until_stopped(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME)
        mark = len(rt.log)
        page.pull_down_refresh()
        assert hooks(rt, mark) == [("page", HOME, "onPullDownRefresh")]
        assert page.data["refreshes"] == 1
        assert page.refreshing is True
        page.pull_down_refresh()  # still refreshing: no second event
        assert page.data["refreshes"] == 1
        ok(rt, "stopPullDownRefresh")
        assert page.refreshing is False
        page.pull_down_refresh()
        assert page.data["refreshes"] == 2

    def test_a_page_whose_json_turns_it_off_cannot_be_pulled(self, rt: SwanRuntime) -> None:
        page = rt.open_page(FLAT)
        with pytest.raises(ValueError, match='pull-down refresh is not enabled on pages/flat/flat: set "enablePullDownRefresh"'):
            page.pull_down_refresh()
        assert "refreshes" not in page.data

    def test_start_pull_down_refresh_works_as_a_pull_even_where_it_is_off(self, rt: SwanRuntime) -> None:
        page = rt.open_page(FLAT)
        ok(rt, "startPullDownRefresh")
        assert page.data["refreshes"] == 1
        assert page.refreshing is True
        ok(rt, "stopPullDownRefresh")
        assert page.refreshing is False

    def test_reach_bottom_and_scroll(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME)
        mark = len(rt.log)
        page.reach_bottom()
        page.scroll_to(120)
        page.scroll_to(0.5)
        ok(rt, "pageScrollTo", {"scrollTop": 300, "duration": 0})
        assert hooks(rt, mark) == [("page", HOME, "onReachBottom")] + [("page", HOME, "onPageScroll")] * 3
        assert page.data["bottoms"] == 1
        assert page.data["scrolls"] == [120, 0.5, 300]

    def test_reach_bottom_on_a_page_without_the_hook_says_so(self) -> None:
        with SwanRuntime(project=PROJECTS / "news", clock="virtual") as news:
            page = news.open_page("pages/feed/feed")
            with pytest.raises(ValueError, match="pages/feed/feed has no onReachBottom: scrolling to the bottom does nothing there"):
                page.reach_bottom()

    def test_query_values_reach_onload_as_strings_as_from_a_url(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME, {"goods_id": 7, "price": 1.5, "vip": True, "name": "茶"})
        assert page.query == {"goods_id": "7", "price": "1.5", "vip": "true", "name": "茶"}
        with pytest.raises(TypeError, match="query values are strings or numbers"):
            rt.open_page(HOME, {"ids": [1, 2]})

    def test_tap_hands_the_handler_a_client_shaped_event(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME)
        assert page.tap("onItemTap", dataset={"id": 7, "name": "tea"}, id="item-7") == 7
        event = page.data["lastTap"]
        assert isinstance(event.pop("timeStamp"), int)
        element = {"id": "item-7", "offsetLeft": 0, "offsetTop": 0, "dataset": {"id": 7, "name": "tea"}}
        touch = {"clientX": 0, "clientY": 0, "pageX": 0, "pageY": 0, "identifier": 0}
        assert event == {"type": "tap", "target": element, "currentTarget": element, "detail": {"x": 0, "y": 0},
                         "touches": [touch], "changedTouches": [touch]}
        page.tap("onItemTap", {"value": "a"}, {"id": 1})
        assert page.data["lastTap"]["detail"] == {"value": "a"}

    def test_tap_on_a_missing_handler_is_a_value_error(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME)
        with pytest.raises(ValueError, match='has no method "nope"'):
            page.tap("nope")

    @pytest.mark.parametrize("name", ["constructor", "toString", "hasOwnProperty", "__proto__"])
    def test_what_every_object_has_is_no_method_of_the_page(self, rt: SwanRuntime, name: str) -> None:
        page = rt.open_page(HOME)
        with pytest.raises(ValueError, match=f'has no method "{name}"'):
            page.call(name)

    def test_only_the_page_on_top_gets_user_events(self, rt: SwanRuntime) -> None:
        home = rt.open_page(DETAIL)
        ok(rt, "navigateTo", {"url": "/" + FLAT})
        for action in (home.reach_bottom, home.pull_down_refresh, lambda: home.scroll_to(1)):
            with pytest.raises(ValueError, match="pages/detail/detail is not the page on top of the stack"):
                action()


# ------------------------------------------------------------------------------------------------
# Identity and permissions
# ------------------------------------------------------------------------------------------------
class TestIdentity:
    def test_login_gives_a_new_deterministic_code_each_time(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        assert ok(rt, "login")["code"] == "swan-bridge-code-1"
        assert ok(rt, "login", {"timeout": 3000})["code"] == "swan-bridge-code-2"
        rt.answer("login", {"code": "scripted"})
        assert ok(rt, "login")["code"] == "scripted"
        assert rt.calls("login") == [{}, {"timeout": 3000}, {}]

    def test_get_login_code_honours_its_own_answers(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        rt.answer("getLoginCode", {"code": "from-its-own-queue"}, {"fail": True})
        assert ok(rt, "getLoginCode")["code"] == "from-its-own-queue"
        assert fails(rt, "getLoginCode")[1] == "getLoginCode:fail cancel"
        assert ok(rt, "login")["code"] == "swan-bridge-code-2"  # every successful login counts

    def test_the_session_is_valid_after_a_login(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        assert fails(rt, "checkSession") == (1001, "checkSession:fail session invalid")
        ok(rt, "login")
        ok(rt, "checkSession")
        rt.answer("checkSession", {"fail": True, "kind": "not_found", "reason": "session expired"})
        assert fails(rt, "checkSession") == (1001, "checkSession:fail session expired")
        ok(rt, "checkSession")

    @pytest.mark.parametrize(("platform", "code"), [("android", 1001), ("ios", 10004)])
    def test_logged_out_of_the_baidu_app(self, projects: dict[str, Path], platform: str, code: int) -> None:
        with SwanRuntime(project=projects["svc"], clock="virtual", platform=platform) as rt:
            page = rt.open_page(HOME)
            ok(rt, "login")
            assert page.call("sync", "isLoginSync") == {"isLogin": True}
            rt.logged_in = False
            assert page.call("sync", "isLoginSync") == {"isLogin": False}
            assert fails(rt, "checkSession") == (code, "checkSession:fail user not login")
            rt.answer("login", {"fail": True})  # the user closes the login dialog
            assert fails(rt, "login") == (code, "login:fail cancel")
            assert page.call("sync", "isLoginSync") == {"isLogin": False}
            assert rt.logged_in is False
            ok(rt, "login")
            assert page.call("sync", "isLoginSync") == {"isLogin": True}
            assert rt.logged_in is True

    def test_user_info_and_swan_id(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        info = ok(rt, "getUserInfo")
        assert info["userInfo"]["nickName"] == "百度网友"
        assert set(info) == {"userInfo", "data", "iv", "errMsg"}
        rt.answer("getUserInfo", {"userInfo": {"nickName": "小度", "avatarUrl": "https://x/a.png", "gender": 1}})
        assert ok(rt, "getUserInfo")["userInfo"]["nickName"] == "小度"
        swan_id = ok(rt, "getSwanId")
        assert swan_id["errno"] == "0" and len(swan_id["data"]["swanid"]) == 40
        assert ok(rt, "getSwanId") == swan_id

    def test_authorize_granted_by_default(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        assert rt.settings == {}
        ok(rt, "authorize", {"scope": "scope.userLocation"})
        assert rt.settings == {"scope.userLocation": True}
        assert ok(rt, "getSetting")["authSetting"] == {"scope.userLocation": True}

    @pytest.mark.parametrize(("platform", "code"), [("android", 11003), ("ios", 10003)])
    def test_authorize_refused_then_never_asked_again(self, projects: dict[str, Path], platform: str, code: int) -> None:
        with SwanRuntime(project=projects["svc"], clock="virtual", platform=platform) as rt:
            rt.open_page(HOME)
            rt.answer("authorize", {"fail": True, "reason": "user deny"})
            assert fails(rt, "authorize", {"scope": "scope.camera"}) == (code, "authorize:fail user deny")
            assert rt.settings == {"scope.camera": False}
            rt.answer("authorize", {})  # would grant, but the user is not asked again
            assert fails(rt, "authorize", {"scope": "scope.camera"}) == (code, "authorize:fail user deny")
            ok(rt, "authorize", {"scope": "scope.record"})  # the queued grant answers this one
            assert rt.settings == {"scope.camera": False, "scope.record": True}

    def test_authorize_checks_its_scope(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        code, message = fails(rt, "authorize", {"scope": "scope.everything"})
        assert code == 202 and message.startswith("authorize:fail parameter error: scope must be one of scope.userInfo")
        assert fails(rt, "authorize") == (202, "authorize:fail parameter error: scope is required")
        assert rt.settings == {}

    def test_an_api_asks_for_its_scope_once(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        rt.answer("authorize", {"fail": True})
        assert fails(rt, "getUserInfo") == (10003, "getUserInfo:fail user deny")
        assert rt.settings == {"scope.userInfo": False}
        assert fails(rt, "getUserInfo") == (10003, "getUserInfo:fail user deny")
        ok(rt, "getLocation")  # asked, granted by default
        assert rt.settings == {"scope.userInfo": False, "scope.userLocation": True}

    def test_seeded_settings_and_open_setting(self, projects: dict[str, Path]) -> None:
        with SwanRuntime(project=projects["svc"], clock="virtual", settings={"scope.address": False, "scope.userInfo": True}) as rt:
            rt.open_page(HOME)
            assert fails(rt, "chooseAddress") == (10003, "chooseAddress:fail user deny")
            ok(rt, "getUserInfo")
            assert ok(rt, "openSetting")["authSetting"] == {"scope.address": False, "scope.userInfo": True}  # no change
            rt.answer("openSetting", {"authSetting": {"scope.address": True, "scope.userInfo": False}})
            assert ok(rt, "openSetting")["authSetting"] == {"scope.address": True, "scope.userInfo": False}
            assert ok(rt, "chooseAddress")["userName"] == "张三"
            assert fails(rt, "getUserInfo") == (10003, "getUserInfo:fail user deny")
            assert rt.settings == {"scope.address": True, "scope.userInfo": False}

    def test_settings_are_checked(self) -> None:
        with pytest.raises(ValueError, match="settings: unknown scope 'scope.nope'"):
            SwanRuntime(settings={"scope.nope": True})
        with pytest.raises(TypeError, match=r"settings\['scope.camera'\] must be True or False, got str"):
            SwanRuntime(settings={"scope.camera": "yes"})


# ------------------------------------------------------------------------------------------------
# Location
# ------------------------------------------------------------------------------------------------
class TestLocation:
    def test_get_location_default_and_scripted(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        wgs = ok(rt, "getLocation")
        assert (wgs["latitude"], wgs["longitude"], wgs["city"], wgs["altitude"]) == (40.05703, 116.30755, "北京市", 0)
        gcj = ok(rt, "getLocation", {"type": "gcj02", "altitude": True})
        assert (gcj["latitude"], gcj["longitude"], gcj["altitude"]) == (40.05831, 116.31364, 52)
        rt.answer("getLocation", {"latitude": 31.2304, "longitude": 121.4737, "city": "上海市"})
        shanghai = ok(rt, "getLocation")
        assert (shanghai["latitude"], shanghai["longitude"], shanghai["city"], shanghai["country"]) == (31.2304, 121.4737, "上海市", "中国")
        assert fails(rt, "getLocation", {"type": "bd09"}) == (202, "getLocation:fail parameter error: type must be one of wgs84, gcj02, got bd09")

    def test_a_refused_location_fails_every_location_api(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        rt.answer("authorize", {"fail": True})
        assert fails(rt, "chooseLocation") == (10003, "chooseLocation:fail user deny")
        assert fails(rt, "getLocation") == (10003, "getLocation:fail user deny")
        ok(rt, "openLocation", {"latitude": 40.04, "longitude": 116.27})  # needs no scope

    def test_choose_location_picked_or_cancelled(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        assert ok(rt, "chooseLocation") == {"name": "百度科技园", "address": "北京市海淀区西北旺东路10号院", "latitude": 40.04,
                                           "longitude": 116.27, "errMsg": "chooseLocation:ok"}
        rt.answer("chooseLocation", {"name": "家", "address": "某路1号", "latitude": 1.5, "longitude": 2.5})
        assert ok(rt, "chooseLocation")["name"] == "家"
        rt.answer("chooseLocation", {"fail": True})
        assert fails(rt, "chooseLocation") == (10003, "chooseLocation:fail cancel")

    @pytest.mark.parametrize(("args", "message"), [
        ({"longitude": 116.27}, "latitude is required"),
        ({"latitude": 91, "longitude": 116.27}, "latitude must be from -90 to 90, got 91"),
        ({"latitude": 40, "longitude": -181}, "longitude must be from -180 to 180, got -181"),
        ({"latitude": 40, "longitude": 116, "scale": 4}, "scale must be from 5 to 18, got 4"),
        ({"latitude": 40, "longitude": 116, "scale": 10.5}, "scale must be an integer, got 10.5"),
        ({"latitude": "40", "longitude": 116}, "latitude must be a number, got string"),
    ])
    def test_open_location_checks(self, rt: SwanRuntime, args: dict[str, Any], message: str) -> None:
        rt.open_page(HOME)
        assert fails(rt, "openLocation", args) == (202, f"openLocation:fail parameter error: {message}")

    def test_choose_address_default_and_scripted(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        address = ok(rt, "chooseAddress")
        assert (address["userName"], address["telNumber"], address["cityName"]) == ("张三", "13800000000", "北京市")
        rt.answer("chooseAddress", {"userName": "李四"})
        assert ok(rt, "chooseAddress")["userName"] == "李四"
        assert rt.settings == {"scope.address": True}


# ------------------------------------------------------------------------------------------------
# Payment
# ------------------------------------------------------------------------------------------------
class TestPayment:
    def test_paid_by_default_and_recorded(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        assert ok(rt, "requestPolymerPayment", {"orderInfo": ORDER, "bannedChannels": ["Alipay"]}) == {"errMsg": "requestPolymerPayment:ok"}
        assert rt.calls("requestPolymerPayment") == [{"orderInfo": ORDER, "bannedChannels": ["Alipay"]}]
        assert rt.tasks[-1].api == "requestPolymerPayment" and rt.tasks[-1].ok is True

    @pytest.mark.parametrize(("platform", "kind", "code", "message"), [
        ("android", "cancel", 1001, "requestPolymerPayment:fail cancel"),
        ("ios", "cancel", 1001, "requestPolymerPayment:fail cancel"),
        ("ios", "network", 10002, "requestPolymerPayment:fail network down"),
    ])
    def test_cancelled_or_failed(self, projects: dict[str, Path], platform: str, kind: str, code: int, message: str) -> None:
        with SwanRuntime(project=projects["svc"], clock="virtual", platform=platform) as rt:
            rt.open_page(HOME)
            rt.answer("requestPolymerPayment", {"fail": True, "kind": kind, "reason": "network down" if kind == "network" else ""})
            assert fails(rt, "requestPolymerPayment", {"orderInfo": ORDER}) == (code, message)
            assert rt.tasks[-1].ok is False
            ok(rt, "requestPolymerPayment", {"orderInfo": ORDER})  # the next one is paid again

    def test_the_docs_sample_order_with_empty_sign_and_biz_info_passes(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        ok(rt, "requestPolymerPayment", {"orderInfo": {**ORDER, "rsaSign": "", "bizInfo": "", "totalAmount": 1, "signFieldsRange": 1}})

    @pytest.mark.parametrize(("order", "extra", "message"), [
        ({k: v for k, v in ORDER.items() if k != "tpOrderId"}, {}, "orderInfo.tpOrderId is required"),
        ({**ORDER, "dealTitle": None}, {}, "orderInfo.dealTitle is required"),
        ({**ORDER, "totalAmount": "1.5"}, {}, "orderInfo.totalAmount must be a whole number of fen, got 1.5"),
        ({**ORDER, "totalAmount": -1}, {}, "orderInfo.totalAmount must be a whole number of fen, got -1"),
        ({**ORDER, "signFieldsRange": 2}, {}, "orderInfo.signFieldsRange must be 1, got 2"),
        ({**ORDER, "bizInfo": "[1]"}, {}, "orderInfo.bizInfo must be a string holding a JSON object"),
        ({**ORDER, "bizInfo": {"a": 1}}, {}, "orderInfo.bizInfo must be a string, got object"),
        (ORDER, {"bannedChannels": ["PayPal"]}, "bannedChannels must hold Alipay, BDWallet, WeChat, got PayPal"),
        ("order", {}, "orderInfo must be an object, got string"),
    ])
    def test_bad_orders_fail_with_202(self, rt: SwanRuntime, order: Any, extra: dict[str, Any], message: str) -> None:
        rt.open_page(HOME)
        rt.answer("requestPolymerPayment", {"fail": True})  # never used: a refused order asks nobody
        assert fails(rt, "requestPolymerPayment", {"orderInfo": order, **extra}) == (202, f"requestPolymerPayment:fail parameter error: {message}")
        # the scripted cancel was still queued: it answers the next, valid, order
        assert fails(rt, "requestPolymerPayment", {"orderInfo": ORDER}) == (1001, "requestPolymerPayment:fail cancel")


# ------------------------------------------------------------------------------------------------
# App show / hide and the app event listeners
# ------------------------------------------------------------------------------------------------
class TestAppEvents:
    def test_launch_fires_on_app_show_listeners_added_in_on_launch(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        assert events(rt) == ["App.onShow 1001 pages/home/home", "listener show 1001"]
        assert hooks(rt)[:4] == [("app", "", "onLaunch"), ("app", "", "onShow"), ("swan", "", "onAppShow"), ("page", HOME, "onLoad")]

    def test_hide_and_show_in_the_clients_order(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        ok(rt, "navigateTo", {"url": "/" + DETAIL + "?id=3"})
        mark = len(rt.log)
        rt.hide_app()
        assert hooks(rt, mark) == [("page", DETAIL, "onHide"), ("app", "", "onHide"), ("swan", "", "onAppHide")]
        mark = len(rt.log)
        rt.show_app({"scene": 1007})
        assert hooks(rt, mark) == [("app", "", "onShow"), ("swan", "", "onAppShow"), ("page", DETAIL, "onShow")]
        assert events(rt)[2:] == ["App.onHide", "listener hide", "App.onShow 1007 pages/detail/detail", "listener show 1007"]

    def test_hide_and_show_must_alternate(self, rt: SwanRuntime) -> None:
        with pytest.raises(ValueError, match="the app is not running"):
            rt.hide_app()
        rt.open_page(HOME)
        with pytest.raises(ValueError, match="the app is not in the background"):
            rt.show_app()
        rt.hide_app()
        with pytest.raises(ValueError, match="the app is already in the background"):
            rt.hide_app()
        rt.show_app()

    def test_page_not_found_calls_the_app_then_the_listeners(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        assert fails(rt, "navigateTo", {"url": "/pages/gone/gone"}) == (1001, 'navigateTo:fail page "pages/gone/gone" is not found')
        assert events(rt)[2:] == ["App.onPageNotFound pages/gone/gone", "listener notFound pages/gone/gone false"]
        # not inside the call: after it returned
        rt.run("""var seen = [];
            swan.onPageNotFound(function () { seen.push('listener'); });
            swan.navigateTo({url: '/pages/gone/third'}); seen.push('returned');
            setTimeout(function () { console.log(seen.join(' ')); }, 0);""")
        assert rt.console[-1].text == "returned listener"
        page = rt.current_page
        assert page is not None
        page.call("offNotFound")
        fails(rt, "navigateTo", {"url": "/pages/gone/again"})
        assert events(rt)[6:] == ["App.onPageNotFound pages/gone/again"]

    def test_an_entry_page_not_found(self, rt: SwanRuntime) -> None:
        with pytest.raises(ValueError, match="is not in app.json pages"):
            rt.open_page("pages/missing/missing")
        assert events(rt)[2:] == ["App.onPageNotFound pages/missing/missing", "listener notFound pages/missing/missing true"]

    def test_on_error_listeners_run_after_app_on_error(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME)
        with pytest.raises(ScriptError, match="Error: boom"):
            page.call("throwInTimer")  # what the method started threw
        assert events(rt)[2:] == ["App.onError Error: boom", "listener error Error: boom"]
        assert [e.message for e in rt.errors] == ["Error: boom"]


# ------------------------------------------------------------------------------------------------
# Declared once, recorded, asynchronous, canIUse, answer shapes
# ------------------------------------------------------------------------------------------------
class TestCommon:
    @pytest.mark.parametrize("value", [float("nan"), float("inf"), object(), b"bytes"])
    def test_an_answer_that_is_not_json_data_is_refused_when_scripted(self, rt: SwanRuntime, value: object) -> None:
        with pytest.raises(ValueError, match="showModal: an answer must be JSON data"):
            rt.answer("showModal", {"confirm": True, "cancel": False, "x": value})
        assert rt.unused_answers() == {}
        rt.run("swan.showModal({title: 't', complete: () => console.log('complete')})")
        assert [m.text for m in rt.console] == ["complete"]

    @pytest.mark.parametrize("name", ["fooBar", "request", "setStorage", "getSetting", "getFileInfo", "navigateTo"])
    def test_only_apis_answered_by_scripts_take_an_answer(self, rt: SwanRuntime, name: str) -> None:
        with pytest.raises(ValueError, match=f"'{name}' is not answered by scripts; the APIs a test can answer: .*showModal"):
            rt.answer(name, {})
        assert rt.unused_answers() == {}

    def test_unused_answers_are_counted_until_used(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        rt.answer("showModal", {"confirm": False, "cancel": True}, {"confirm": True, "cancel": False})
        rt.answer("getLocation", {"fail": True})
        assert rt.unused_answers() == {"showModal": 2, "getLocation": 1}
        ok(rt, "showModal", {"title": "t", "content": "c"})
        assert rt.unused_answers() == {"showModal": 1, "getLocation": 1}

    def test_callbacks_are_asynchronous(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME)
        assert page.call("callbackIsAsync") is True

    @pytest.mark.parametrize(("schema", "expected"), [
        ("login", True), ("requestPolymerPayment", True), ("setTabBarBadge", True), ("isLoginSync", True),
        ("getStorageSync", True), ("getSystemInfoSync", True), ("onAppShow", True), ("offPageNotFound", True),
        ("canIUse", True), ("getFileSystemManager", True), ("shareFile", True), ("createInnerAudioContext", True),
        ("chooseVideo", True), ("ai.getVoiceRecognizer", True),
        ("nonsense", False), ("", False),
    ])
    def test_can_i_use(self, rt: SwanRuntime, schema: str, expected: bool) -> None:
        page = rt.open_page(HOME)
        assert page.call("canIUse", schema) is expected

    @pytest.mark.parametrize(("name", "answer", "message"), [
        ("authorize", {"allow": False}, "authorize: a success answer takes no fields, not allow"),
        ("requestPolymerPayment", {"paid": False}, "requestPolymerPayment: a success answer takes no fields, not paid"),
        ("getLocation", {"latitude": "40"}, "getLocation: answer field 'latitude' must be number, got '40'"),
        ("getLocation", {"latitude": True}, "getLocation: answer field 'latitude' must be number, got True"),
        ("login", {"code": 5}, "login: answer field 'code' must be str, got 5"),
        ("openSetting", {"authSetting": {"scope.nope": True}}, "openSetting: answer field 'authSetting': unknown scope 'scope.nope'"),
        ("openSetting", {"authSetting": {"scope.camera": 1}}, r"openSetting: answer field 'authSetting'\['scope.camera'\] must be True or False"),
        ("chooseAddress", {"phone": "1"}, "chooseAddress: a success answer takes cityCode, cityName"),
        ("checkSession", {"fail": True, "kind": "nope"}, "checkSession: unknown failure kind 'nope'"),
    ])
    def test_a_wrong_answer_shape_is_a_value_error_naming_the_api(self, rt: SwanRuntime, name: str, answer: Any, message: str) -> None:
        with pytest.raises(ValueError, match=message.replace("(", r"\(")):
            rt.answer(name, answer)


# ------------------------------------------------------------------------------------------------
# Content: page info, previewImage, openShare, navigateTo/BackSmartProgram, reportAnalytics
# ------------------------------------------------------------------------------------------------
# open/swan-setPageInfo.md, sample 1 (the text shortened).
PAGE_INFO: dict[str, Any] = {
    "title": "晒元宵节活动红包，爱奇艺60张年卡、600张季卡等你拿！-百度贴吧", "keywords": "百度,百度贴吧,好运中国年,60,晒元,宵节",
    "description": "晒元宵节活动红包，爱..昨天的百度APP元宵节活动中，共发出2亿现金红包",
    "articleTitle": "晒元宵节活动红包，爱奇艺60张年卡、600张季卡等你拿！", "releaseDate": "2019-01-02 12:01:30",
    "image": ["https://c.hiphotos.baidu.com/forum/f33725109313b07e8dee163d02d7912396dd8cfe.jpg",
              "https://hiphotos.baidu.com/fex/item/43a7d933c895d143e7b745607ef082025baf07ab.jpg"],
    "video": [{"url": "https://www.baidu.com/mx/v12.mp4", "duration": "100",
               "image": "https://smartprogram.baidu.com/docs/img/image-scaleToFill.png"}],
    "visit": {"pv": "1000", "uv": "100", "sessionDuration": "130"},
    "likes": "75", "comments": "13", "collects": "23", "shares": "8", "followers": "35",
}
APP_KEY = "4fecoAqgCIUtzIyA4FAPgoyrc4oUc25c"
URLS = ["https://b.bdstatic.com/miniapp/image/swan-preview-image-2-zip.png",
        "https://b.bdstatic.com/miniapp/image/swan-preview-image-zip.png"]
HIDDEN = [("page", HOME, "onHide"), ("app", "", "onHide"), ("swan", "", "onAppHide")]


class TestPageInfo:
    def test_set_page_info_is_read_back_as_page_info(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME)
        assert page.page_info == {}
        mark = len(rt.log)
        assert ok(rt, "setPageInfo", PAGE_INFO) == {"errMsg": "setPageInfo:ok"}
        assert trail(rt, mark) == [("call", "setPageInfo"), ("setPageInfo", "success"), ("setPageInfo", "complete")]
        assert page.page_info == PAGE_INFO
        assert rt.calls("setPageInfo") == [PAGE_INFO]

    def test_the_docs_sample_sets_it_in_on_show(self, rt: SwanRuntime) -> None:
        page = rt.open_page(ARTICLE, {"id": "7"})
        assert trail(rt)[-6:] == [
            ("page", ARTICLE, "onLoad"), ("page", ARTICLE, "onShow"), ("call", "setPageInfo"), ("page", ARTICLE, "onReady"),
            ("setPageInfo", "success"), ("setPageInfo", "complete"),
        ]
        assert page.page_info == {
            "title": "文章 7", "keywords": "百度,小程序", "description": "第 7 篇文章", "articleTitle": "晒元宵节活动红包，爱奇艺年卡等你拿",
            "releaseDate": "2019-01-02 12:01:30", "image": ["https://b.bdstatic.com/a7.png"],
        }
        assert page.data["infoSet"] is True

    def test_each_page_has_its_own_and_the_older_calls_change_one_field(self, rt: SwanRuntime) -> None:
        home = rt.open_page(HOME)
        ok(rt, "setPageInfo", {"title": "首页", "keywords": "a,b", "description": "主页", "image": "https://x/1.png", "likes": 75})
        ok(rt, "navigateTo", {"url": "/" + DETAIL})
        detail = rt.current_page
        assert detail is not None and detail.page_info == {}
        ok(rt, "setDocumentTitle", {"title": "详情"})
        assert detail.page_info == {"title": "详情"}
        ok(rt, "setMetaDescription", {"content": "一件商品"})
        ok(rt, "setMetaKeywords", {"content": "商品, 详情"})
        assert detail.page_info == {"title": "详情", "description": "一件商品", "keywords": "商品, 详情"}
        assert home.page_info == {"title": "首页", "keywords": "a,b", "description": "主页", "image": "https://x/1.png", "likes": 75}
        ok(rt, "navigateBack")
        ok(rt, "setMetaKeywords", {"content": "c"})
        assert home.page_info["keywords"] == "c"
        ok(rt, "setPageInfo", {"title": "首页 2", "keywords": "d", "description": "e"})  # replaces the whole info
        assert home.page_info == {"title": "首页 2", "keywords": "d", "description": "e"}
        assert rt.calls("setMetaKeywords") == [{"content": "商品, 详情"}, {"content": "c"}]

    def test_the_page_on_top_when_the_call_is_made_gets_it(self, rt: SwanRuntime) -> None:
        home = rt.open_page(HOME)
        mark = len(rt.log)
        # both calls are made on home; navigateTo is answered first and puts detail on top
        home.call("goThenTitle", "/" + DETAIL, "首页")
        assert trail(rt, mark) == [
            ("call", "navigateTo"), ("call", "setDocumentTitle"), ("page", HOME, "onHide"), ("page", DETAIL, "onLoad"),
            ("page", DETAIL, "onShow"), ("page", DETAIL, "onReady"), ("navigateTo", "success"), ("navigateTo", "complete"),
            ("setDocumentTitle", "success"), ("setDocumentTitle", "complete"),
        ]
        detail = rt.current_page
        assert detail is not None and detail.route == DETAIL
        assert (home.page_info, detail.page_info) == ({"title": "首页"}, {})

    def test_no_page_is_open_before_the_first_page(self) -> None:
        with SwanRuntime(clock="virtual") as rt:
            result = rt.run("swan.setDocumentTitle({title: 't', fail: e => console.log(e.errCode, e.errMsg)});")
            assert result.output == "1001 setDocumentTitle:fail no page is open\n"

    @pytest.mark.parametrize(("name", "args", "message"), [
        ("setPageInfo", {"keywords": "k", "description": "d"}, "title is required"),
        ("setPageInfo", {"title": "t", "description": "d"}, "keywords is required"),
        ("setPageInfo", {"title": "t", "keywords": "k"}, "description is required"),
        ("setPageInfo", {"title": 1, "keywords": "k", "description": "d"}, "title must be a string, got number"),
        ("setPageInfo", {"title": "t", "keywords": "k", "description": "d", "releaseDate": 20190102}, "releaseDate must be a string, got number"),
        ("setPageInfo", {"title": "t", "keywords": "k", "description": "d", "image": ["a", "b", "c", "d"]}, "image must have at most 3 items, got 4"),
        ("setPageInfo", {"title": "t", "keywords": "k", "description": "d", "image": ["a", 2]}, "image[1] must be a string, got number"),
        ("setPageInfo", {"title": "t", "keywords": "k", "description": "d", "image": {"url": "a"}}, "image must be a string or an array of strings, got object"),
        ("setPageInfo", {"title": "t", "keywords": "k", "description": "d", "video": {"url": "v", "image": "i"}}, "video.duration is required"),
        ("setPageInfo", {"title": "t", "keywords": "k", "description": "d", "video": [{"url": "v", "duration": "1", "image": "i"}, {"duration": "1", "image": "i"}]},
         "video[1].url is required"),
        ("setPageInfo", {"title": "t", "keywords": "k", "description": "d", "video": ["v"]}, "video[0] must be an object, got string"),
        ("setPageInfo", {"title": "t", "keywords": "k", "description": "d", "visit": "1000"}, "visit must be an object, got string"),
        ("setPageInfo", {"title": "t", "keywords": "k", "description": "d", "visit": {"pv": True}}, "visit.pv must be a string, got boolean"),
        ("setPageInfo", {"title": "t", "keywords": "k", "description": "d", "likes": [1]}, "likes must be a string, got array"),
        ("setDocumentTitle", {}, "title is required"),
        ("setMetaDescription", {"content": 5}, "content must be a string, got number"),
        ("setMetaKeywords", {"content": ["a"]}, "content must be a string, got array"),
    ])
    def test_bad_params_fail_with_202_and_set_nothing(self, rt: SwanRuntime, name: str, args: dict[str, Any], message: str) -> None:
        page = rt.open_page(HOME)
        mark = len(rt.log)
        assert fails(rt, name, args) == (202, f"{name}:fail parameter error: {message}")
        assert trail(rt, mark) == [("call", name), (name, "fail"), (name, "complete")]
        assert page.page_info == {}

    def test_a_scripted_failure(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME)
        rt.answer("setPageInfo", {"fail": True, "kind": "network", "reason": "network error"})
        assert fails(rt, "setPageInfo", {"title": "t", "keywords": "k", "description": "d"}) == (1001, "setPageInfo:fail network error")
        assert page.page_info == {}
        ok(rt, "setPageInfo", {"title": "t", "keywords": "k", "description": "d"})
        assert page.page_info == {"title": "t", "keywords": "k", "description": "d"}


class TestPreviewImage:
    def test_shown_then_closed_by_default(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        mark = len(rt.log)
        args = {"current": URLS[1], "urls": URLS, "images": [{"url": URLS[1], "origin_url": "https://b.bdstatic.com/o.png"}]}
        assert ok(rt, "previewImage", args) == {"errMsg": "previewImage:ok"}
        assert trail(rt, mark) == [("call", "previewImage"), ("previewImage", "success"), ("previewImage", "complete")]
        assert rt.calls("previewImage") == [args]

    def test_a_scripted_failure(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        rt.answer("previewImage", {"fail": True, "kind": "network", "reason": "image load failed"})
        mark = len(rt.log)
        assert fails(rt, "previewImage", {"urls": URLS}) == (1001, "previewImage:fail image load failed")
        assert trail(rt, mark) == [("call", "previewImage"), ("previewImage", "fail"), ("previewImage", "complete")]
        ok(rt, "previewImage", {"urls": URLS})  # the default again

    @pytest.mark.parametrize(("args", "message"), [
        ({}, "urls is required"),
        ({"urls": []}, "urls must not be empty"),
        ({"urls": "https://x/1.png"}, "urls must be an array, got string"),
        ({"urls": ["a", 1]}, "urls must be an array of strings, got array"),
        ({"urls": URLS, "current": 0}, "current must be a string, got number"),
        ({"urls": URLS, "images": "x"}, "images must be an array, got string"),
        ({"urls": URLS, "images": [{"origin_url": "o"}]}, "images[0].url is required"),
        ({"urls": URLS, "images": [{"url": "u", "origin_url": 1}]}, "images[0].origin_url must be a string, got number"),
        ({"urls": URLS, "images": ["u"]}, "images[0] must be an object, got string"),
    ])
    def test_bad_params_fail_with_202(self, rt: SwanRuntime, args: dict[str, Any], message: str) -> None:
        rt.open_page(HOME)
        rt.answer("previewImage", {"fail": True})  # never used: a refused call shows nothing
        assert fails(rt, "previewImage", args) == (202, f"previewImage:fail parameter error: {message}")
        assert fails(rt, "previewImage", {"urls": URLS}) == (1001, "previewImage:fail cancel")


class TestOpenShare:
    def test_shared_by_default_runs_the_docs_success_branch(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME)
        mark = len(rt.log)
        page.call("share")
        assert trail(rt, mark) == [
            ("call", "openShare"), ("openShare", "success"), ("call", "showToast"), ("openShare", "complete"),
            ("showToast", "success"), ("showToast", "complete"),
        ]
        assert rt.calls("openShare") == [{"title": "智能小程序示例", "content": "世界很复杂，百度更懂你",
                                          "path": "/pages/openShare/openShare?key=value",
                                          "imageUrl": "https://smartprogram.baidu.com/docs/img/logo_new.png"}]
        assert rt.calls("showToast") == [{"title": "分享成功"}]
        assert "shareFailed" not in page.data

    def test_cancelled_runs_the_fail_branch(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME)
        rt.answer("openShare", {"fail": True})
        mark = len(rt.log)
        page.call("share")
        assert trail(rt, mark) == [("call", "openShare"), ("openShare", "fail"), ("openShare", "complete")]
        assert page.data["shareFailed"] == {"errCode": 1001, "errMsg": "openShare:fail cancel"}
        assert rt.calls("showToast") == []
        page.call("share")  # the next one is shared again
        assert rt.calls("showToast") == [{"title": "分享成功"}]

    def test_every_parameter_is_optional(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        assert ok(rt, "openShare") == {"errMsg": "openShare:ok"}

    @pytest.mark.parametrize(("args", "message"), [
        ({"path": "pages/home/home"}, "path must start with /, got pages/home/home"),
        ({"title": 1}, "title must be a string, got number"),
        ({"imageUrl": {}}, "imageUrl must be a string, got object"),
    ])
    def test_bad_params_fail_with_202(self, rt: SwanRuntime, args: dict[str, Any], message: str) -> None:
        rt.open_page(HOME)
        assert fails(rt, "openShare", args) == (202, f"openShare:fail parameter error: {message}")


class TestSmartProgramNavigation:
    def test_the_target_opens_and_this_app_goes_to_the_background(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        mark = len(rt.log)
        args = {"appKey": APP_KEY, "path": "pages/openShare/openShare?k=v", "extraData": {"foo": "baidu"}, "envVersion": "trial"}
        assert ok(rt, "navigateToSmartProgram", args) == {"errMsg": "navigateToSmartProgram:ok"}
        assert trail(rt, mark) == [("call", "navigateToSmartProgram"), *HIDDEN,
                                   ("navigateToSmartProgram", "success"), ("navigateToSmartProgram", "complete")]
        assert rt.calls("navigateToSmartProgram") == [args]
        assert events(rt)[2:] == ["App.onHide", "listener hide"]
        mark = len(rt.log)
        rt.show_app({"scene": 1038, "referrerInfo": {"appId": APP_KEY, "extraData": {"ok": True}}})  # the user comes back
        assert trail(rt, mark) == [("app", "", "onShow"), ("swan", "", "onAppShow"), ("page", HOME, "onShow")]

    @pytest.mark.parametrize(("platform", "answer", "code", "message"), [
        ("android", {"fail": True}, 1001, "navigateToSmartProgram:fail cancel"),
        ("ios", {"fail": True, "reason": "app not found"}, 1001, "navigateToSmartProgram:fail app not found"),
        ("android", {"fail": True, "kind": "network", "reason": "network error"}, 501, "navigateToSmartProgram:fail network error"),
        ("ios", {"fail": True, "kind": "network", "reason": "network error"}, 1001, "navigateToSmartProgram:fail network error"),
        ("android", {"fail": True, "kind": "param", "reason": "invalid appKey"}, 202, "navigateToSmartProgram:fail invalid appKey"),
    ])
    def test_the_target_fails_to_open_and_this_app_stays(self, projects: dict[str, Path], platform: str, answer: dict[str, Any],
                                                         code: int, message: str) -> None:
        with SwanRuntime(project=projects["svc"], clock="virtual", platform=platform) as rt:
            rt.open_page(HOME)
            rt.answer("navigateToSmartProgram", answer)
            mark = len(rt.log)
            assert fails(rt, "navigateToSmartProgram", {"appKey": APP_KEY}) == (code, message)
            assert trail(rt, mark) == [("call", "navigateToSmartProgram"), ("navigateToSmartProgram", "fail"),
                                       ("navigateToSmartProgram", "complete")]
            rt.hide_app()  # still in the foreground

    @pytest.mark.parametrize(("args", "message"), [
        ({}, "appKey is required"),
        ({"appKey": ""}, "appKey must not be empty, got string"),
        ({"appKey": APP_KEY, "envVersion": "beta"}, "envVersion must be one of develop, trial, release, got beta"),
        ({"appKey": APP_KEY, "extraData": "foo=baidu"}, "extraData must be an object, got string"),
        ({"appKey": APP_KEY, "path": 3}, "path must be a string, got number"),
    ])
    def test_bad_params_fail_with_202_and_leave_nothing(self, rt: SwanRuntime, args: dict[str, Any], message: str) -> None:
        rt.open_page(HOME)
        mark = len(rt.log)
        assert fails(rt, "navigateToSmartProgram", args) == (202, f"navigateToSmartProgram:fail parameter error: {message}")
        assert hooks(rt, mark) == []

    def test_back_to_the_program_that_opened_this_one(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        rt.answer("navigateBackSmartProgram", {"fail": True, "reason": "no previous smart program"})
        mark = len(rt.log)
        assert fails(rt, "navigateBackSmartProgram") == (1001, "navigateBackSmartProgram:fail no previous smart program")
        assert trail(rt, mark) == [("call", "navigateBackSmartProgram"), ("navigateBackSmartProgram", "fail"),
                                   ("navigateBackSmartProgram", "complete")]
        mark = len(rt.log)
        ok(rt, "navigateBackSmartProgram", {"extraData": {"foo": "baidu"}})
        assert trail(rt, mark) == [("call", "navigateBackSmartProgram"), *HIDDEN,
                                   ("navigateBackSmartProgram", "success"), ("navigateBackSmartProgram", "complete")]
        assert rt.calls("navigateBackSmartProgram") == [{}, {"extraData": {"foo": "baidu"}}]
        assert fails(rt, "navigateBackSmartProgram", {"extraData": 1}) == (
            202, "navigateBackSmartProgram:fail parameter error: extraData must be an object, got number")

    def test_while_in_the_background_nothing_is_hidden_twice(self, rt: SwanRuntime) -> None:
        rt.open_page(HOME)
        rt.hide_app()
        mark = len(rt.log)
        ok(rt, "navigateToSmartProgram", {"appKey": APP_KEY})
        assert hooks(rt, mark) == []


class TestReportAnalytics:
    def test_recorded_as_event_name_and_data(self, rt: SwanRuntime) -> None:
        page = rt.open_page(HOME)
        mark = len(rt.log)
        assert page.call("report", "purchase", {"price": 120, "color": "red"}) is True  # returns nothing
        assert trail(rt, mark) == [("call", "reportAnalytics"), ("reportAnalytics", "success"), ("reportAnalytics", "complete")]
        assert rt.calls("reportAnalytics") == [{"eventName": "purchase", "data": {"price": 120, "color": "red"}}]
        assert (rt.tasks[-1].api, rt.tasks[-1].ok) == ("reportAnalytics", True)

    @pytest.mark.parametrize(("args", "message"), [
        (["purchase"], "data is required"),
        ([{"price": 120}], "eventName must be a string, got object"),
        (["", {"price": 120}], "eventName must not be empty, got string"),
        (["purchase", "price=120"], "data must be an object, got string"),
        ([], "eventName is required"),
    ])
    def test_a_wrong_call_is_a_recorded_failure_not_an_exception(self, rt: SwanRuntime, args: list[Any], message: str) -> None:
        page = rt.open_page(HOME)
        mark = len(rt.log)
        assert page.call("report", *args) is True
        assert trail(rt, mark) == [("call", "reportAnalytics"), ("reportAnalytics", "fail"), ("reportAnalytics", "complete")]
        task = rt.tasks[-1]
        assert (task.api, task.ok, task.errCode, task.errMsg) == ("reportAnalytics", False, 202, f"reportAnalytics:fail parameter error: {message}")


class TestContentCommon:
    @pytest.mark.parametrize(("name", "args"), [
        ("previewImage", {"urls": URLS}), ("setPageInfo", {"title": "t", "keywords": "k", "description": "d"}),
        ("setDocumentTitle", {"title": "t"}), ("setMetaDescription", {"content": "d"}), ("setMetaKeywords", {"content": "k"}),
        ("navigateToSmartProgram", {"appKey": APP_KEY}), ("navigateBackSmartProgram", {}), ("openShare", {}),
    ])
    def test_callbacks_are_asynchronous(self, rt: SwanRuntime, name: str, args: dict[str, Any]) -> None:
        page = rt.open_page(HOME)
        assert page.call("completeIsAsync", name, args) is True
        assert rt.tasks[-1].api == name and rt.tasks[-1].ok is True

    @pytest.mark.parametrize("name", ["previewImage", "setPageInfo", "setDocumentTitle", "setMetaDescription", "setMetaKeywords",
                                      "navigateToSmartProgram", "navigateBackSmartProgram", "openShare", "reportAnalytics"])
    def test_can_i_use(self, rt: SwanRuntime, name: str) -> None:
        page = rt.open_page(HOME)
        assert page.call("canIUse", name) is True

    @pytest.mark.parametrize(("name", "answer", "message"), [
        ("openShare", {"shared": False}, "openShare: a success answer takes no fields, not shared"),
        ("navigateToSmartProgram", {"appKey": "x"}, "navigateToSmartProgram: a success answer takes no fields, not appKey"),
        ("previewImage", {"fail": True, "code": 1}, "previewImage: a fail answer takes kind and reason, not code"),
        ("setPageInfo", {"fail": True, "kind": "denied"}, "setPageInfo: unknown failure kind 'denied'"),
        ("reportAnalytics", "ok", "reportAnalytics: an answer must be a dict, got str"),
    ])
    def test_a_wrong_answer_shape_is_a_value_error(self, rt: SwanRuntime, name: str, answer: Any, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            rt.answer(name, answer)
