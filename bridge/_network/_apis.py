"""The network APIs as the registry sees them: each declared once, as the handler that starts it.

Transfers start at once; sockets are carried out by a `Sockets` made at the first socket call,
so httpx-ws is imported only by a run that opens one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .._registry import Params, api

if TYPE_CHECKING:
    from ._sockets import Sockets
    from ._transfers import Transfers


class NetworkApis:
    """request, uploadFile, downloadFile (family "transfer") and the WebSocket APIs ("socket")."""

    def __init__(self, transfers: Transfers, sockets: Callable[[], Sockets]) -> None:
        self._transfers = transfers
        self._sockets = sockets

    @api("transfer", started=True)
    def request(self, call_id: int, api: str, params: Params) -> None:
        self._transfers.start(call_id, api, params)

    @api("transfer", started=True)
    def uploadFile(self, call_id: int, api: str, params: Params) -> None:
        self._transfers.start(call_id, api, params)

    @api("transfer", started=True)
    def downloadFile(self, call_id: int, api: str, params: Params) -> None:
        self._transfers.start(call_id, api, params)

    @api("socket", started=True)
    def connectSocket(self, call_id: int, api: str, params: Params) -> None:
        self._sockets().start(call_id, "connect", params)

    @api("socket", started=True)
    def sendSocketMessage(self, call_id: int, api: str, params: Params) -> None:
        self._sockets().start(call_id, "send", params)

    @api("socket", started=True)
    def closeSocket(self, call_id: int, api: str, params: Params) -> None:
        self._sockets().start(call_id, "close", params)


