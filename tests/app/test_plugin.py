"""The pytest plugin (entry point pytest11 "swan"), run the way its users run it: in a pytest
session of their own (pytester, in a subprocess: an in-process run restores sys.modules after
itself, which left later tests in this session with two copies of httpx's exception classes),
on copies of the fixture projects in tests/projects/."""

from __future__ import annotations

import shutil

import pytest
from support import PROJECTS

pytest_plugins = ["pytester"]



@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    """A user's repository: two mini-programs next to their tests, `shop` the default project."""
    for name in ("shop", "news"):
        shutil.copytree(PROJECTS / name, pytester.path / name)
    pytester.makeini("[pytest]\nswan_project = shop\n")
    return pytester


SHOP_TESTS = '''
import pytest

kept = []


def test_home_page(swan):
    page = swan.open_page("pages/index/index", {"from": "share"})
    assert page.data == {"banners": ["spring", "summer"], "cartCount": 0, "from": "share"}
    assert swan.app.global_data["showCount"] == 1
    kept.append(swan)


def test_each_test_gets_a_fresh_runtime_and_the_last_one_is_closed(swan):
    assert swan.page_stack == [] and swan.log == []
    assert swan is not kept[0]
    with pytest.raises(RuntimeError, match="closed"):
        kept[0].page_stack


def test_the_clock_is_virtual(swan):
    page = swan.open_page("pages/poll/poll")
    page.call("startPolling")
    swan.advance(10 * 60 * 1000)
    assert page.data == {"polls": 20, "status": "gave up"}


def test_scripted_answers(swan):
    cart = swan.open_page("pages/cart/cart")
    swan.answer("showModal", {"confirm": False, "cancel": True})
    cart.call("clear")
    assert swan.calls("showToast") == [{"title": "已取消", "icon": "none"}]
'''


def test_swan_fixture_loads_the_ini_project(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_shop=SHOP_TESTS)
    result = suite.runpytest_subprocess()
    result.assert_outcomes(passed=4)


def test_the_marker_passes_runtime_options_closest_first(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_marker='''
import pytest


@pytest.mark.swan(project="news")
def test_another_project(swan):
    page = swan.open_page("pages/feed/feed")
    assert page.data == {"articles": [{"id": 1, "title": "早报"}], "cover": ""}


@pytest.mark.swan(clock="wall")
def test_wall_clock(swan):
    swan.open_page("pages/index/index")
    with pytest.raises(RuntimeError, match="virtual clock"):
        swan.advance(1000)


@pytest.mark.swan(clock="wall", project="news")
class TestNews:
    @pytest.mark.swan(project="shop")
    def test_method_marker_wins_and_class_marker_still_applies(self, swan):
        assert swan.open_page("pages/cart/cart").route == "pages/cart/cart"
        with pytest.raises(RuntimeError, match="virtual clock"):
            swan.advance(1000)

    def test_class_marker(self, swan):
        assert swan.open_page("pages/feed/feed").route == "pages/feed/feed"
''')
    result = suite.runpytest_subprocess()
    result.assert_outcomes(passed=4)


def test_project_factory_with_two_projects(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_factory='''
from pathlib import Path


def test_two_projects_side_by_side(swan_project_factory):
    shop = swan_project_factory("shop")
    news = swan_project_factory(Path("news").resolve())
    assert shop is not news
    shop.open_page("pages/index/index")
    news.open_page("pages/feed/feed")
    assert shop.page_stack == ["pages/index/index"]
    assert news.page_stack == ["pages/feed/feed"]
    assert [m.text for m in news.console] == ["feed loaded with 1 article"]
    assert [m.text for m in shop.console] == ["store created"]
    shop.advance(1000)  # both on the virtual clock by default
    news.advance(1000)


def test_factory_options(swan_project_factory):
    rt = swan_project_factory("news", clock="wall")
    rt.open_page("pages/feed/feed")
    try:
        rt.advance(1)
    except RuntimeError as exc:
        assert "virtual clock" in str(exc)
    else:
        raise AssertionError("advance() worked on the wall clock")
''')
    result = suite.runpytest_subprocess()
    result.assert_outcomes(passed=2)


