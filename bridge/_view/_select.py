"""CSS selection over the mirror, by lxml and cssselect.

The mirror keeps an lxml element for each rendered element (text is not needed by selectors);
cssselect turns a selector into XPath once, and lxml's compiled XPath finds the matches in C.
Chosen over soupsieve + beautifulsoup4, which are pure Python: on a 2,000-element tree they
took 10-30 ms per query here against about 1 ms for lxml (see the view's benchmark test).

Two adaptations, both through cssselect's documented translator hooks:
- Attribute names such as `bind:tap` are not XML names, so lxml stores them encoded, and the
  translator encodes the names in attribute selectors the same way.
- Each class of an element is also a private attribute of its own (`.row` is `@swan-bridge-c-row`),
  so a class test is an attribute's presence, not cssselect's normalize-space, concat and
  contains() on every element: half the time of a string test on a 2,000-element page.
- Tests of an element's place among its siblings stay linear in a long row of them: `:first-child`
  and its kin look for one sibling (`not(preceding-sibling::*[1])`), `E + F` looks at the one
  sibling before F (`preceding-sibling::*[1]/self::E`), and `:nth-child()` and its kin
  read the element's place from a count made once per parent and query (`sb:siblings`), where
  cssselect's `count(preceding-sibling::*)` on each element costs the square of the row (20,000
  siblings: 1.6 s).

A selector whose first compound tests a class, an id or an attribute's value (`.row[data-id='7']
.name`) can start from the elements that pass that test, which the mirror keeps an index of
(`Mirror.values`), rather than from every element: `Query.keys` names the tests, and
`Query.among` is the same XPath from a given set of candidates (`$candidates/self::...`). libxml2
evaluates a predicate at a fraction of a microsecond per element, so on a 2,001-element page the
whole-page XPath costs 0.3-0.6 ms, and the XPath from one candidate a few microseconds.

What can still cost more than linear time (`E F` down nested E's, `E ~ F` with few E's, `:has()`)
is bounded by the time a caller allows (`evaluating`): those steps test `sb:go()`, which stops the
evaluation once the deadline has passed.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from time import monotonic
from functools import lru_cache
from typing import Any, NamedTuple

from cssselect import HTMLTranslator, SelectorError, parse
from cssselect.parser import Attrib, Class, CombinedSelector, Element, Function, Hash, Selector
from cssselect.xpath import XPathExpr
from lxml import etree

from ._errors import SelectorSyntaxError

#: Each class `c` of an element is also the attribute CLASS_PREFIX + c (encoded), for class selectors.
CLASS_PREFIX = "swan-bridge-c-"

_INVALID = re.compile(r"[^A-Za-z0-9_.\-]")


@lru_cache(maxsize=4096)
def xml_name(name: str) -> str:
    """`name` as an lxml attribute name: characters XML refuses become ·HEX·, and a name that
    does not start with a letter or _ gets a leading _·."""
    encoded = _INVALID.sub(lambda m: "\u00b7%X\u00b7" % ord(m.group()), name)
    if not encoded or not (encoded[0].isalpha() or encoded[0] == "_"):
        encoded = "_\u00b7" + encoded
    return encoded


class _Translator(HTMLTranslator):
    def xpath_attrib(self, selector: Any) -> Any:
        selector.attrib = xml_name(selector.attrib)
        return super().xpath_attrib(selector)

    def xpath_class(self, class_selector: Any) -> Any:
        xpath = self.xpath(class_selector.selector)
        return xpath.add_condition(f"@{class_attr(class_selector.class_name)}")

    def xpath_indirect_adjacent_combinator(self, left: Any, right: Any) -> Any:
        """`E ~ F` as "an F after its row's first E" when E is one step (`sb:after`: the row's
        first E found once per row and query), where the translator's "every sibling after each
        E" costs the square of a long row of siblings."""
        if right.path:
            return super().xpath_indirect_adjacent_combinator(left, _ticking(right))
        if left.path:  # E with steps before it: the elements E stands for, found once from the scope
            code = (_WHOLE + str(left)).encode().hex()
            return right.add_condition(f"sb:after-any('{code}', $scope)")
        test = f"self::{left.element}" + (f"[{left.condition}]" if left.condition else "")
        return right.add_condition(f"sb:after('{test.encode().hex()}')")

    def xpath_direct_adjacent_combinator(self, left: Any, right: Any) -> Any:
        """`E + F` as "an F whose sibling just before is an E" when E is one step: libxml2 looks
        at that one sibling, where the translator's `E/following-sibling::*[... position() = 1]`
        collects every sibling after each E."""
        if left.path or right.path:
            return super().xpath_direct_adjacent_combinator(left, right)
        before = f"preceding-sibling::*[1]/self::{left.element}" + (f"[{left.condition}]" if left.condition else "")
        return right.add_condition(before)

    def xpath_descendant_combinator(self, left: Any, right: Any) -> Any:
        """`E F`, with F's test ticking (`sb:go()`): down nested E's the same F is reached once
        from each."""
        if right.element == "*" and not right.condition and not right.path:
            return super().xpath_descendant_combinator(left, right)
        return super().xpath_descendant_combinator(left, _ticking(right))

    def xpath_relation(self, relation: Any) -> Any:
        """`:has()`, ticking once per element it is tested on."""
        return super().xpath_relation(relation).add_condition("sb:go()")

    def xpath_nth_child_function(self, xpath: XPathExpr, function: Function, last: bool = False,
                                 add_name_test: bool = True) -> XPathExpr:
        """cssselect's arithmetic on the count of siblings before (after) the element, with the
        count read from `sb:siblings`."""
        alone = super().xpath_nth_child_function(XPathExpr(element=xpath.element), function, last, add_name_test)
        if not alone.condition:  # (a series every element is in)
            return xpath
        nodetest = "*" if add_name_test else xpath.element
        axis = "following" if last else "preceding"
        counted: XPathExpr = xpath.add_condition(alone.condition.replace(
            f"count({axis}-sibling::{nodetest})", f"sb:siblings('{axis}', '{nodetest}')"))
        return counted

    def _none_beside(self, pseudo: str, xpath: XPathExpr) -> XPathExpr:
        """cssselect's test of a `:first-child`-like pseudo-class, "count(<axis>::<test>) = 0",
        as "not(<axis>::<test>[1])": libxml2 stops at the first sibling found only when asked
        for the first (without `[1]` it collects them all, at a cost of the cube of the row)."""
        alone = getattr(super(), f"xpath_{pseudo}_pseudo")(XPathExpr(element=xpath.element))
        found: XPathExpr = xpath.add_condition(_NONE_BESIDE.sub(r"not(\1[1])", alone.condition))
        return found

    def xpath_first_child_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return self._none_beside("first_child", xpath)

    def xpath_last_child_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return self._none_beside("last_child", xpath)

    def xpath_only_child_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return self._none_beside("only_child", xpath)

    def xpath_first_of_type_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return self._none_beside("first_of_type", xpath)

    def xpath_last_of_type_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return self._none_beside("last_of_type", xpath)

    def xpath_only_of_type_pseudo(self, xpath: XPathExpr) -> XPathExpr:
        return self._none_beside("only_of_type", xpath)


