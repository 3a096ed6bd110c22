"""pytest plugin: fixtures for testing a swan mini-program (registered through `pytest11`).

- `swan`: a fresh `SwanRuntime` per test on the virtual clock, loaded with the project named by
  the ini option `swan_project` (relative to the rootdir), configured further by
  `@pytest.mark.swan(**SwanRuntime kwargs)`; closed after the test. Its console output,
  uncaught errors and the rendered markup of the page on top of its stack are added to a failing
  test's report.
- `swan_server`: the embedded loopback server, one per session; every runtime made by these
  fixtures routes http(s) URLs to it unless the marker says otherwise (`route_all_to=None`).
  Routes a test gives it (`swan_server.route(...)`: the app's backend) end with the test.
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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "swan(**kwargs): SwanRuntime keyword arguments for the swan fixture")


@pytest.fixture(scope="session")
def _swan_session_server() -> Iterator[EmbeddedServer]:
    with EmbeddedServer() as server:
        yield server


@pytest.fixture
def swan_server(_swan_session_server: EmbeddedServer) -> Iterator[EmbeddedServer]:
    """The embedded server on loopback, one per test session (port 0); the routes a test gives
    it (its backend) end with the test."""
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
    kwargs: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers("swan"))):
        kwargs.update(marker.kwargs)
    project = kwargs.pop("project", None) or request.config.getini("swan_project") or None
    return swan_project_factory(project, **kwargs)


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
