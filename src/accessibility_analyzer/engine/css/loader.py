"""A page's style sheets as a browser finds them: the one place that reads and decodes CSS.

Sheets come, in document order, from ``<style>`` elements and ``<link rel=stylesheet>``
elements, with their ``@import`` rules expanded where they stand. What a browser would not
apply is left out: a ``disabled`` link, a ``type`` other than ``text/css``, a ``media``
list the default viewport does not match (see :mod:`.media`), an alternate style sheet
(``rel="alternate stylesheet"``), and a titled sheet outside the preferred set (the first
title met). Bytes come from the page's :class:`~accessibility_analyzer.engine.site.
StylesheetResolver`; a sheet it cannot give is recorded as unavailable and contributes
nothing (rules say what they assumed where the outcome hangs on CSS).

Sheets are decoded as CSS Syntax says: a BOM, else ``@charset``, else the referrer's
encoding (the link's ``charset``, else the page's; an imported sheet's importer), else
UTF-8, malformed bytes replaced. Decoded and parsed sheets are cached per process by
(location, bytes hash), so a site's sheets are parsed once, not once per page.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field

from accessibility_analyzer.engine.css.media import media_applies
from accessibility_analyzer.engine.css.sheets import (
    ImportRule,
    LayeredRule,
    LayerOrder,
    LayerPath,
    LayerStatement,
    SheetItem,
    StyleRule,
    parse_sheet,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.encoding import decode_windows_1252, normalise_label
from accessibility_analyzer.engine.site import (
    FetchedSheet,
    StylesheetResolver,
    UnavailableSheet,
    base_href,
    join_base,
    resolver_for,
)

IMPORT_DEPTH = 8
_MEMO = "css.loaded_sheets"
_CACHE_SIZE = 128
_CSS_TYPES = frozenset({"", "text/css"})


@dataclass(frozen=True, slots=True)
class LoadedSheet:
    """One sheet that applies: where it came from, its text and its parsed items."""

    location: str  # the page's path for a <style>, else the resolver's location
    text: str
    items: tuple[SheetItem, ...]
    encoding: str  # what it was decoded with (the environment encoding of its imports)
    inline: bool = False


@dataclass
class PageSheets:
    """Every sheet of a page that applies, in cascade order, and those that could not be read.

    ``sheets`` lists imported sheets before the sheet importing them (their rules come
    first in the cascade).
    """

    sheets: list[LoadedSheet] = field(default_factory=list)
    unavailable: list[UnavailableSheet] = field(default_factory=list)
    rules: list[LayeredRule] = field(default_factory=list)

    def assumption(self) -> str | None:
        """What rules assume about unreadable sheets, for their reasons (``None``: none)."""
        if not self.unavailable:
            return None
        listed = ", ".join(sheet.describe() for sheet in self.unavailable[:3])
        more = f" and {len(self.unavailable) - 3} more" if len(self.unavailable) > 3 else ""
        return f"assumed that unreadable style sheets change nothing: {listed}{more}"


def decode_css(data: bytes, environment: str | None) -> tuple[str, str]:
    """Decode a sheet (CSS Syntax 3, 3.2): BOM, ``@charset``, environment, UTF-8.

    Returns the text and the encoding used. Malformed bytes become U+FFFD.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(name, "replace"), name
    encoding: str | None = None
    if data.startswith(b'@charset "'):
        end = data.find(b'";', 10, 1024)
        if end > 0:
            encoding = normalise_label(data[10:end].decode("ascii", "replace"))
            if encoding is not None and encoding.startswith("utf-16"):
                encoding = "utf-8"  # a sheet that can say @charset in ASCII is not UTF-16
    for candidate in (encoding, environment):
        if not candidate:
            continue
        if candidate == "windows-1252":
            return decode_windows_1252(data), candidate
        try:
            return data.decode(candidate, "replace"), candidate
        except (LookupError, ValueError):
            continue
    return data.decode("utf-8", "replace"), "utf-8"


_cache: OrderedDict[tuple[str, bytes, str | None], LoadedSheet] = OrderedDict()


def _loaded(fetched: FetchedSheet, environment: str | None) -> LoadedSheet:
    """The decoded, parsed sheet (cached by location, bytes hash and environment)."""
    key = (fetched.location, hashlib.blake2b(fetched.data, digest_size=16).digest(), environment)
    found = _cache.get(key)
    if found is not None:
        with contextlib.suppress(KeyError):  # evicted by another thread meanwhile
            _cache.move_to_end(key)
        return found
    text, encoding = decode_css(fetched.data, environment)
    found = LoadedSheet(fetched.location, text, parse_sheet(text), encoding)
    _cache[key] = found
    while len(_cache) > _CACHE_SIZE:
        with contextlib.suppress(KeyError):
            _cache.popitem(last=False)
    return found


