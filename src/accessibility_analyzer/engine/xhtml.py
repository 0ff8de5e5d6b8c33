"""Parse well-formed XHTML with the XML parser (expat), with exact start-tag positions.

An XHTML page read as HTML changes shape (``<div/>`` opens a div, ``<script/>`` swallows
the rest), so pages served as XHTML are read as XML. Anything the XML parser refuses (not
well-formed, entity declarations, a root other than ``<html>``) returns ``None`` and the
caller parses the text as HTML instead, as a forgiving reader would.

Entity declarations are refused outright: no entity expansion, so no "billion laughs".
"""

from __future__ import annotations

from html.entities import html5 as html5_entities
from xml.parsers import expat

from accessibility_analyzer.engine.dom import Element, Namespace, Text
from accessibility_analyzer.engine.source_tags import LineIndex, start_tag_end

_NAMESPACES = {
    "http://www.w3.org/1999/xhtml": Namespace.HTML,
    "http://www.w3.org/2000/svg": Namespace.SVG,
    "http://www.w3.org/1998/Math/MathML": Namespace.MATHML,
}
_ATTRIBUTE_PREFIXES = {
    "http://www.w3.org/XML/1998/namespace": "xml:",
    "http://www.w3.org/1999/xlink": "xlink:",
    "http://www.w3.org/2000/xmlns/": "xmlns:",
}
_SEPARATOR = " "


class _Refused(Exception):
    """The document uses a feature we do not read as XML (entity declarations)."""


class _Builder:
    """expat handlers building page-model elements (expat drives; nothing recurses)."""

    def __init__(self, source: str, encoded: bytes) -> None:
        self.source = source
        self.encoded = encoded
        self.ascii = source.isascii()
        self.lines = LineIndex(source)
        self.elements: list[Element] = []
        self.stack: list[Element] = []
        self.doctype: str | None = None
        self.skip_depth = 0  # inside <template>: contents are not rendered
        self._byte = 0
        self._char = 0

    def char_offset(self, byte_offset: int) -> int:
        """Character offset of a byte offset (offsets arrive in increasing order)."""
        if self.ascii:
            return byte_offset
        if byte_offset >= self._byte:
            chunk = self.encoded[self._byte : byte_offset]
            self._char += len(chunk.decode("utf-8", "replace"))
        else:  # never expected; stay correct anyway
            self._char = len(self.encoded[:byte_offset].decode("utf-8", "replace"))
        self._byte = byte_offset
        return self._char

    def start(self, parser: expat.XMLParserType, name: str, attributes: list[str]) -> None:
        if self.skip_depth:
            self.skip_depth += 1
            return
        uri, _, local = name.rpartition(_SEPARATOR)
        namespace = _NAMESPACES.get(uri, Namespace.HTML)
        attrs: dict[str, str] = {}
        for index in range(0, len(attributes), 2):
            attr_uri, _, attr_local = attributes[index].rpartition(_SEPARATOR)
            key = _ATTRIBUTE_PREFIXES.get(attr_uri, "") + attr_local
            attrs.setdefault(key, attributes[index + 1])
        parent = self.stack[-1] if self.stack else None
        element = Element(local, attrs, namespace=namespace, parent=parent)
        element.order = len(self.elements)
        start = self.char_offset(parser.CurrentByteIndex)
        element.source_start = start
        element.source_end = start_tag_end(self.source, start)
        element.line, element.column = self.lines.position(start)
        self.elements.append(element)
        if parent is not None:
            parent.children.append(element)
        self.stack.append(element)
        if local == "template" and namespace is Namespace.HTML:
            self.skip_depth = 1

    def end(self, name: str) -> None:
        if self.skip_depth:
            self.skip_depth -= 1
            if self.skip_depth:
                return
        self.stack.pop()

    def text(self, data: str) -> None:
        if self.skip_depth or not self.stack:
            return
        parent = self.stack[-1]
        last = parent.children[-1] if parent.children else None
        if isinstance(last, Text):
            last.data += data
        else:
            parent.children.append(Text(data, parent))

    def skipped_entity(self, name: str, is_parameter_entity: int) -> None:
        # ``int``: expat passes 0 or 1, which compiled code (mypyc) would reject as a bool.
        # An XHTML DTD was declared but not read: HTML's named references are what it means.
        if not is_parameter_entity:
            self.text(html5_entities.get(name + ";", "&" + name + ";"))

    def doctype_start(
        self, name: str, system_id: str | None, public_id: str | None, has_internal: int
    ) -> None:
        self.doctype = name.lower() if name else None


def _refuse(*_: object) -> None:
    raise _Refused


def parse_xhtml(source: str) -> tuple[Element, list[Element], str | None] | None:
    """Parse ``source`` as XML; ``None`` when it is not well-formed XHTML we can read."""
    encoded = source.encode("utf-8")
    builder = _Builder(source, encoded)
    parser = expat.ParserCreate(encoding="utf-8", namespace_separator=_SEPARATOR)
    parser.ordered_attributes = True
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = lambda name, attrs: builder.start(parser, name, attrs)
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.text
    parser.SkippedEntityHandler = builder.skipped_entity
    parser.StartDoctypeDeclHandler = builder.doctype_start
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    try:
        parser.Parse(encoded, True)
    except (expat.ExpatError, _Refused, RecursionError, ValueError):
        return None
    if not builder.elements:
        return None
    root = builder.elements[0]
    if root.tag != "html" or root.namespace is not Namespace.HTML:
        return None
    return root, builder.elements, builder.doctype
