"""Helpers shared by rule families: ACT glossary terms that several rules test the same way.

Only small predicates live here; the semantics themselves (roles, names, hidden-ness) belong
to ``engine.aria``. Each function says which ACT definition it implements.
"""

from __future__ import annotations

from abc import ABC
from collections.abc import Iterator
from itertools import chain
from pathlib import PurePosixPath
from typing import ClassVar

from accessibility_analyzer.engine.aria import (
    accessible_name,
    explicit_role,
    is_hidden,
    is_included_in_accessibility_tree,
    labels_of,
    name_source,
    role_of,
)
from accessibility_analyzer.engine.css import page_sheets
from accessibility_analyzer.engine.css.generated import (
    generated_parts,
    page_has_pseudo_element_rules,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, Verdict
from accessibility_analyzer.engine.standards.aria import PRESENTATIONAL_ROLES, ROLES, NameFrom

# Extensions whose content type is not text/html: the ACT page-level rules (title, lang) only
# apply to HTML documents, so an SVG or XML file checked on its own is inapplicable to them.
_NON_HTML_SUFFIXES = frozenset({".svg", ".xml"})

_MAX_REASON_NAME = 120

# How many elements a name source may hold before the generated-content scan stops and
# assumes the worst; keeps a failing target's cost bounded on huge subtrees.
_GENERATED_CONTENT_SCAN_LIMIT = 500

GENERATED_NAME = Diagnostic.cant_tell(
    "The name may come from CSS generated content (::before/::after) whose text is not known"
)


def is_html_document(page: Page) -> bool:
    """Whether the page is an HTML (or XHTML) document rather than an SVG or XML one.

    The parser wraps any document in an ``<html>`` root; the ACT document rules must not
    treat that wrapper as an HTML page. A file named ``.svg``/``.xml`` is not HTML, nor is
    an XML document whose own root was something else (its ``<html>`` has no source tag).
    """
    if PurePosixPath(page.path).suffix.lower() in _NON_HTML_SUFFIXES:
        return False
    return not (page.is_xhtml and page.root.line is None)


def has_unavailable_stylesheet(page: Page) -> bool:
    """Whether a sheet the page applies could not be read (remote or missing)."""
    return bool(page_sheets(page).unavailable)


def with_stylesheet_assumption(page: Page, reason: str) -> str:
    """``reason``, plus what was assumed about unreadable sheets when there are any.

    Remote or missing sheets are assumed to change nothing (a browser without them shows
    the page so); rules whose outcome hangs on CSS say so in their reason.
    """
    assumption = page_sheets(page).assumption()
    return reason if assumption is None else f"{reason}; {assumption}"


def is_image_button(element: Element) -> bool:
    """``<input type="image">`` (the type keyword is ASCII case-insensitive)."""
    return (
        element.is_html
        and element.tag == "input"
        and (element.attrs.get("type") or "").strip().lower() == "image"
    )


def is_marked_decorative(page: Page, element: Element) -> bool:
    """ACT "marked as decorative": explicit role none/presentation, or ``<img alt="">``.

    The ``img`` case needs no explicit role at all (a ``role`` attribute with only invalid
    tokens counts as none).
    """
    role = explicit_role(page, element)
    if role in PRESENTATIONAL_ROLES:
        return True
    return (
        element.is_html and element.tag == "img" and element.attrs.get("alt") == "" and role is None
    )


def describe_name(page: Page, element: Element) -> str:
    """A short human description of an element's accessible name and where it came from."""
    name = accessible_name(page, element).strip()
    if len(name) > _MAX_REASON_NAME:
        name = name[: _MAX_REASON_NAME - 1] + "…"
    source = name_source(page, element)
    return f'accessible name "{name}" (from {source})' if source else f'accessible name "{name}"'


def has_unreadable_generated_content(page: Page, element: Element) -> bool:
    """Whether ``::before``/``::after`` generate content whose text the engine cannot know
    (counters, quotes, images without alternative text)."""
    return any(part is not None and part.uncertain for part in generated_parts(page, element))


def _name_sources(page: Page, element: Element) -> list[Element]:
    """Elements whose rendered content can feed ``element``'s accessible name."""
    role = role_of(page, element)
    spec = ROLES.get(role) if role is not None else None
    sources = [element] if spec is None or NameFrom.CONTENTS in spec.name_from else []
    sources.extend(labels_of(page, element))
    for token in (element.attrs.get("aria-labelledby") or "").split():
        referenced = page.get_element_by_id(token)
        if referenced is not None:
            sources.append(referenced)
    return sources


def generated_content_may_name(page: Page, element: Element) -> bool:
    """Whether CSS generated content may give ``element`` a name the accname misses.

    The accessible name includes ``::before``/``::after`` strings and ``attr()``, but not
    counters, quotes or images without alternative text, so an empty name is only trusted
    when no rendered element of the name's sources (the element's content, its labels, its
    ``aria-labelledby`` targets) generates such content.
    """
    if not page_has_pseudo_element_rules(page):
        return False
    scanned = 0
    for source in _name_sources(page, element):
        for node in chain((source,), source.descendants()):
            scanned += 1
            if scanned > _GENERATED_CONTENT_SCAN_LIMIT:
                return True
            if not is_hidden(page, node) and has_unreadable_generated_content(page, node):
                return True
    return False


class NonEmptyNameRule(Rule, ABC):
    """Base of the "has a non-empty accessible name" rules: only applicability differs.

    Subclasses set ``meta``, the two diagnostics and implement ``applicability``.
    """

    has_name: ClassVar[Diagnostic]
    no_name: ClassVar[Diagnostic]

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Passes when the accessible name is not empty after whitespace trimming.

        An empty name is ``cantTell`` when CSS generated content may supply one.
        """
        if accessible_name(page, target).strip():
            return Verdict(self.has_name, describe_name(page, target))
        if generated_content_may_name(page, target):
            return Verdict(
                GENERATED_NAME,
                "the only text may be CSS ::before/::after counters, quotes or images",
            )
        return Verdict(self.no_name, "the accessible name is empty")


def elements_with_roles(page: Page, roles: frozenset[str]) -> list[Element]:
    """Elements whose semantic role is in ``roles``, in document order.

    The page's elements are grouped by role once (memoised): the name rules each ask for a
    few roles, and a scan of every element per rule cost more than the rules themselves.
    """
    memo: dict[int, dict[str | None, list[Element]]] = page.memo_table("rules.by_role")
    index = memo.get(page.root.order)
    if index is None:
        index = {}
        for element in page.elements:
            index.setdefault(role_of(page, element), []).append(element)
        memo[page.root.order] = index
    found = [element for role in roles for element in index.get(role, ())]
    if len(roles) > 1:
        found.sort(key=lambda element: element.order)
    return found


def exposed_elements_with_role(
    page: Page, roles: frozenset[str], *, html_only: bool = True
) -> Iterator[Element]:
    """Elements whose semantic role is in ``roles`` and that are in the accessibility tree.

    Args:
        page: the page.
        roles: the roles wanted (after presentational conflict resolution).
        html_only: keep HTML elements only (most ACT name rules apply to HTML elements).
    """
    for element in elements_with_roles(page, roles):
        if (element.is_html or not html_only) and is_included_in_accessibility_tree(page, element):
            yield element
