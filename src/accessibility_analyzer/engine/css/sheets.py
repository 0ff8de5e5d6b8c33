"""Collect a page's style sheets: ``<style>``, ``<link rel=stylesheet>`` and ``@import``.

Linked sheets are read through ``page.site`` (never the network); URLs outside the upload
are skipped. ``@import`` follows same-site URLs up to :data:`IMPORT_DEPTH` levels and never
the same sheet twice. Media conditions are decided once, when a sheet is parsed (see
:mod:`.media`), so parsed sheets are cached by their text and shared between the pages of
an upload that link the same file.
"""

from __future__ import annotations

import codecs
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import tinycss2

from accessibility_analyzer.engine.css.media import media_applies
from accessibility_analyzer.engine.css.selectors import (
    Complex,
    InvalidSelector,
    parse_selector_list,
)
from accessibility_analyzer.engine.css.values import Declaration, declarations_from_tokens
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.encoding import decode_windows_1252, normalise_label
from accessibility_analyzer.engine.site import base_href, resolve_url

IMPORT_DEPTH = 8
_MAX_GROUPS = 32  # nested @media/@supports levels read; deeper ones are ignored
_SPACES = frozenset("\t\n\f\r ")
# Conditional group rules whose contents apply when their condition does (see media.py).
_GROUPING = frozenset({"media", "supports", "layer", "container", "document", "-moz-document"})


@dataclass(frozen=True, slots=True)
class StyleRule:
    """A style rule that applies on screen: its selectors and tracked declarations."""

    selectors: tuple[Complex, ...]
    declarations: tuple[Declaration, ...]


@dataclass(frozen=True, slots=True)
class ImportRule:
    """An ``@import`` whose media applies (its URL is resolved against the sheet's path)."""

    url: str


SheetItem = StyleRule | ImportRule


def _import_url(prelude: list[Any]) -> tuple[str | None, str]:
    """URL and media text of an ``@import`` prelude."""
    url: str | None = None
    rest: list[Any] = []
    for token in prelude:
        if url is None and token.type in ("string", "url"):
            url = token.value
        elif url is None and token.type == "function" and token.lower_name == "url":
            strings = [t.value for t in token.arguments if t.type == "string"]
            url = strings[0] if strings else None
        elif url is not None:
            rest.append(token)
    media = tinycss2.serialize(rest).strip()
    for prefix in ("layer", "supports("):  # @import url(x) layer(base) supports(...) screen
        if media.lower().startswith(prefix):
            media = media.split(")", 1)[-1].strip() if "(" in media else ""
    return url, media


@lru_cache(maxsize=256)
def parse_sheet(text: str) -> tuple[SheetItem, ...]:
    """Parse one sheet's text into the items that apply on screen (cached by text).

    tinycss2 recurses into nested blocks; a sheet nested absurdly deep keeps the items read
    before the depth became a problem.
    """
    items: list[SheetItem] = []
    with contextlib.suppress(RecursionError):
        _read_items(text, items)
    return tuple(items)


def _read_items(text: str, items: list[SheetItem]) -> None:
    stack: list[Iterator[Any]] = [
        iter(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
    ]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if node.type == "qualified-rule":
            try:
                selectors = tuple(parse_selector_list(list(node.prelude)))
            except InvalidSelector:
                continue
            declarations = tuple(declarations_from_tokens(node.content))
            if declarations:
                items.append(StyleRule(selectors, declarations))
        elif node.type == "at-rule":
            keyword = node.lower_at_keyword
            if keyword == "import" and len(stack) == 1:
                url, media = _import_url(list(node.prelude))
                if url is not None and media_applies(media):
                    items.append(ImportRule(url))
            elif keyword in _GROUPING and node.content is not None and len(stack) < _MAX_GROUPS:
                condition = tinycss2.serialize(node.prelude) if keyword == "media" else None
                if media_applies(condition):
                    stack.append(
                        iter(
                            tinycss2.parse_rule_list(
                                node.content, skip_comments=True, skip_whitespace=True
                            )
                        )
                    )


def decode_css(data: bytes, fallback: str) -> str:
    """Decode a linked sheet: BOM, then ``@charset``, then the page's encoding or UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(name, "replace")
    encoding: str | None = None
    if data.startswith(b'@charset "'):
        end = data.find(b'";', 10)
        if end > 0:
            encoding = normalise_label(data[10:end].decode("ascii", "replace"))
    for candidate in (encoding, "utf-8", fallback):
        if candidate is None:
            continue
        if candidate == "windows-1252":
            return decode_windows_1252(data)
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError, ValueError):
            continue
    return decode_windows_1252(data)


def _is_stylesheet_link(element: Element) -> bool:
    rel = element.attrs.get("rel", "").lower().split()
    return (
        element.is_html
        and "stylesheet" in rel
        and "alternate" not in rel
        and "disabled" not in element.attrs
        and bool(element.attrs.get("href", "").strip())
    )


def _linked_items(page: Page, path: str, depth: int, seen: set[str]) -> list[StyleRule]:
    """Style rules of the sheet at ``path`` with its imports in place (iterative)."""
    rules: list[StyleRule] = []
    # Stack of (items iterator, sheet path, depth); imports are expanded where they stand.
    data = page.site.read(path)
    if data is None:
        return rules
    seen.add(path)
    stack = [(iter(parse_sheet(decode_css(data, page.encoding))), path, depth)]
    while stack:
        items, sheet_path, level = stack[-1]
        item = next(items, None)
        if item is None:
            stack.pop()
            continue
        if isinstance(item, StyleRule):
            rules.append(item)
            continue
        target = resolve_url(sheet_path, item.url)
        if target is None or target in seen or level >= IMPORT_DEPTH:
            continue
        imported = page.site.read(target)
        if imported is None:
            continue
        seen.add(target)
        stack.append((iter(parse_sheet(decode_css(imported, page.encoding))), target, level + 1))
    return rules


def _page_directory_path(page: Page) -> str:
    """A path standing for the page when resolving sheets (honours ``<base href>``)."""
    base = base_href(page)
    if base is None:
        return page.path
    resolved = resolve_url(page.path, base)
    return resolved if resolved is not None else page.path


def collect_rules(page: Page) -> list[StyleRule]:
    """Every author style rule of the page that applies on screen, in cascade order."""
    rules: list[StyleRule] = []
    seen: set[str] = set()
    for element in page.elements:
        tag = element.tag
        if tag == "style":
            if media_applies(element.attrs.get("media")):
                text = element.text_content()
                # Imports in an inline sheet resolve against the page.
                for item in parse_sheet(text):
                    if isinstance(item, StyleRule):
                        rules.append(item)
                        continue
                    target = resolve_url(_page_directory_path(page), item.url)
                    if target is not None and target not in seen:
                        rules.extend(_linked_items(page, target, 1, seen))
        elif tag == "link" and _is_stylesheet_link(element):
            if not media_applies(element.attrs.get("media")):
                continue
            target = resolve_url(_page_directory_path(page), element.attrs["href"])
            if target is not None and target not in seen:
                rules.extend(_linked_items(page, target, 0, seen))
    return rules
