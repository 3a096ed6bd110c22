"""Scripted answers: what the user (or the outside world) answers the APIs that ask, the defaults
when a test scripted nothing, and the app services answered from them (identity, permissions,
location, payment, content)."""

from __future__ import annotations

import hashlib
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from typing import Any

from .._exceptions import HostFailure
from .._protocol import success_event
from .._spec import ERROR_KINDS
from .._options import check_settings
from .._registry import ApiFamily
from .._spec import SCOPE_OF

#: The interface APIs the host answers (js_shim/ui.js declares them), and the navigation APIs.
UI_APIS = (
    "showToast", "hideToast", "showLoading", "hideLoading", "showModal", "showActionSheet",
    "setNavigationBarTitle", "setNavigationBarColor", "showNavigationBarLoading", "hideNavigationBarLoading",
    "startPullDownRefresh", "stopPullDownRefresh", "pageScrollTo", "makePhoneCall", "setClipboardData",
    "getClipboardData",
)
ROUTE_APIS = ("navigateTo", "redirectTo", "switchTab", "reLaunch", "navigateBack")

#: The app services (js_shim/services.js declares them; issue 12), by family.
TAB_BAR_APIS = (
    "setTabBarBadge", "removeTabBarBadge", "showTabBarRedDot", "hideTabBarRedDot", "setTabBarItem", "setTabBarStyle",
    "showTabBar", "hideTabBar",
)
IDENTITY_APIS = ("login", "getLoginCode", "checkSession", "getUserInfo", "getSwanId", "authorize", "getSetting", "openSetting")
LOCATION_APIS = ("getLocation", "chooseLocation", "openLocation", "chooseAddress")
PAYMENT_APIS = ("requestPolymerPayment",)
#: The content APIs (issue 12 item 3): what the client shows or sends on, recorded and answered
#: from the scripts; the page info calls are kept per page (`Page.page_info`).
CONTENT_APIS = (
    "previewImage", "setPageInfo", "setDocumentTitle", "setMetaDescription", "setMetaKeywords",
    "navigateToSmartProgram", "navigateBackSmartProgram", "openShare", "reportAnalytics",
)



#: Answers used when a test scripted none: the user confirms, picks the first item, grants a
#: permission, pays, shares, closes the image preview; the other smart program opens (or this
#: one goes back to the one that opened it). The identity and location APIs answer from
#: `Services` (a fixed user, code and place); a scripted answer there is merged over that default.
#: Every content API succeeds unless a test scripts {"fail": True, ...}.
DEFAULT_ANSWERS: dict[str, dict[str, Any]] = {
    "showModal": {"confirm": True, "cancel": False},
    "showActionSheet": {"tapIndex": 0},
    "authorize": {},
    "requestPolymerPayment": {},
    **{api: {} for api in CONTENT_APIS},
}

_NUMBER = (int, float)

#: The fields a scripted success answer must have, per API (a wrong shape is a ValueError).
ANSWER_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "showModal": {"confirm": bool, "cancel": bool},
    "showActionSheet": {"tapIndex": int},
}

