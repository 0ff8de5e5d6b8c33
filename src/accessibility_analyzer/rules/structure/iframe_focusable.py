"""iframe-focusable: iframes with interactive content are not taken out of the tab order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from accessibility_analyzer.engine import parse_page, resolve_page_url
from accessibility_analyzer.engine.aria import (
    is_hidden,
    is_in_sequential_focus_navigation,
    is_inert,
    is_visible,
    tabindex_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._focus import may_be_focusable
from accessibility_analyzer.rules._reasons import describe

# An iframe this small (width or height attribute, in CSS pixels) shows none of its content.
_INVISIBLE_SIZE = 1

IN_TAB_ORDER = Diagnostic.passed("The iframe is not taken out of the tab order")
EXCLUDED = Diagnostic.failed(
    "An iframe with interactive content must not have a negative tabindex",
    fix_hint='Remove tabindex="-1" from the iframe so keyboard users can reach its controls.',
)
CONTENT_UNKNOWN = Diagnostic.cant_tell(
    "The iframe is out of the tab order; whether it holds controls depends on its document"
)


@dataclass(frozen=True)
class _Content:
    """The first element of the iframe's document reached with Tab that is visible, and
    the first whose visibility depends on layout."""

    visible: Element | None
    maybe_visible: Element | None


def _has_no_room(iframe: Element) -> bool:
    for name in ("width", "height"):
        value = (iframe.attrs.get(name) or "").strip()
        if value.isdigit() and int(value) <= _INVISIBLE_SIZE:
            return True
    return False


def _nested_document(page: Page, iframe: Element) -> Page | None:
    """The iframe's document from ``srcdoc`` or a file of the upload; ``None`` if unknown.

    An iframe with neither ``srcdoc`` nor ``src`` shows an empty ``about:blank`` document.
    Parsed once per iframe and page.
    """
    table = page.memo_table("rules.iframe_document")
    if iframe.order not in table:
        table[iframe.order] = _parse_nested_document(page, iframe)
    document: Page | None = table[iframe.order]
    return document


def _parse_nested_document(page: Page, iframe: Element) -> Page | None:
    srcdoc = iframe.attrs.get("srcdoc")
    if srcdoc is not None:
        return parse_page(srcdoc, path=page.path, site=page.site)
    src = (iframe.attrs.get("src") or "").strip()
    if not src or src == "about:blank":
        return parse_page("", path=page.path, site=page.site)
    path = resolve_page_url(page, src)
    data = page.site.read(path) if path is not None else None
    return parse_page(data, path=path, site=page.site) if data is not None and path else None


def _content(document: Page) -> _Content:
    visible: Element | None = None
    maybe: Element | None = None
    for element in document.elements:
        if not (may_be_focusable(element) and is_in_sequential_focus_navigation(document, element)):
            continue
        seen = is_visible(document, element)
        if seen is True:
            visible = element
            break
        if seen is None and maybe is None:
            maybe = element
    return _Content(visible, maybe)


class IframeFocusable(Rule):
    """Iframes with interactive elements must not be excluded from the tab order.

    ## What it checks
    Every `iframe` that is not inert and has a negative `tabindex` holds, in its document,
    no visible element reached with Tab. The iframe's document is read from `srcdoc` or from
    the file of the upload its `src` points to. Iframes without a negative `tabindex` pass.

    ## Why it matters
    `tabindex="-1"` on an iframe makes Tab skip everything inside it in some browsers: the
    links and controls of the embedded document are out of reach for keyboard users (WCAG
    2.1.1 Keyboard).

    ## Fails
        <iframe tabindex="-1" srcdoc="<a href='/'>Home</a>"></iframe>

    ## Passes
        <iframe srcdoc="<a href='/'>Home</a>"></iframe>
        <iframe tabindex="0" src="map.html" title="Map"></iframe>

    ## Limitations
    When the document comes from outside the upload (another site), or the visibility of
    its controls depends on layout, a negative `tabindex` gives `cantTell`. Documents that
    scripts write into the iframe are not seen.
    """

    meta = RuleMeta(
        id="iframe-focusable",
        name="Iframes with interactive content are in the tab order",
        wcag=("2.1.1",),
        act_rules=("akn7bn",),
        impact=Impact.SERIOUS,
        tags=("cat.structure", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Rendered HTML iframes that are not inert and may show their content."""
        for element in page.by_tag("iframe"):
            if (
                element.is_html
                and not _has_no_room(element)
                and not is_inert(page, element)
                and not is_hidden(page, element)
                and is_visible(page, element) is not False
                and self._holds_controls(page, element) is not False
            ):
                yield element

    def _holds_controls(self, page: Page, iframe: Element) -> bool | None:
        """Whether the iframe's document has a visible tabbable element (``None``: unknown).

        Only asked for iframes with a negative tabindex: the others pass either way.
        """
        tabindex = tabindex_of(iframe)
        if tabindex is None or tabindex >= 0:
            return None
        document = _nested_document(page, iframe)
        if document is None:
            return None
        content = _content(document)
        if content.visible is not None:
            return True
        return None if content.maybe_visible is not None else False

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The iframe has no negative tabindex."""
        tabindex = tabindex_of(target)
        if tabindex is None or tabindex >= 0:
            return Verdict(IN_TAB_ORDER)
        document = _nested_document(page, target)
        if document is None:
            return Verdict(CONTENT_UNKNOWN, "the iframe's document is not in the upload")
        content = _content(document)
        if content.visible is not None:
            found = describe(content.visible)
            return Verdict(EXCLUDED, f"tabindex={tabindex}; inside: {found}")
        return Verdict(CONTENT_UNKNOWN, "the visibility of its controls depends on layout")
