"""Bytes of a page -> :class:`~accessibility_analyzer.engine.dom.Page`, as a browser parses it.

The parser is lexbor (through selectolax): a full HTML5 tree builder, so malformed markup
gives the tree a browser builds (implied ``<tbody>``, the adoption agency, foster
parenting), at several thousand pages per second (figures in ``docs/parser-choice.md``).
lexbor keeps no source positions, so :mod:`.source_tags` scans the start tags and
:func:`align_positions` pairs them with the elements in document order.

Decisions a rule author should know:

* ``<template>`` contents are not rendered and are not in the page model.
* ``<noscript>`` is read as a browser with scripting enabled reads it (raw text, no box): the
  element is kept, without children. Most users run JavaScript; the markup inside is what
  they do not get.
* Comments and processing instructions are dropped; text nodes are kept.
* Files served as XHTML (``.xhtml``, ``.xht``: ``application/xhtml+xml``) are parsed with
  the XML parser when well-formed (a ``<div/>`` is empty there), else as HTML, as a
  forgiving reader would. Any other file is served as ``text/html``, so browsers parse it
  as HTML even with an XML declaration: so do we (``is_xhtml`` is still set when it
  declares the XHTML namespace).

Nothing here recurses: a page nested 100,000 deep builds like a flat one. Any input gives a
page with an ``<html>`` root; no exception escapes :func:`parse_page`.
"""

from __future__ import annotations

import gc
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from accessibility_analyzer.engine._gc import gc_paused
from accessibility_analyzer.engine.dom import Element, EmptySite, Namespace, Page, Site, Text
from accessibility_analyzer.engine.encoding import decode_html
from accessibility_analyzer.engine.source_tags import LineIndex, ScanResult, scan_start_tags
from accessibility_analyzer.engine.xhtml import parse_xhtml

# Built with chr(): lone surrogates in a string literal break the C that mypyc generates.
_SURROGATES = re.compile("[" + chr(0xD800) + "-" + chr(0xDFFF) + "]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[\t\n\r ]")
_XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
_XHTML_SUFFIXES = (".xhtml", ".xht")

# Where foreign content lets HTML back in (HTML parsing: "HTML integration point" and
# "MathML text integration point").
_SVG_HTML_POINTS = frozenset({"foreignObject", "desc", "title"})
_MATHML_TEXT_POINTS = frozenset({"mi", "mo", "mn", "ms", "mtext"})
# A page this large frees dead pages before its build (see parse_page). Rarely needed after
# analyze_document, which frees its pages itself; a lower bound made the x10 linearity page
# of the benchmark pay a full collection per build (~4% of its time).
_COLLECT_BEFORE_CHARS = 4_000_000
_ALIGN_WINDOW = 8  # how far alignment looks ahead for a tag the parser inserted or dropped


def parse_page(source: bytes | str, *, path: str = "index.html", site: Site | None = None) -> Page:
    """Parse one page.

    Args:
        source: the file's bytes (decoded as a browser would) or already decoded text.
        path: site-relative path of the page (resolves relative URLs; ``.xhtml`` means XML).
        site: the other files of the upload (stylesheets, linked pages).

    Returns:
        The page model. Never raises on any input.
    """
    if isinstance(source, bytes):
        text, encoding = decode_html(source)
    else:
        text, encoding = source, "utf-8"
    text = _SURROGATES.sub("\ufffd", text)
    served_as_xml = path.lower().endswith(_XHTML_SUFFIXES)
    is_xhtml = served_as_xml or (
        _XML_DECLARATION.match(text) is not None and _XHTML_NAMESPACE in text[:4096]
    )
    site = site if site is not None else EmptySite()
    if len(text) >= _COLLECT_BEFORE_CHARS:
        # Page trees are cyclic (parent <-> children): a page nobody holds any more waits
        # for a full collection, which the paused builds below would put off until after it.
        # Before a large page, free such pages first so the two do not peak together.
        gc.collect()
    if served_as_xml:
        with gc_paused():
            parsed = parse_xhtml(text)
        if parsed is not None:
            root, elements, doctype = parsed
            return Page(
                path=path,
                source=text,
                encoding=encoding,
                root=root,
                elements=elements,
                site=site,
                doctype=doctype,
                is_xhtml=True,
            )
    scan = scan_start_tags(text)
    with gc_paused():
        root, elements = build_tree(LexborHTMLParser(_without_noscript_contents(text, scan)).root)
    align_positions(elements, scan, LineIndex(text))
    return Page(
        path=path,
        source=text,
        encoding=encoding,
        root=root,
        elements=elements,
        site=site,
        doctype=scan.doctype,
        is_xhtml=is_xhtml,
    )


_FOREIGN_ROOTS = {"svg": Namespace.SVG, "math": Namespace.MATHML}
_HTML_ENCODINGS = frozenset({"text/html", "application/xhtml+xml"})


def _html_context(parent: Element) -> bool:
    """Whether a child of ``parent`` is parsed by the HTML rules (an integration point)."""
    if parent.namespace is Namespace.HTML:
        return True
    if parent.namespace is Namespace.SVG:
        return parent.tag in _SVG_HTML_POINTS
    if parent.tag == "annotation-xml":
        return parent.attrs.get("encoding", "").lower() in _HTML_ENCODINGS
    return parent.tag in _MATHML_TEXT_POINTS


