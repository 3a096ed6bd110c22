"""The rendered view on the Python side: a tree kept in sync with the shim's patches, queried
with CSS selectors and written out as stable markup for snapshot tests.

Node JSON and patches are those of js_shim/view/render.js. Attribute values keep their JSON
types (a lone `{{n}}` stays a number); binding attributes (`bindtap`) hold the handler's name.

A mirror made with an `actor` (the runtime's) lets its nodes act as the user does (`tap()`,
`input(text)` ...): the actor sends the action to the shim and runs until idle. A node that a
later patch removed, or whose page was unloaded, raises `NodeGoneError` when acted on.
"""

from __future__ import annotations

import json
import math
import re
from collections import OrderedDict
from typing import Any, Callable, Collection, Iterator

try:  # the `view` extra: selectors need it; markup and actions do not
    from lxml import etree

    from ._select import CLASS_PREFIX, Key, SelectorTooSlow, class_attr, evaluating, query, xml_name
except ImportError:  # pragma: no cover - exercised only without the extra
    etree = None

_NO_LXML = "CSS selectors need lxml and cssselect: pip install 'swan-bridge[view]'"

from .._bulk import bulk
from .._exceptions import RunTimeout
from ._errors import NodeGoneError, SelectorSyntaxError

_SPACES = re.compile(r"\s+")
#: Moves into one parent at consecutive places from which `Mirror._move_block` applies them at once.
_MOVE_BLOCK = 32
#: Attribute values as XML text: markup characters escaped, and what XML cannot hold (control
#: characters, lone surrogates, U+FFFE/U+FFFF) replaced, in the lxml copy only.
_XML_ATTR = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;",
    **{chr(c): "\ufffd" for c in range(32) if c not in (9, 10, 13)},
    **{chr(c): "\ufffd" for c in range(0xD800, 0xE000)},
    "\ufffe": "\ufffd", "\uffff": "\ufffd",
})
#: What XML cannot hold, replaced in the lxml copy (lxml's API refuses such strings).
_XML_INVALID = str.maketrans({
    **{chr(c): "\ufffd" for c in range(32) if c not in (9, 10, 13)},
    **{chr(c): "\ufffd" for c in range(0xD800, 0xE000)},
    "\ufffe": "\ufffd", "\uffff": "\ufffd",
})
#: A selector that is one plain id ("#row-7"): answered from the mirror's index of ids.
_ID_SELECTOR = re.compile(r"#([A-Za-z_\u00a0-\uffff][\w-]*)")
_ROOT_TAG = "swan-bridge-root"
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True) if etree is not None else None


def dataset_key(name: str) -> str:
    """`data-car-color` -> `carColor`: the name after `data-` lower-cased, then `-x` -> `X`
    (the swan docs' rule; swan's 2019 client kept inner capitals instead)."""
    return re.sub(r"-([a-z0-9])", lambda m: m.group(1).upper(), name[5:].lower())


def attr_text(value: Any) -> str:
    """An attribute value as markup and selectors see it: strings as they are, `true` as the
    empty string of a bare attribute, anything else as JSON (numbers as JS prints them)."""
    if isinstance(value, str):
        return value
    if type(value) is int:
        return str(value)
    if value is True:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _number(name: str, value: Any, none: bool = False) -> float | None:
    """A finite number for an action's field (None passes where `none`)."""
    if value is None and none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


#: What a mirror's nodes call to act: (node, action, fields) -> None.
Actor = Callable[["Node", str, dict[str, Any]], None]


class Text:
    """A text node of the view."""

    __slots__ = ("node_id", "value", "parent")

    def __init__(self, node_id: int, value: str, parent: Node | None) -> None:
        self.node_id = node_id
        self.value = value
        self.parent = parent