def _ticking(xpath: XPathExpr) -> XPathExpr:
    """`xpath` with `sb:go()` tested in its last step once the rest of that step passed: a call
    into Python costs about a microsecond, so it is made for the elements that match, which the
    costly shapes reach again and again, not for every element the step looks at."""
    ticked: XPathExpr = xpath.add_condition("sb:go()")
    return ticked


class SelectorTooSlow(Exception):
    """A selector's evaluation passed the deadline `evaluating` set (raised inside libxml2's
    evaluation by `sb:go()`, and out of the XPath call)."""


_DEADLINE = threading.local()


@contextmanager
def evaluating(seconds: float | None) -> Iterator[None]:
    """Selectors evaluated in this block stop with SelectorTooSlow once `seconds` have passed
    (None: no bound)."""
    saved = getattr(_DEADLINE, "at", None)
    _DEADLINE.at = None if seconds is None else monotonic() + seconds
    try:
        yield
    finally:
        _DEADLINE.at = saved


def _go(context: Any) -> bool:
    """XPath `sb:go()`: true, or SelectorTooSlow once the deadline has passed."""
    at = getattr(_DEADLINE, "at", None)
    if at is not None and monotonic() > at:
        raise SelectorTooSlow
    return True


_NONE_BESIDE = re.compile(r"count\(((?:preceding|following)-sibling::[^)]+)\) = 0")


