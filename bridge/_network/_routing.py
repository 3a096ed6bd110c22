"""URL routing and the domain check: which URLs a script may use, which server answers them, and
whether the phone has a network at all."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit


class Router:
    """Rewrites URLs by longest matching prefix; optionally sends every other http(s) URL to one server.

    `routes` maps a prefix to its replacement (`https://smartprogram.baidu.com/` to
    `http://127.0.0.1:8000/`). `catch_all`, when set, replaces the scheme and host of any http(s)
    URL no prefix matched, keeping path and query: that is how `--serve` reaches the embedded server.
    """

    def __init__(self, routes: Mapping[str, str] | Iterable[tuple[str, str]] = (), catch_all: str | None = None) -> None:
        items: list[tuple[str, str]] = list(routes.items()) if isinstance(routes, Mapping) else list(routes)
        for prefix, target in items:
            if not prefix or not isinstance(prefix, str) or not isinstance(target, str):
                raise ValueError(f"a route maps a non-empty URL prefix to a URL: {prefix!r} -> {target!r}")
        self._routes = sorted(items, key=lambda item: len(item[0]), reverse=True)
        self._catch_all = catch_all.rstrip("/") if catch_all else None
        #: While the phone has no network (`SwanRuntime.set_network("none")`): what a network
        #: API's fail says; None while it has one.
        self.offline: str | None = None

    def resolve(self, url: str) -> str:
        for prefix, target in self._routes:
            if url.startswith(prefix):
                return target + url[len(prefix) :]
        if self._catch_all is not None:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                rest = parts.path or "/"
                if parts.query:
                    rest += "?" + parts.query
                return self._catch_all + rest
        return url


def domain_allowed(url: str, domains: frozenset[str]) -> bool:
    """The production rule: https, a listed host name, no IP address, no port, no user info."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or port is not None or "@" in parts.netloc or not host or host == "localhost":
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host in domains
    return False