#: The only fields a scripted success answer may have, per API, with their types (any other
#: field is a ValueError: `{"allow": False}` must not pass for a grant). A refusal or a cancel is
#: {"fail": True} (kind "cancel"), as for every API.
OPTIONAL_ANSWER_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "authorize": {},
    "checkSession": {},
    "openLocation": {},
    "requestPolymerPayment": {},
    **{api: {} for api in CONTENT_APIS},
    "login": {"code": str},
    "getLoginCode": {"code": str},
    "getUserInfo": {"userInfo": dict, "data": str, "iv": str},
    "getSwanId": {"errno": str, "data": dict},
    "openSetting": {"authSetting": dict},
    "getLocation": {
        "latitude": _NUMBER, "longitude": _NUMBER, "speed": _NUMBER, "accuracy": _NUMBER, "altitude": _NUMBER,
        "verticalAccuracy": _NUMBER, "horizontalAccuracy": _NUMBER, "street": str, "cityCode": str, "city": str,
        "country": str, "countryCode": str, "province": str, "streetNumber": str, "district": str,
    },
    "chooseLocation": {"name": str, "address": str, "latitude": _NUMBER, "longitude": _NUMBER},
    "chooseAddress": dict.fromkeys((
        "userName", "postalCode", "provinceCode", "provinceName", "cityCode", "cityName", "countyCode", "countyName",
        "townCode", "townName", "detailInfo", "telNumber", "nationalCode"), str),
}


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    """isinstance, where a bool is not a number."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        return False
    return isinstance(value, kinds)


class Answers:
    """Answers a test scripted for APIs that ask the user (or the outside world), and what the
    user decided so far (`services`: permissions, login)."""

    def __init__(self) -> None:
        self._queued: dict[str, deque[dict[str, Any]]] = defaultdict(deque)
        self._services: Services | None = None

    def service_families(self, post: Callable[[Any], None], options: Mapping[str, Any]) -> dict[str, ApiFamily]:
        """The app services' API families (issue 12), answered from these answers; `post` queues
        a call's end event. Called once, while the runtime is built."""
        self._services = Services(self, options["settings"], options["app_key"])
        return self._services.families(post)

    @property
    def services(self) -> Services:
        assert self._services is not None, "service_families() was not called"
        return self._services

    def add(self, api: str, *answers: Mapping[str, Any]) -> None:
        for answer in answers:
            self._queued[api].append(check_answer(api, answer))

    def next(self, api: str) -> dict[str, Any] | None:
        """The next scripted answer for `api`, else its default (None: no default)."""
        queue = self._queued.get(api)
        if queue:
            return queue.popleft()
        default = DEFAULT_ANSWERS.get(api)
        return dict(default) if default is not None else None


def check_answer(api: str, answer: Mapping[str, Any]) -> dict[str, Any]:
    """A scripted answer: a success dict of the API's shape, or {"fail": True, ...}."""
    if not isinstance(answer, Mapping):
        raise ValueError(f"{api}: an answer must be a dict, got {type(answer).__name__}")
    answer = dict(answer)
    if answer.get("fail"):
        # {"fail": True, "kind": "cancel" (default) or another failure kind, "reason": text}:
        # the shim writes errCode and errMsg from them, as for every failure.
        unknown = set(answer) - {"fail", "kind", "reason"}
        if unknown:
            raise ValueError(f"{api}: a fail answer takes kind and reason, not {', '.join(sorted(unknown))}")
        if answer.setdefault("kind", "cancel") not in ERROR_KINDS:
            raise ValueError(f"{api}: unknown failure kind {answer['kind']!r}; one of {', '.join(ERROR_KINDS)}")
        if not isinstance(answer.setdefault("reason", ""), str):
            raise ValueError(f"{api}: a fail answer's reason must be a string")
        return answer
    for name, kind in ANSWER_FIELDS.get(api, {}).items():
        if name in answer and (not isinstance(answer[name], kind) or (kind is int and isinstance(answer[name], bool))):
            raise ValueError(f"{api}: answer field {name!r} must be {getattr(kind, '__name__', kind)}, got {answer[name]!r}")
    missing = [name for name in ANSWER_FIELDS.get(api, {}) if name not in answer]
    if missing:
        raise ValueError(f"{api}: answer is missing {', '.join(missing)}")
    allowed = OPTIONAL_ANSWER_FIELDS.get(api)
    if allowed is not None:
        extra = sorted(set(answer) - set(allowed))
        if extra:
            takes = ", ".join(sorted(allowed)) or "no fields"
            raise ValueError(f"{api}: a success answer takes {takes}, not {', '.join(extra)} "
                             "(script a refusal or a cancel as {'fail': True})")
        for name, kind in allowed.items():
            if name in answer and not _is(answer[name], kind):
                names = "number" if kind is _NUMBER else getattr(kind, "__name__", kind)
                raise ValueError(f"{api}: answer field {name!r} must be {names}, got {answer[name]!r}")
    if api == "openSetting":
        check_settings(f"{api}: answer field 'authSetting'", answer.get("authSetting", {}))
    return answer


