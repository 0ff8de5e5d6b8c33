"""A finding's fingerprint: which element it is about, in words that survive unrelated edits.

Baselines (``a11y check --baseline``) must recognise "the same failure" in a page that was
edited elsewhere: a line number moves when a line is added above, an nth-child selector
when a sibling is inserted. The fingerprint therefore hashes only what belongs to the
element and its close surroundings:

* the rule id;
* the element's tag and attributes (values cut at 80 characters), sorted;
* its own text (direct text children, whitespace-collapsed, first 80 characters);
* the tags, ids and classes of at most four ancestors, and the nearest ancestor id within
  32 levels (a landmark or section usually has one).

What a rebuild of an unchanged page changes is left out, so a deployment does not turn old
failures into new ones: white space inside values and the order of class names; the query
string of asset URLs (``src``, ``srcset``, ``poster``, ``data``: cache busters such as
``logo.png?v=3f2a``); attributes that carry a per-build or per-request value (``nonce``,
``integrity``, Vue's scoped-style markers ``data-v-<hash>``).

Identical elements (two ``<a href="#">more</a>`` in one list) share a fingerprint; a baseline
compares how many there are. Every walk is bounded, so a page nested 100,000 deep costs the
same per finding as a flat one.
"""

from __future__ import annotations

import hashlib
import re

from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page, Text

_VALUE_LIMIT = 80
_TEXT_LIMIT = 80
_ANCESTOR_STEPS = 4
_ID_SEARCH_DEPTH = 32
_WHITESPACE = re.compile(r"\s+")
_ANCESTRY_TABLE = "fingerprint.ancestry"
_VOLATILE = frozenset({"nonce", "integrity"})
_ASSET_URLS = frozenset({"src", "srcset", "poster", "data"})
_QUERY = re.compile(r"\?[^\s,#]*")


def _stable_value(name: str, value: str) -> str:
    """An attribute value without what a rebuild changes (see the module docstring)."""
    if name == "class":
        return " ".join(sorted(set(value.split())))
    if name in _ASSET_URLS:
        value = _QUERY.sub("", value)
    return _WHITESPACE.sub(" ", value).strip()


def _stable_attributes(element: Element) -> str:
    return "\x1f".join(
        f"{name}={_stable_value(name, value)[:_VALUE_LIMIT]}"
        for name, value in sorted(element.attrs.items())
        if name not in _VOLATILE and not name.startswith("data-v-")
    )


def _own_text(element: Element) -> str:
    parts: list[str] = []
    size = 0
    for child in element.children:
        if isinstance(child, Text):
            parts.append(child.data)
            size += len(child.data)
            if size > _TEXT_LIMIT * 4:
                break
    return _WHITESPACE.sub(" ", "".join(parts)).strip()[:_TEXT_LIMIT]


def _ancestry(page: Page, element: Element) -> str:
    """The ancestors' part of the signature, memoised per parent: siblings share it."""
    parent = element.parent
    if parent is None:
        return "@"
    order = parent.order
    if not (0 <= order < len(page.elements) and page.elements[order] is parent):
        return _walk_ancestry(element)
    table = page.element_table(_ANCESTRY_TABLE)
    known = table[order]
    if known is NOT_COMPUTED:
        known = table[order] = _walk_ancestry(element)
    return str(known)


def _walk_ancestry(element: Element) -> str:
    steps: list[str] = []
    nearest_id = ""
    for depth, ancestor in enumerate(element.ancestors()):
        if depth >= _ID_SEARCH_DEPTH:
            break
        if depth < _ANCESTOR_STEPS:
            classes = _stable_value("class", ancestor.attrs.get("class", ""))
            steps.append(f"{ancestor.tag}#{ancestor.attrs.get('id', '')}.{classes}")
        if not nearest_id and ancestor.attrs.get("id"):
            nearest_id = ancestor.attrs["id"]
            if depth >= _ANCESTOR_STEPS:
                break
    return f"{'>'.join(steps)}@{nearest_id}"


def element_signature(page: Page, element: Element) -> str:
    """The rule-independent part of a fingerprint (memoised per element)."""
    table = page.element_table("fingerprint")
    if element.order < len(table) and element.order >= 0:
        known = table[element.order]
        if known is not NOT_COMPUTED:
            return str(known)
    attrs = _stable_attributes(element)
    text = f"{element.tag}\x1e{attrs}\x1e{_own_text(element)}\x1e{_ancestry(page, element)}"
    signature = hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=12).hexdigest()
    if 0 <= element.order < len(table):
        table[element.order] = signature
    return signature


def fingerprint(page: Page, rule_id: str, element: Element) -> str:
    """The fingerprint of ``rule_id``'s finding on ``element`` (16 hex digits)."""
    data = f"{rule_id}\x1e{element_signature(page, element)}"
    return hashlib.blake2b(data.encode(), digest_size=8).hexdigest()
