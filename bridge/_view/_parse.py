"""`.swan` source text to a JSON-able tree, with the line:col of every element, attribute and text.

The tokenizer is the standard library's `html.parser` (maintained with CPython, no dependency,
tolerant where templates are: custom tags, `<my-comp />`, unquoted attributes). Three things
a swan template needs that HTML does not are handled around it:

- `{{ ... }}` may hold `<`, `>` and `&` (`{{a<b}}`, `{{ok && n > 0}}`). Before tokenizing, those
  characters inside interpolations, and every `&`, are swapped for Unicode noncharacters of the
  same length, so positions stay exact and the tokenizer sees neither a tag nor an entity there.
  Values are swapped back afterwards. Entities are left as written: the renderer decodes them in
  literal text only, as San does, never inside `{{ }}`.
- The bodies of inline `<import-sjs>` and `<filter>` modules are JavaScript, kept verbatim
  (raw-text elements, like `<script>` in HTML).
- Attribute names keep their case (San's parser keeps it; it lower-cases tag names only), and
  each attribute gets its own position, read again from the start tag's source text.

Comments are dropped, as San drops them. A template that cannot be read raises `TemplateError`
naming `file.swan:LINE:COL`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from .._spec import TEMPLATE_DEPTH
from ._errors import TemplateError

#: Tags that never have content. San's list of HTML void tags, plus swan's import and include.
VOID_TAGS = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr import include".split()
)
#: Tags whose content is module source code, kept as one raw text child.
RAW_TAGS = ("import-sjs", "filter")

_MASK = {"<": "\ufdd0", ">": "\ufdd1", "&": "\ufdd2"}
_UNMASK = str.maketrans({v: k for k, v in _MASK.items()})
_MASK_IN_EXPR = str.maketrans(_MASK)

_RAW_OPEN = re.compile(r"<(import-sjs|filter)(?=[\s/>])", re.IGNORECASE)
_TAG_NAME = re.compile(r"<[a-zA-Z][^\s/>]*")
_ATTR = re.compile(
    r"""(?P<name>[^\s"'>/=]+)(?:(?P<eq>\s*=\s*)(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?"""
)
_STRAY_TAG = re.compile(r"<[a-zA-Z/]")

Node = dict[str, Any]


def _interpolation_end(source: str, start: int) -> int:
    """End (exclusive) of the `{{ ... }}` opened at `start`, San's way: the first `}}`, taking
    one more `}` when it follows (so `{{{a}}}` holds the object literal `{a}`); -1 if unclosed."""
    close = source.find("}}", start + 2)
    if close < 0:
        return -1
    if source.startswith("}", close + 2):
        close += 1
    return close + 2


def _tag_end(source: str, start: int) -> int:
    """Index after the `>` that ends the start tag at `start` (quotes respected), or -1."""
    quote = ""
    for i in range(start, len(source)):
        ch = source[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == ">":
            return i + 1
    return -1


def mask(source: str) -> str:
    """The source with `<`, `>`, `&` inside interpolations and every other `&` swapped for
    noncharacters of the same length; comments and raw module bodies are left as they are."""
    out: list[str] = []
    i = 0
    n = len(source)
    # The next of each mark at or after i, looked for again only once i has passed it (and never
    # again once there is none): each search then covers the source once, so this is linear.
    lt = raw_at = brace = amp = -2
    raw: re.Match[str] | None = None
    while i < n:
        if -1 < lt < i or lt == -2:
            lt = source.find("<!--", i)
        if -1 < raw_at < i or raw_at == -2:
            raw = _RAW_OPEN.search(source, i)
            raw_at = raw.start() if raw else -1
        if -1 < brace < i or brace == -2:
            brace = source.find("{{", i)
        if -1 < amp < i or amp == -2:
            amp = source.find("&", i)
        candidates = [p for p in (lt, raw.start() if raw else -1, brace, amp) if p >= 0]
        if not candidates:
            out.append(source[i:])
            break
        nxt = min(candidates)
        out.append(source[i:nxt])
        if nxt == lt:
            end = source.find("-->", lt + 4)
            end = n if end < 0 else end + 3
            out.append(source[lt:end])
            i = end
        elif raw is not None and nxt == raw.start():
            head_end = _tag_end(source, nxt)
            if head_end < 0:
                out.append(source[nxt:])
                break
            head = source[nxt:head_end]
            if head.rstrip(">").rstrip().endswith("/"):
                out.append(head)
                i = head_end
                continue
            close = re.compile(r"</" + raw.group(1) + r"\s*>", re.IGNORECASE).search(source, head_end)
            end = n if close is None else close.start()
            out.append(head)
            out.append(source[head_end:end])
            i = end
        elif nxt == brace:
            end = _interpolation_end(source, brace)
            if end < 0:
                out.append("{{")
                i = brace + 2
            else:
                out.append(source[brace:end].translate(_MASK_IN_EXPR))
                i = end
        else:
            out.append(_MASK["&"])
            i = amp + 1
    return "".join(out)


def _advance(line: int, col: int, text: str) -> tuple[int, int]:
    """The position after `text`, starting at (line, col)."""
    newlines = text.count("\n")
    if newlines == 0:
        return line, col + len(text)
    return line + newlines, len(text) - text.rfind("\n")


class _Builder(HTMLParser):
    CDATA_CONTENT_ELEMENTS = RAW_TAGS  # type: ignore[misc]
    RCDATA_CONTENT_ELEMENTS = ()  # type: ignore[misc]  # newer CPythons treat textarea/title as RCDATA: not in swan

    def __init__(self, file: str) -> None:
        super().__init__(convert_charrefs=True)
        self.file = file
        self.root: Node = {"type": "root", "file": file, "children": []}
        self.stack: list[Node] = [self.root]
        self.warnings: list[dict[str, Any]] = []  # what was let pass, as the client's parser lets it

    # -- errors and positions ---------------------------------------------------------------------
    def fail(self, message: str, line: int, col: int) -> TemplateError:
        return TemplateError(message, self.file, line, col)

    def here(self) -> tuple[int, int]:
        line, offset = self.getpos()
        return line, offset + 1

    # -- tokens -----------------------------------------------------------------------------------
    def _element(self, tag: str, self_closing: bool) -> Node:
        line, col = self.here()
        raw = self.get_starttag_text() or ""
        name = _TAG_NAME.match(raw)
        pos = name.end() if name else len(raw)
        attrs: list[dict[str, Any]] = []
        names: set[str] = set()
        end = len(raw) - (2 if raw.endswith("/>") else 1)
        # Positions are advanced from the last attribute, never from the tag's start: a tag of
        # many attributes costs its length, not its length squared.
        at, aline, acol = 0, line, col
        while True:
            while pos < end and raw[pos].isspace():
                pos += 1
            if pos >= end:
                break
            if raw[pos] == "/":
                pos += 1
                continue
            if raw[pos] == "<":  # the next tag starts inside this one: its `>` is missing
                raise self.fail(f"<{tag}> is never closed with '>'", line, col)
            match = _ATTR.match(raw, pos)
            aline, acol = _advance(aline, acol, raw[at:pos])
            at = pos
            if match is None or match.end() > end:
                raise self.fail(f"invalid attribute in <{tag}>: {raw[pos:end].translate(_UNMASK)[:40]!r}", aline, acol)
            value = match.group("value")
            attr: dict[str, Any] = {"name": match.group("name").translate(_UNMASK), "line": aline, "col": acol}
            if value is None:
                attr["value"] = None
            else:
                vstart = match.start("value")
                if value[0] in "\"'":
                    value = value[1:-1]
                    vstart += 1
                attr["value"] = value.translate(_UNMASK)
                attr["vline"], attr["vcol"] = _advance(aline, acol, raw[pos:vstart])
            if attr["name"] in names:
                self.warnings.append({"message": f"<{tag}> has {attr['name']!r} twice: the last one is used",
                                      "line": aline, "col": acol})
            names.add(attr["name"])
            attrs.append(attr)
            pos = match.end()
        return {
            "type": "element",
            "tag": tag,
            "line": line,
            "col": col,
            "attrs": attrs,
            "children": [],
            "selfClosing": self_closing,
        }

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.stack) > TEMPLATE_DEPTH and tag not in VOID_TAGS:
            line, col = self.here()
            raise self.fail(f"<{tag}> is nested more than {TEMPLATE_DEPTH} elements deep", line, col)
        node = self._element(tag, False)
        self.stack[-1]["children"].append(node)
        if tag not in VOID_TAGS:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1]["children"].append(self._element(tag, True))

    def handle_endtag(self, tag: str) -> None:
        line, col = self.here()
        current = self.stack[-1]
        if current is not self.root and current["tag"] == tag:
            self.stack.pop()
            return
        siblings = current["children"]
        if tag in VOID_TAGS and siblings and siblings[-1].get("tag") == tag and not siblings[-1]["selfClosing"]:
            return  # `<import src="a.swan"></import>`: the void tag written with an end tag
        # San (the client's template parser) closes every element up to the nearest open one of
        # that tag, and ignores an end tag that closes nothing (its errors for both are checks of
        # its development build only: parse-template.js, "向上查找到对应标签，找不到时忽略关闭").
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth]["tag"] == tag:
                for node in self.stack[depth + 1:]:
                    self.warnings.append({
                        "message": f"<{node['tag']}> is never closed: </{tag}> at {line}:{col} ends it, as the "
                                   "client's template parser ends it",
                        "line": node["line"], "col": node["col"]})
                del self.stack[depth:]
                return
        self.warnings.append({"message": f"</{tag}> closes nothing (no <{tag}> is open): it is left out, as the "
                                         "client's template parser leaves it out", "line": line, "col": col})

    def handle_data(self, data: str) -> None:
        line, col = self.here()
        siblings = self.stack[-1]["children"]
        if siblings and siblings[-1]["type"] == "text" and siblings[-1].get("_open"):
            siblings[-1]["value"] += data
            return
        siblings.append({"type": "text", "value": data, "line": line, "col": col, "_open": True})

    def _close_text(self) -> None:
        siblings = self.stack[-1]["children"]
        if siblings and siblings[-1]["type"] == "text":
            siblings[-1].pop("_open", None)

    def handle_comment(self, data: str) -> None:
        self._close_text()

    def handle_decl(self, decl: str) -> None:
        self._close_text()

    def handle_pi(self, data: str) -> None:
        self._close_text()

    def unknown_decl(self, data: str) -> None:
        self._close_text()

    def parse_starttag(self, i: int) -> int:
        self._close_text()
        return super().parse_starttag(i)

    def parse_endtag(self, i: int) -> int:
        self._close_text()
        return super().parse_endtag(i)


