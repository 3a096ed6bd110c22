"""The view: `.swan` templates parsed here, compiled and rendered by the shim (js_shim/view/),
and mirrored here as a tree that tests can query with CSS selectors."""

from __future__ import annotations

from ._errors import TemplateError
from ._parse import parse_template

__all__ = ["TemplateError", "parse_template"]
