"""The accessible name and description computation (Accessible Name and Description
Computation 1.2, https://www.w3.org/TR/accname-1.2/, with the HTML-AAM host-language rules).

The traversal of content (step 2F) is iterative, so a link nested 100,000 levels deep
does not exhaust the stack; the steps that restart the computation elsewhere (references,
``<label>`` content, ``<legend>``...) are bounded by a visited set and a nesting cap.
Content text met in the default context is memoised per element, so nested named
elements (buttons in buttons, headings in links) cost linear time overall.

CSS generated content (``::before``/``::after``) is included where the content of an
element is (step 2F.ii), from the cascade's ``content`` (see ``engine.css.generated``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from accessibility_analyzer.engine.aria._accname_native import (
    embedded_control_value,
    native_alternative,
)
from accessibility_analyzer.engine.aria._memo import memoised
from accessibility_analyzer.engine.aria._style import style_of
from accessibility_analyzer.engine.aria.hidden import is_programmatically_hidden
from accessibility_analyzer.engine.aria.roles import role_allows_name_from_content, role_of
from accessibility_analyzer.engine.css.generated import Generated, generated_parts
from accessibility_analyzer.engine.dom import Element, Page, Text
from accessibility_analyzer.engine.standards.aria import PRESENTATIONAL_ROLES

# How many times one computation may restart elsewhere (a reference, a label, a legend
# containing a fieldset with a legend...). Real pages need two or three.
MAX_NESTING = 24
_WHITESPACE = re.compile(r"\s+")
_INLINE_DISPLAYS = frozenset(
    {"inline", "inline-block", "inline-flex", "inline-grid", "inline-table", "contents", "ruby"}
)
_CONTENT_MEMO = "aria.name_from_content"
# HTML elements the host language can name without any naming attribute.
NATIVELY_NAMED_TAGS: frozenset[str] = frozenset(
    {
        "area",
        "button",
        "fieldset",
        "figure",
        "img",
        "input",
        "meter",
        "optgroup",
        "option",
        "output",
        "progress",
        "select",
        "summary",
        "table",
        "textarea",
    }
)
_NAMING_ATTRIBUTES = ("aria-labelledby", "aria-label", "title")
# Attributes that can make an element answer before its content (a role may make it an
# embedded control).
_TERMINAL_ATTRIBUTES = ("aria-labelledby", "aria-label", "role")


def normalise(text: str) -> str:
    """Collapse runs of whitespace to one space and trim (accname "flat string")."""
    return _WHITESPACE.sub(" ", text).strip()


@dataclass
class _Traversal:
    """The context of one computation.

    Attributes:
        page: the page.
        root: the element whose name or description is asked.
        visited: elements whose content is being or has been traversed (cycle guard).
        in_reference: inside an ``aria-labelledby``/``aria-describedby`` traversal (which
            is not followed a second time).
        include_hidden: the directly referenced node was hidden, so hidden content counts.
        nesting: how many restarts led here (bounded by :data:`MAX_NESTING`).
    """

    page: Page
    root: Element
    visited: set[int] = field(default_factory=set)
    in_reference: bool = False
    include_hidden: bool = False
    nesting: int = 0

    @property
    def default_context(self) -> bool:
        """Whether results depend only on the element (so they may be memoised)."""
        return not self.in_reference and not self.include_hidden

    def nested(self, *, in_reference: bool, include_hidden: bool) -> _Traversal:
        return _Traversal(
            page=self.page,
            root=self.root,
            visited=self.visited,
            in_reference=in_reference,
            include_hidden=include_hidden,
            nesting=self.nesting + 1,
        )


def _is_inline(page: Page, element: Element) -> bool:
    return style_of(page, element).display in _INLINE_DISPLAYS


def _spaced(page: Page, element: Element, text: str) -> str:
    """Block-level boxes (and line breaks) separate their text from their neighbours'."""
    if element.is_html and element.tag == "br":
        return " "
    return text if _is_inline(page, element) else f" {text} "


