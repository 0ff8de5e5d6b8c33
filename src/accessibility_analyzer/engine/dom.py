"""The page model every rule reads: a small, immutable-after-build element tree.

The parser (``engine.parse``) builds it once per page from the HTML5 tree a browser would
build; semantics (roles, names, hidden-ness, styles) are computed lazily on top of it and
memoised on the :class:`Page`, so a page pays only for what its rules ask.

Why not hand rules the parser's own nodes: rules need parent links, document order, source
positions and per-page caches, and the parser's node objects are re-created on every access.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Any, Protocol

NOT_COMPUTED: Any = object()
"""The value of an unset entry of :meth:`Page.element_table` (values may be ``None``)."""


class Namespace(StrEnum):
    """Namespace of an element, as the HTML parser assigns it."""

    HTML = "html"
    SVG = "svg"
    MATHML = "math"


class Text:
    """A text node. Comments and processing instructions are not kept."""

    __slots__ = ("data", "parent")

    def __init__(self, data: str, parent: Element | None = None) -> None:
        self.data = data
        self.parent = parent

    def __repr__(self) -> str:
        return f"Text({self.data[:20]!r})"


class Element:
    """An element of the parsed page.

    Attributes:
        tag: local name, lower case for HTML; SVG keeps the case the parser gives
            (``foreignObject``).
        namespace: HTML, SVG or MathML.
        is_html: whether the namespace is HTML.
        attrs: attribute names (lower case for HTML) to values; no duplicates (first wins,
            as in browsers).
        parent: the parent element, ``None`` for the root ``<html>``.
        children: element and text children in document order.
        order: position in document order (0 is the root); unique within a page, and the
            key of every per-page cache.
        line, column: 1-based position of the start tag in the decoded source, ``None``
            for elements the parser inserted without a start tag (implied ``<tbody>``).
        source_start, source_end: character offsets of the start tag in the decoded source
            (``None`` as above); the snippet is ``source[source_start:source_end]``.
    """

    __slots__ = (
        "attrs",
        "children",
        "column",
        "is_html",
        "line",
        "namespace",
        "order",
        "parent",
        "source_end",
        "source_start",
        "tag",
    )

    def __init__(
        self,
        tag: str,
        attrs: dict[str, str] | None = None,
        *,
        namespace: Namespace = Namespace.HTML,
        parent: Element | None = None,
    ) -> None:
        self.tag = tag
        self.namespace = namespace
        # A plain attribute, not a property: asked ~8,000 times per page.
        self.is_html: bool = namespace is Namespace.HTML
        self.attrs: dict[str, str] = attrs if attrs is not None else {}
        self.parent = parent
        self.children: list[Element | Text] = []
        self.order = -1
        self.line: int | None = None
        self.column: int | None = None
        self.source_start: int | None = None
        self.source_end: int | None = None

    def __repr__(self) -> str:
        return f"<{self.tag}#{self.order}>"

    def get(self, name: str) -> str | None:
        """Return the attribute value or ``None`` when the attribute is absent."""
        return self.attrs.get(name)

    def has(self, name: str) -> bool:
        """Whether the attribute is present (whatever its value)."""
        return name in self.attrs

    def element_children(self) -> Iterator[Element]:
        """The element children, in order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child

    def ancestors(self) -> Iterator[Element]:
        """Parent, grandparent, ... up to the root (iterative: trees may be 100,000 deep)."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def descendants(self) -> Iterator[Element]:
        """All descendant elements in document order, without recursion."""
        stack: list[Element] = list(reversed(list(self.element_children())))
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed(list(element.element_children())))

    def text_content(self) -> str:
        """Concatenated text of all descendant text nodes (DOM ``textContent``)."""
        parts: list[str] = []
        stack: list[Element | Text] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, Text):
                parts.append(node.data)
            else:
                stack.extend(reversed(node.children))
        return "".join(parts)


class ComputedStyle(Protocol):
    """The cascaded values the engine can know without layout.

    ``get`` returns the computed value of a property (inherited where the property
    inherits, the initial value otherwise), lower-cased and whitespace-normalised; ``None``
    when the property is not one the cascade tracks.
    """

    def get(self, prop: str) -> str | None:
        """Computed value of ``prop``."""
        ...

    @property
    def display(self) -> str:
        """Computed ``display`` (``none`` when the element generates no box)."""
        ...

    @property
    def visibility(self) -> str:
        """Computed ``visibility`` (``visible``, ``hidden`` or ``collapse``)."""
        ...


class Site(Protocol):
    """The other files of the same upload (stylesheets, images, linked pages).

    Paths are site-relative POSIX paths without a leading slash (``css/main.css``). The
    caller resolves URLs against the page; the site only answers for files it holds.
    """

    def read(self, path: str) -> bytes | None:
        """Bytes of the file at ``path``, or ``None`` when the upload has no such file."""
        ...

    def exists(self, path: str) -> bool:
        """Whether the upload holds a file at ``path``."""
        ...


class EmptySite:
    """A site with no other files: a page checked on its own."""

    def read(self, path: str) -> bytes | None:
        """Nothing is there."""
        return None

    def exists(self, path: str) -> bool:
        """Nothing is there."""
        return False


class Page:
    """One parsed page: its elements, its source, and per-page memo tables.

    Attributes:
        path: site-relative path of the page (``docs/index.html``).
        source: the decoded source text (positions and snippets index into it).
        encoding: the encoding the bytes were decoded with.
        root: the ``<html>`` element (always present: the parser inserts it).
        elements: every element in document order; ``elements[i].order == i``.
        site: the other files of the upload.
        doctype: the doctype name (``html``) or ``None`` when the page has none.
        is_xhtml: parsed as XHTML (``.xhtml`` or an XML declaration with the XHTML namespace).
    """

    def __init__(
        self,
        *,
        path: str,
        source: str,
        encoding: str,
        root: Element,
        elements: list[Element],
        site: Site,
        doctype: str | None = None,
        is_xhtml: bool = False,
    ) -> None:
        self.path = path
        self.source = source
        self.encoding = encoding
        self.root = root
        self.elements = elements
        self.site = site
        self.doctype = doctype
        self.is_xhtml = is_xhtml
        self._by_tag: dict[str, list[Element]] | None = None
        self._by_id: dict[str, list[Element]] | None = None
        # Memo tables of the semantics layer: name of the computation -> element order ->
        # value. Kept here, not on elements, so a Page can be dropped in one piece.
        self.memo: dict[str, dict[int, Any]] = {}
        # Dense memo tables (name -> list indexed by element order, NOT_COMPUTED where
        # unknown): 8 bytes per element instead of ~48 for a dict entry, for computations
        # asked about most elements (a 100,000-element page holds ~20 of them).
        self.element_memo: dict[str, list[Any]] = {}

    def by_tag(self, tag: str) -> list[Element]:
        """Elements with this local name (any namespace), in document order."""
        if self._by_tag is None:
            index: dict[str, list[Element]] = {}
            for element in self.elements:
                index.setdefault(element.tag, []).append(element)
            self._by_tag = index
        return self._by_tag.get(tag, [])

    def by_id(self, element_id: str) -> list[Element]:
        """Elements whose ``id`` is exactly ``element_id`` (several when ids repeat)."""
        if self._by_id is None:
            index: dict[str, list[Element]] = {}
            for element in self.elements:
                value = element.attrs.get("id")
                if value is not None:
                    index.setdefault(value, []).append(element)
            self._by_id = index
        return self._by_id.get(element_id, [])

    def get_element_by_id(self, element_id: str) -> Element | None:
        """The first element with this id, as ``document.getElementById`` answers."""
        found = self.by_id(element_id)
        return found[0] if found else None

    def element_table(self, name: str) -> list[Any]:
        """The dense memo table of one computation: ``table[element.order]`` is its value
        for that element, :data:`NOT_COMPUTED` until set (created on first use)."""
        table = self.element_memo.get(name)
        if table is None:
            table = self.element_memo[name] = [NOT_COMPUTED] * len(self.elements)
        return table

    def memo_table(self, name: str) -> dict[int, Any]:
        """The memo table of one computation (created on first use)."""
        table = self.memo.get(name)
        if table is None:
            table = self.memo[name] = {}
        return table
