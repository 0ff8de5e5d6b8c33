"""Find the start tags in decoded HTML source, with their offsets: the parser has none.

lexbor builds the browser's tree but forgets where each element came from. This scanner is
a deliberately small subset of the HTML tokenizer: it finds start tags and skips what cannot
contain tags (comments, doctype and processing instructions, CDATA sections, the raw text
of ``<script>``, ``<style>``, ``<textarea>``, ``<title>``, ``<noscript>`` ...) and the
contents of ``<template>`` (not rendered, not in the page model). Attribute values in quotes
may contain ``>``. Each regex is possessive, so a tag that never closes costs linear time.

:func:`align` then pairs the tree's elements (document order) with these tags.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# After the tag name: attributes as the tokenizer reads them, then ``>``. Possessive
# quantifiers: no backtracking when the tag never closes.
_TAG_REST = re.compile(
    r"""(?:[\t\n\f\r /]++|[^\t\n\f\r />][^\t\n\f\r /=>]*+"""
    r"""(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:"[^"]*+"|'[^']*+'|[^\t\n\f\r >]*+))?+)*+>"""
)
_ATTRIBUTES = _TAG_REST.pattern
# One token per search: comment, CDATA, doctype / processing instruction, end tag, start tag
# (name captured), or a start tag the end of the file cuts off ("cut").
_TOKEN = re.compile(
    r"<(?:!--(?:>|->|.*?(?:-->|\Z))"
    r"|!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|(?P<declaration>[!?])[^>]*+(?:>|\Z)"
    r"|/[A-Za-z][^\t\n\f\r />]*+(?:" + _ATTRIBUTES + r"|.*\Z)"
    r"|(?P<name>[A-Za-z][^\t\n\f\r />]*+)" + _ATTRIBUTES + r"|(?P<cut>[A-Za-z]))",
    re.DOTALL,
)
_TAG_NAME = re.compile(r"[^\t\n\f\r />]*+")
_NEWLINE = re.compile(r"\r\n?|\n")
_DOCTYPE = re.compile(r"<!doctype[\t\n\f\r ]*+([^\t\n\f\r >]*+)", re.I)

# Browsers with scripting enabled read <noscript> as raw text (see parse.py).
RAW_TEXT_TAGS = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}
)
_RAW_END = {
    name: re.compile(rf"</{name}(?=[\t\n\f\r />]|$)", re.I) for name in sorted(RAW_TEXT_TAGS)
}
_TEMPLATE_TAG = re.compile(r"<(/?)template(?=[\t\n\f\r />]|$)", re.I)


@dataclass(slots=True)
class ScanResult:
    """Start tags in source order (parallel lists: lower-case name, start and end offsets),
    and the doctype name when one precedes the first tag.

    Plain lists of strings and integers: nothing for the garbage collector to traverse
    while a page of 100,000 elements is being built.
    """

    names: list[str]
    starts: list[int]
    ends: list[int]
    doctype: str | None
    noscript_spans: list[tuple[int, int]]  # raw-text contents of <noscript> elements


def _skip_template(source: str, position: int) -> int:
    """Offset after the ``</template>`` closing a template opened before ``position``."""
    depth = 1
    for match in _TEMPLATE_TAG.finditer(source, position):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            close = source.find(">", match.end())
            return len(source) if close < 0 else close + 1
    return len(source)


def scan_start_tags(source: str) -> ScanResult:
    """Scan ``source`` for start tags (linear time; never raises)."""
    names: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    doctype: str | None = None
    noscript_spans: list[tuple[int, int]] = []
    position = 0  # everything before this offset is consumed (raw text, templates)
    tokens = _TOKEN.finditer(source)
    while (match := next(tokens, None)) is not None:
        start = match.start()
        if start < position:
            if match.end() > position:  # began inside raw text and runs past its end
                tokens = _TOKEN.finditer(source, position)
            continue
        name = match.group("name")
        if name is None:
            if match.group("cut") is not None:
                break  # a start tag cut off by the end of the file: the parser drops it
            if doctype is None and not names and match.group("declaration") is not None:
                declared = _DOCTYPE.match(source, start)
                if declared is not None:
                    doctype = declared.group(1).lower()
            continue
        name = name.lower()
        end = match.end()
        names.append(name)
        starts.append(start)
        ends.append(end)
        if name in RAW_TEXT_TAGS:
            closing = _RAW_END[name].search(source, end)
            position = len(source) if closing is None else closing.start()
            if name == "noscript" and position > end:
                noscript_spans.append((end, position))
        elif name == "template":
            position = _skip_template(source, end)
        elif name == "plaintext":
            break
    return ScanResult(names, starts, ends, doctype, noscript_spans)


class LineIndex:
    """Offsets to 1-based (line, column); CR LF, CR and LF each end a line (as HTML reads)."""

    __slots__ = ("_starts",)

    def __init__(self, source: str) -> None:
        self._starts = [0, *(match.end() for match in _NEWLINE.finditer(source))]

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column of the character at ``offset``."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def start_tag_end(source: str, start: int) -> int | None:
    """Offset just after the start tag beginning at ``start`` (``None`` if it never closes)."""
    name = _TAG_NAME.match(source, start + 1)
    rest = _TAG_REST.match(source, name.end() if name is not None else start + 1)
    return None if rest is None else rest.end()