def _reference_text(t: _Traversal, attribute: str, element: Element) -> str | None:
    """The text of the elements an IDREF list points to, ``None`` when none exists."""
    targets = [
        target
        for reference in (element.get(attribute) or "").split()
        if (target := t.page.get_element_by_id(reference)) is not None
    ]
    if not targets:
        return None
    parts: list[str] = []
    for target in targets:
        nested = t.nested(
            in_reference=True,
            include_hidden=t.include_hidden or is_programmatically_hidden(t.page, target),
        )
        terminal = _terminal(nested, target, is_root=False)
        parts.append(terminal[0] if terminal is not None else _content(nested, target))
    return " ".join(parts)


def _terminal(  # noqa: PLR0911 (the accname steps, in order)
    t: _Traversal, element: Element, *, is_root: bool
) -> tuple[str, str] | None:
    """Steps 2A-2E for one element: ``(text, source)``, or ``None`` to use its content."""
    page = t.page
    if not is_root and not t.include_hidden and is_programmatically_hidden(page, element):
        return "", "hidden"
    if t.nesting >= MAX_NESTING:
        return None
    if not t.in_reference and element.has("aria-labelledby"):
        text = _reference_text(t, "aria-labelledby", element)
        if text is not None and text.strip():
            return text, "aria-labelledby"
    role = role_of(page, element)

    def content_text(node: Element) -> str:
        return _content(
            t.nested(in_reference=t.in_reference, include_hidden=t.include_hidden), node
        )

    if element is not t.root:
        # Step 2C: a control inside the label of another element gives its value.
        value = embedded_control_value(element, role, content_text)
        if value is not None:
            return value, "embedded"
    label = element.get("aria-label")
    if label is not None and label.strip():
        return label, "aria-label"
    if role not in PRESENTATIONAL_ROLES:
        found = native_alternative(page, element, content_text, is_root=is_root)
        if found is not None:
            return found
    return None


def _children(element: Element) -> Iterator[Element | Text]:
    return iter(element.children)


def _pseudo_text(generated: Generated | None) -> str:
    if generated is None:
        return ""
    return f" {generated.text} " if generated.block else generated.text


def _generated(page: Page, element: Element) -> tuple[str, str]:
    """Step 2F.ii: text that ``::before`` and ``::after`` add around the content."""
    if not element.is_html:
        return "", ""
    before, after = generated_parts(page, element)
    return _pseudo_text(before), _pseudo_text(after)


def _content(t: _Traversal, element: Element) -> str:
    """Step 2F: the text of ``element``'s content, each child by the whole algorithm.

    Iterative post-order walk: a frame per open element holds its parts so far and
    whether its text is context-free (so it can be memoised).
    """
    page = t.page
    memo = page.memo_table(_CONTENT_MEMO) if t.default_context else None
    if memo is not None and element.order in memo:
        cached: str = memo[element.order]
        return cached
    t.visited.add(element.order)
    before, _ = _generated(page, element)
    frames: list[tuple[Element, list[str], Iterator[Element | Text], list[bool]]] = [
        (element, [before], _children(element), [True])
    ]
    while True:
        node, parts, children, pure = frames[-1]
        child = next(children, None)
        if child is None:
            frames.pop()
            parts.append(_generated(page, node)[1])
            text = "".join(parts)
            if memo is not None and pure[0]:
                memo[node.order] = text
            if not frames:
                return text
            if node is not element and not text.strip():
                text = node.get("title") or ""  # step 2I: tooltip of a descendant
            frames[-1][1].append(_spaced(page, node, text))
            if not pure[0]:
                frames[-1][3][0] = False
            continue
        if isinstance(child, Text):
            parts.append(child.data)
            continue
        if child is t.root or child.order in t.visited:
            pure[0] = False
            continue
        terminal = _child_terminal(t, child)
        if terminal is not None:
            parts.append(_spaced(page, child, terminal[0]))
            continue
        if memo is not None and child.order in memo:
            text = memo[child.order]
            if not text.strip():
                text = child.get("title") or ""  # step 2I
            parts.append(_spaced(page, child, text))
            continue
        t.visited.add(child.order)
        frames.append((child, [_generated(page, child)[0]], _children(child), [True]))


