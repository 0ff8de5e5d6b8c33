"""image-alt-descriptive: the text alternative of an image describes it (asks an oracle)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    accessible_name,
    is_included_in_accessibility_tree,
    is_visible,
    name_source,
)
from accessibility_analyzer.engine.dom import Element, Namespace, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Question, Rule, RuleMeta, Verdict

ALT_IS_DESCRIPTIVE = Question(
    id="alt-is-descriptive",
    text="Does the accessible name of this image serve the same purpose as the image itself?",
)

# Where a name counts as given by the author rather than computed from content (WAI-ARIA
# "name from author"): an image inside such an element is described by that name instead.
_AUTHOR_NAME_ATTRIBUTES = ("aria-label", "aria-labelledby")
_AUTHOR_NAME_SOURCES = frozenset(_AUTHOR_NAME_ATTRIBUTES)

DESCRIPTIVE = Diagnostic.passed("The text alternative describes the image")
NOT_DESCRIPTIVE = Diagnostic.failed(
    "The text alternative must serve the same purpose as the image",
    fix_hint="Rewrite the alt text to convey what the image shows or does in this context.",
)


def _is_image(element: Element) -> bool:
    if element.namespace is Namespace.SVG:
        return element.tag == "svg"
    if not element.is_html or element.tag not in {"img", "canvas"}:
        return False
    # An <img> with no source never becomes "completely available": nothing is shown.
    return element.tag != "img" or bool(
        (element.attrs.get("src") or element.attrs.get("srcset") or "").strip()
    )


def _named_from_author(page: Page, element: Element) -> bool:
    """Whether this element's accessible name comes from aria-label/aria-labelledby."""
    if not any((element.attrs.get(name) or "").strip() for name in _AUTHOR_NAME_ATTRIBUTES):
        return False
    return (
        name_source(page, element) in _AUTHOR_NAME_SOURCES
        and accessible_name(page, element).strip() != ""
    )


def has_author_named_ancestor(page: Page, element: Element) -> bool:
    """Whether an ancestor (not the element itself) is named from author; memoised per page."""
    memo: dict[int, bool] = page.memo_table("rules.author_named_inclusive")
    chain: list[Element] = []
    node = element.parent
    found = False
    while node is not None:
        known = memo.get(node.order)
        if known is not None:
            found = known
            break
        chain.append(node)
        node = node.parent
    for link in reversed(chain):
        found = found or _named_from_author(page, link)
        memo[link.order] = found
    return found


class ImageAltDescriptive(Rule):
    """The accessible name of an image must describe it.

    ## What it checks
    For every visible `<img>`, `<canvas>` and `<svg>` with a non-empty accessible name (and no
    ancestor named by `aria-label`/`aria-labelledby`, which would describe it instead), asks
    the question `alt-is-descriptive`: does the name serve the same purpose as the image? An
    answer decides the outcome; without one the outcome is `cantTell`.

    ## Why it matters
    A text alternative like "image", "logo.png" or the name of another picture is as useless
    to a screen-reader user as none at all (WCAG 1.1.1 Non-text Content).

    ## Fails
        <img src="w3c-logo.png" alt="ERCIM logo">

    ## Passes
        <img src="w3c-logo.png" alt="W3C logo">

    ## Limitations
    Needs judgement: a person or the LLM oracle answers. Images are not fetched, so a
    broken image (a missing file) is still asked about; an `<img>` without `src` is skipped.
    """

    meta = RuleMeta(
        id="image-alt-descriptive",
        name="Text alternatives of images are descriptive",
        wcag=("1.1.1",),
        level="A",
        act_rules=("qt1vmo",),
        impact=Impact.SERIOUS,
        tags=("cat.text-alternatives", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Visible, named ``img``/``canvas``/``svg`` not inside an author-named element."""
        candidates = [*page.by_tag("img"), *page.by_tag("canvas"), *page.by_tag("svg")]
        for element in sorted(candidates, key=lambda element: element.order):
            if (
                _is_image(element)
                and is_included_in_accessibility_tree(page, element)
                and is_visible(page, element) is not False
                and accessible_name(page, element).strip()
                and not has_author_named_ancestor(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle judges whether the name is equivalent to the image."""
        return self.ask(
            oracle, ALT_IS_DESCRIPTIVE, page, target, passed=DESCRIPTIVE, failed=NOT_DESCRIPTIVE
        )