# ------------------------------------------------------------------------------------------------
# App services (issue 12): identity, permissions, location, payment, content
# ------------------------------------------------------------------------------------------------
#: The user getUserInfo reports by default: the one the docs name for a user who gave nothing
#: away ("百度网友", open/userinfo_swan-getUserInfo.md).
DEFAULT_USER: dict[str, Any] = {
    "userInfo": {"nickName": "百度网友", "avatarUrl": "https://b.bdstatic.com/miniapp/images/default_avatar.png", "gender": 0},
    "data": "",
    "iv": "",
}
#: Where getLocation finds the device: Baidu's campus in Beijing, Haidian (wgs84).
DEFAULT_LOCATION: dict[str, Any] = {
    "latitude": 40.05703, "longitude": 116.30755, "speed": 0.0, "accuracy": 30.0, "altitude": 0.0,
    "verticalAccuracy": 0.0, "horizontalAccuracy": 30.0, "street": "西北旺东路", "cityCode": "131", "city": "北京市",
    "country": "中国", "countryCode": "0", "province": "北京市", "streetNumber": "10号", "district": "海淀区",
}
#: gcj02 is wgs84 moved by the national offset, about this much there.
GCJ02_SHIFT = (0.00128, 0.00609)
#: What chooseLocation returns by default (the place of the docs' openLocation sample).
DEFAULT_PLACE: dict[str, Any] = {"name": "百度科技园", "address": "北京市海淀区西北旺东路10号院", "latitude": 40.04, "longitude": 116.27}
#: What chooseAddress returns by default.
DEFAULT_ADDRESS: dict[str, Any] = {
    "userName": "张三", "postalCode": "100085", "provinceCode": "110000", "provinceName": "北京市", "cityCode": "110100",
    "cityName": "北京市", "countyCode": "110108", "countyName": "海淀区", "townCode": "110108017", "townName": "上地街道",
    "detailInfo": "上地十街10号", "telNumber": "13800000000", "nationalCode": "86",
}