def _child_terminal(t: _Traversal, child: Element) -> tuple[str, str] | None:
    """Steps 2A-2E for a descendant met in a content walk (fast for plain elements)."""
    if not _plain(child):
        return _terminal(t, child, is_root=False)
    # No step before 2F can apply to a plain element but the hidden check.
    if not t.include_hidden and is_programmatically_hidden(t.page, child):
        return "", "hidden"
    return None


def _plain(element: Element) -> bool:
    """An HTML element with no role, no naming attribute and no host-language name."""
    return (
        element.is_html
        and element.tag not in NATIVELY_NAMED_TAGS
        and not any(attribute in element.attrs for attribute in _TERMINAL_ATTRIBUTES)
    )


def _may_have_name(element: Element, from_content: bool) -> bool:
    """Cheap pre-check: most elements (generic ``div``/``span``) have no name source."""
    if from_content or not element.is_html or element.tag in NATIVELY_NAMED_TAGS:
        return True
    return any(attribute in element.attrs for attribute in _NAMING_ATTRIBUTES)


def _compute_name(page: Page, element: Element) -> tuple[str, str | None]:
    role = role_of(page, element)
    from_content = role_allows_name_from_content(role) or (
        element.is_html and element.tag == "summary"
    )
    if not _may_have_name(element, from_content):
        return "", None
    # A hidden element's own hidden content still names it (as for a hidden element that
    # aria-labelledby references), so rules can quote the names of hidden elements.
    t = _Traversal(
        page=page, root=element, include_hidden=is_programmatically_hidden(page, element)
    )
    terminal = _terminal(t, element, is_root=True)
    if terminal is not None and normalise(terminal[0]):
        return normalise(terminal[0]), terminal[1]
    if from_content:
        text = normalise(_content(t, element))
        if text:
            return text, "contents"
    title = normalise(element.get("title") or "")
    if title:
        return title, "title"
    return "", None


def _name_and_source(page: Page, element: Element) -> tuple[str, str | None]:
    return memoised(page, "aria.accessible_name", element, lambda node: _compute_name(page, node))


def accessible_name(page: Page, element: Element) -> str:
    """The accessible name of ``element`` (accname 1.2 with HTML-AAM), whitespace-normalised.

    Sources, in order: ``aria-labelledby`` (not followed again inside a reference; hidden
    referenced content counts), ``aria-label``, the host language (``<label>``, ``alt``,
    ``<legend>``, ``<caption>``, ``<figcaption>``, input button values and defaults, SVG
    ``<title>``), content for roles named from content (embedded controls contribute their
    values, hidden content is skipped), then ``title``, then ``placeholder`` for text
    fields. Returns ``""`` when there is no name.
    """
    return _name_and_source(page, element)[0]


def name_source(page: Page, element: Element) -> str | None:
    """Which step gave the name: ``aria-labelledby``, ``aria-label``, ``label``, ``alt``,
    ``value``, ``default``, ``legend``, ``caption``, ``figcaption``, ``label-attribute``,
    ``svg-title``, ``contents``, ``title``, ``placeholder``; ``None`` without a name."""
    return _name_and_source(page, element)[1]


def _compute_description(page: Page, element: Element) -> str:
    t = _Traversal(page=page, root=element)
    if element.has("aria-describedby"):
        text = normalise(_reference_text(t, "aria-describedby", element) or "")
        if text:
            return text
    description = normalise(element.get("aria-description") or "")
    if description:
        return description
    title = normalise(element.get("title") or "")
    if (
        title
        and name_source(page, element) not in ("title",)
        and title != accessible_name(page, element)
    ):
        return title
    return ""


def accessible_description(page: Page, element: Element) -> str:
    """The accessible description: ``aria-describedby`` (hidden referenced content counts),
    then ``aria-description``, then ``title`` when it did not already give the name."""
    return memoised(
        page, "aria.accessible_description", element, lambda node: _compute_description(page, node)
    )