def _places(context: Any, parent: Any, axis: str, nodetest: str) -> dict[Any, int]:
    """The places (from 0) of `parent`'s children that pass `nodetest` ("*" or a name), counted
    from the first ("preceding") or the last ("following"): once per parent and evaluation (the
    evaluation's own dict keeps them)."""
    key = (parent, axis, nodetest)
    places: dict[Any, int] | None = context.eval_context.get(key)
    if places is None:
        row = [kid for kid in parent if isinstance(kid.tag, str) and (nodetest == "*" or kid.tag == nodetest)]
        if axis == "following":
            row.reverse()
        places = context.eval_context[key] = {kid: place for place, kid in enumerate(row)}
    return places


def _siblings(context: Any, axis: str, nodetest: str) -> float:
    """XPath `sb:siblings(axis, nodetest)`: how many siblings before ("preceding") or after
    ("following") the context element pass `nodetest`."""
    _go(context)
    node = context.context_node
    parent = node.getparent()
    if parent is None:
        return 0.0
    return float(_places(context, parent, axis, nodetest).get(node, 0))


@lru_cache(maxsize=256)
def _kids_passing(code: str) -> etree.XPath:
    """The children of an element that pass a step's test (`self::E[...]`, hex-encoded)."""
    return etree.XPath(f"*[{bytes.fromhex(code).decode()}]", **_XPATH_OPTIONS)


@lru_cache(maxsize=256)
def _selected(code: str) -> etree.XPath:
    """A selector's XPath (hex-encoded) for `sb:after-any`."""
    return etree.XPath(bytes.fromhex(code).decode(), **_XPATH_OPTIONS)


def _after_any(context: Any, code: str, scope: list[Any]) -> bool:
    """XPath `sb:after-any(selector, $scope)`: whether a sibling before the context element is one
    the selector's XPath (hex-encoded) finds from the scope. What it finds is sorted by parent
    once per evaluation: each parent's first such child."""
    _go(context)
    node = context.context_node
    parent = node.getparent()
    if parent is None or not scope:
        return False
    key = ("after-any", code)
    firsts: dict[Any, int] | None = context.eval_context.get(key)
    if firsts is None:
        firsts = {}
        for el in _selected(code)(scope[0], scope=scope[0]):
            holder = el.getparent()
            if holder is not None:
                place = _places(context, holder, "preceding", "*")[el]
                if place < firsts.get(holder, place + 1):
                    firsts[holder] = place
        context.eval_context[key] = firsts
    first = firsts.get(parent)
    return first is not None and _places(context, parent, "preceding", "*").get(node, 0) > first


def _after(context: Any, code: str) -> bool:
    """XPath `sb:after(test)`: whether a sibling before the context element passes `test` (a
    step's test, hex-encoded: it may hold both kinds of quote). The first sibling that passes is
    found once per parent and evaluation."""
    _go(context)
    node = context.context_node
    parent = node.getparent()
    if parent is None:
        return False
    places = _places(context, parent, "preceding", "*")
    key = (parent, "after", code)
    first = context.eval_context.get(key)
    if first is None:
        first = context.eval_context[key] = min((places[kid] for kid in _kids_passing(code)(parent)), default=len(places))
    return bool(places.get(node, 0) > first)


_NAMESPACE = "urn:swan-bridge:select"
#: What the XPath of every selector is compiled with (see `_siblings`).
_XPATH_OPTIONS: dict[str, Any] = {"namespaces": {"sb": _NAMESPACE}, "extensions": {
    (_NAMESPACE, "siblings"): _siblings, (_NAMESPACE, "after"): _after, (_NAMESPACE, "after-any"): _after_any,
    (_NAMESPACE, "go"): _go}}