class Services:
    """The host side of the identity, location, payment and content APIs: the permissions
    (rt.settings), the login session, and the scripted answers (or their defaults).

    A permission the user has not decided yet is asked for once, the first time an API needs it
    (or swan.authorize asks): the next scripted answer of "authorize" decides it ({} grants, the
    default; {"fail": True} refuses). A refused scope fails its APIs at once with 10003 "user
    deny", without asking again, as the client does (open/authorize_list.md).
    """

    def __init__(self, answers: Answers, settings: Mapping[str, bool] | None, app_key: str) -> None:
        self._answers = answers
        self.settings: dict[str, bool] = dict(settings or {})
        self.logged_in = True  # the Baidu App's own login (isLoginSync)
        self.session = False  # a swan.login succeeded (checkSession)
        self._codes = 0
        self._app_key = app_key

    def families(self, post: Callable[[Any], None]) -> dict[str, ApiFamily]:
        def start(call_id: int, api: str, params: dict[str, Any]) -> None:
            post(success_event(call_id, self.answer(api, params)))

        return {
            "tabbar": ApiFamily(TAB_BAR_APIS, lambda call_id, api, params: post(success_event(call_id, {}))),
            "identity": ApiFamily(IDENTITY_APIS, start),
            "location": ApiFamily(LOCATION_APIS, start),
            "payment": ApiFamily(PAYMENT_APIS, start),
            "content": ApiFamily(CONTENT_APIS, lambda call_id, api, params: post(success_event(call_id, self._next(api)))),
        }

    def answer(self, api: str, params: dict[str, Any]) -> dict[str, Any]:
        scope = SCOPE_OF.get(api)
        if scope is not None:
            self._require(scope)
        handler: Callable[[dict[str, Any]], dict[str, Any]] = getattr(self, f"_{api}")
        return handler(params)

    # -- permissions --------------------------------------------------------------------------------
    def _ask(self, scope: str) -> bool:
        """The user's choice in the authorization dialog (the next "authorize" answer)."""
        answer = self._answers.next("authorize") or {}
        if answer.get("fail"):
            if answer["kind"] != "cancel":
                raise HostFailure(answer["kind"], answer["reason"])  # the dialog itself failed
            self.settings[scope] = False
            return False
        self.settings[scope] = True
        return True

    def _require(self, scope: str) -> None:
        granted = self.settings.get(scope)
        if granted is None:
            granted = self._ask(scope)
        if not granted:
            raise HostFailure("cancel", "user deny")

    def _authorize(self, params: dict[str, Any]) -> dict[str, Any]:
        scope = params["scope"]
        granted = self.settings.get(scope)
        if granted is None:
            granted = self._ask(scope)
        if not granted:
            raise HostFailure("cancel", "user deny")
        return {}

    def _getSetting(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"authSetting": dict(self.settings)}

    def _openSetting(self, params: dict[str, Any]) -> dict[str, Any]:
        answer = self._next("openSetting")
        self.settings.update(answer.get("authSetting", {}))
        return {"authSetting": dict(self.settings)}

    # -- login ----------------------------------------------------------------------------------------
    def _login(self, params: dict[str, Any]) -> dict[str, Any]:
        answer = self._next("login")
        self._codes += 1
        self.logged_in = self.session = True
        return {"code": answer.get("code", f"swan-bridge-code-{self._codes}")}

    def _getLoginCode(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._login(params)

    def _checkSession(self, params: dict[str, Any]) -> dict[str, Any]:
        answer = self._answers.next("checkSession")
        if answer is not None:
            self._raise_if_failed(answer)
            return {}
        if not self.logged_in:
            raise HostFailure("not_found", "user not login")
        if not self.session:
            raise HostFailure("not_found", "session invalid")
        return {}

    def _getUserInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        answer = self._next("getUserInfo")
        return {**DEFAULT_USER, **answer}

    def _getSwanId(self, params: dict[str, Any]) -> dict[str, Any]:
        answer = self._next("getSwanId")
        swanid = hashlib.sha1(f"swan-bridge:{self._app_key}".encode()).hexdigest()
        return {"errno": "0", "data": {"swanid": swanid}, **answer}

    # -- location ---------------------------------------------------------------------------------
    def _getLocation(self, params: dict[str, Any]) -> dict[str, Any]:
        answer = self._next("getLocation")
        place = dict(DEFAULT_LOCATION)
        if params.get("type") == "gcj02":
            place["latitude"] = round(place["latitude"] + GCJ02_SHIFT[0], 6)
            place["longitude"] = round(place["longitude"] + GCJ02_SHIFT[1], 6)
        if params.get("altitude") is True:
            place["altitude"] = 52.0
        return {**place, **answer}

    def _chooseLocation(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**DEFAULT_PLACE, **self._next("chooseLocation")}

    def _openLocation(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._next("openLocation")

    def _chooseAddress(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**DEFAULT_ADDRESS, **self._next("chooseAddress")}

    # -- payment ----------------------------------------------------------------------------------
    def _requestPolymerPayment(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._next("requestPolymerPayment")

    # -- answers ----------------------------------------------------------------------------------
    def _next(self, api: str) -> dict[str, Any]:
        answer = self._answers.next(api) or {}
        self._raise_if_failed(answer)
        return answer

    @staticmethod
    def _raise_if_failed(answer: Mapping[str, Any]) -> None:
        if answer.get("fail"):
            raise HostFailure(answer["kind"], answer["reason"])

