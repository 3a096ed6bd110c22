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
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cssselect import HTMLTranslator, SelectorError
from lxml import etree

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


_TRANSLATOR = _Translator(xhtml=True)  # xhtml: names are case-sensitive, as swan's are


class SelectorSyntaxError(ValueError):
    """A CSS selector that cssselect cannot read."""


@lru_cache(maxsize=512)
def compiled(css: str) -> etree.XPath:
    """The XPath of a selector, matching at or below the context element."""
    try:
        return etree.XPath(_TRANSLATOR.css_to_xpath(css, prefix="descendant-or-self::"))
    except SelectorError as exc:
        raise SelectorSyntaxError(f"bad CSS selector {css!r}: {exc}") from None


@lru_cache(maxsize=4096)
def class_attr(name: str) -> str:
    """The private attribute that marks an element as having class `name`."""
    return CLASS_PREFIX + _INVALID.sub(lambda m: "\u00b7%X\u00b7" % ord(m.group()), name)
