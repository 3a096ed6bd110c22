"""pytest plugin: fixtures for testing a swan mini-program (registered through `pytest11`).

- `swan`: a fresh `SwanRuntime` per test on the virtual clock, loaded with the project named by
  the ini option `swan_project` (relative to the rootdir), configured further by
  `@pytest.mark.swan(**SwanRuntime kwargs)`; closed after the test. Its console output,
  uncaught errors and the rendered markup of the page on top of its stack are added to a failing
  test's report. An uncaught JS error that no call raised (in a callback, a timer, a page's
  hook) fails the test at teardown, with its `file:line:col` and stack, unless the test allows
  them: `@pytest.mark.swan(allow_errors=True)`, or the ini option `swan_allow_errors = true`.
  Answers scripted with `swan.answer(...)` that the app never used fail it too, unless
  `@pytest.mark.swan(allow_unused_answers=True)`.
- `swan_server`: the embedded loopback server, one per session; every runtime made by these
  fixtures routes http(s) URLs to it unless the marker says otherwise (`route_all_to=None`).
  Routes a test gives it (`swan_server.route(...)`: the app's backend) end with the test, and
  its request log (`swan_server.requests`) starts empty for each test.
- `swan_project_factory`: make more runtimes (other projects, other options) in one test.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from ._runtime._runtime import SwanRuntime
from ._server import EmbeddedServer

_RUNTIMES = pytest.StashKey[list[SwanRuntime]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("swan_project", "the mini-program folder (with app.json) the `swan` fixture loads", default="")
    parser.addini("swan_allow_errors", "uncaught JS errors no call raised do not fail a test", type="bool", default=False)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "swan(**kwargs): SwanRuntime keyword arguments for the swan fixture; "
                            "allow_errors=True: uncaught JS errors do not fail the test")


@pytest.fixture(scope="session")
def _swan_session_server() -> Iterator[EmbeddedServer]:
    with EmbeddedServer() as server:
        yield server


@pytest.fixture
def swan_server(_swan_session_server: EmbeddedServer) -> Iterator[EmbeddedServer]:
    """The embedded server on loopback, one per test session (port 0); the routes a test gives
    it (its backend) end with the test."""
    _swan_session_server.reset_stats()  # the request log is this test's
    try:
        yield _swan_session_server
    finally:
        errors = _swan_session_server.clear_routes()
    if errors:  # a route function of this test raised: its request got a 500, the test fails
        pytest.fail("swan_server route failed:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def swan_project_factory(request: pytest.FixtureRequest, swan_server: EmbeddedServer) -> Iterator[Callable[..., SwanRuntime]]:
    """Make runtimes for this test: `factory(project=..., **kwargs)`; each is closed after it."""
    made: list[SwanRuntime] = []
    request.node.stash[_RUNTIMES] = made

    def factory(project: str | Path | None = None, **kwargs: Any) -> SwanRuntime:
        kwargs.setdefault("clock", "virtual")
        kwargs.setdefault("route_all_to", swan_server.url)
        if project is not None:
            path = Path(project)
            kwargs["project"] = path if path.is_absolute() else Path(str(request.config.rootpath)) / path
        runtime = SwanRuntime(**kwargs)
        made.append(runtime)
        return runtime

    try:
        yield factory
    finally:
        for runtime in made:
            runtime.close()


@pytest.fixture
def swan(request: pytest.FixtureRequest, swan_project_factory: Callable[..., SwanRuntime]) -> SwanRuntime:
    """A SwanRuntime for this test, loaded with the `swan_project` ini option's project."""
    kwargs = _marker_kwargs(request)
    kwargs.pop("allow_errors", None)
    kwargs.pop("allow_unused_answers", None)
    project = kwargs.pop("project", None) or request.config.getini("swan_project") or None
    return swan_project_factory(project, **kwargs)


def _marker_kwargs(request: pytest.FixtureRequest) -> dict[str, Any]:
    return _markers_of(request.node)


def _markers_of(node: pytest.Item | Any) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    for marker in reversed(list(node.iter_markers("swan"))):
        kwargs.update(marker.kwargs)
    return kwargs


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """After the test's body: an uncaught JS error that no call raised fails it, while its
    runtimes are still open (their console and view then go into the report)."""
    yield
    runtimes = item.stash.get(_RUNTIMES, [])
    if not runtimes:
        return
    unused = {} if _markers_of(item).get("allow_unused_answers") else {
        (i, api): count for i, rt in enumerate(runtimes) for api, count in rt.unused_answers().items()}
    if unused:
        shown = ", ".join(f"{api} ({count})" + (f" of runtime {i + 1}" if len(runtimes) > 1 else "")
                          for (i, api), count in unused.items())
        pytest.fail(f"scripted answers left unused: {shown} (the app never asked; allow it with "
                    "@pytest.mark.swan(allow_unused_answers=True))", pytrace=False)
    allowed = _markers_of(item).get("allow_errors")
    if bool(item.config.getini("swan_allow_errors")) if allowed is None else bool(allowed):
        return
    unseen = [(i, e) for i, rt in enumerate(runtimes) for e in rt.unseen_errors()]
    if unseen:
        shown = "\n".join((f"(runtime {i + 1}) " if len(runtimes) > 1 else "") + _described(e) for i, e in unseen)
        pytest.fail(f"uncaught JS error{'s' if len(unseen) > 1 else ''} that no call raised "
                    "(allow them with @pytest.mark.swan(allow_errors=True)):\n" + shown, pytrace=False)


def _described(error: Exception) -> str:
    stack = getattr(error, "stack", "") or ""
    return f"{error}" + (f"\n{stack}" if stack and stack not in str(error) else "")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    runtimes = item.stash.get(_RUNTIMES, [])
    if report.when != "call" or not report.failed or not runtimes:
        return report
    for index, runtime in enumerate(runtimes):
        name = "swan console" if len(runtimes) == 1 else f"swan console (runtime {index + 1})"
        if runtime.console:
            report.sections.append((name, "".join(f"[{m.level}] {m.text}\n" for m in runtime.console)))
        if runtime.errors:
            report.sections.append((name.replace("console", "errors"), "".join(f"{e}\n" for e in runtime.errors)))
        markup = _current_markup(runtime)
        if markup is not None:
            report.sections.append((name.replace("console", "view") + f" ({markup[0]})", markup[1] + "\n"))
    return report


def _current_markup(runtime: SwanRuntime) -> tuple[str, str] | None:
    """(route, markup) of the page on top of the runtime's stack, if it has one and can say."""
    try:
        page = runtime.current_page
        return None if page is None else (page.route, page.html())
    except Exception:  # a closed runtime, a page gone: the report goes on without it
        return None
