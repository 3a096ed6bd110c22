"""pages/shop/shop (tab), pages/order/order and pages/orders/orders (tab): tap "购买" -> log in ->
order on the shop's backend -> Baidu's cashier (requestPolymerPayment) -> badge on the "订单" tab.

The shop's backend is played by the plugin's embedded loopback server (`swan_server`): `ShopBackend`
registers its endpoints with `swan_server.route(...)` (login, create / cancel / list orders,
bearer tokens, scripted failures) and the runtime's real `swan.request` calls reach them over
HTTP, routed there by the plugin (`route_all_to`) after the domain check has passed the app's
https URL. What the backend received is read from `swan_server.requests`: the server is shared
by the session, so `shop.requests` keeps only the requests made since this test started.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from bridge import Page, SwanRuntime
from bridge.testing import EmbeddedServer, Reply, RequestRecord

SHOP, ORDER, ORDERS, INDEX = "pages/shop/shop", "pages/order/order", "pages/orders/orders", "pages/index/index"
HOST = "shop.smartprogram.example.com"
ORDERS_TAB = 3
GOODS = {"sticker": ("智能小程序贴纸", 990), "bag": ("小度帆布袋", 3900)}
LOADING = {"title": "正在下单", "mask": True}
PAID_TOAST = {"title": "支付成功", "icon": "success"}
CANCEL_TOAST = {"title": "已取消支付", "icon": "none"}
LOGIN_TOAST = {"title": "请先登录", "icon": "none"}

# The request domain list a published app has: https on the shop's host only. The check runs on
# the app's own URL, before the plugin routes it to the loopback server.
pytestmark = pytest.mark.swan(domains=[HOST])


# -- the shop's backend ------------------------------------------------------------------------------
@dataclass
class Seen:
    """One request as the backend saw it."""

    method: str
    path: str
    auth: str | None  # the Authorization header
    body: Any  # the JSON body, parsed (None when there was none)

    @classmethod
    def of(cls, record: RequestRecord) -> Seen:
        return cls(record.method, record.path, header(record, "Authorization"), record.json() if record.body else None)


def header(record: RequestRecord, name: str) -> str | None:
    """A request header by name, in any case (the record keeps the names as the client sent them)."""
    return next((value for key, value in record.headers.items() if key.lower() == name.lower()), None)


class ShopBackend:
    """The shop's server, as routes on `swan_server`. Replies are {"code": 0, "data": ...};
    failures {"code": n, "msg": text}.

    POST /api/login {code} -> {token}; POST /api/orders {goodsId, quantity, nickName} (bearer
    token) -> {orderId, orderInfo} (the signed orderInfo for swan.requestPolymerPayment);
    POST /api/orders/<id>/cancel (routed once the order exists); GET /api/orders -> the user's
    orders. An unknown token is a 401. `fail_next(method, path, status, body)` makes the next
    such request fail that way.
    """

    def __init__(self, server: EmbeddedServer) -> None:
        self.server = server
        self.since = len(server.requests)  # the session's server: this test's requests come after
        self.tokens: dict[str, str] = {}  # token -> the swan.login code it was made from
        self.orders: list[dict[str, Any]] = []
        self._scripted: list[tuple[str, str, Reply]] = []
        self._route("POST", "/api/login", self._login, signed_in=False)
        self._route("POST", "/api/orders", self._create)
        self._route("GET", "/api/orders", self._list)

    @property
    def requests(self) -> list[Seen]:
        """Every request the server received since this test started."""
        return [Seen.of(r) for r in self.server.requests[self.since:]]

    def fail_next(self, method: str, path: str, status: int, body: Any) -> None:
        reply = Reply(status, body=body) if isinstance(body, bytes) else Reply(status, json=body)
        self._scripted.append((method, path, reply))

    def seen(self) -> list[tuple[str, str]]:
        return [(r.method, r.path) for r in self.requests]

    def _route(self, method: str, path: str, handler: Callable[[RequestRecord], Any], *, signed_in: bool = True) -> None:
        def answer(record: RequestRecord) -> Reply:
            for i, (m, p, reply) in enumerate(self._scripted):
                if (m, p) == (method, path):
                    del self._scripted[i]
                    return reply
            if signed_in and (header(record, "Authorization") or "").removeprefix("Bearer ") not in self.tokens:
                return Reply(401, json={"code": 401, "msg": "登录已过期"})
            return Reply(json={"code": 0, "data": handler(record)})

        self.server.route(method, path, answer)

    def _login(self, record: RequestRecord) -> dict[str, str]:
        token = f"token-{len(self.tokens) + 1}"
        self.tokens[token] = record.json()["code"]
        return {"token": token}

    def _create(self, record: RequestRecord) -> dict[str, Any]:
        body = record.json()
        title, price = GOODS[body["goodsId"]]
        order_id = f"SO{len(self.orders) + 1:04d}"
        amount = price * body["quantity"]
        self.orders.append({"orderId": order_id, "title": title, "totalAmount": amount, "status": "created",
                            "nickName": body["nickName"]})
        self._route("POST", f"/api/orders/{order_id}/cancel", lambda record: self._cancel(order_id))
        return {"orderId": order_id, "orderInfo": order_info(order_id, title, amount, body["goodsId"])}

    def _cancel(self, order_id: str) -> None:
        next(o for o in self.orders if o["orderId"] == order_id)["status"] = "cancelled"

    def _list(self, record: RequestRecord) -> list[dict[str, Any]]:
        return [{k: o[k] for k in ("orderId", "title", "totalAmount", "status")} for o in self.orders]


def order_info(order_id: str, title: str, amount: int, goods_id: str) -> dict[str, str]:
    """What the backend signs for Baidu's cashier (open/payment_swan-requestPolymerPayment.md)."""
    return {
        "dealId": "470193086", "appKey": "MMMswanbridge", "totalAmount": str(amount), "tpOrderId": order_id,
        "dealTitle": title, "signFieldsRange": "1", "rsaSign": f"signed:{order_id}",
        "bizInfo": json.dumps({"tpData": {"goodsId": goods_id}}),
    }


