"""Host-language steps of the accessible name computation (HTML-AAM §4.1, SVG-AAM).

These are accname 1.2 step 2C (embedded controls: the value a control inside a label
contributes) and step 2E (native text alternatives: ``alt``, ``<label>``, ``<legend>``,
``<caption>``, ``<figcaption>``, input button values, SVG ``<title>``, ``placeholder``).
They return text plus the name of the source, or ``None`` when the step does not apply.
"""

from __future__ import annotations

from collections.abc import Callable

from accessibility_analyzer.engine.aria.hidden import is_programmatically_hidden
from accessibility_analyzer.engine.aria.implicit import input_type
from accessibility_analyzer.engine.aria.labels import labels_of
from accessibility_analyzer.engine.dom import Element, Namespace, Page

# Computes the text of an element's content (the caller's traversal, with its context).
ContentText = Callable[[Element], str]

_TEXT_INPUT_TYPES = frozenset({"email", "number", "password", "search", "tel", "text", "url"})
_RANGE_ROLES = frozenset({"meter", "progressbar", "scrollbar", "slider", "spinbutton"})
_BUTTON_DEFAULTS = {"submit": "Submit", "reset": "Reset"}


def _first_child(element: Element, tag: str) -> Element | None:
    for child in element.element_children():
        if child.tag == tag and child.namespace is element.namespace:
            return child
    return None


def _selected_options(select: Element) -> list[Element]:
    """The selected options of a ``<select>`` (the first option when none is selected in
    a single-choice drop-down, as browsers display it)."""
    options = [node for node in select.descendants() if node.is_html and node.tag == "option"]
    chosen = [option for option in options if option.has("selected")]
    multiple = select.has("multiple") or (select.get("size") or "1").strip() not in ("", "1")
    if not chosen and options and not multiple:
        return options[:1]
    return chosen if multiple else chosen[:1]


def embedded_control_value(  # noqa: PLR0911 (one answer per control kind)
    element: Element, role: str | None, content_text: ContentText
) -> str | None:
    """The value an embedded control contributes to another element's name (step 2C).

    Args:
        element: the control met while computing another element's name.
        role: its computed role.
        content_text: computes an element's content text in the caller's context.

    Returns:
        A textbox's value, a combobox's or listbox's selected option(s), a range's
        ``aria-valuetext``/``aria-valuenow``/value; ``None`` for anything else.
    """
    tag = element.tag if element.is_html else ""
    if role in ("textbox", "searchbox"):
        if tag == "input":
            return element.get("value") or ""
        if tag == "textarea":
            return element.text_content()
        return content_text(element)
    if role in ("combobox", "listbox"):
        if tag == "select":
            return " ".join(content_text(option) for option in _selected_options(element))
        if tag == "input":
            return element.get("value") or ""
        selected = [
            node
            for node in element.descendants()
            if (node.get("aria-selected") or "").strip().lower() == "true"
        ]
        return " ".join(content_text(node) for node in selected)
    if role in _RANGE_ROLES:
        for attribute in ("aria-valuetext", "aria-valuenow"):
            value = (element.get(attribute) or "").strip()
            if value:
                return value
        return (element.get("value") or "").strip() if tag in ("input", "meter", "progress") else ""
    return None


def _labels_text(page: Page, element: Element, content_text: ContentText) -> str:
    """The text of the element's labels. A hidden label gives none (accname 1.2 step 2A: a
    hidden node outside an aria-labelledby traversal contributes nothing; Chromium agrees),
    unless the element is hidden too, so rules can still quote a hidden control's name."""
    labels = labels_of(page, element)
    if labels and not is_programmatically_hidden(page, element):
        labels = [label for label in labels if not is_programmatically_hidden(page, label)]
    return " ".join(content_text(label) for label in labels)


def _input_alternative(  # noqa: PLR0911 (HTML-AAM order per input type)
    page: Page, element: Element, content_text: ContentText, *, is_root: bool
) -> tuple[str, str] | None:
    kind = input_type(element)
    if kind in ("button", "submit", "reset"):
        value = element.get("value")
        if value is not None and value.strip():
            return value, "value"
        if is_root and (text := _labels_text(page, element, content_text)).strip():
            return text, "label"
        if kind in _BUTTON_DEFAULTS and value is None:
            return _BUTTON_DEFAULTS[kind], "default"
        return None
    if kind == "image":
        alt = element.get("alt")
        if alt is not None and alt.strip():
            return alt, "alt"
        # An image button is labelable (HTML §4.10.2); HTML-AAM's list for it omits
        # <label>, but Chromium, Firefox and axe-core name it from its label.
        if is_root and (text := _labels_text(page, element, content_text)).strip():
            return text, "label"
        return None
    if is_root and (text := _labels_text(page, element, content_text)).strip():
        return text, "label"
    if kind in _TEXT_INPUT_TYPES:
        return _title_or_placeholder(element)
    return None


def _title_or_placeholder(element: Element) -> tuple[str, str] | None:
    """HTML-AAM: text fields fall back to ``title``, then to ``placeholder``."""
    for attribute, source in (
        ("title", "title"),
        ("placeholder", "placeholder"),
        ("aria-placeholder", "placeholder"),
    ):
        value = element.get(attribute)
        if value is not None and value.strip():
            return value, source
    return None


def _svg_alternative(element: Element, content_text: ContentText) -> tuple[str, str] | None:
    title = _first_child(element, "title")
    if title is not None:
        text = title.text_content()
        if text.strip():
            return text, "svg-title"
    return None


def _child_text(
    element: Element, tag: str, source: str, content_text: ContentText
) -> tuple[str, str] | None:
    child = _first_child(element, tag)
    if child is None:
        return None
    text = content_text(child)
    return (text, source) if text.strip() else None


def native_alternative(  # noqa: PLR0911 (one branch per element kind)
    page: Page, element: Element, content_text: ContentText, *, is_root: bool
) -> tuple[str, str] | None:
    """The host language's text alternative of ``element`` (step 2E), or ``None``.

    Args:
        page: the page of the element.
        element: the element being named.
        content_text: computes an element's content text in the caller's context.
        is_root: whether ``element`` is the element whose name is asked (labels of form
            controls count only then).

    Returns:
        ``(text, source)`` with ``source`` one of ``alt``, ``label``, ``value``,
        ``default``, ``legend``, ``caption``, ``figcaption``, ``label-attribute``,
        ``svg-title``, ``title``, ``placeholder``; ``None`` when there is none.
    """
    if element.namespace is Namespace.SVG:
        return _svg_alternative(element, content_text)
    if not element.is_html:
        return None
    tag = element.tag
    if tag in ("img", "area"):
        alt = element.get("alt")
        return (alt, "alt") if alt is not None and alt.strip() else None
    if tag == "input":
        return _input_alternative(page, element, content_text, is_root=is_root)
    if tag in ("button", "select", "textarea", "meter", "output", "progress"):
        if is_root and (text := _labels_text(page, element, content_text)).strip():
            return text, "label"
        return _title_or_placeholder(element) if tag == "textarea" else None
    if tag == "fieldset":
        return _child_text(element, "legend", "legend", content_text)
    if tag == "table":
        return _child_text(element, "caption", "caption", content_text)
    if tag == "figure":
        return _child_text(element, "figcaption", "figcaption", content_text)
    if tag in ("optgroup", "option"):
        label = element.get("label")
        return (label, "label-attribute") if label is not None and label.strip() else None
    return None
