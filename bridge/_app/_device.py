"""The device, AI and native-page APIs (js_shim/api/device.js): each answered with the test's
scripted answer or its documented default. The shim keeps the device's state and applies a call
to it on success, so these handlers only decide how a call ends.

Docs: swan-team/swan-docs, program-docs/docs/develop/api/ (each family's pages are listed at the
top of js_shim/api/device.js; each default below names its page).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from .._exceptions import HostFailure
from .._registry import Handler, Params, api, handlers_of
from ._answers import DEFAULT_ANSWERS, DEFAULT_LOCATION, NUMBER, OPTIONAL_ANSWER_FIELDS, Answers, is_kind

Kinds = dict[str, type | tuple[type, ...]]

#: Carried out on the device's state: a scripted answer is {} or a failure. The getters take the
#: fields of their page; what a test leaves out comes from the state (rt.device, ext.json).
DEVICE_FIELDS: dict[str, Kinds] = {
    **{name: {} for name in (
        "startAccelerometer", "stopAccelerometer", "startCompass", "stopCompass", "startDeviceMotionListening",
        "stopDeviceMotionListening", "startLocationUpdate", "stopLocationUpdate", "setKeepScreenOn",
        "setScreenBrightness", "vibrateShort", "vibrateLong", "setBackgroundColor", "setBackgroundTextStyle",
        "setEnableDebug", "loadSubPackage")},
    "getScreenBrightness": {"value": NUMBER},  # device_sys/swan-getScreenBrightness.md
    "getBatteryInfo": {"level": str, "isCharging": bool},  # device_sys/swan-getBatteryInfo.md (level: a string)
    "getExtConfig": {"extConfig": dict},  # source/_posts/develop/api/getextconfig.md
}

_BOX = {"left": NUMBER, "top": NUMBER, "width": NUMBER, "height": NUMBER}
_NO_BOX = {"left": 0, "top": 0, "width": 0, "height": 0}

#: The native pages and services (family "native") and the AI services ("ai"): api -> (the
#: fields of its success answer with their types, the default answer). A default is what the
#: page documents when nothing was found or the user did the plain thing; `log_id` (a count of the
#: runtime's AI calls) and the ids derived from the call are added by the handler.
ANSWERED: dict[str, tuple[Kinds, dict[str, Any]]] = {
    # device_sys/swan-scanCode.md: charSet on Android only
    "scanCode": ({"result": str, "scanType": str, "charSet": str},
                 {"result": "https://smartprogram.baidu.com/", "scanType": "QR_CODE", "charSet": "UTF-8"}),
    # device_sys/swan-addEventOnCalendar.md: eventId (made from the event)
    "addEventOnCalendar": ({"eventId": str}, {}),
    "deleteEventOnCalendar": ({}, {}),  # device_sys/swan-deleteEventOnCalendar.md
    "addPhoneContact": ({}, {}),  # device_sys/swan-addPhoneContact.md
    # open/swan-chooseInvoiceTitle.md: type "0" a company, "1" a person
    "chooseInvoiceTitle": (dict.fromkeys(("type", "title", "taxNumber", "companyAddress", "telephone", "bankName",
                                          "bankAccount"), str),
                           {"type": "1", "title": "张三", "taxNumber": "", "companyAddress": "", "telephone": "13800000000",
                            "bankName": "", "bankAccount": ""}),
    # open/community_swan-openCommunityEditor.md: the user publishes an empty post
    "openCommunityEditor": ({"tempFilePaths": list, "tempFiles": list, "title": str, "content": str},
                            {"tempFilePaths": [], "tempFiles": [], "title": "", "content": ""}),
    "closeCommunityEditor": ({}, {}),  # open/community_swan-closeCommunityEditor.md
    # open/replyeditor_swan-openReplyEditor.md: status "reply" (sent) or "draft" (hidden)
    "openReplyEditor": ({"status": str, "tempFile": list, "content": str}, {"status": "reply", "tempFile": [], "content": ""}),
    "closeReplyEditor": ({}, {}),  # open/replyeditor_swan-closeReplyEditor.md
    # open/swan-subscribeService.md: a query finds the subscription (status 1); type, app_key
    # and the query's form_id / status come from the call
    "subscribeService": ({"type": str, "form_id": str, "status": int, "update_time": NUMBER, "app_key": str},
                         {"update_time": 1577808000}),
    "showFavoriteGuide": ({}, {}),  # show/nacomponent.md
    # open/swan-getSystemRiskInfo.md: content {key, value} (made from the app key)
    "getSystemRiskInfo": ({"content": dict}, {}),
    # ai/ocr_swan-ai-ocrIdCard.md
    "ai.ocrIdCard": ({"log_id": NUMBER, "direction": int, "image_status": str, "risk_type": str, "edit_tool": str,
                      "words_result_num": int, "words_result": dict},
                     {"image_status": "normal", "words_result_num": 0, "words_result": {}}),
    # ai/ocr_swan-ai-ocrBankCard.md: bank_card_type 0 "cannot tell"
    "ai.ocrBankCard": ({"log_id": NUMBER, "result": dict},
                       {"result": {"bank_card_number": "", "bank_name": "", "bank_card_type": 0}}),
    # ai/ocr_swan-ai-ocrDrivingLicense.md, ocr_swan-ai-ocrVehicleLicense.md
    "ai.ocrDrivingLicense": ({"log_id": NUMBER, "direction": int, "words_result_num": int, "words_result": dict},
                             {"words_result_num": 0, "words_result": {}}),
    "ai.ocrVehicleLicense": ({"log_id": NUMBER, "direction": int, "words_result_num": int, "words_result": dict},
                             {"words_result_num": 0, "words_result": {}}),
    # ai/classify_swan-ai-*.md
    "ai.advancedGeneralIdentify": ({"log_id": NUMBER, "result_num": int, "result": list}, {"result_num": 0, "result": []}),
    "ai.animalClassify": ({"log_id": NUMBER, "result": list}, {"result": []}),
    "ai.plantClassify": ({"log_id": NUMBER, "result": list}, {"result": []}),
    "ai.carClassify": ({"log_id": NUMBER, "color_result": str, "result": list, "location_result": dict},
                       {"color_result": "", "result": [], "location_result": _NO_BOX}),
    "ai.dishClassify": ({"log_id": NUMBER, "result_num": int, "result": list}, {"result_num": 0, "result": []}),
    "ai.logoClassify": ({"log_id": NUMBER, "result_num": int, "result": list}, {"result_num": 0, "result": []}),
    "ai.objectDetectIdentify": ({"log_id": NUMBER, "result": dict}, {"result": _NO_BOX}),
    # ai/audit.md: conclusionType 1 "合规" (data only for the other conclusions)
    "ai.imageAudit": ({"log_id": NUMBER, "conclusion": str, "conclusionType": int, "data": list},
                      {"conclusion": "合规", "conclusionType": 1}),
    # ai/text_swan-ai-textReview.md: spam 0, nothing rejected
    "ai.textReview": ({"log_id": NUMBER, "result": dict}, {"result": {"spam": 0, "reject": [], "review": [], "pass": []}}),
    # ai/audio.md: filePath, a temp file (made by the handler: one silent MP3 frame)
    "ai.textToAudio": ({"filePath": str}, {}),
    # ai/word.md: text (the call's), no items
    "ai.nlpLexerCustom": ({"log_id": NUMBER, "text": str, "items": list}, {"items": []}),
    # ai/face_swan-ai-*.md: no face found; face tokens are made from the images
    "ai.faceDetect": ({"log_id": NUMBER, "error_no": int, "error_msg": str, "face_num": int, "face_list": list},
                      {"error_no": 0, "error_msg": "SUCCESS", "face_num": 0, "face_list": []}),
    "ai.faceMatch": ({"score": NUMBER, "face_list": list}, {"score": 0}),
    "ai.faceSearch": ({"face_token": str, "user_list": list}, {"user_list": []}),
    "ai.facePersonVerify": ({"log_id": NUMBER, "score": NUMBER}, {"score": 0}),
    "ai.facePersonIdmatch": ({}, {}),
    # The page's table puts session_id and code at the top; its sample reads res.result.session_id:
    # both are there.
    "ai.faceLivenessSessioncode": ({"log_id": NUMBER, "error_no": int, "error_msg": str, "session_id": str, "code": str,
                                    "result": dict},
                                   {"error_no": 0, "error_msg": "SUCCESS"}),
}

#: One silent MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz): what textToAudio's file holds.
SILENT_MP3 = b"\xff\xfb\x90\x64" + bytes(413)

DEFAULT_ANSWERS.update({name: {} for name, fields in DEVICE_FIELDS.items() if not fields})
DEFAULT_ANSWERS.update({name: copy.deepcopy(default) for name, (_, default) in ANSWERED.items()})
OPTIONAL_ANSWER_FIELDS.update(DEVICE_FIELDS)
OPTIONAL_ANSWER_FIELDS.update({name: fields for name, (fields, _) in ANSWERED.items()})


#: The events a test sends with rt.emit, by the listener that gets them: (required fields,
#: optional fields), each with its type. Docs: device_sys/swan-onAccelerometerChange.md,
#: swan-onCompassChange.md (accuracy: a number on iOS, a string on Android),
#: swan-onDeviceMotionChange.md, location/swan-onLocationChange.md (getLocation's fields),
#: device_sys/onmemory.md (level: Android only), swan-onUserCaptureScreen.md (no fields),
#: open/UpdateManager-onCheckForUpdate.md ({hasUpdate}), UpdateManager-applyUpdate.md.
EVENTS: dict[str, tuple[Kinds, Kinds]] = {
    "onAccelerometerChange": (dict.fromkeys(("x", "y", "z"), NUMBER), {}),
    "onCompassChange": ({"direction": NUMBER}, {"accuracy": (int, float, str)}),
    "onDeviceMotionChange": (dict.fromkeys(("alpha", "beta", "gamma"), NUMBER), {}),
    "onLocationChange": ({}, OPTIONAL_ANSWER_FIELDS["getLocation"]),
    "onMemoryWarning": ({}, {"level": int}),
    "onUserCaptureScreen": ({}, {}),
    "UpdateManager.onCheckForUpdate": ({"hasUpdate": bool}, {}),
    "UpdateManager.onUpdateReady": ({}, {}),
    "UpdateManager.onUpdateFailed": ({}, {}),
}
#: Android's memory warning level when a test gives none: TRIM_MEMORY_RUNNING_LOW.
MEMORY_LOW = 10


def check_event(event: str, data: Mapping[str, Any] | None, platform: str) -> dict[str, Any]:
    """The payload of an event rt.emit sends, checked against its fields; ValueError if wrong."""
    if event not in EVENTS:
        raise ValueError(f"unknown device event {event!r}; one of {', '.join(EVENTS)}")
    if data is not None and not isinstance(data, Mapping):
        raise ValueError(f"{event}: data must be a dict, got {type(data).__name__}")
    payload = dict(data or {})
    required, optional = EVENTS[event]
    missing = [name for name in required if name not in payload]
    if missing:
        raise ValueError(f"{event}: data is missing {', '.join(missing)}")
    extra = sorted(set(payload) - set(required) - set(optional))
    if extra:
        raise ValueError(f"{event}: data takes {', '.join([*required, *optional]) or 'no fields'}, not {', '.join(extra)}")
    for name, kind in {**required, **optional}.items():
        if name in payload and not is_kind(payload[name], kind):
            raise ValueError(f"{event}: field {name!r} has the wrong type: {payload[name]!r}")
    if event == "onLocationChange":
        payload = {**DEFAULT_LOCATION, **payload}
    elif event == "onMemoryWarning" and platform != "ios":
        payload.setdefault("level", MEMORY_LOW)
    return payload


def _token(*parts: str) -> str:
    return hashlib.sha1(":".join(("swan-bridge", *parts)).encode()).hexdigest()


class DeviceApis:
    """The handlers; `temp_file(ext, data)` makes a temp file and gives its `bdfile://` path."""

    def __init__(self, answers: Answers, options: Mapping[str, Any], temp_file: Callable[[str, bytes], str]) -> None:
        self._answers = answers
        self._platform: str = options["platform"]
        self._app_key: str = options["app_key"]
        self.temp_file = temp_file
        self.log_ids = 0
        self._events = 0

    def handlers(self) -> dict[str, Handler]:
        """The handlers by API; chooseInvoiceTitle behind its scope (scope.invoiceTitle)."""
        services = self._answers.services
        found = {**handlers_of(self), **handlers_of(AiApis(self), "ai.")}
        return {name: services.scoped(h) for name, h in found.items()}

    def _answer(self, api: str, base: Mapping[str, Any] | None = None,
                default: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """`base`, then the default, then the scripted answer (or its failure)."""
        scripted = api in self._answers.unused()
        answer = self._answers.next(api) or {}
        if answer.get("fail"):
            raise HostFailure(answer["kind"], answer["reason"])
        if default is None:
            default = ANSWERED[api][1] if api in ANSWERED else {}
        return {**(base or {}), **copy.deepcopy(dict(default)), **(answer if scripted else {})}

    def ai(self, api: str, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """An AI service's answer: a new log_id (where its page has one), `extra`, the default,
        the scripted answer."""
        self.log_ids += 1
        fields = ANSWERED[api][0]
        base = {"log_id": self.log_ids} if "log_id" in fields else {}
        return self._answer(api, {**base, **(extra or {})})

    # -- the device (the shim applies each call to its state) ------------------------------------
    @api("device", scripted=True)
    def startAccelerometer(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def stopAccelerometer(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def startCompass(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def stopCompass(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def startDeviceMotionListening(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def stopDeviceMotionListening(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def startLocationUpdate(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def stopLocationUpdate(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def setKeepScreenOn(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def setScreenBrightness(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def getScreenBrightness(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def getBatteryInfo(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def vibrateShort(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def vibrateLong(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def setBackgroundColor(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def setBackgroundTextStyle(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def setEnableDebug(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def getExtConfig(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("device", scripted=True)
    def loadSubPackage(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    # -- native pages and services ----------------------------------------------------------------
    @api("native", scripted=True)
    def scanCode(self, api: str, params: Params) -> dict[str, Any]:
        default = dict(ANSWERED[api][1])
        if self._platform == "ios":  # charSet is Android's only
            del default["charSet"]
        return self._answer(api, default=default)

    @api("native", scripted=True)
    def addEventOnCalendar(self, api: str, params: Params) -> dict[str, Any]:
        self._events += 1
        return self._answer(api, {"eventId": _token("event", str(self._events), params["title"])[:16]})

    @api("native", scripted=True)
    def deleteEventOnCalendar(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("native", scripted=True)
    def addPhoneContact(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("native", scripted=True)
    def chooseInvoiceTitle(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("native", scripted=True)
    def openCommunityEditor(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("native", scripted=True)
    def closeCommunityEditor(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("native", scripted=True)
    def openReplyEditor(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("native", scripted=True)
    def closeReplyEditor(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("native", scripted=True)
    def subscribeService(self, api: str, params: Params) -> dict[str, Any]:
        kind = params.get("type", "query")
        base: dict[str, Any] = {"type": kind, "app_key": self._app_key}
        if kind == "query":
            base.update(form_id=_token("form", params["templateId"], params["subscribeId"])[:20], status=1)
        return self._answer(api, base)

    @api("native", scripted=True)
    def showFavoriteGuide(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api)

    @api("native", scripted=True)
    def getSystemRiskInfo(self, api: str, params: Params) -> dict[str, Any]:
        return self._answer(api, {"content": {"key": "xtoken", "value": _token("risk", self._app_key)}})


class AiApis:
    """The AI services, `swan.ai.*`: answered by the device's handlers (one log_id count)."""

    def __init__(self, device: DeviceApis) -> None:
        self._device = device

    @api("ai", scripted=True)
    def ocrIdCard(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def ocrBankCard(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def ocrDrivingLicense(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def ocrVehicleLicense(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def advancedGeneralIdentify(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def animalClassify(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def carClassify(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def dishClassify(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def logoClassify(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def objectDetectIdentify(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def plantClassify(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def imageAudit(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def textReview(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def textToAudio(self, api: str, params: Params) -> dict[str, Any]:
        answer = self._device.ai(api)
        if "filePath" not in answer:
            answer["filePath"] = self._device.temp_file(".mp3", SILENT_MP3)
        return answer

    @api("ai", scripted=True)
    def nlpLexerCustom(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api, {"text": params["text"]})

    @api("ai", scripted=True)
    def faceDetect(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def faceMatch(self, api: str, params: Params) -> dict[str, Any]:
        tokens = [{"face_token": _token("face", item["image"])[:32]} for item in params["data"]]
        return self._device.ai(api, {"face_list": tokens})

    @api("ai", scripted=True)
    def faceSearch(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api, {"face_token": _token("face", params["image"])[:32]})

    @api("ai", scripted=True)
    def facePersonVerify(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def facePersonIdmatch(self, api: str, params: Params) -> dict[str, Any]:
        return self._device.ai(api)

    @api("ai", scripted=True)
    def faceLivenessSessioncode(self, api: str, params: Params) -> dict[str, Any]:
        session = {"session_id": "S" + _token("session", params["appid"], str(self._device.log_ids + 1))[:22], "code": "1234"}
        return self._device.ai(api, {**session, "result": dict(session)})
