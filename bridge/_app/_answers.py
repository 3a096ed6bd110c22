"""Scripted answers: what the user (or the outside world) answers the APIs that ask, the defaults
when a test scripted nothing, and the app services answered from them (identity, permissions,
location, payment, content)."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict, deque
from collections.abc import Mapping
from typing import Any

from .._exceptions import HostFailure
from .._options import check_settings
from .._registry import Handler, Params, api, declared_apis, handlers_of
from .._spec import ERROR_KINDS, SCOPE_OF

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
}

NUMBER = (int, float)

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
    "login": {"code": str},
    "getLoginCode": {"code": str},
    "getUserInfo": {"userInfo": dict, "data": str, "iv": str},
    "getPhoneNumber": {"encryptedData": str, "iv": str},
    "getSwanId": {"errno": str, "data": dict},
    "openSetting": {"authSetting": dict},
    "getLocation": {
        "latitude": NUMBER, "longitude": NUMBER, "speed": NUMBER, "accuracy": NUMBER, "altitude": NUMBER,
        "verticalAccuracy": NUMBER, "horizontalAccuracy": NUMBER, "street": str, "cityCode": str, "city": str,
        "country": str, "countryCode": str, "province": str, "streetNumber": str, "district": str,
    },
    "chooseLocation": {"name": str, "address": str, "latitude": NUMBER, "longitude": NUMBER},
    "chooseAddress": dict.fromkeys((
        "userName", "postalCode", "provinceCode", "provinceName", "cityCode", "cityName", "countyCode", "countyName",
        "townCode", "townName", "detailInfo", "telNumber", "nationalCode"), str),
}


def is_kind(value: Any, kind: type | tuple[type, ...]) -> bool:
    """isinstance, where a bool is not a number."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        return False
    return isinstance(value, kinds)


