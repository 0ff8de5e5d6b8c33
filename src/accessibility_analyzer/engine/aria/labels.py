"""Which ``<label>`` elements label a form control (HTML §4.10.4 "labeled control")."""

from __future__ import annotations

from accessibility_analyzer.engine.aria._memo import inherited
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.standards.html_aam import LABELABLE_TAGS

_INDEX_KEY = -1


def is_labelable(element: Element) -> bool:
    """Whether a ``<label>`` can label the element (buttons, inputs but hidden ones, ...)."""
    if not element.is_html or element.tag not in LABELABLE_TAGS:
        return False
    return element.tag != "input" or (element.get("type") or "").strip().lower() != "hidden"


def _nearest_label(page: Page, element: Element) -> Element | None:
    """The nearest ``<label>`` ancestor of ``element``."""

    def compute(node: Element, parent_value: Element | None) -> Element | None:
        parent = node.parent
        if parent is not None and parent.is_html and parent.tag == "label":
            return parent
        return parent_value

    return inherited(page, "aria.nearest_label", element, compute)


def _build_index(page: Page) -> dict[int, list[Element]]:
    """Control order -> its labels, in document order, built in one pass over the page."""
    index: dict[int, list[Element]] = {}
    claimed: set[int] = set()
    for label in page.by_tag("label"):
        if not label.is_html:
            continue
        target_id = label.attrs.get("for")
        if target_id is not None:
            target = page.get_element_by_id(target_id)
            if target is not None and is_labelable(target):
                index.setdefault(target.order, []).append(label)
            claimed.add(label.order)
    # A label without ``for`` labels its first labelable descendant: walking the controls in
    # document order, the first one found under a label claims it (linear, no subtree scans).
    for element in page.elements:
        if not is_labelable(element):
            continue
        wrapper = _nearest_label(page, element)
        if wrapper is not None and wrapper.order not in claimed:
            claimed.add(wrapper.order)
            index.setdefault(element.order, []).append(wrapper)
    for labels in index.values():
        labels.sort(key=lambda label: label.order)
    return index


def labels_of(page: Page, element: Element) -> list[Element]:
    """The ``<label>`` elements labelling ``element`` (``for`` and wrapping), in order."""
    table = page.memo_table("aria.labels")
    index = table.get(_INDEX_KEY)
    if index is None:
        index = table[_INDEX_KEY] = _build_index(page)
    found: list[Element] = index.get(element.order, [])
    return found