class Node:
    """A rendered element: tag, attributes as evaluated, and its children (elements and text)."""

    __slots__ = ("node_id", "tag", "attrs", "model", "kids", "parent", "mirror", "el", "component", "_dom_id")

    def __init__(self, mirror: Mirror, node_id: int, tag: str, attrs: dict[str, Any], parent: Node | None) -> None:
        self.mirror = mirror
        self.node_id = node_id
        self.tag = tag
        self.attrs = attrs
        self.model: dict[str, str | None] = {}
        #: For a custom component's element: {"id": instance id, "path": component path}.
        self.component: dict[str, Any] | None = None
        self.kids: list[Node | Text] = []
        self.parent = parent
        self._dom_id: str | None = None
        #: The element's copy in the mirror's lxml tree (for selectors), made by Mirror._elements.
        self.el: Any = None
        if "id" in attrs and attrs["id"] is not False:
            self._index_id(attr_text(attrs["id"]))

    def _markup(self, out: list[str]) -> None:
        """This element and the elements below it as XML, for the lxml copy: names encoded as
        selectors encode them, each class also an attribute of its own, values escaped."""
        attrib: dict[str, str] = {}  # (a name given twice, or a class named twice, is one attribute)
        for name, value in self.attrs.items():
            if value is False:  # bound to false: absent for selectors (`[hidden]` finds the hidden)
                continue
            text = attr_text(value)
            attrib[xml_name(name)] = text.translate(_XML_ATTR)
            if name == "class":
                for cls in text.split():
                    attrib[class_attr(cls)] = ""
        out.append("<" + (_ROOT_TAG if self.node_id == 0 else xml_name(self.tag)))
        out.extend(f' {name}="{text}"' for name, text in attrib.items())
        out.append(">")
        for kid in self.kids:
            if isinstance(kid, Node):
                kid._markup(out)
        out.append("</" + (_ROOT_TAG if self.node_id == 0 else xml_name(self.tag)) + ">")

    def _elements(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid._elements()

    def _set_el(self, name: str, value: Any) -> None:
        if value is False:  # absent for selectors, as in `_markup`
            self._del_el(name)
            return
        text = attr_text(value)
        if name == "id":
            self._index_id(text)
        el = self.el
        if el is None:
            return
        if not self.mirror.values.kept:  # no index to keep (most pages): lxml's copy alone
            el.set(xml_name(name), text.translate(_XML_INVALID))
            if name == "class":
                for key in [key for key in el.attrib.keys() if key.startswith(CLASS_PREFIX)]:
                    del el.attrib[key]
                for cls in text.split():
                    el.set(class_attr(cls), "")
            return
        self._set_attr(xml_name(name), text.translate(_XML_INVALID))
        if name == "class":
            self._drop_classes()
            for cls in text.split():
                self._set_attr(class_attr(cls), "")

    def _set_attr(self, key: str, text: str | None) -> None:
        """Set an attribute of the lxml copy (None: remove it), and the mirror's index of values."""
        el = self.el
        values = self.mirror.values
        if key in values.kept:
            values.change(el, key, el.get(key), text)
        if text is not None:
            el.set(key, text)
        elif key in el.attrib:
            del el.attrib[key]

    def _index_id(self, dom_id: str | None) -> None:
        """Keep the mirror's index of elements by their `id` attribute (see `_matches`)."""
        ids = self.mirror.ids
        if self._dom_id is not None:
            same = ids.get(self._dom_id)
            if same is not None:
                same.discard(self)
                if not same:
                    del ids[self._dom_id]
        self._dom_id = dom_id
        if dom_id is not None:
            ids.setdefault(dom_id, set()).add(self)

    def _del_el(self, name: str) -> None:
        if name == "id":
            self._index_id(None)
        if self.el is None:
            return
        self._set_attr(xml_name(name), None)
        if name == "class":
            self._drop_classes()

    def _drop_classes(self) -> None:
        assert self.el is not None
        for key in [key for key in self.el.attrib.keys() if key.startswith(CLASS_PREFIX)]:
            self._set_attr(key, None)

    # -- what a test reads ------------------------------------------------------------------------
    @property
    def id(self) -> str | None:
        """The `id` attribute, as a string; None when the element has none."""
        value = self.attrs.get("id")
        return None if value is None else attr_text(value)

    @property
    def classes(self) -> list[str]:
        return attr_text(self.attrs.get("class", "")).split()

    @property
    def dataset(self) -> dict[str, Any]:
        """The `data-*` attributes by swan's dataset rule, values keeping their types."""
        return {dataset_key(k): v for k, v in self.attrs.items() if k.startswith("data-") and len(k) > 5}

    @property
    def children(self) -> list[Node]:
        """The child elements (text is in `text`)."""
        return [k for k in self.kids if isinstance(k, Node)]

    @property
    def text(self) -> str:
        """All the text inside, whitespace collapsed as a reader sees it."""
        return _SPACES.sub(" ", "".join(self._texts())).strip()

    def _texts(self) -> Iterator[str]:
        for kid in self.kids:
            if isinstance(kid, Text):
                yield kid.value
            else:
                yield " "
                yield from kid._texts()
                yield " "

    def select(self, css: str) -> Node | None:
        """The first element below this one that matches `css`, or None."""
        for node in self._matches(css):
            return node
        return None

    def select_all(self, css: str) -> list[Node]:
        """Every element below this one that matches `css`, in document order."""
        return list(self._matches(css))

    def _matches(self, css: str) -> Iterator[Node]:
        if self.el is None:
            raise ImportError(_NO_LXML)
        plain_id = _ID_SELECTOR.fullmatch(css)
        if plain_id is not None:  # "#name", the commonest selector in tests: from the index
            found = [n for n in self.mirror.ids.get(plain_id.group(1), ()) if n is not self and self._holds(n)]
            if len(found) <= 1:  # (several elements with one id: in document order, below)
                yield from found
                return
        mirror = self.mirror
        by_el = mirror.by_el
        compiled = query(css)
        seconds = mirror.select_timeout() if mirror.select_timeout is not None else None
        among = None
        if compiled.keys and mirror.by_id.get(self.node_id) is self:
            most = min(CANDIDATES, len(by_el) // CANDIDATES_PER)
            candidates = mirror.values.fewest(mirror.root.el, compiled.keys, most)
            if candidates is not None:
                # In the order their nodes were made, which is document order for what one render
                # made: libxml2 puts the result in document order whatever the order given, but
                # sorts fastest what comes nearly in order (it compares two siblings by walking
                # from one to the other).
                ordered = sorted(candidates, key=lambda el: by_el[el].node_id)
                if self is not mirror.root:
                    ordered = [el for el in ordered if el is self.el or self._holds(by_el[el])]
                assert compiled.among is not None
                try:
                    with evaluating(seconds):
                        among = compiled.find(self.el, ordered)
                except etree.XPathError as exc:
                    raise SelectorSyntaxError(f"CSS selector {css[:80]!r} cannot be evaluated: {exc}") from None
                except SelectorTooSlow:
                    raise _too_slow(css, seconds) from None
        try:
            with evaluating(seconds):
                found = compiled.find(self.el) if among is None else among
        except etree.XPathError as exc:  # libxml2's own limits (a union of thousands of selectors)
            raise SelectorSyntaxError(f"CSS selector {css[:80]!r} cannot be evaluated: {exc}") from None
        except SelectorTooSlow:
            raise _too_slow(css, seconds) from None
        for el in found:
            if el is not self.el:
                yield by_el[el]

    def _holds(self, node: Node) -> bool:
        while node.parent is not None:
            node = node.parent
            if node is self:
                return True
        return False

    # -- what the user does (each runs until idle; ScriptError if a handler threw) ---------------
    def tap(self) -> None:
        """Tap the element: bindtap / catchtap handlers (bubbling as the client's), then what the
        base component does (a form-type button submits or resets its form, a navigator
        navigates, a switch, checkbox or radio toggles)."""
        self._act("tap")

    def longpress(self) -> None:
        self._act("longpress")

    def input(self, text: str) -> None:
        """Type `text` into an input or textarea: its value becomes `text` (written back to the
        data of a `{= =}` binding), then `input` and `change` fire with {value, cursor, keyCode}."""
        self._act("input", value=text)

    def change(self, value: Any) -> None:
        """Set a control's value as the user would: switch / checkbox a bool, slider a number,
        picker an index (or value), checkbox-group a list of values, radio-group a value."""
        self._act("change", value=value)

    def submit(self) -> None:
        """Submit a form: `submit` with {value: {name: value of each named control}, formId}."""
        self._act("submit")

    def reset(self) -> None:
        """Reset a form: its controls go back to what their attributes say, then `reset`."""
        self._act("reset")

    def scroll_to_lower(self) -> None:
        """Scroll a scroll-view to its end: `scrolltolower`."""
        self._act("scrollToLower")

    def scroll_to_upper(self) -> None:
        """Scroll a scroll-view to its start: `scrolltoupper`."""
        self._act("scrollToUpper")

    def scroll(self, top: float | None = None, left: float | None = None) -> None:
        """Scroll a scroll-view to `top` / `left` (px; None keeps one): `scroll` with {scrollLeft,
        scrollTop, scrollHeight, scrollWidth, deltaX, deltaY}; SelectorQuery's scrollOffset then
        reports the new offset."""
        self._act("scroll", top=_number("top", top, none=True), left=_number("left", left, none=True))

    def swipe_to(self, index: int, source: str = "touch") -> None:
        """Move a swiper to item `index`: `change`, then `animationfinish`, with {current,
        currentItemId, source} ("touch", "autoplay" or "")."""
        if source not in ("touch", "autoplay", ""):
            raise ValueError(f"swipe_to: source must be 'touch', 'autoplay' or '', not {source!r}")
        self._act("swipe", index=index, source=source)

    def load(self, width: float = 300, height: float = 225) -> None:
        """An image finished loading: `load` with {width, height} (px; the image's default size
        unless given)."""
        self._act("load", width=_number("width", width), height=_number("height", height))

    def load_error(self, message: str = "something wrong") -> None:
        """An image failed to load: `error` with {errMsg: message}."""
        self._act("loadError", message=str(message))

    def set_rect(self, *, left: float | None = None, top: float | None = None, width: float | None = None,
                 height: float | None = None) -> None:
        """Where the element is and how big, in px, for SelectorQuery and IntersectionObserver:
        each given value replaces what the inline style (or the default) says."""
        given = {"left": left, "top": top, "width": width, "height": height}
        rect = {k: _number(k, v) for k, v in given.items() if v is not None}
        self._act("setRect", rect=rect)

    def intersect(self, ratio: float) -> None:
        """The element now shows `ratio` (0 to 1) of itself in the area its IntersectionObservers
        watch: each one that observes it, and whose thresholds the change crosses, calls back."""
        value = _number("ratio", ratio)
        if value is None or not 0 <= value <= 1:
            raise ValueError(f"intersect: ratio must be from 0 to 1, got {ratio!r}")
        self._act("intersect", ratio=value)

    def trigger(self, type: str, detail: Any = None) -> None:
        """Fire any event at this element, bubbling when the client's event of that type does."""
        self._act("trigger", type=type, detail=detail)

    def _act(self, action: str, **fields: Any) -> None:
        mirror = self.mirror
        if mirror.closed or mirror.by_id.get(self.node_id) is not self:
            where = "its page or component is gone" if mirror.closed else "an update removed it"
            raise NodeGoneError(f"{self!r} is no longer in the view ({where}); select it again")
        if mirror.actor is None:
            raise RuntimeError("this view is not attached to a runtime")
        mirror.actor(self, action, fields)

    def html(self) -> str:
        """This element as markup: one element a line, indented by two spaces, text with its
        whitespace collapsed, attributes in template order; stable for snapshot tests."""
        lines: list[str] = []
        self._html(lines, 0)
        return "\n".join(lines)

    def inner_html(self) -> str:
        """What is inside this element as markup (`html` without the element's own tags)."""
        lines: list[str] = []
        for kid in self.kids:
            if isinstance(kid, Node):
                kid._html(lines, 0)
            else:
                text = _SPACES.sub(" ", kid.value).strip()
                if text:
                    lines.append(_escape(text))
        return "\n".join(lines)

    def _open(self) -> str:
        parts = [self.tag]
        for name, value in self.attrs.items():
            parts.append(name if value is True else f'{name}="{_escape(attr_text(value), True)}"')
        return "<" + " ".join(parts)

    def _html(self, lines: list[str], depth: int) -> None:
        pad = "  " * depth
        texts = [k for k in self.kids if isinstance(k, Text)]
        if not self.kids:
            lines.append(f"{pad}{self._open()} />")
        elif len(texts) == len(self.kids):
            text = _SPACES.sub(" ", "".join(t.value for t in texts)).strip()
            lines.append(f"{pad}{self._open()}>{_escape(text)}</{self.tag}>")
        else:
            lines.append(f"{pad}{self._open()}>")
            for kid in self.kids:
                if isinstance(kid, Node):
                    kid._html(lines, depth + 1)
                else:
                    text = _SPACES.sub(" ", kid.value).strip()
                    if text:
                        lines.append(f"{pad}  {_escape(text)}")
            lines.append(f"{pad}</{self.tag}>")

    def __repr__(self) -> str:
        return f"<Node {self._open()}> #{self.node_id}>"


#: A selector starts from the candidates the index gives when they are at most CANDIDATES, and at
#: most one in CANDIDATES_PER of the page's elements. A candidate costs what 3 to 6 elements cost
#: in the whole-page XPath when the candidates come in document order, and up to 20 times that
#: when they do not (libxml2 sorts its result; on a 2,001-element page, 32 candidates out of order
#: cost 0.16 ms against 0.35-0.5 ms for the whole page, 125 of them 1.2 ms).
CANDIDATES = 32
CANDIDATES_PER = 16


class Values:
    """The lxml elements by the value of an attribute (its lxml name: a class is its private
    attribute), for the attributes selectors have tested, so that a selector can start from the
    elements that pass a test of its first compound (see `Node._matches`).

    An attribute's entry is made from the whole tree at the second selector that tests it (it
    costs about what one whole-page XPath costs: a selector used once pays nothing for it), then
    kept exact through every change of the lxml copy: an attribute set or removed
    (`Node._set_attr`), a subtree that comes or goes (`entering`, `leaving`). Keeping the entries
    costs each element that comes or goes a look at its attributes, so at most KEPT entries are
    kept (the one tested least recently is forgotten), none is made for a class on more elements
    than a selector starts from (`_common`), and an update that brings or takes more than a
    quarter of the page's elements forgets them all instead (with what was seen of them)."""

    KEPT = 8

    def __init__(self) -> None:
        #: Attribute name -> value -> the element that has it, or a set of two or more (most
        #: values are one element's, and a set per element would double the mirror's memory);
        #: the attribute tested last at the end.
        self.kept: OrderedDict[str, dict[str, Any]] = OrderedDict()
        #: Attributes tested once, without an entry: the next test makes one.
        self._seen: set[str] = set()
        #: Attributes whose presence (a class) was found on too many elements to start from:
        #: a test of their presence starts from the whole page.
        self._common: set[str] = set()
        #: The elements the patches of the update being applied brought or took.
        self.spent = 0

    def fewest(self, root: Any, keys: tuple[Key, ...], most: int) -> Collection[Any] | None:
        """The elements that have one of the keys' attributes (with its value), for the key
        that has fewest of them: None when that is more than `most`."""
        best: Collection[Any] | None = None
        for name, value in keys:
            if value is None and name in self._common:
                continue
            by_value = self.kept.get(name)
            if by_value is not None:
                self.kept.move_to_end(name)
            elif name not in self._seen:
                _note(self._seen, name, 4 * self.KEPT)
                continue
            else:
                by_value = self._entry(root, name, None if value is not None else CANDIDATES)
                if by_value is None:
                    _note(self._common, name, 4 * self.KEPT)
                    continue
            found: Collection[Any]
            if value is not None:
                found = _members(by_value.get(value))
            elif len(by_value) > CANDIDATES or sum(len(_members(same)) for same in by_value.values()) > CANDIDATES:
                _note(self._common, name, 4 * self.KEPT)
                continue
            elif len(by_value) == 1:  # (a class's attribute is always "")
                found = _members(next(iter(by_value.values())))
            else:
                found = set().union(*map(_members, by_value.values()))
            if best is None or len(found) < len(best):
                best = found
                if len(best) <= 1:
                    break
        return best if best is not None and len(best) <= most else None

    def _entry(self, root: Any, name: str, most: int | None) -> dict[str, Any] | None:
        """A new entry, made from the tree; None (and none made) when more than `most` elements
        have the attribute."""
        by_value: dict[str, Any] = {}
        count = 0
        for el in root.iter():
            value = el.get(name)
            if value is not None:
                _put(by_value, value, el)
                count += 1
                if most is not None and count > most:
                    return None
        self.kept[name] = by_value
        while len(self.kept) > self.KEPT:
            self.kept.popitem(last=False)
        return by_value

    def change(self, el: Any, name: str, old: str | None, new: str | None) -> None:
        """An element's attribute `name` (one of those kept) goes from `old` to `new` (None: absent)."""
        by_value = self.kept[name]
        if old is not None:
            had = by_value[old]
            if type(had) is not set:
                del by_value[old]
            else:
                had.discard(el)
                if len(had) == 1:
                    by_value[old] = had.pop()
        if new is not None:
            _put(by_value, new, el)

    def entering(self, top: Any, count: int, page: int) -> None:
        """A subtree of `count` elements came into the tree (of `page` elements)."""
        if self._afford(count, page):
            kept = self.kept
            for el in top.iter():
                for name, value in el.items():
                    if name in kept:
                        self.change(el, name, None, value)

    def leaving(self, top: Any, page: int) -> None:
        """A subtree leaves the tree (of `page` elements)."""
        gone = list(top.iter())
        if self._afford(len(gone), page):
            kept = self.kept
            for el in gone:
                for name, value in el.items():
                    if name in kept:
                        self.change(el, name, value, None)

    def _afford(self, count: int, page: int) -> bool:
        """Whether to keep the entries through a change of `count` elements: not once the
        patches of the update being applied brought or took more than a quarter of the page's
        elements (the entries are forgotten instead)."""
        self.spent += count
        if self.spent * 4 <= page:
            return True
        self.clear()
        return False

    def clear(self) -> None:
        """Forget every entry, and what was seen of them."""
        self.kept.clear()
        self._seen.clear()
        self._common.clear()


def _note(names: set[str], name: str, most: int) -> None:
    """Add `name` to a set of names that holds at most `most` (it starts again when full)."""
    if len(names) >= most:
        names.clear()
    names.add(name)


def _put(by_value: dict[str, Any], value: str, el: Any) -> None:
    same = by_value.get(value)
    if same is None:
        by_value[value] = el
    elif type(same) is set:
        same.add(el)
    else:
        by_value[value] = {same, el}


def _members(same: Any) -> Collection[Any]:
    """The elements of a value of `Values.kept` (None: none)."""
    return () if same is None else same if type(same) is set else (same,)


def _too_slow(css: str, seconds: float | None) -> RunTimeout:
    return RunTimeout(f"the CSS selector {css[:80]!r} was still being matched after the runtime's timeout ({seconds:g} s)")


class Mirror:
    """The view's tree, built from the first render's JSON and kept in sync by `apply`."""

    def __init__(self, tree: dict[str, Any], actor: Actor | None = None,
                 select_timeout: Callable[[], float | None] | None = None) -> None:
        self.actor = actor
        self.closed = False
        #: How long one selector may take, asked at each selector (the runtime's timeout; None: no bound).
        self.select_timeout = select_timeout
        self.by_id: dict[int, Node | Text] = {}
        self.by_el: dict[Any, Node] = {}
        #: Elements by their `id` attribute, for "#name" selectors.
        self.ids: dict[str, set[Node]] = {}
        #: lxml elements by the value of the attributes selectors have tested (see `Values`).
        self.values = Values()
        #: The elements of placed components, by component instance id.
        self.hosts: dict[int, Node] = {}
        with bulk():
            root = self._build(tree, None)
        assert isinstance(root, Node)
        self.root = root

    def _build(self, data: dict[str, Any], parent: Node | None) -> Node | Text:
        """The nodes of a subtree of the shim's JSON, with their lxml copy (see `_elements`)."""
        node = self._nodes(data, parent)
        if isinstance(node, Node):
            self._elements(node)
        return node

    def _nodes(self, data: dict[str, Any], parent: Node | None) -> Node | Text:
        node_id = int(data["id"])
        if "text" in data:
            text = Text(node_id, data["text"], parent)
            self.by_id[node_id] = text
            return text
        node = Node(self, node_id, data["tag"], dict(data["attrs"]), parent)
        node.model = dict(data.get("model") or {})
        node.component = component = data.get("component")
        if component is not None:
            self.hosts[component["id"]] = node
        self.by_id[node_id] = node
        for child in data["children"]:
            node.kids.append(self._nodes(child, node))
        return node

    def _elements(self, top: Node) -> None:
        """Give `top` and the elements below it their lxml copy: the subtree as XML text, parsed
        by libxml2 in one call (four times faster than making each element through lxml's API),
        then matched to the nodes in document order."""
        if etree is None:
            return
        markup: list[str] = []
        top._markup(markup)
        root = etree.fromstring("".join(markup), _XML_PARSER)
        by_el = self.by_el
        before = len(by_el)
        for node, el in zip(top._elements(), root.iter()):
            node.el = el
            by_el[el] = node
        if self.values.kept:
            self.values.entering(root, len(by_el) - before, len(by_el))

    def _forget(self, node: Node | Text) -> None:
        self.by_id.pop(node.node_id, None)
        if isinstance(node, Node):
            node._index_id(None)
            if node.component is not None and self.hosts.get(node.component["id"]) is node:
                del self.hosts[node.component["id"]]
            if node.el is not None:
                self.by_el.pop(node.el, None)
            for kid in node.kids:
                self._forget(kid)

    def _place(self, parent: Node, index: int, node: Node | Text) -> None:
        kids = parent.kids
        kids.insert(index, node)
        node.parent = parent
        if isinstance(node, Node) and parent.el is not None:
            # Next to the element before it (texts have no copy): no count of what comes before,
            # so a list that grows or is reordered row by row costs each row a step, not a scan.
            before = index - 1
            while before >= 0 and not isinstance(kids[before], Node):
                before -= 1
            if before < 0:
                parent.el.insert(0, node.el)
            else:
                kids[before].el.addnext(node.el)  # type: ignore[union-attr]

    def _move_block(self, patches: list[dict[str, Any]], at: int) -> int:
        """A reordered list's moves (the shim's "move every row" form: a run of moves into one
        parent at consecutive indexes, of nodes already at or after the first index) applied at
        once, as the same moves one by one would leave them: how many patches that took, 0 when
        the run is short or not of that form."""
        first = patches[at]
        base, parent = first["index"], self.by_id.get(first["parent"])
        end = at
        while (end < len(patches) and patches[end]["op"] == "move" and patches[end]["parent"] == first["parent"]
               and patches[end]["index"] == base + end - at):
            end += 1
        if end - at < _MOVE_BLOCK or not isinstance(parent, Node):
            return 0
        nodes = [self.by_id[p["id"]] for p in patches[at:end]]
        moving = {id(node) for node in nodes}
        kids = parent.kids
        if len(moving) != len(nodes) or any(node.parent is not parent for node in nodes) \
                or any(id(kid) in moving for kid in kids[:base]):
            return 0
        rest = [kid for kid in kids if id(kid) not in moving]
        parent.kids = rest[:base] + nodes + rest[base:]
        if parent.el is not None:
            before = next((kid for kid in reversed(rest[:base]) if isinstance(kid, Node)), None)
            for node in nodes:
                if isinstance(node, Node):
                    parent.el.remove(node.el)
                    if before is None:
                        parent.el.insert(0, node.el)
                    else:
                        before.el.addnext(node.el)
                    before = node
        return end - at

    def _take(self, node: Node | Text) -> Node:
        parent = node.parent
        assert parent is not None
        parent.kids.remove(node)
        if isinstance(node, Node) and parent.el is not None:
            parent.el.remove(node.el)
        return parent

    def apply(self, patches: list[dict[str, Any]]) -> None:
        """Apply the shim's patches, in order."""
        self.values.spent = 0
        with bulk():
            self._apply(patches)

    def _apply(self, patches: list[dict[str, Any]]) -> None:
        skip = 0
        for at, patch in enumerate(patches):
            if skip:
                skip -= 1
                continue
            op = patch["op"]
            if op == "move" and (skip := self._move_block(patches, at)):
                skip -= 1
                continue
            if op == "attrs":
                node = self.by_id[patch["id"]]
                assert isinstance(node, Node)
                for name, value in patch["set"].items():
                    node.attrs[name] = value
                    node._set_el(name, value)
                for name in patch["remove"]:
                    node.attrs.pop(name, None)
                    node._del_el(name)
            elif op == "text":
                text = self.by_id[patch["id"]]
                assert isinstance(text, Text)
                text.value = patch["text"]
            elif op == "insert":
                parent = self.by_id[patch["parent"]]
                assert isinstance(parent, Node)
                self._place(parent, patch["index"], self._build(patch["node"], parent))
            elif op == "remove":
                node_or_text = self.by_id[patch["id"]]
                if self.values.kept and isinstance(node_or_text, Node) and node_or_text.el is not None:
                    self.values.leaving(node_or_text.el, len(self.by_el))
                self._take(node_or_text)
                self._forget(node_or_text)
            elif op == "move":
                node_or_text = self.by_id[patch["id"]]
                self._take(node_or_text)
                parent = self.by_id[patch["parent"]]
                assert isinstance(parent, Node)
                self._place(parent, patch["index"], node_or_text)
            elif op == "model":
                node = self.by_id[patch["id"]]
                assert isinstance(node, Node)
                node.model = dict(patch["model"])
            else:
                raise ValueError(f"unknown view patch {op!r}")

    # -- the page as a whole ----------------------------------------------------------------------
    def select(self, css: str) -> Node | None:
        return self.root.select(css)

    def select_all(self, css: str) -> list[Node]:
        return self.root.select_all(css)

    def html(self) -> str:
        """The page's markup: its top-level elements one after another (see `Node.html`)."""
        return self.root.inner_html()