def _link_applies(element: Element) -> bool:
    attrs = element.attrs
    rel = attrs.get("rel", "").lower().split()
    return (
        "stylesheet" in rel
        and "alternate" not in rel
        and "disabled" not in attrs
        and attrs.get("type", "text/css").strip().lower() in _CSS_TYPES
        and bool(attrs.get("href", "").strip())
    )


def _style_applies(element: Element) -> bool:
    return element.attrs.get("type", "").strip().lower() in _CSS_TYPES


class _Loader:
    """Walks a page's sheets in cascade order, expanding imports where they stand."""

    def __init__(self, page: Page, resolver: StylesheetResolver) -> None:
        self.page = page
        self.resolver = resolver
        self.base = base_href(page)
        self.seen: set[str] = set()
        self.layers = LayerOrder()
        self.result = PageSheets()

    def add(self, sheet: LoadedSheet) -> None:
        """Add the rules of one sheet and, where they stand, of the sheets it imports."""
        # Stack of (sheet, its items, import depth, layer prefix of the sheet).
        stack: list[tuple[LoadedSheet, Iterator[SheetItem], int, LayerPath]] = [
            (sheet, iter(sheet.items), 0, ())
        ]
        while stack:
            current, items, level, prefix = stack[-1]
            item = next(items, None)
            if item is None:
                stack.pop()
                self.result.sheets.append(current)  # post-order: imports first
                continue
            if isinstance(item, StyleRule):
                self.result.rules.append((item, self.layers.key(prefix + item.layer)))
            elif isinstance(item, LayerStatement):
                for name in item.layers:
                    self.layers.register(prefix + name)
            elif isinstance(item, ImportRule) and level < IMPORT_DEPTH:
                url = join_base(self.base, item.url) if current.inline else item.url
                referrer = self.page.path if current.inline else current.location
                imported = self.fetch(referrer, url, current.encoding)
                if imported is not None:
                    layer = prefix + item.layer if item.layer is not None else prefix
                    stack.append((imported, iter(imported.items), level + 1, layer))

    def fetch(self, referrer: str, url: str, environment: str | None) -> LoadedSheet | None:
        """The sheet at ``url`` (``None`` when unavailable or already read for this page)."""
        fetched = self.resolver.fetch_stylesheet(referrer, url)
        if isinstance(fetched, UnavailableSheet):
            self.result.unavailable.append(fetched)
            return None
        if fetched.location in self.seen:
            return None
        self.seen.add(fetched.location)
        return _loaded(fetched, environment)

    def link(self, element: Element) -> None:
        """Add a ``<link rel=stylesheet>``'s sheet."""
        charset = normalise_label(element.attrs.get("charset", "") or "") or self.page.encoding
        url = join_base(self.base, element.attrs["href"])
        sheet = self.fetch(self.page.path, url, charset)
        if sheet is not None:
            self.add(sheet)

    def style(self, element: Element) -> None:
        """Add a ``<style>`` element's sheet."""
        text = element.text_content()
        self.add(LoadedSheet(self.page.path, text, parse_sheet(text), self.page.encoding, True))


def _preferred_title(elements: list[Element]) -> str | None:
    """The preferred style sheet set: the first title of a sheet that would apply."""
    for element in elements:
        title = element.attrs.get("title", "").strip()
        if title:
            return title
    return None


def page_sheets(page: Page) -> PageSheets:
    """The page's sheets, their rules and the unreadable ones (loaded once, memoised)."""
    table = page.memo_table(_MEMO)
    found: PageSheets | None = table.get(0)
    if found is not None:
        return found
    owners = [
        element
        for element in page.elements
        if element.is_html
        and (
            (element.tag == "style" and _style_applies(element))
            or (element.tag == "link" and _link_applies(element))
        )
        and media_applies(element.attrs.get("media"))
    ]
    preferred = _preferred_title(owners)
    loader = _Loader(page, resolver_for(page.site))
    for element in owners:
        title = element.attrs.get("title", "").strip()
        if title and title != preferred:
            continue  # another style sheet set, chosen by the user only
        if element.tag == "style":
            loader.style(element)
        else:
            loader.link(element)
    found = table[0] = loader.result
    return found


def collect_rules(page: Page) -> list[LayeredRule]:
    """Every author style rule that applies on screen, in source order, with its layer key."""
    return page_sheets(page).rules
