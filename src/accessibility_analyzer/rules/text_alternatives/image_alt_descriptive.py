"""image-alt-descriptive: the text alternative of an image describes it (asks an oracle)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    accessible_name,
    is_included_in_accessibility_tree,
    is_visible,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Question, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.text_alternatives._images import (
    has_author_named_ancestor,
    image_candidates,
    is_image_content,
)

ALT_IS_DESCRIPTIVE = Question(
    id="alt-is-descriptive",
    text="Does the accessible name of this image serve the same purpose as the image itself?",
)

DESCRIPTIVE = Diagnostic.passed("The text alternative describes the image")
NOT_DESCRIPTIVE = Diagnostic.failed(
    "The text alternative must serve the same purpose as the image",
    fix_hint="Rewrite the alt text to convey what the image shows or does in this context.",
)


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
        for element in image_candidates(page):
            if (
                is_image_content(element)
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
