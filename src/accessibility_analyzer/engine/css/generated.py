"""CSS generated content: the text ``::before`` and ``::after`` add to an element.

Accessible names include it (accname 1.2, step 2F.ii), as browsers do: an empty link named
only by ``a::before { content: "#" }`` is named "#". The ``content`` value is read from the
winning declaration for the pseudo-element: strings, ``attr()`` (with a fallback), and the
alternative text after ``/`` (``content: url(star.svg) / "Favourite"``) when there is one,
which replaces the rest; ``var()`` is substituted from the element's custom properties.
Counters, quotes, images without alternative text and icon font glyphs (private-use
characters, left out of the text) have no text this engine knows:
:attr:`Generated.uncertain` says so, for rules that must not guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import tinycss2

from accessibility_analyzer.engine.css.cascade import computed_style, page_styles
from accessibility_analyzer.engine.css.variables import has_references, substitute
from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page

_NO_CONTENT = frozenset({"none", "normal", "initial", "unset", "revert", "revert-layer", "inherit"})
_UNKNOWN_TEXT_FUNCTIONS = frozenset({"counter", "counters", "url", "image", "image-set"})
_UNKNOWN_TEXT_IDENTS = frozenset({"open-quote", "close-quote"})
_MEMO = "css.generated_content"
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
PSEUDO_ELEMENTS = ("before", "after")


@dataclass(frozen=True, slots=True)
class Generated:
    """The text a pseudo-element adds, whether it is a block, and whether text is unknown."""

    text: str
    block: bool = False
    uncertain: bool = False


_NOTHING: tuple[Generated | None, Generated | None] = (None, None)


@lru_cache(maxsize=1024)
def _parts(value: str) -> tuple[tuple[str, str], ...]:
    """A ``content`` value as (kind, value) parts: ``text``, ``attr``, ``unknown``, ``alt``."""
    parts: list[tuple[str, str]] = []
    for token in tinycss2.parse_component_value_list(value, skip_comments=True):
        kind = token.type
        if kind == "string":
            parts.append(("text", token.value))
        elif kind == "function" and token.lower_name == "attr":
            parts.append(("attr", tinycss2.serialize(token.arguments)))
        elif kind == "literal" and token.value == "/":
            parts.append(("alt", ""))
        elif (kind == "function" and token.lower_name in _UNKNOWN_TEXT_FUNCTIONS) or (
            kind in ("ident", "url")
            and (kind == "url" or token.lower_value in _UNKNOWN_TEXT_IDENTS)
        ):
            parts.append(("unknown", ""))
    return tuple(parts)


def _attr(element: Element, arguments: str) -> str:
    """``attr(name)`` / ``attr(name, "fallback")`` / ``attr(name type, fallback)``."""
    name, _, fallback = arguments.partition(",")
    words = name.split()
    value = element.attrs.get(words[0].lower()) if words else None
    if value is not None:
        return value
    fallback_tokens = tinycss2.parse_component_value_list(fallback)
    return "".join(token.value for token in fallback_tokens if token.type == "string")


def _text_of(element: Element, value: str) -> tuple[str, bool]:
    """The text of a ``content`` value for ``element``, and whether some of it is unknown."""
    parts = _parts(value)
    alt_at = next((i for i, (kind, _) in enumerate(parts) if kind == "alt"), None)
    if alt_at is not None:
        alternative = parts[alt_at + 1 :]
        text, uncertain = _join(element, alternative)
        return text, uncertain
    return _join(element, parts)


def _join(element: Element, parts: tuple[tuple[str, str], ...]) -> tuple[str, bool]:
    pieces: list[str] = []
    uncertain = False
    for kind, value in parts:
        if kind == "text":
            pieces.append(value)
        elif kind == "attr":
            pieces.append(_attr(element, value))
        else:
            uncertain = True
    text = "".join(pieces)
    if _PRIVATE_USE.search(text):
        # Icon font glyphs: a picture whose meaning no text says.
        text, uncertain = _PRIVATE_USE.sub("", text), True
    return text, uncertain


def _compute(page: Page, element: Element, pseudo: str) -> Generated | None:
    content: str | None = None
    display = "inline"
    for declaration in page_styles(page).generating_declarations(element, pseudo):
        if declaration.name == "content":
            content = declaration.value
        elif declaration.name == "display":
            display = declaration.value
    if content is not None and has_references(content):
        content = substitute(content, computed_style(page, element).custom)
    if content is None or content.strip() in _NO_CONTENT or display == "none":
        return None
    text, uncertain = _text_of(element, content)
    if not text and not uncertain:
        return None
    return Generated(text, block=not display.startswith("inline"), uncertain=uncertain)


def page_has_pseudo_element_rules(page: Page) -> bool:
    """Whether any style rule of the page may generate ``::before``/``::after`` content."""
    table = page.element_memo.get(_MEMO)
    return bool(table) if table is not None else page_styles(page).has_generating_rules


def generated_content(page: Page, element: Element, pseudo: str) -> Generated | None:
    """What ``element::before`` (``pseudo="before"``) or ``::after`` generates, if anything.

    Memoised per element; pages without pseudo-element rules answer at once.
    """
    return generated_parts(page, element)[PSEUDO_ELEMENTS.index(pseudo)]


def generated_parts(page: Page, element: Element) -> tuple[Generated | None, Generated | None]:
    """``(before, after)`` generated content of ``element`` (each ``None`` when absent).

    Asked for every element an accessible name walks through: the memo table is looked
    up first, and a page without generating rules gets none (an empty list).
    """
    table = page.element_memo.get(_MEMO)
    if table is None:
        if page_styles(page).has_generating_rules:
            table = page.element_table(_MEMO)
        else:
            table = page.element_memo[_MEMO] = []
    if not table:
        return _NOTHING
    known = table[element.order]
    if known is NOT_COMPUTED:
        known = table[element.order] = tuple(
            _compute(page, element, name) for name in PSEUDO_ELEMENTS
        )
    return known  # type: ignore[no-any-return]
