"""image-redundant-alt: an image's alt does not repeat the text of its link or button."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_programmatically_hidden, role_of
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict

CONTROL_ROLES = frozenset({"link", "button"})
# A control whose text is longer than this is not compared (and not read) in full.
_MAX_CONTROL_TEXT = 2_000

DISTINCT = Diagnostic.passed("The alt text adds to the control's text")
REDUNDANT = Diagnostic.failed(
    "An image's alt text should not repeat the text of its link or button",
    fix_hint='Use alt="" for the image: the text next to it already names the control.',
)


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())


def _nearest_control(page: Page, element: Element) -> Element | None:
    """The nearest ancestor link or button, memoised along the ancestor chain."""
    memo: dict[int, Element | None] = page.memo_table("rules.nearest_control_inclusive")
    chain: list[Element] = []
    node = element.parent
    found: Element | None = None
    while node is not None:
        if node.order in memo:
            found = memo[node.order]
            break
        chain.append(node)
        node = node.parent
    for link in reversed(chain):
        if role_of(page, link) in CONTROL_ROLES:
            found = link
        memo[link.order] = found
    return found


def _control_text(page: Page, control: Element) -> str | None:
    """The control's own text (images contribute none), normalised; ``None`` if huge."""
    memo: dict[int, str | None] = page.memo_table("rules.control_text")
    if control.order not in memo:
        text = control.text_content()
        memo[control.order] = _normalised(text) if len(text) <= _MAX_CONTROL_TEXT else None
    return memo[control.order]


class ImageRedundantAlt(Rule):
    """Alt text should not repeat the text of the link or button around the image.

    ## What it checks
    For every `<img>` with a non-empty `alt` inside a link or button (and not hidden), the
    alt text differs from the text of that link or button (compared case-insensitively, with
    whitespace collapsed).

    ## Why it matters
    Screen readers read the image and the text one after the other: "Home Home". The icon
    adds nothing the text does not say, so it should be marked decorative. A best practice:
    no WCAG criterion is failed.

    ## Fails
        <a href="/"><img src="house.svg" alt="Home"> Home</a>

    ## Passes
        <a href="/"><img src="house.svg" alt=""> Home</a>
        <a href="/cart"><img src="cart.svg" alt="Shopping cart"> 3 items</a>

    ## Limitations
    Only the image's own link or button is compared, not text next to the image elsewhere.
    """

    meta = RuleMeta(
        id="image-redundant-alt",
        name="Alt text does not repeat the control's text",
        wcag=(),
        act_rules=(),
        impact=Impact.MINOR,
        tags=("cat.text-alternatives", "best-practice"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Images with alt text inside a link or button whose text is not empty."""
        for element in page.by_tag("img"):
            if not element.is_html or not (element.attrs.get("alt") or "").strip():
                continue
            control = _nearest_control(page, element)
            if (
                control is not None
                and _control_text(page, control)
                and not is_programmatically_hidden(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The alt differs from the control's text."""
        control = _nearest_control(page, target)
        alt = _normalised(target.attrs.get("alt") or "")
        text = _control_text(page, control) if control is not None else None
        reason = f'alt "{alt[:80]}"'
        return Verdict(REDUNDANT if alt == text else DISTINCT, reason)
