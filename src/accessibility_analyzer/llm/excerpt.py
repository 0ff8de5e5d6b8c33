"""What a model is shown of a page: the element of one finding and a little context.

Research on LLM repair (AccessGuru, GenA11y; ``shared/notes/llm.md`` §1.2) converges on one
violation per call with the element and small context, never the whole page. The excerpt is
cut from the stored page with the engine's own parse, so positions agree with the findings:

* the element's outer HTML as written (at most :data:`ELEMENT_LIMIT` characters, else the
  element is too large to send and no model is asked);
* its parent's start tag, the text of its label (form controls), nearby text (up to 250
  characters before and after), the page's title and ``lang``.

The page is attacker-controlled: scripts, styles, comments, hidden inputs' values and
invisible Unicode (zero-width, bidi controls) are removed from everything but the element
itself, and even there only the invisible characters go (gates later compare the fix with the
original, so the element must stay as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.locate import xpath
from accessibility_analyzer.engine.runner import document_title

__all__ = [
    "ELEMENT_LIMIT",
    "Excerpt",
    "element_by_xpath",
    "excerpt_of",
    "outer_html_range",
    "strip_invisible",
]

ELEMENT_LIMIT = 4096
_NEARBY_LIMIT = 250
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SCRIPTS = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
_HIDDEN_VALUES = re.compile(
    r"(<input\b[^>]*\btype\s*=\s*[\"']?hidden[\"']?[^>]*\bvalue\s*=\s*)(\"[^\"]*\"|'[^']*'|\S+)",
    re.IGNORECASE,
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The part of a page a model sees for one finding."""

    element_html: str  # outer HTML as written (invisible characters removed)
    start: int  # character range of the element in the page's decoded source
    end: int
    parent_tag: str | None
    label_text: str | None
    text_before: str
    text_after: str
    title: str | None
    lang: str | None


def strip_invisible(text: str) -> str:
    """``text`` without zero-width and bidi-control characters (hidden instructions)."""
    return _INVISIBLE.sub("", text)


def _clean_context(text: str) -> str:
    text = _SCRIPTS.sub(" ", text)
    text = _COMMENTS.sub(" ", text)
    text = _HIDDEN_VALUES.sub(r'\1""', text)
    return strip_invisible(text)


def element_by_xpath(page: Page, path: str) -> Element | None:
    """The element of ``page`` whose XPath (as findings give it) is ``path``."""
    for element in page.elements:
        if xpath(element, page) == path:
            return element
    return None


def _last_descendant(element: Element) -> Element:
    node = element
    while True:
        children = [child for child in node.children if isinstance(child, Element)]
        if not children:
            return node
        node = children[-1]


def outer_html_range(page: Page, element: Element) -> tuple[int, int] | None:
    """Character range of the element's outer HTML in ``page.source`` (``None``: unknown).

    The start tag's position comes from the parser; the end is the element's own end tag,
    searched between its last descendant and the next element after it. An element whose
    end tag is implied (``<li>`` without ``</li>``) ends where its content does.
    """
    if element.source_start is None or element.source_end is None:
        return None
    if element.tag in _VOID and element.is_html:
        return element.source_start, element.source_end
    last = _last_descendant(element)
    search_from = last.source_end if last.source_end is not None else element.source_end
    following = last.order + 1
    limit = len(page.source)
    while following < len(page.elements):
        candidate = page.elements[following].source_start
        if candidate is not None:
            limit = candidate
            break
        following += 1
    window = page.source[search_from:limit]
    ends = list(re.finditer(rf"</{re.escape(element.tag)}\s*>", window, re.IGNORECASE))
    if not ends:
        return None
    return element.source_start, search_from + ends[-1].end()


def _label_text(page: Page, element: Element) -> str | None:
    texts: list[str] = []
    element_id = element.get("id")
    if element_id:
        texts.extend(
            label.text_content() for label in page.by_tag("label") if label.get("for") == element_id
        )
    texts.extend(
        ancestor.text_content() for ancestor in element.ancestors() if ancestor.tag == "label"
    )
    joined = _WHITESPACE.sub(" ", " ".join(texts)).strip()
    return strip_invisible(joined)[:_NEARBY_LIMIT] or None


def _nearby(page: Page, start: int, end: int) -> tuple[str, str]:
    before = _clean_context(page.source[max(0, start - 4 * _NEARBY_LIMIT) : start])
    after = _clean_context(page.source[end : end + 4 * _NEARBY_LIMIT])
    strip_tags = re.compile(r"<[^>]*>")
    before_text = _WHITESPACE.sub(" ", strip_tags.sub(" ", before)).strip()[-_NEARBY_LIMIT:]
    after_text = _WHITESPACE.sub(" ", strip_tags.sub(" ", after)).strip()[:_NEARBY_LIMIT]
    return before_text, after_text


def excerpt_of(page: Page, element: Element) -> Excerpt | None:
    """The excerpt for ``element``; ``None`` when its source range is unknown or too large."""
    bounds = outer_html_range(page, element)
    if bounds is None:
        return None
    start, end = bounds
    if end - start > ELEMENT_LIMIT:
        return None
    parent = element.parent
    parent_tag = None
    if parent is not None and parent.source_start is not None and parent.source_end is not None:
        parent_tag = strip_invisible(page.source[parent.source_start : parent.source_end])[:500]
    before, after = _nearby(page, start, end)
    return Excerpt(
        element_html=strip_invisible(page.source[start:end]),
        start=start,
        end=end,
        parent_tag=parent_tag,
        label_text=_label_text(page, element),
        text_before=before,
        text_after=after,
        title=document_title(page),
        lang=page.root.get("lang"),
    )