def test_swan_server_receives_every_http_url(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_server='''
import pytest

pytestmark = pytest.mark.swan(project="news")


URLS = []


def test_a_download_reaches_the_session_server(swan, swan_server):
    page = swan.open_page("pages/feed/feed")
    assert page.call("loadCover", 2048) == 200
    [request] = [r for r in swan_server.requests if r.path.startswith("/covers/")]
    assert (request.method, request.path) == ("GET", "/covers/1.jpg?size=2048")
    assert swan.host_path(page.data["cover"]).stat().st_size == 2048
    URLS.append(swan_server.url)


def test_the_server_is_shared_by_the_session_and_its_request_log_is_each_tests_own(swan_server):
    assert URLS == [swan_server.url]
    assert swan_server.requests == []
''')
    result = suite.runpytest_subprocess()
    result.assert_outcomes(passed=2)


def test_a_failing_test_reports_the_swan_console_and_errors(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_report='''
import pytest
from bridge import ScriptError


@pytest.mark.swan(project="news")
def test_feed(swan):
    swan.open_page("pages/feed/feed")
    assert swan.current_page.data["cover"] == "https://cdn.news.example.com/covers/1.jpg"


def test_cart(swan):
    cart = swan.open_page("pages/cart/cart")
    cart.call("clear")
    with pytest.raises(ScriptError):
        cart.call("checkout")
    assert cart.data["items"], "the cart was cleared"


def test_two_runtimes(swan_project_factory):
    swan_project_factory("news").open_page("pages/feed/feed")
    swan_project_factory("news").open_page("pages/feed/feed")
    assert False


def test_passing(swan):
    swan.open_page("pages/index/index")
''')
    result = suite.runpytest_subprocess()
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines([
        "*_ test_feed _*",
        "*- swan console -*",
        "[[]log[]] feed loaded with 1 article",
        "*_ test_cart _*",
        "*- swan errors -*",
        "*pages/cart/cart.js:42:23: Error: cart is empty",
        "*_ test_two_runtimes _*",
        "*- swan console (runtime 1) -*",
        "[[]log[]] feed loaded with 1 article",
        "*- swan console (runtime 2) -*",
        "[[]log[]] feed loaded with 1 article",
    ])
    assert "test_passing" not in result.stdout.str().split("= FAILURES =")[1].split("short test summary")[0]


def test_xdist_runs_the_suite_in_two_workers(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_shop=SHOP_TESTS.replace("    assert swan is not kept[0]\n", "").replace(
        '    with pytest.raises(RuntimeError, match="closed"):\n        kept[0].page_stack\n', ""))
    suite.makepyfile(test_news='''
import pytest

pytestmark = pytest.mark.swan(project="news")


@pytest.mark.parametrize("size", [1024, 4096, 65536])
def test_cover_download(swan, swan_server, size):
    page = swan.open_page("pages/feed/feed")
    assert page.call("loadCover", size) == 200
    assert swan.host_path(page.data["cover"]).stat().st_size == size
''')
    result = suite.runpytest_subprocess("-n", "2")
    result.assert_outcomes(passed=7)
    result.stdout.fnmatch_lines(["*2 workers*"])


