"""Boxes that hide overflow only at 200% zoom: ``@media`` rules for a 640 x 512 viewport.

The engine's cascade evaluates media queries for a 1280 x 1024 screen. A page zoomed to 200%
lays out in 640 x 512 CSS pixels, so a rule under ``@media (max-width: 640px)`` applies
then, and only then: a box it gives ``overflow: hidden`` clips text at 200% zoom that the
cascade never sees clipped. This module finds those rules in the page's sheets and the
elements they select.

A rule that also shrinks its box to a pixel or less (the visually-hidden technique, text
meant for screen readers only) is left out: its text is not visible at that size anyway.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

import tinycss2

from accessibility_analyzer.engine.css import (
    InvalidSelector,
    Viewport,
    media_applies,
    page_sheets,
    select,
    stylesheet_nodes,
    supports_applies,
)
from accessibility_analyzer.engine.dom import Page

ZOOMED_VIEWPORT = Viewport(width=640.0, height=512.0)
_CLIPPING = frozenset({"hidden", "clip"})
_OVERFLOW = frozenset({"overflow", "overflow-x", "overflow-y"})
_TINY = frozenset({"0", "0px", "1px"})
_MAX_DEPTH = 16
_MEMO = "rules.reflow.zoom_only_clipping"


def zoom_only_clipping(page: Page) -> dict[int, str]:
    """Element order -> the ``@media`` condition that makes it hide overflow at 200% zoom
    only (memoised per page)."""
    table = page.memo_table(_MEMO)
    found: dict[int, str] | None = table.get(page.root.order)
    if found is not None:
        return found
    found = {}
    for sheet in page_sheets(page).sheets:
        if "@media" not in sheet.text or "overflow" not in sheet.text:
            continue  # the common case: nothing to parse again
        for selector, media in _zoom_only_rules(sheet.text):
            try:
                elements = select(page, selector)
            except InvalidSelector:
                continue
            for element in elements:
                found.setdefault(element.order, media)
    table[page.root.order] = found
    return found


@lru_cache(maxsize=128)
def _zoom_only_rules(text: str) -> tuple[tuple[str, str], ...]:
    """(selector, media condition) of the sheet's style rules that hide overflow and apply
    at 200% zoom but not on the default screen. Cached by text: a site's pages share sheets."""
    rules = stylesheet_nodes(text)  # the cascade parsed the same text
    return tuple(_walk(rules, zoomed=True, default=True, media="", depth=0))


def _walk(
    rules: Sequence[Any], *, zoomed: bool, default: bool, media: str, depth: int
) -> Iterator[tuple[str, str]]:
    for rule in rules:
        if rule.type == "qualified-rule":
            if zoomed and not default and _hides_overflow_visibly(rule):
                yield tinycss2.serialize(rule.prelude).strip(), media
        elif rule.type == "at-rule" and rule.content and depth < _MAX_DEPTH:
            keyword = rule.lower_at_keyword
            inner_zoomed, inner_default, inner_media = zoomed, default, media
            if keyword == "media":
                prelude = " ".join(tinycss2.serialize(rule.prelude).split())
                inner_zoomed = zoomed and media_applies(prelude, ZOOMED_VIEWPORT)
                inner_default = default and media_applies(prelude)
                inner_media = prelude
            elif keyword == "supports":
                if not supports_applies(rule.prelude):
                    continue
            elif keyword != "layer":
                continue  # @container and others: sizes the engine cannot know
            if not inner_zoomed:
                continue
            children = tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            yield from _walk(
                children,
                zoomed=inner_zoomed,
                default=inner_default,
                media=inner_media,
                depth=depth + 1,
            )


def _hides_overflow_visibly(rule: Any) -> bool:
    """Whether the rule sets overflow hidden or clip on a box it does not shrink to a pixel."""
    values: dict[str, str] = {}
    for item in tinycss2.parse_declaration_list(
        rule.content, skip_comments=True, skip_whitespace=True
    ):
        if item.type == "declaration":
            values[item.lower_name] = tinycss2.serialize(item.value).strip().lower()
    clips = any(word in _CLIPPING for name in _OVERFLOW for word in values.get(name, "").split())
    tiny = values.get("width") in _TINY or values.get("height") in _TINY
    return clips and not tiny
