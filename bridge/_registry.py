"""The Python half of the API registry: each API is declared once, as its handler, and checked
against the shim's declarations.

The shim declares every API once (`shim.defineApi(name, {family, ...})`) and owns its surface.
On this side an API is a method marked with `@api(family)`, named as the API (a leading
underscore is dropped; a class may add a prefix, as the FileSystemManager's methods do). At
start-up the two sides must name the same APIs in the same families, so an API declared on one
side only is a bug found at once, not a call that fails later.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

Params = dict[str, Any]
#: An answered API: (api, params) -> the result's fields, or HostFailure.
Answer = Callable[[str, Params], dict[str, Any]]
#: A started API: (call_id, api, params); the handler posts the call's one "end" event itself.
Start = Callable[[int, str, Params], None]

F = TypeVar("F", bound=Callable[..., Any])

#: Families whose APIs the shim may declare without a Python handler: they all share one (the
#: "unsupported" family, whose names come from the documented-API list the host sends the shim).
OPEN_FAMILIES = frozenset({"unsupported"})


@dataclass(frozen=True)
class _Mark:
    family: str
    started: bool
    sync: bool
    scripted: bool


def api(family: str, *, started: bool = False, sync: bool = False, scripted: bool = False) -> Callable[[F], F]:
    """Mark a method as the handler of the API it is named after, in `family`. An answered handler
    is `(self, api, params) -> result`; a `started` one is `(self, call_id, api, params)` and ends
    the call itself. `sync`: the API also has a Sync form the host answers (the FileSystemManager).
    `scripted`: a test scripts its answers (`SwanRuntime.answer`)."""

    def mark(fn: F) -> F:
        fn.__swan_api__ = _Mark(family, started, sync, scripted)  # type: ignore[attr-defined]
        return fn

    return mark


class Handler(NamedTuple):
    """One API's handler, bound to the object that carries it out. (A named tuple: a runtime
    binds about two hundred of them when it is built.)"""

    api: str
    family: str
    call: Callable[..., Any]
    started: bool
    sync: bool
    scripted: bool

    def calling(self, call: Callable[..., Any]) -> Handler:
        """The same API answered by `call`."""
        return self._replace(call=call)


_MARKED: dict[type, tuple[tuple[str, _Mark], ...]] = {}


def _marked(cls: type) -> tuple[tuple[str, _Mark], ...]:
    """(attribute, mark) of each method `cls` marks with `@api`, read once per class."""
    found = _MARKED.get(cls)
    if found is None:
        found = _MARKED[cls] = tuple((attr, mark) for attr in dir(cls)
                                     if isinstance(mark := getattr(getattr(cls, attr), "__swan_api__", None), _Mark))
    return found


def handlers_of(owner: object, prefix: str = "") -> dict[str, Handler]:
    """The APIs `owner`'s class declares with `@api`, by name (with `prefix`)."""
    out: dict[str, Handler] = {}
    for attr, mark in _marked(type(owner)):
        name = prefix + attr.lstrip("_")
        out[name] = Handler(name, mark.family, getattr(owner, attr), mark.started, mark.sync, mark.scripted)
    return out


def declared_apis(cls: type, prefix: str = "", family: str | None = None) -> tuple[str, ...]:
    """The API names a class declares (those of one family, if given), without making one."""
    return tuple(sorted(prefix + attr.lstrip("_") for attr, mark in _marked(cls) if family in (None, mark.family)))


def sync_apis(cls: type) -> tuple[str, ...]:
    """The method names (without prefix) of a class's APIs that have a Sync form."""
    return tuple(sorted(attr.lstrip("_") for attr, mark in _marked(cls) if mark.sync))


class RegistryMismatch(RuntimeError):
    """The shim and the host disagree on which APIs exist (a bug in swan-bridge)."""


def merge(groups: Iterable[Mapping[str, Handler]]) -> dict[str, Handler]:
    """One table of every handler; an API declared twice is a RegistryMismatch."""
    out: dict[str, Handler] = {}
    for group in groups:
        for name, handler in group.items():
            if name in out:
                raise RegistryMismatch(f"API registry mismatch: {name} has two host handlers")
            out[name] = handler
    return out


def check_registry(declared: Mapping[str, str], handlers: Mapping[str, Handler]) -> dict[str, Handler | None]:
    """Match the shim's {api: family} against the host's handlers: api -> its handler (None for an
    API of an open family, which the caller answers for the whole family)."""
    problems = []
    out: dict[str, Handler | None] = {}
    for name, family in sorted(declared.items()):
        handler = handlers.get(name)
        if handler is None:
            if family in OPEN_FAMILIES:
                out[name] = None
            else:
                problems.append(f"{name} (family {family!r}) has no host handler")
        elif handler.family != family:
            problems.append(f"{name} is family {family!r} in the shim but {handler.family!r} in the host")
        else:
            out[name] = handler
    problems += [f"{name} is handled by the host but not declared in the shim" for name in sorted(set(handlers) - set(declared))]
    if problems:
        raise RegistryMismatch("API registry mismatch: " + "; ".join(problems))
    return out


#: By (what the shim declares, group names): which group answers each API (None: an open
#: family), and the APIs a test scripts. Worked out, with the registry check, by the first table.
_PLANS: dict[tuple[Hashable, tuple[str, ...]], tuple[dict[str, str | None], tuple[str, ...], frozenset[str]]] = {}


class HandlerTable(Mapping[str, "Handler | None"]):
    """A runtime's handlers by API (None for an API of an open family). Each group's handlers
    are made at the first call of one of its APIs: a runtime binds about two hundred, and most
    runtimes call a few. A group's API names depend on its class alone, so which group answers
    which API, and the registry check, are worked out once per process for the same `shim` (a
    key for what the shim declares: its source and the documented APIs it is given)."""

    def __init__(self, shim: Hashable, declared: Callable[[], Mapping[str, str]],
                 groups: Mapping[str, Callable[[], Mapping[str, Handler]]]) -> None:
        self._groups = groups
        self._made: dict[str, Mapping[str, Handler]] = {}
        key = (shim, tuple(groups))
        plan = _PLANS.get(key)
        if plan is None:
            self._made = {name: make() for name, make in groups.items()}
            checked = check_registry(declared(), merge(self._made.values()))
            owner = {api: group for group, made in self._made.items() for api in made}
            plan = _PLANS[key] = ({api: None if h is None else owner[api] for api, h in checked.items()},
                                  tuple(sorted(api for api, h in checked.items() if h is not None and h.scripted)),
                                  frozenset(api for api, h in checked.items() if h is not None and h.started))
        #: The APIs whose handlers start work that ends later (transfers, sockets), known without
        #: making their groups.
        self.started: frozenset[str]
        self._owners, self.scripted, self.started = plan

    def __getitem__(self, api: str) -> Handler | None:
        group = self._owners[api]
        if group is None:
            return None
        made = self._made.get(group)
        if made is None:
            made = self._made[group] = self._groups[group]()
        return made[api]

    def __iter__(self) -> Iterator[str]:
        return iter(self._owners)

    def __len__(self) -> int:
        return len(self._owners)
