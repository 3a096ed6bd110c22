"""The view: `.swan` templates parsed here, compiled and rendered by the shim (js_shim/view/),
and mirrored here as a tree that tests can query with CSS selectors."""

from __future__ import annotations

from ._errors import NodeGoneError, TemplateError
from ._mirror import Mirror, Node
from ._parse import parse_template
from ._templates import Templates, template_error

__all__ = ["Mirror", "Node", "NodeGoneError", "TemplateError", "Templates", "parse_template", "template_error"]
