"""The Python half of the API registry: one handler per API family, checked against the shim.

The shim declares every API once (`shim.defineApi(name, {family, ...})` in js_shim/) and owns its
surface; the host registers one `ApiFamily` per family, naming the APIs it carries out. At
start-up the two lists must match exactly, so an API declared on one side only is a bug found at
once, not a call that fails later.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

#: start(call_id, api, params): begin the call; the family answers it with one "end" event.
Starter = Callable[[int, str, dict[str, Any]], None]


#: `ApiFamily.apis` for a family that takes whatever the shim declares in it (the "unsupported"
#: family, whose names come from the documented-API list the host itself sends to the shim).
ANY: tuple[str, ...] = ("*",)


@dataclass(frozen=True)
class ApiFamily:
    """APIs that one Python handler carries out."""

    apis: tuple[str, ...]
    start: Starter


class RegistryMismatch(RuntimeError):
    """The shim and the host disagree on which APIs exist (a bug in swan-bridge)."""


def check_registry(declared: Mapping[str, str], families: Mapping[str, ApiFamily]) -> dict[str, ApiFamily]:
    """Match the shim's {api: family} against the host's families; return api -> family."""
    handled = {api: name for name, family in families.items() if family.apis != ANY for api in family.apis}
    open_families = {name for name, family in families.items() if family.apis == ANY}
    problems = []
    for api, family in sorted(declared.items()):
        if family in open_families and api not in handled:
            handled[api] = family
        elif api not in handled:
            problems.append(f"{api} (family {family!r}) has no host handler")
        elif handled[api] != family:
            problems.append(f"{api} is family {family!r} in the shim but {handled[api]!r} in the host")
    problems += [f"{api} is handled by the host but not declared in the shim" for api in sorted(set(handled) - set(declared))]
    if problems:
        raise RegistryMismatch("API registry mismatch: " + "; ".join(problems))
    return {api: families[name] for api, name in handled.items()}