def _without_noscript_contents(text: str, scan: ScanResult) -> str:
    """The text with ``<noscript>`` contents blanked (lexbor parses with scripting off).

    With scripting on, a browser reads ``<noscript>`` contents as raw text: an ``<img>``
    inside a ``<noscript>`` in ``<head>`` neither exists nor ends the head. lexbor has no
    scripting flag, so the contents are replaced by spaces before it sees them.
    """
    if not scan.noscript_spans:
        return text
    parts: list[str] = []
    position = 0
    for start, end in scan.noscript_spans:
        parts.append(text[position:start])
        parts.append(" " * (end - start))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _namespace_of(tag: str, parent: Element) -> Namespace:
    """Namespace of a new element from its parent (the tree builder's rules, in short)."""
    if _html_context(parent) and not (
        parent.namespace is Namespace.MATHML and tag in ("mglyph", "malignmark")
    ):
        return _FOREIGN_ROOTS.get(tag, Namespace.HTML)
    if parent.tag == "annotation-xml" and tag == "svg":
        return Namespace.SVG
    return parent.namespace


def build_tree(html_node: LexborNode | None) -> tuple[Element, list[Element]]:
    """Copy lexbor's tree into page-model elements, in document order.

    lexbor's own depth-first traversal (C, no recursion) yields the nodes in preorder; a
    stack holding the current path (``mem_id`` and element) finds each node's parent, so
    memory beyond the model stays proportional to the depth. Nodes under ``<noscript>`` get
    ``None`` on the stack and are dropped with their subtree.
    """
    root = Element("html")
    root.order = 0
    elements = [root]
    if html_node is None:
        return root, elements
    root.attrs = _attributes(html_node)
    # The current path as two parallel stacks: lexbor's node ids, and our elements.
    path_ids: list[int] = [html_node.mem_id]
    path_elements: list[Element | None] = [root]
    html = Namespace.HTML
    # lexbor hands out a new string for every tag and attribute name: one per distinct
    # name instead (a 100,000-element page held ~200,000 copies of a dozen names).
    tag_names: dict[str, str] = {}
    traversal = html_node.traverse(include_text=True)
    next(traversal, None)  # the <html> node itself
    for node in traversal:
        parent_node = node.parent
        parent_id = parent_node.mem_id if parent_node is not None else -1
        while path_ids[-1] != parent_id and len(path_ids) > 1:
            path_ids.pop()
            path_elements.pop()
        parent = path_elements[-1]
        tag = node.tag
        if tag is None or tag[0] == "-" or tag[0] == "!":  # text, comments, doctype
            if tag == "-text" and parent is not None:
                parent.children.append(Text(node.text_content or "", parent))
            continue
        path_ids.append(node.mem_id)
        if parent is None:
            path_elements.append(None)
            continue
        if parent.namespace is html and tag not in _FOREIGN_ROOTS:
            namespace = html
        else:
            namespace = _namespace_of(tag, parent)
        tag = tag_names.setdefault(tag, tag)
        raw: dict[str, str | None] = node.attributes
        # Names shared as tag names are; valueless attributes read as "". Elements
        # without attributes skip the comprehension.
        attrs = (
            {
                tag_names.setdefault(name, name): "" if value is None else value
                for name, value in raw.items()
            }
            if raw
            else {}
        )
        element = Element(tag, attrs, namespace=namespace, parent=parent)
        element.order = len(elements)
        elements.append(element)
        parent.children.append(element)
        # <noscript> keeps no children: scripting enabled (see module docstring).
        path_elements.append(element if tag != "noscript" or namespace is not html else None)
    return root, elements


def _attributes(node: LexborNode) -> dict[str, str]:
    """Attributes with ``None`` (valueless attributes) read as the empty string."""
    attrs: dict[str, str | None] = node.attributes
    if None in attrs.values():
        return {name: value or "" for name, value in attrs.items()}
    return attrs  # type: ignore[return-value]  # no None values: it is a dict[str, str]


def align_positions(elements: list[Element], scan: ScanResult, lines: LineIndex) -> None:
    """Give each element the position of its start tag, pairing both sequences in order.

    Elements the parser inserted (implied ``<head>``, ``<tbody>``, adoption-agency clones)
    have no tag; tags the parser dropped (a second ``<body>``, stray ``<tr>``) have no
    element. At a mismatch, a short look-ahead on both sides decides which of the two
    happened; foster-parented elements (moved before their table) may lose their position.
    """
    names = scan.names
    keys = [element.tag.lower() for element in elements]
    used = [False] * len(names)
    i = j = 0
    count_elements, count_tags = len(elements), len(names)
    while i < count_elements and j < count_tags:
        if _same(keys[i], names[j]):
            _place(elements[i], scan, j, lines)
            used[j] = True
            i += 1
            j += 1
            continue
        inserted = next(
            (
                d
                for d in range(1, _ALIGN_WINDOW)
                if i + d < count_elements and _same(keys[i + d], names[j])
            ),
            None,
        )
        dropped = next(
            (
                d
                for d in range(1, _ALIGN_WINDOW)
                if j + d < count_tags and _same(keys[i], names[j + d])
            ),
            None,
        )
        if inserted is not None and (dropped is None or inserted <= dropped):
            i += inserted
        elif dropped is not None:
            j += dropped
        else:
            i += 1
            j += 1
    # <html>, <head> and <body> exist once; a tag for them anywhere is theirs.
    singletons = [elements[0], *elements[0].element_children()] if elements else []
    for element in singletons:
        if element.line is None and element.tag in ("html", "head", "body"):
            for index, name in enumerate(names):
                if not used[index] and name == element.tag:
                    _place(element, scan, index, lines)
                    used[index] = True
                    break


def _same(element_key: str, tag_name: str) -> bool:
    """Whether an element (lower-case tag) comes from a start tag of this name."""
    return element_key == tag_name or (element_key == "img" and tag_name == "image")


def _place(element: Element, scan: ScanResult, index: int, lines: LineIndex) -> None:
    start = scan.starts[index]
    element.line, element.column = lines.position(start)
    element.source_start = start
    element.source_end = scan.ends[index]
