"""`swan-bridge render --project DIR ROUTE [--query K=V]...` (docs/cli.md)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bridge._cli import cli

PROJECT = str(Path(__file__).parent / "projects" / "shopview")


def render(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["render", "--project", PROJECT, *args])
    return result.exit_code, result.stdout, result.stderr


def test_render_prints_the_pages_markup_after_it_opens() -> None:
    code, out, err = render("pages/detail/detail", "--query", "id=42")
    assert (code, out) == (0, '<view class="detail">Item 42</view>\n')


def test_render_exits_1_with_the_template_position_on_a_template_error() -> None:
    code, out, err = render("pages/broken/broken")
    assert (code, out) == (1, "")
    assert err.startswith("pages/broken/broken.swan:3:3: TemplateError: s-elif has no s-if before it")


def test_render_refuses_a_route_that_is_not_a_page() -> None:
    code, out, err = render("pages/nope/nope")
    assert code == 2 and 'page "pages/nope/nope" is not in app.json pages' in err