@pytest.fixture(autouse=True)
def shop(swan_server: EmbeddedServer) -> ShopBackend:
    """The shop's backend on the session's loopback server, for every test here (autouse: up, and
    counting requests, before the runtime is made). The plugin clears the routes after the test."""
    return ShopBackend(swan_server)


@pytest.fixture
def refused_port() -> Iterator[int]:
    """A loopback port that is bound but not listening: every connection to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


# -- helpers -----------------------------------------------------------------------------------------
def api_calls(swan: SwanRuntime, since: int = 0) -> list[str]:
    return [e["api"] for e in swan.log[since:] if e.kind == "call"]


def lifecycle(swan: SwanRuntime, since: int = 0) -> list[tuple[str, str]]:
    return [(e["route"], e["hook"]) for e in swan.log[since:] if e.kind == "lifecycle"]


def tab_bar(swan: SwanRuntime) -> dict[str, Any]:
    bar = swan.tab_bar
    assert bar is not None
    return bar


def badges(swan: SwanRuntime) -> list[str | None]:
    return [item["badge"] for item in tab_bar(swan)["list"]]


def top(swan: SwanRuntime, route: str) -> Page:
    page = swan.current_page
    assert page is not None and page.route == route
    return page


def buy(swan: SwanRuntime, goods_id: str = "sticker") -> str:
    """The user taps "购买" on one of the goods (`<button data-id="{{item.id}}" bindtap="buy">`)."""
    result: str = top(swan, SHOP).tap("buy", dataset={"id": goods_id})
    return result


# -- the shop page -----------------------------------------------------------------------------------
def test_open_shows_the_goods_with_prices(swan: SwanRuntime) -> None:
    page = swan.open_page(SHOP)

    assert page.data == {
        "goods": [
            {"id": "sticker", "title": "智能小程序贴纸", "price": 990, "priceText": "¥9.90"},
            {"id": "bag", "title": "小度帆布袋", "price": 3900, "priceText": "¥39.00"},
        ],
        "nickName": "", "buying": "", "message": "", "lastOrderId": "",
    }
    assert badges(swan) == [None, None, None, None]
    assert [item["text"] for item in tab_bar(swan)["list"]] == ["首页", "文件", "商城", "订单"]
    assert tab_bar(swan)["selectedIndex"] == 2


def test_buy_logs_in_orders_and_pays(swan: SwanRuntime, shop: ShopBackend) -> None:
    page = swan.open_page(SHOP)
    mark = len(swan.log)

    assert buy(swan) == "SO0001"

    # what the user saw, in order
    assert api_calls(swan, mark) == [
        "login", "request",                    # swan.login -> code -> POST /api/login
        "getUserInfo",                         # the nickname for the order (authorization asked, granted)
        "showLoading", "checkSession", "request", "hideLoading",
        "requestPolymerPayment",
        "setTabBarBadge", "showToast", "navigateTo",
    ]
    # what the backend saw
    assert shop.requests == [
        Seen("POST", "/api/login", None, {"code": "swan-bridge-code-1"}),
        Seen("POST", "/api/orders", "Bearer token-1", {"goodsId": "sticker", "quantity": 1, "nickName": "百度网友"}),
    ]
    assert shop.tokens == {"token-1": "swan-bridge-code-1"}
    # the cashier got the backend's signed orderInfo, unchanged
    assert swan.calls("requestPolymerPayment") == [{"orderInfo": order_info("SO0001", "智能小程序贴纸", 990, "sticker")}]
    assert swan.calls("showLoading") == [LOADING]
    assert swan.calls("setTabBarBadge") == [{"index": ORDERS_TAB, "text": "1"}]
    assert badges(swan) == [None, None, None, "1"]
    assert swan.calls("showToast") == [PAID_TOAST]
    assert swan.calls("showModal") == []
    assert swan.calls("navigateTo") == [{"url": "/pages/order/order?id=SO0001"}]
    assert swan.settings == {"scope.userInfo": True}
    assert swan.storage["shop_token"] == "token-1"
    assert swan.storage["unseen_orders"] == 1
    # the pay-result page is on top of the shop
    assert swan.page_stack == [SHOP, ORDER]
    assert lifecycle(swan, mark) == [(SHOP, "onHide"), (ORDER, "onLoad"), (ORDER, "onShow"), (ORDER, "onReady")]
    assert top(swan, ORDER).data == {"orderId": "SO0001"}
    assert page.data["message"] == "支付成功"
    assert (page.data["buying"], page.data["lastOrderId"], page.data["nickName"]) == ("", "SO0001", "百度网友")
    assert swan.errors == []


def test_tapping_buy_on_the_bag_orders_the_bag_and_shows_it(swan: SwanRuntime, shop: ShopBackend) -> None:
    page = swan.open_page(SHOP)
    goods = page.select_all(".goods")
    shown = [(g.select(".title").text, g.select(".price").text) for g in goods]
    assert shown == [("智能小程序贴纸", "¥9.90"), ("小度帆布袋", "¥39.00")]

    goods[1].select("button").tap()                       # 购买 under 小度帆布袋: data-id="bag"

    assert [s.body["goodsId"] for s in shop.requests if s.path == "/api/orders"] == ["bag"]
    assert swan.page_stack == [SHOP, ORDER]
    order = top(swan, ORDER)
    assert order.select(".title").text == "支付成功" and order.select(".tip").text == "订单号：SO0001"
    assert page.select(".tip").text == "支付成功"           # the shop page below, as it was left


def test_buy_set_data_sequence(swan: SwanRuntime) -> None:
    swan.open_page(SHOP)
    mark = len(swan.log)

    buy(swan, "bag")

    assert [e["data"] for e in swan.log[mark:] if e.kind == "setData" and e["route"] == SHOP] == [
        {"buying": "bag", "message": ""},
        {"nickName": "百度网友"},
        {"buying": "", "message": "支付成功", "lastOrderId": "SO0001"},
    ]


def test_refuses_login_then_authorization_and_cancels_payment(swan: SwanRuntime, shop: ShopBackend) -> None:
    page = swan.open_page(SHOP)

    # 1. the user closes the login dialog: nothing is ordered
    swan.answer("login", {"fail": True})
    mark = len(swan.log)
    assert buy(swan) == ""
    assert api_calls(swan, mark) == ["login", "showToast"]
    assert swan.calls("showToast") == [LOGIN_TOAST]
    assert page.data["message"] == "登录后才能购买"
    assert shop.requests == []

    # 2. tapped again: logs in, refuses the user-info authorization (the order goes on without
    #    a nickname), then cancels in the cashier
    swan.answer("authorize", {"fail": True})
    swan.answer("requestPolymerPayment", {"fail": True})
    mark = len(swan.log)
    assert buy(swan) == ""
    assert api_calls(swan, mark) == [
        "login", "request", "getUserInfo", "showLoading", "checkSession", "request", "hideLoading",
        "requestPolymerPayment", "showToast", "checkSession", "request",
    ]
    assert shop.requests == [
        Seen("POST", "/api/login", None, {"code": "swan-bridge-code-1"}),  # a refused login issued no code
        Seen("POST", "/api/orders", "Bearer token-1", {"goodsId": "sticker", "quantity": 1, "nickName": ""}),
        Seen("POST", "/api/orders/SO0001/cancel", "Bearer token-1", None),  # the unpaid order is closed
    ]
    assert swan.settings == {"scope.userInfo": False}
    assert swan.calls("requestPolymerPayment") == [{"orderInfo": order_info("SO0001", "智能小程序贴纸", 990, "sticker")}]
    assert swan.calls("showToast") == [LOGIN_TOAST, CANCEL_TOAST]
    assert page.data["message"] == "已取消支付"
    assert page.data["buying"] == ""
    assert shop.orders[0]["status"] == "cancelled"

    # no badge, no navigation, no error dialog
    assert swan.calls("setTabBarBadge") == []
    assert badges(swan) == [None, None, None, None]
    assert swan.calls("navigateTo") == []
    assert swan.calls("showModal") == []
    assert swan.page_stack == [SHOP]
    assert "unseen_orders" not in swan.storage
    assert swan.errors == []


@pytest.mark.parametrize(("status", "body", "message"), [
    (500, {"code": 500, "msg": "库存服务不可用"}, "库存服务不可用（HTTP 500）"),
    (502, b"<html>Bad Gateway</html>", "服务器错误（HTTP 502）"),
    (200, {"code": 1001, "msg": "商品已售罄"}, "商品已售罄"),
    (200, b"not json", "服务器返回了无法识别的数据"),
])
def test_backend_error_shows_a_dialog_and_pays_nothing(
    swan: SwanRuntime, shop: ShopBackend, status: int, body: Any, message: str,
) -> None:
    page = swan.open_page(SHOP)
    shop.fail_next("POST", "/api/orders", status, body)
    mark = len(swan.log)

    assert buy(swan) == ""

    assert api_calls(swan, mark) == [
        "login", "request", "getUserInfo", "showLoading", "checkSession", "request", "hideLoading", "showModal",
    ]
    assert swan.calls("showModal") == [{"title": "下单失败", "content": message, "showCancel": False}]
    assert shop.seen() == [("POST", "/api/login"), ("POST", "/api/orders")]
    assert swan.calls("requestPolymerPayment") == []
    assert swan.calls("showToast") == []
    assert badges(swan) == [None, None, None, None]
    assert swan.page_stack == [SHOP]
    assert (page.data["message"], page.data["buying"]) == (message, "")


def test_login_backend_down(swan: SwanRuntime, shop: ShopBackend) -> None:
    swan.open_page(SHOP)
    shop.fail_next("POST", "/api/login", 503, {"code": 503, "msg": "系统维护中"})

    assert buy(swan) == ""

    assert swan.calls("showModal") == [{"title": "下单失败", "content": "系统维护中（HTTP 503）", "showCancel": False}]
    assert swan.calls("getUserInfo") == []
    assert "shop_token" not in swan.storage


def test_no_network(
    request: pytest.FixtureRequest, swan_project_factory: Callable[..., SwanRuntime], shop: ShopBackend, refused_port: int,
) -> None:
    # the shop's host leads to a port nobody listens on: the login's POST /api/login never connects
    swan = swan_project_factory(
        request.config.getini("swan_project"), routes={f"https://{HOST}/": f"http://127.0.0.1:{refused_port}/"}, domains=[HOST],
    )
    swan.open_page(SHOP)

    assert buy(swan) == ""

    assert swan.calls("showModal") == [
        {"title": "下单失败", "content": "网络异常：request:fail connection refused", "showCancel": False},
    ]
    assert shop.seen() == []
    assert swan.calls("getUserInfo") == []
    assert badges(swan) == [None, None, None, None]


def test_payment_failure_is_not_a_cancel(swan: SwanRuntime, shop: ShopBackend) -> None:
    page = swan.open_page(SHOP)
    swan.answer("requestPolymerPayment", {"fail": True, "kind": "network", "reason": "network down"})

    assert buy(swan) == ""

    assert swan.calls("showModal") == [
        {"title": "支付失败", "content": "requestPolymerPayment:fail network down", "showCancel": False},
    ]
    assert swan.calls("showToast") == []
    assert shop.seen() == [("POST", "/api/login"), ("POST", "/api/orders")]  # not cancelled: the user may retry
    assert badges(swan) == [None, None, None, None]
    assert page.data["message"] == "requestPolymerPayment:fail network down"


def test_second_purchase_reuses_the_session_and_counts_up(swan: SwanRuntime, shop: ShopBackend) -> None:
    swan.open_page(SHOP)
    buy(swan)
    swan.run("swan.navigateBack();")
    mark = len(swan.log)

    assert buy(swan, "bag") == "SO0002"

    assert api_calls(swan, mark) == [
        "checkSession",                        # the stored token and a live session: no new login
        "showLoading", "checkSession", "request", "hideLoading",
        "requestPolymerPayment", "setTabBarBadge", "showToast", "navigateTo",
    ]
    assert shop.seen() == [("POST", "/api/login"), ("POST", "/api/orders"), ("POST", "/api/orders")]
    assert shop.requests[-1].body == {"goodsId": "bag", "quantity": 1, "nickName": "百度网友"}
    assert swan.calls("requestPolymerPayment")[-1] == {"orderInfo": order_info("SO0002", "小度帆布袋", 3900, "bag")}
    assert swan.calls("setTabBarBadge") == [{"index": ORDERS_TAB, "text": "1"}, {"index": ORDERS_TAB, "text": "2"}]
    assert badges(swan) == [None, None, None, "2"]
    assert swan.calls("login") == [{}]


def test_an_expired_token_logs_in_again_once(swan: SwanRuntime, shop: ShopBackend) -> None:
    swan.open_page(SHOP)
    buy(swan)
    swan.run("swan.navigateBack();")
    shop.tokens.clear()  # the backend forgot every session
    mark = len(shop.requests)

    assert buy(swan) == "SO0002"

    assert [(r.method, r.path, r.auth) for r in shop.requests[mark:]] == [
        ("POST", "/api/orders", "Bearer token-1"),  # 401
        ("POST", "/api/login", None),
        ("POST", "/api/orders", "Bearer token-1"),  # the new token (the backend counts from 1 again)
    ]
    assert swan.storage["shop_token"] == "token-1"
    assert shop.tokens == {"token-1": "swan-bridge-code-2"}
    assert badges(swan) == [None, None, None, "2"]


def test_an_expired_session_logs_in_again(swan: SwanRuntime, shop: ShopBackend) -> None:
    swan.open_page(SHOP)
    buy(swan)
    swan.run("swan.navigateBack();")
    swan.answer("checkSession", {"fail": True, "kind": "not_found", "reason": "session expired"})

    assert buy(swan) == "SO0002"

    assert shop.seen()[2:] == [("POST", "/api/login"), ("POST", "/api/orders")]
    assert shop.requests[-1].auth == "Bearer token-2"
    assert swan.calls("login") == [{}, {}]


def test_a_second_tap_while_buying_is_ignored(swan: SwanRuntime, shop: ShopBackend) -> None:
    swan.open_page(SHOP)

    result = swan.run("""
        const shop = getCurrentPages()[0];
        const tap = {currentTarget: {dataset: {id: 'sticker'}}};
        shop.buy(tap).then(id => console.log('first', id));
        shop.buy(tap).then(id => console.log('second', JSON.stringify(id)));
    """)

    assert [m.text for m in result.console] == ['second ""', "first SO0001"]
    assert shop.seen() == [("POST", "/api/login"), ("POST", "/api/orders")]
    assert len(swan.calls("requestPolymerPayment")) == 1


# -- after paying: the pay-result page and the orders tab ----------------------------------------------
def test_view_orders_clears_the_badge_and_lists_the_orders(swan: SwanRuntime, shop: ShopBackend, button) -> None:
    swan.open_page(SHOP)
    buy(swan)
    shop.orders[0]["status"] = "paid"  # Baidu notified the backend
    mark = len(swan.log)

    button(top(swan, ORDER), "查看订单").tap()

    assert swan.page_stack == [ORDERS]  # switchTab closes the non-tab pages
    # the shop was hidden by the navigateTo already; as a tab page it stays alive
    assert lifecycle(swan, mark) == [(ORDER, "onUnload"), (ORDERS, "onLoad"), (ORDERS, "onShow"), (ORDERS, "onReady")]
    assert api_calls(swan, mark) == ["switchTab", "removeTabBarBadge", "checkSession", "request"]
    assert swan.calls("removeTabBarBadge") == [{"index": ORDERS_TAB}]
    assert badges(swan) == [None, None, None, None]
    assert swan.storage["unseen_orders"] == 0
    assert shop.requests[-1] == Seen("GET", "/api/orders", "Bearer token-1", None)
    assert top(swan, ORDERS).data == {
        "orders": [{"orderId": "SO0001", "title": "智能小程序贴纸", "priceText": "¥9.90", "statusText": "已支付"}],
        "loading": False, "error": "",
    }
    assert tab_bar(swan)["selectedIndex"] == ORDERS_TAB


def test_orders_tab_without_new_orders_keeps_the_badge_calls_away(swan: SwanRuntime, shop: ShopBackend) -> None:
    page = swan.open_page(ORDERS)

    assert swan.calls("removeTabBarBadge") == []
    assert api_calls(swan) == ["login", "request", "request"]  # logs in for the list
    assert shop.seen() == [("POST", "/api/login"), ("GET", "/api/orders")]
    assert page.data == {"orders": [], "loading": False, "error": ""}


def test_orders_tab_shows_a_load_error_and_refreshes(swan: SwanRuntime, shop: ShopBackend) -> None:
    shop.fail_next("GET", "/api/orders", 500, {"code": 500, "msg": "订单服务繁忙"})
    page = swan.open_page(ORDERS)
    assert page.data == {"orders": [], "loading": False, "error": "订单服务繁忙（HTTP 500）"}

    page.pull_down_refresh()

    assert page.data["error"] == ""
    assert swan.calls("stopPullDownRefresh") == [{}]
    assert page.refreshing is False


def test_continue_shopping_goes_back_to_the_shop(swan: SwanRuntime, button) -> None:
    shop_page = swan.open_page(SHOP)
    buy(swan)
    mark = len(swan.log)

    button(top(swan, ORDER), "继续购物").tap()

    assert swan.page_stack == [SHOP]
    assert lifecycle(swan, mark) == [(ORDER, "onUnload"), (SHOP, "onShow")]
    assert badges(swan) == [None, None, None, "1"]  # still unseen
    assert shop_page.data["lastOrderId"] == "SO0001"


def test_tapping_the_orders_tab_clears_the_badge(swan: SwanRuntime, shop: ShopBackend) -> None:
    swan.open_page(SHOP)
    buy(swan)
    top(swan, ORDER).tap("goShopping")
    assert badges(swan) == [None, None, None, "1"]
    mark = len(swan.log)

    swan.tap_tab(ORDERS_TAB)

    assert lifecycle(swan, mark) == [
        (SHOP, "onHide"), (ORDERS, "onLoad"), (ORDERS, "onShow"), (ORDERS, "onReady"), (ORDERS, "onTabItemTap"),
    ]
    assert badges(swan) == [None, None, None, None]
    assert swan.calls("removeTabBarBadge") == [{"index": ORDERS_TAB}]
    assert [o["statusText"] for o in top(swan, ORDERS).data["orders"]] == ["待支付"]  # until Baidu notifies the backend