_TRANSLATOR = _Translator(xhtml=True)  # xhtml: names are case-sensitive, as swan's are


#: A key of the mirror's index: an attribute's lxml name and its value (None: any value).
Key = tuple[str, str | None]


class Query(NamedTuple):
    """A selector, compiled: `find` evaluates it."""

    #: The XPath of the selector, matching at or below the context element.
    xpath: etree.XPath
    #: What every element that matches the selector's first compound has: keys of the mirror's
    #: index (empty when the selector is not one that can start from candidates).
    keys: tuple[Key, ...]
    #: With keys: the same XPath from the elements given as `$candidates` (which must hold
    #: every element at or below the context element that matches the first compound).
    among: etree.XPath | None

    def find(self, scope: Any, candidates: list[Any] | None = None) -> list[Any]:
        """The elements at or below `scope` that match (from `candidates` when given: see `among`)."""
        if candidates is None:
            found: list[Any] = self.xpath(scope, scope=scope)
        else:
            assert self.among is not None
            found = self.among(scope, candidates=candidates, scope=scope)
        return found


_WHOLE = "descendant-or-self::"
_AMONG = "$candidates/self::"


@lru_cache(maxsize=512)
def query(css: str) -> Query:
    try:
        selectors = parse(css)
        keys = _keys(selectors)  # (before the translator encodes the attribute names in place)
        text = " | ".join(_TRANSLATOR.selector_to_xpath(s, _WHOLE, translate_pseudo_elements=True) for s in selectors)
    except SelectorError as exc:
        raise SelectorSyntaxError(f"bad CSS selector {css!r}: {exc}") from None
    except RecursionError:
        raise SelectorSyntaxError(f"bad CSS selector {_short(css)}: nested too deep") from None
    try:
        # (a selector with keys is a single one: its XPath is the prefix and one path)
        among = etree.XPath(_AMONG + text.removeprefix(_WHOLE), **_XPATH_OPTIONS) if keys else None
        return Query(etree.XPath(text, **_XPATH_OPTIONS), keys, among)
    except etree.XPathError as exc:
        raise SelectorSyntaxError(f"bad CSS selector {_short(css)}: {exc}") from None


def _short(css: str) -> str:
    return repr(css if len(css) <= 80 else css[:77] + "...")


def _keys(selectors: list[Selector]) -> tuple[Key, ...]:
    """The index keys of a selector's first compound, as the translator writes its tests: a
    class is its private attribute (any value), an id or an `=` test the attribute and the value.

    Only a single selector whose first compound is made of a type, classes, an id and attribute
    tests, none with a namespace, has keys: there, each test is one more condition of the first
    step, so an element without a key's attribute (and value) cannot match. A pseudo-class is
    left out because one (`:scope`) tests the element's position among the context's
    descendants, which a step from candidates does not keep."""
    if len(selectors) != 1 or selectors[0].pseudo_element is not None:
        return ()
    part = selectors[0].parsed_tree
    while isinstance(part, CombinedSelector):
        if part.combinator in "~+":  # written from its last compound (see the translator's sibling combinators)
            return ()
        part = part.selector
    keys: list[Key] = []
    while not isinstance(part, Element):
        if isinstance(part, Class):
            keys.append((class_attr(part.class_name), None))
        elif isinstance(part, Hash):
            keys.append(("id", part.id))
        elif isinstance(part, Attrib) and part.namespace is None:
            name = xml_name(part.attrib)
            if _TRANSLATOR.lower_case_attribute_names:
                name = name.lower()
            if part.operator == "exists":
                keys.append((name, None))
            elif part.operator == "=" and getattr(part, "flag", None) is None and part.value is not None:
                value = part.value.value
                if value is not None:
                    keys.append((name, value.lower() if _TRANSLATOR.lower_case_attribute_values else value))
        else:
            return ()
        part = part.selector
    return tuple(keys) if part.namespace is None else ()


@lru_cache(maxsize=4096)
def class_attr(name: str) -> str:
    """The private attribute that marks an element as having class `name`."""
    return CLASS_PREFIX + _INVALID.sub(lambda m: "\u00b7%X\u00b7" % ord(m.group()), name)
