"""Raw style sheet text of a page, and its rules with their media conditions.

The engine's cascade assumes every screen media query holds and keeps only the properties
it tracks; the orientation and focus rules need what it leaves out: which rules hang on
``(orientation: ...)``, and every property of ``:focus`` rules. Sheets come from
``<style>`` elements and ``<link rel=stylesheet>`` files of the upload.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import tinycss2

from accessibility_analyzer.engine import resolve_page_url
from accessibility_analyzer.engine.dom import Page, Text

_ORIENTATION = re.compile(r"\(\s*orientation\s*:\s*([a-z-]+)\s*\)")
_GROUPING = frozenset({"media", "supports", "layer", "container"})
_MAX_DEPTH = 16
ORIENTATIONS = ("landscape", "portrait")
_NEVER = "never"


@dataclass(frozen=True)
class SheetDeclaration:
    """One declaration of a style rule, with where it sits.

    Attributes:
        selector: the rule's selector list, as text.
        name: property name, lower case.
        value: the value as text.
        important: declared ``!important``.
        orientation: ``landscape``/``portrait`` when an enclosing ``@media`` requires that
            orientation, ``""`` when none does, ``"?"`` when the condition is one this
            module does not read (a ``not`` query).

    A declaration's position in :attr:`PageSheets.declarations` is its cascade order
    (later wins at equal importance and specificity).
    """

    selector: str
    name: str
    value: str
    important: bool
    orientation: str


@dataclass
class PageSheets:
    """The page's readable sheets and whether some sheet could not be read (outside the
    upload, or pulled in with ``@import``)."""

    declarations: list[SheetDeclaration]
    missing: bool


def _is_stylesheet_link(element: Any) -> bool:
    rel = (element.attrs.get("rel") or "").lower().split()
    return "stylesheet" in rel and "alternate" not in rel


def sheets_mention(page: Page, word: str) -> bool:
    """Whether any readable sheet's text contains ``word`` (a cheap test before parsing)."""
    texts, _ = _sheet_texts(page)
    return any(word in text.lower() for text in texts)


def _sheet_texts(page: Page) -> tuple[list[str], bool]:
    """The text of every readable sheet, and whether one could not be read (memoised)."""
    table = page.memo_table("rules.sheet_texts")
    known: tuple[list[str], bool] | None = table.get(page.root.order)
    if known is None:
        known = table[page.root.order] = _read_sheet_texts(page)
    return known


def _read_sheet_texts(page: Page) -> tuple[list[str], bool]:
    texts: list[str] = []
    missing = False
    for element in page.elements:
        if not element.is_html:
            continue
        if element.tag == "style":
            texts.append("".join(c.data for c in element.children if isinstance(c, Text)))
        elif element.tag == "link" and _is_stylesheet_link(element):
            href = (element.attrs.get("href") or "").strip()
            path = resolve_page_url(page, href) if href else None
            data = page.site.read(path) if path is not None else None
            if data is None:
                missing = True
            else:
                texts.append(data.decode("utf-8", errors="replace"))
    return texts, missing


def _orientation_of(prelude: str, inherited: str) -> str:
    """The orientation a ``@media`` prelude requires (see :class:`SheetDeclaration`).

    An unknown orientation value makes the query invalid: it never matches (``_NEVER``).
    """
    found: set[str] = set(_ORIENTATION.findall(prelude))
    if not found:
        return inherited
    if not found <= set(ORIENTATIONS):
        return _NEVER if "," not in prelude else "?"
    if re.search(r"\bnot\b", prelude) or len(found) > 1:
        return "?"
    return found.pop()


def _walk(rules: list[Any], orientation: str, depth: int) -> Iterator[tuple[Any, str]]:
    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule, orientation
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content:
            if depth >= _MAX_DEPTH:
                continue
            inner = orientation
            if rule.lower_at_keyword == "media":
                prelude: str = tinycss2.serialize(rule.prelude)
                inner = _orientation_of(prelude.lower(), orientation)
            children = tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            yield from _walk(children, inner, depth + 1)


@lru_cache(maxsize=128)
def _parse_sheet(text: str) -> tuple[tuple[SheetDeclaration, ...], bool]:
    """Every declaration of one sheet, and whether it imports others. Cached by text: the
    pages of a site share their sheets."""
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    imports = any(rule.type == "at-rule" and rule.lower_at_keyword == "import" for rule in rules)
    found: list[SheetDeclaration] = []
    for rule, orientation in _walk(rules, "", 0):
        if orientation == _NEVER:
            continue
        selector = tinycss2.serialize(rule.prelude).strip()
        for item in tinycss2.parse_declaration_list(
            rule.content, skip_comments=True, skip_whitespace=True
        ):
            if item.type == "declaration":
                value = tinycss2.serialize(item.value).strip().lower()
                found.append(
                    SheetDeclaration(selector, item.lower_name, value, item.important, orientation)
                )
    return tuple(found), imports


def page_sheets(page: Page) -> PageSheets:
    """Every declaration of the page's readable sheets, in cascade order (memoised)."""
    table = page.memo_table("rules.raw_sheets")
    found: PageSheets | None = table.get(page.root.order)
    if found is not None:
        return found
    texts, missing = _sheet_texts(page)
    declarations: list[SheetDeclaration] = []
    for text in texts:
        entries, imports = _parse_sheet(text)
        # Imported sheets are not followed: the page's CSS is then not fully known.
        missing = missing or imports
        declarations.extend(entries)
    found = PageSheets(declarations, missing)
    table[page.root.order] = found
    return found
