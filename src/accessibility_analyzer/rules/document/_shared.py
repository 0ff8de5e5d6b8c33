"""Pieces the document-level rules share: the document title and whitespace per ACT."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page, Text

# Characters with the Unicode White_Space property (ACT glossary "whitespace"). Python's
# ``str.isspace`` is close but also accepts the information separators U+001C..U+001F.
WHITESPACE = frozenset(
    "\u0009\u000a\u000b\u000c\u000d\u0020\u0085\u00a0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
ASCII_WHITESPACE = "\t\n\f\r "


def is_only_whitespace(text: str) -> bool:
    """Whether ``text`` is empty or made of Unicode White_Space characters only."""
    return all(char in WHITESPACE for char in text)


def first_html_title(page: Page) -> Element | None:
    """The first HTML ``title`` element of the document (SVG ``<title>`` does not count)."""
    for element in page.by_tag("title"):
        if element.is_html:
            return element
    return None


def title_text(title: Element) -> str:
    """The text of the title's child text nodes (what browsers show as the document title)."""
    return "".join(child.data for child in title.children if isinstance(child, Text))


def has_root_html(page: Page) -> bool:
    """Whether the root element is an HTML ``html`` element."""
    return page.root.is_html and page.root.tag == "html"


def page_language_attribute(page: Page) -> str | None:
    """The root's ``lang`` value; XHTML pages may use ``xml:lang`` instead."""
    value = page.root.attrs.get("lang")
    if value is None and page.is_xhtml:
        value = page.root.attrs.get("xml:lang")
    return value
