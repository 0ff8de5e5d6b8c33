"""aria-required-children: elements own only the roles their role requires."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    accessibility_children,
    explicit_role,
    is_included_in_accessibility_tree,
    owned_text,
    role_of,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.engine.standards.aria import ACCEPTED_EXTRA_OWNED, ROLES
from accessibility_analyzer.rules.aria._shared import is_html_or_svg, listing

_CONTAINING = "->"

OWNS_REQUIRED = Diagnostic.passed("The element owns only elements of its required owned roles")
OWNS_OTHER = Diagnostic.failed(
    "An element whose role requires owned elements must own only elements with those roles",
    fix_hint=(
        'Give each child the required role (role="listitem" in a list, role="option" in a '
        'listbox), move other content out, or mark wrappers role="none".'
    ),
)


def _required_owned(page: Page, element: Element) -> tuple[str, ...]:
    role = role_of(page, element)
    spec = ROLES.get(role) if role is not None else None
    return spec.required_owned_elements if spec is not None and spec.module == "aria" else ()


def _busy_elements(page: Page) -> set[int]:
    """Orders of elements with an inclusive ancestor ``aria-busy="true"`` (content still
    loading). One pass in document order: a parent is always decided before its children."""
    table = page.memo_table("rules.aria_busy")
    busy: set[int] | None = table.get(page.root.order)
    if busy is None:
        busy = set()
        for element in page.elements:
            value = element.attrs.get("aria-busy")
            if (value is not None and value.strip().lower() == "true") or (
                element.parent is not None and element.parent.order in busy
            ):
                busy.add(element.order)
        table[page.root.order] = busy
    return busy


def _allowed_child(page: Page, child: Element, owner_role: str, required: tuple[str, ...]) -> bool:
    """A child role from the list, a ``group`` owning only the listed roles
    (``group -> option``), or a role whose required context is the owner's role (the
    ``caption`` of a table)."""
    role = role_of(page, child)
    if role is None:
        return False
    if role in required or role in ACCEPTED_EXTRA_OWNED.get(owner_role, ()):
        return True
    contained = {
        entry.split(_CONTAINING)[1].strip()
        for entry in required
        if entry.split(_CONTAINING)[0].strip() == role and _CONTAINING in entry
    }
    if contained:
        if owned_text(page, child):
            return False
        return all(
            role_of(page, grandchild) in contained
            for grandchild in accessibility_children(page, child)
        )
    spec = ROLES.get(role)
    return spec is not None and owner_role in spec.required_context_roles


class AriaRequiredChildren(Rule):
    """Elements whose role requires owned elements must own only those.

    ## What it checks
    Every HTML or SVG element in the accessibility tree whose explicit `role` gives it a
    WAI-ARIA 1.2 role with required owned elements (`list`, `listbox`, `menu`, `table`,
    `tablist`, `tree`...) owns, in the accessibility tree, only elements with those roles
    (a `group` counts when it owns only the roles listed after it, as in `group → option`).
    Text owned directly is a wrong child. Empty containers pass. Elements inside an
    `aria-busy="true"` region are not checked, as their content may still be loading.

    ## Why it matters
    A `listbox` holding plain `div`s, or a `tablist` holding links, cannot be navigated as
    the widget it claims to be: screen readers announce no items or wrong counts (WCAG
    1.3.1).

    ## Fails
        <div role="list"><div>Apples</div></div>
        <div role="tablist"><a href="#a">Tab A</a></div>

    ## Passes
        <div role="list"><div role="listitem">Apples</div></div>
        <div role="listbox"><div role="group"><div role="option">Apple</div></div></div>
        <div role="menu"><div role="menuitem">Cut</div><div role="separator"></div></div>

    ## Limitations
    Native containers (`<ul>`, `<table>`, `<select>`) without a `role` attribute are not
    checked: their content model is HTML's (`list` reports stray content in `<ul>`, once),
    and axe-core checks explicit roles only too. Decided against the literal WAI-ARIA 1.2
    lists, with WAI-ARIA 1.3 and the APG: a `separator` in a `menu` or `menubar` is accepted,
    and so is a submenu `menu` owned by a `menubar` or `menu` (the APG menubar pattern).
    A `caption` owned by a table or grid is accepted, as WAI-ARIA 1.3 allows. Browsers build
    slightly different accessibility trees; this rule follows the ACT "owned by" relation.
    """

    meta = RuleMeta(
        id="aria-required-children",
        name="Elements own only their required owned roles",
        wcag=("1.3.1",),
        act_rules=("bc4a75",),
        impact=Impact.CRITICAL,
        tags=("cat.aria", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed HTML/SVG elements with an explicit role that has required owned elements,
        outside busy regions."""
        for element in page.elements:
            if (
                "role" in element.attrs
                and is_html_or_svg(element)
                and explicit_role(page, element) is not None
                and _required_owned(page, element)
                and is_included_in_accessibility_tree(page, element)
                and element.order not in _busy_elements(page)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Every owned element has an allowed role and no text is owned directly."""
        role = role_of(page, target) or ""
        required = _required_owned(page, target)
        wrong = [
            role_of(page, child) or child.tag
            for child in accessibility_children(page, target)
            if not _allowed_child(page, child, role, required)
        ]
        if owned_text(page, target):
            wrong.append("text")
        if wrong:
            return Verdict(
                OWNS_OTHER, f"{role} owns {listing(wrong)}; allowed: {listing(required)}"
            )
        return Verdict(OWNS_REQUIRED, f"{role} owns only {listing(required)}")
