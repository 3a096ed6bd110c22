"""The view's errors: a broken template (a `ScriptError` at `file.swan:LINE:COL`), an element
no longer in the view, a CSS selector that cannot be used."""

from __future__ import annotations

from .._exceptions import ScriptError, SwanError


class TemplateError(ScriptError):
    """A `.swan` template that cannot be parsed or compiled.

    It is a `ScriptError` so that code which reports script errors reports it too; its stack is
    one frame, the template position, so `location` gives `file.swan:LINE:COL`.
    """

    def __init__(self, message: str, file: str, line: int, col: int) -> None:
        self.file = file
        self.line = line
        self.col = col
        super().__init__(f"TemplateError: {message}", f"    at {file}:{line}:{col}", "template")


class NodeGoneError(SwanError, LookupError):
    """An action on an element that is no longer in the view: an update removed it, or its page
    was unloaded. Select it again."""


class SelectorSyntaxError(SwanError, ValueError):
    """A CSS selector `select` / `select_all` cannot use: one cssselect cannot read, or one past
    what libxml2 evaluates (thousands of selectors in one list)."""