class Interface:
    """The interface and navigation APIs. Nothing is shown: the scripted answer (or the default) is
    the result; navigation itself happens in the shim when the answer arrives."""

    def __init__(self, answers: Answers) -> None:
        self._answers = answers
        self._clipboard = ""

    def _scripted(self, api: str) -> dict[str, Any]:
        answer = self._answers.next(api)
        if answer is not None and answer.get("fail"):
            raise HostFailure(answer["kind"], answer["reason"])
        return answer or {}

    @api("ui", scripted=True)
    def showToast(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def hideToast(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def showLoading(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def hideLoading(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def showModal(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def showActionSheet(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def setNavigationBarTitle(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def setNavigationBarColor(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def showNavigationBarLoading(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def hideNavigationBarLoading(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def startPullDownRefresh(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def stopPullDownRefresh(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def pageScrollTo(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def makePhoneCall(self, api: str, params: Params) -> dict[str, Any]:
        return self._scripted(api)

    @api("ui", scripted=True)
    def setClipboardData(self, api: str, params: Params) -> dict[str, Any]:
        self._clipboard = params["data"]
        return self._scripted(api)

    @api("ui")
    def getClipboardData(self, api: str, params: Params) -> dict[str, Any]:
        return {"data": self._clipboard}

    @api("route")
    def navigateTo(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("route")
    def redirectTo(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("route")
    def switchTab(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("route")
    def reLaunch(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("route")
    def navigateBack(self, api: str, params: Params) -> dict[str, Any]:
        return {}


class Answers:
    """Answers a test scripted for APIs that ask the user (or the outside world), and what the
    user decided so far (`services`: permissions, login)."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        self._queued: dict[str, deque[dict[str, Any]]] = defaultdict(deque)
        #: What the user decided so far (permissions, login), with the runtime's settings.
        self.services = Services(self, options["settings"], options["app_key"])

    def handlers(self) -> dict[str, Handler]:
        """The interface, navigation and app-service APIs, answered from these answers."""
        services = self.services
        return {**handlers_of(Interface(self)), **{name: services.scoped(h) for name, h in handlers_of(services).items()}}

    def add(self, api: str, *answers: Mapping[str, Any]) -> None:
        for answer in answers:
            self._queued[api].append(check_answer(api, answer))

    def unused(self) -> dict[str, int]:
        """{api: how many scripted answers are left} for each API with some left."""
        return {api: len(queue) for api, queue in self._queued.items() if queue}

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
    try:  # it reaches the script as JSON: NaN, infinities, cycles and other objects cannot
        json.dumps(answer, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        raise ValueError(f"{api}: an answer must be JSON data: {exc}") from None
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
            if name in answer and not is_kind(answer[name], kind):
                names = "number" if kind is NUMBER else getattr(kind, "__name__", kind)
                raise ValueError(f"{api}: answer field {name!r} must be {names}, got {answer[name]!r}")
    if api == "openSetting":
        check_settings(f"{api}: answer field 'authSetting'", answer.get("authSetting", {}))
    return answer


# ------------------------------------------------------------------------------------------------
# App services: identity, permissions, location, payment, content
# ------------------------------------------------------------------------------------------------
#: The user getUserInfo reports by default: the one the docs name for a user who gave nothing
#: away ("百度网友", open/userinfo_swan-getUserInfo.md).
DEFAULT_USER: dict[str, Any] = {
    "userInfo": {"nickName": "百度网友", "avatarUrl": "https://b.bdstatic.com/miniapp/images/default_avatar.png", "gender": 0},
    "data": "",
    "iv": "",
}
#: What getPhoneNumber (a `<button open-type="getPhoneNumber">`) gives by default: the user
#: allows, and the encrypted data is empty (nothing to decrypt in a test).
DEFAULT_PHONE: dict[str, Any] = {"encryptedData": "", "iv": ""}
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

    def scoped(self, handler: Handler) -> Handler:
        """`handler`, behind the permission its API needs (spec.json "scopeOf"), if any."""
        scope = SCOPE_OF.get(handler.api)
        if scope is None:
            return handler
        answer = handler.call

        def call(api: str, params: Params) -> dict[str, Any]:
            self._require(scope)
            result: dict[str, Any] = answer(api, params)
            return result

        return handler.calling(call)

    # -- tab bar: the shim keeps its state (rt.tab_bar); the answer releases the callbacks --------
    @api("tabbar")
    def setTabBarBadge(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("tabbar")
    def removeTabBarBadge(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("tabbar")
    def showTabBarRedDot(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("tabbar")
    def hideTabBarRedDot(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("tabbar")
    def setTabBarItem(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("tabbar")
    def setTabBarStyle(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("tabbar")
    def showTabBar(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    @api("tabbar")
    def hideTabBar(self, api: str, params: Params) -> dict[str, Any]:
        return {}

    # -- content: what the client shows or sends on, recorded and answered from the scripts; the
    # page info calls are kept per page (`Page.page_info`) -----------------------------------------
    @api("content", scripted=True)
    def previewImage(self, api: str, params: Params) -> dict[str, Any]:
        return self._next(api)

    @api("content", scripted=True)
    def setPageInfo(self, api: str, params: Params) -> dict[str, Any]:
        return self._next(api)

    @api("content", scripted=True)
    def setDocumentTitle(self, api: str, params: Params) -> dict[str, Any]:
        return self._next(api)

    @api("content", scripted=True)
    def setMetaDescription(self, api: str, params: Params) -> dict[str, Any]:
        return self._next(api)

    @api("content", scripted=True)
    def setMetaKeywords(self, api: str, params: Params) -> dict[str, Any]:
        return self._next(api)

    @api("content", scripted=True)
    def navigateToSmartProgram(self, api: str, params: Params) -> dict[str, Any]:
        return self._next(api)

    @api("content", scripted=True)
    def navigateBackSmartProgram(self, api: str, params: Params) -> dict[str, Any]:
        return self._next(api)

    @api("content", scripted=True)
    def openShare(self, api: str, params: Params) -> dict[str, Any]:
        return self._next(api)

    @api("content", scripted=True)
    def reportAnalytics(self, api: str, params: Params) -> dict[str, Any]:
        return self._next(api)

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

    @api("identity", scripted=True)
    def authorize(self, api: str, params: Params) -> dict[str, Any]:
        scope = params["scope"]
        granted = self.settings.get(scope)
        if granted is None:
            granted = self._ask(scope)
        if not granted:
            raise HostFailure("cancel", "user deny")
        return {}

    @api("identity")
    def getSetting(self, api: str, params: Params) -> dict[str, Any]:
        return {"authSetting": dict(self.settings)}

    @api("identity", scripted=True)
    def openSetting(self, api: str, params: Params) -> dict[str, Any]:
        answer = self._next(api)
        self.settings.update(answer.get("authSetting", {}))
        return {"authSetting": dict(self.settings)}

    # -- login ----------------------------------------------------------------------------------------
    @api("identity", scripted=True)
    def login(self, api: str, params: Params) -> dict[str, Any]:
        answer = self._next(api)
        self._codes += 1
        self.logged_in = self.session = True
        return {"code": answer.get("code", f"swan-bridge-code-{self._codes}")}

    @api("identity", scripted=True)
    def getLoginCode(self, api: str, params: Params) -> dict[str, Any]:
        return self.login(api, params)

    @api("identity", scripted=True)
    def checkSession(self, api: str, params: Params) -> dict[str, Any]:
        answer = self._answers.next(api)
        if answer is not None:
            self._raise_if_failed(answer)
            return {}
        if not self.logged_in:
            raise HostFailure("not_found", "user not login")
        if not self.session:
            raise HostFailure("not_found", "session invalid")
        return {}

    @api("identity", scripted=True)
    def getUserInfo(self, api: str, params: Params) -> dict[str, Any]:
        answer = self._next(api)
        return {**DEFAULT_USER, **answer}

    @api("identity", scripted=True)
    def getPhoneNumber(self, api: str, params: Params) -> dict[str, Any]:
        return {**DEFAULT_PHONE, **self._next(api)}

    @api("identity", scripted=True)
    def getSwanId(self, api: str, params: Params) -> dict[str, Any]:
        answer = self._next(api)
        swanid = hashlib.sha1(f"swan-bridge:{self._app_key}".encode()).hexdigest()
        return {"errno": "0", "data": {"swanid": swanid}, **answer}

    # -- location ---------------------------------------------------------------------------------
    @api("location", scripted=True)
    def getLocation(self, api: str, params: Params) -> dict[str, Any]:
        answer = self._next(api)
        place = dict(DEFAULT_LOCATION)
        if params.get("type") == "gcj02":
            place["latitude"] = round(place["latitude"] + GCJ02_SHIFT[0], 6)
            place["longitude"] = round(place["longitude"] + GCJ02_SHIFT[1], 6)
        if params.get("altitude") is True:
            place["altitude"] = 52.0
        return {**place, **answer}

    @api("location", scripted=True)
    def chooseLocation(self, api: str, params: Params) -> dict[str, Any]:
        return {**DEFAULT_PLACE, **self._next(api)}

    @api("location", scripted=True)
    def openLocation(self, api: str, params: Params) -> dict[str, Any]:
        return self._next(api)

    @api("location", scripted=True)
    def chooseAddress(self, api: str, params: Params) -> dict[str, Any]:
        return {**DEFAULT_ADDRESS, **self._next(api)}

    # -- payment ----------------------------------------------------------------------------------
    @api("payment", scripted=True)
    def requestPolymerPayment(self, api: str, params: Params) -> dict[str, Any]:
        return self._next(api)

    # -- answers ----------------------------------------------------------------------------------
    def _next(self, api: str) -> dict[str, Any]:
        answer = self._answers.next(api) or {}
        self._raise_if_failed(answer)
        return answer

    @staticmethod
    def _raise_if_failed(answer: Mapping[str, Any]) -> None:
        if answer.get("fail"):
            raise HostFailure(answer["kind"], answer["reason"])


#: Every content API succeeds unless a test scripts {"fail": True, ...}, and its answer takes no field.
DEFAULT_ANSWERS.update({name: {} for name in declared_apis(Services, family="content")})
OPTIONAL_ANSWER_FIELDS.update({name: {} for name in declared_apis(Services, family="content")})