def _finish(node: Node, file: str) -> None:
    """Unmask text, drop the builder's marks, and refuse text that hides a broken tag."""
    for child in node.get("children", ()):
        if child["type"] == "text":
            child.pop("_open", None)
            raw_parent = node.get("tag") in RAW_TAGS
            stray = None if raw_parent else _STRAY_TAG.search(child["value"])
            if stray is not None:
                line, col = _advance(child["line"], child["col"], child["value"][: stray.start()])
                raise TemplateError("a tag that is never closed with '>'", file, line, col)
            child["value"] = child["value"].translate(_UNMASK)
        else:
            _finish(child, file)


def parse_template(source: str, file: str) -> Node:
    """Parse one `.swan` file into its tree (see the module doc); `file` names it in errors.

    Shape: root `{"type": "root", "file", "children"}`; element `{"type": "element", "tag",
    "line", "col", "attrs": [{"name", "value" (str, or None when written bare), "line", "col",
    "vline", "vcol" (where the value starts)}], "children", "selfClosing"}`; text `{"type":
    "text", "value", "line", "col"}` (value as written, entities not decoded). Lines and columns
    count from 1. The root has `"warnings": [{"message", "line", "col"}]` when the parser let
    something pass that the client's parser lets pass too (an element an end tag of an element
    around it closes, an end tag that closes nothing, an element still open at the end, an
    attribute given twice).
    """
    for ch in _MASK.values():
        if ch in source:
            line, col = _advance(1, 1, source[: source.index(ch)])
            raise TemplateError("the template contains a Unicode noncharacter", file, line, col)
    builder = _Builder(file)
    builder.feed(mask(source))
    builder.close()
    # San closes what is still open at the end of the file without a word, and the page renders;
    # so does this parser, and the tree carries a warning for each (the runtime prints them).
    at_end = []
    while len(builder.stack) > 1:
        open_node = builder.stack.pop()
        at_end.append({"message": f"<{open_node['tag']}> is never closed: it ends with the file, as the client's "
                                  "template parser ends it", "line": open_node["line"], "col": open_node["col"]})
    _finish(builder.root, file)
    warnings = builder.warnings + at_end[::-1]
    if warnings:
        builder.root["warnings"] = warnings
    return builder.root