def test_swan_server_routes_play_the_backend_and_end_with_the_test(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_backend='''
from bridge.testing import Reply


def test_the_page_sees_the_routed_answer(swan, swan_server):
    swan_server.route("POST", "/api/echo", lambda record: Reply(json={"got": record.json()}))
    swan.run("swan.request({url: 'https://api.example.com/api/echo', method: 'POST', data: {n: 1}, "
             "success: r => console.log(JSON.stringify(r.data))})")
    assert swan.console[-1].text == '{"got":{"n":1}}'


def test_a_test_with_only_the_server_also_ends_its_routes(swan_server):
    swan_server.route("POST", "/api/echo", Reply(json={"stale": True}))


def test_a_route_that_raises_fails_its_test(swan, swan_server):
    swan_server.route("GET", "/api/boom", lambda record: 1 / 0)
    swan.run("swan.request({url: 'https://api.example.com/api/boom', success: r => console.log(r.statusCode)})")
    assert swan.console[-1].text == "500"


def test_the_next_test_starts_without_it(swan, swan_server):
    swan.run("swan.request({url: 'https://api.example.com/api/echo', method: 'POST', data: {n: 1}, "
             "success: r => console.log(r.statusCode)})")
    assert swan.console[-1].text == "400"  # the built-in upload answer: not multipart
''')
    result = suite.runpytest_subprocess()
    result.assert_outcomes(passed=4, errors=1)
    result.stdout.fnmatch_lines(["*swan_server route failed:*", "*route GET /api/boom: ZeroDivisionError: division by zero*"])


ERRORS_PAGE = '''
Page({
    onLoad() {
        setTimeout(() => { const goods = null; this.setData({photo: goods.photo}); }, 10);
    },
    fails() { throw new Error('caught by the test'); }
});
'''
ERROR_TESTS = '''
import pytest
from bridge import ScriptError


def test_an_error_in_a_timer_nobody_raised(swan):
    swan.open_page("pages/detail/detail")
    swan.advance(100)


@pytest.mark.swan(allow_errors=True)
def test_allowed_by_the_marker(swan):
    swan.open_page("pages/detail/detail")
    swan.advance(100)
    assert len(swan.errors) == 1


def test_an_error_the_test_caught_is_seen(swan):
    page = swan.open_page("pages/detail/detail")
    with pytest.raises(ScriptError, match="caught by the test"):
        page.call("fails")


def test_an_error_a_run_returned_is_seen(swan):
    assert len(swan.run("setTimeout(() => { throw new Error('returned') }, 0)").errors) == 1
'''


def _errors_suite(suite: pytest.Pytester) -> pytest.Pytester:
    page = suite.path / "news" / "pages" / "detail"
    page.mkdir(parents=True)
    (page / "detail.js").write_text(ERRORS_PAGE, encoding="utf-8")
    app_json = suite.path / "news" / "app.json"
    app_json.write_text(app_json.read_text(encoding="utf-8").replace('"pages/feed/feed"', '"pages/feed/feed", "pages/detail/detail"'),
                        encoding="utf-8")
    suite.makeini("[pytest]\nswan_project = news\n")
    suite.makepyfile(test_errors=ERROR_TESTS)
    return suite


def test_an_uncaught_error_no_call_raised_fails_the_test_with_its_location(suite: pytest.Pytester) -> None:
    result = _errors_suite(suite).runpytest_subprocess()
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines([
        "*_ test_an_error_in_a_timer_nobody_raised _*",
        "*uncaught JS error that no call raised (allow them with @pytest.mark.swan(allow_errors=True)):",
        "pages/detail/detail.js:4:69: TypeError: cannot read property 'photo' of null",
        "    at pages/detail/detail.js:4:69",  # its stack
        "*swan errors*",
    ])


def test_the_ini_option_allows_uncaught_errors_for_a_suite(suite: pytest.Pytester) -> None:
    _errors_suite(suite).makeini("[pytest]\nswan_project = news\nswan_allow_errors = true\n")
    suite.runpytest_subprocess().assert_outcomes(passed=4)


def test_answers_the_app_never_used_fail_the_test_unless_it_says_otherwise(suite: pytest.Pytester) -> None:
    suite.makepyfile(test_answers='''
import pytest


def test_scripted_but_never_asked(swan):
    swan.open_page("pages/index/index")
    swan.answer("showModal", {"confirm": False, "cancel": True})


@pytest.mark.swan(allow_unused_answers=True)
def test_allowed(swan):
    swan.open_page("pages/index/index")
    swan.answer("showModal", {"confirm": False, "cancel": True})
''')
    result = suite.runpytest_subprocess()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*scripted answers left unused: showModal (1) (the app never asked; allow it with "
                                 "@pytest.mark.swan(allow_unused_answers=True))"])
