"""Every declaration of a page's sheets, with the orientation its media conditions require.

The engine's cascade evaluates media queries for the default landscape viewport and keeps
only the properties it tracks; the orientation and focus rules need what it leaves out:
which rules hang on the orientation, and every property of ``:focus`` rules. The sheets
are the engine's (:func:`~accessibility_analyzer.engine.css.page_sheets`: linked,
imported and ``<style>`` sheets as a browser finds them).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import tinycss2

from accessibility_analyzer.engine.css import (
    orientation_dependence,
    stylesheet_nodes,
    supports_applies,
)
from accessibility_analyzer.engine.css import page_sheets as engine_page_sheets
from accessibility_analyzer.engine.dom import Page

_GROUPING = frozenset({"media", "supports", "layer", "container"})
_MAX_DEPTH = 16
ORIENTATIONS = ("landscape", "portrait")


@dataclass(frozen=True)
class SheetDeclaration:
    """One declaration of a style rule, with where it sits.

    Attributes:
        selector: the rule's selector list, as text.
        name: property name, lower case.
        value: the value as text.
        important: declared ``!important``.
        orientation: ``landscape``/``portrait`` when the enclosing ``@media`` conditions
            match the default screen in that orientation only, ``""`` in both. Rules
            that match in neither are left out.

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
    """The page's readable sheets and whether some sheet could not be read."""

    declarations: list[SheetDeclaration]
    missing: bool


def sheets_mention(page: Page, word: str) -> bool:
    """Whether any applied sheet's text contains ``word`` (a cheap test before parsing;
    memoised per page and word: rules ask it for every element)."""
    table = page.memo_table("rules.sheets_mention")
    key = hash(word)
    found: tuple[str, bool] | None = table.get(key)
    if found is None or found[0] != word:
        mentioned = any(word in sheet.text.lower() for sheet in engine_page_sheets(page).sheets)
        found = table[key] = (word, mentioned)
    return found[1]


def _combine(outer: str | None, inner: str | None) -> str | None:
    """The orientation two nested conditions require together (``None``: never)."""
    if outer is None or inner is None:
        return None
    if not outer or not inner:
        return outer or inner
    return outer if outer == inner else None


def _walk(rules: Sequence[Any], orientation: str, depth: int) -> Iterator[tuple[Any, str]]:
    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule, orientation
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content:
            if depth >= _MAX_DEPTH:
                continue
            inner: str | None = orientation
            if rule.lower_at_keyword == "media":
                prelude = tinycss2.serialize(rule.prelude)
                inner = _combine(orientation, orientation_dependence(prelude))
            elif rule.lower_at_keyword == "supports" and not supports_applies(rule.prelude):
                inner = None
            if inner is None:
                continue  # never applies on the default screen, in either orientation
            children = tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            yield from _walk(children, inner, depth + 1)


@lru_cache(maxsize=128)
def _parse_sheet(text: str) -> tuple[SheetDeclaration, ...]:
    """Every declaration of one sheet. Cached by text: the pages of a site share sheets."""
    rules = stylesheet_nodes(text)  # the cascade parsed the same text
    found: list[SheetDeclaration] = []
    for rule, orientation in _walk(rules, "", 0):
        selector = tinycss2.serialize(rule.prelude).strip()
        for item in tinycss2.parse_declaration_list(
            rule.content, skip_comments=True, skip_whitespace=True
        ):
            if item.type == "declaration":
                value = tinycss2.serialize(item.value).strip().lower()
                found.append(
                    SheetDeclaration(selector, item.lower_name, value, item.important, orientation)
                )
    return tuple(found)


def page_sheets(page: Page) -> PageSheets:
    """Every declaration of the page's readable sheets, in cascade order (memoised)."""
    table = page.memo_table("rules.raw_sheets")
    found: PageSheets | None = table.get(page.root.order)
    if found is not None:
        return found
    sheets = engine_page_sheets(page)
    declarations: list[SheetDeclaration] = []
    for sheet in sheets.sheets:
        declarations.extend(_parse_sheet(sheet.text))
    found = PageSheets(declarations, bool(sheets.unavailable))
    table[page.root.order] = found
    return found
