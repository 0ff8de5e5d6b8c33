"""image-alt-descriptive: the text alternative of an image describes it (asks an oracle)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accessibility_analyzer.engine.aria import (
    accessible_name,
    is_included_in_accessibility_tree,
    is_visible,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import ALT_IS_DESCRIPTIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.text_alternatives._images import (
    has_author_named_ancestor,
    image_candidates,
    is_image_content,
)

# WCAG failure technique F30: text alternatives that are not alternatives, such as file
# names and placeholder words. These need no judgement.
_FILE_NAME = re.compile(
    r"^[^\s/]+\.(?:apng|avif|bmp|gif|ico|jpe?g|png|svg|tiff?|webp)$", re.IGNORECASE
)
PLACEHOLDER_NAMES = frozenset(
    {
        "alt",
        "alt text",
        "graphic",
        "icon",
        "image",
        "image description",
        "img",
        "pic",
        "photo",
        "picture",
        "placeholder",
        "spacer",
        "untitled",
    }
)

DESCRIPTIVE = Diagnostic.passed("The text alternative describes the image")
NOT_DESCRIPTIVE = Diagnostic.failed(
    "The text alternative must serve the same purpose as the image",
    fix_hint="Rewrite the alt text to convey what the image shows or does in this context.",
)
FILE_NAME = Diagnostic.failed(
    "The text alternative must not be a file name",
    fix_hint="Replace the file name with words saying what the image shows or does.",
)
PLACEHOLDER = Diagnostic.failed(
    "The text alternative must not be placeholder text",
    fix_hint='Replace the placeholder ("image", "photo", …) with what the image shows or does.',
)


def not_an_alternative(name: str) -> Diagnostic | None:
    """The F30 failure a name commits (a file name, a placeholder word), if any."""
    folded = " ".join(name.casefold().split())
    # Only names with an image extension: a bare word equal to the file name ("W3C" for
    # logos/W3C) is often exactly the right alternative.
    if _FILE_NAME.match(folded):
        return FILE_NAME
    if folded.rstrip(".") in PLACEHOLDER_NAMES:
        return PLACEHOLDER
    return None


class ImageAltDescriptive(Rule):
    """The accessible name of an image must describe it.

    ## What it checks
    For every visible `<img>`, `<canvas>` and `<svg>` with a non-empty accessible name (and no
    ancestor named by `aria-label`/`aria-labelledby`, which would describe it instead): a name
    that is an image file name (`IMG_2041.jpg`) or a placeholder word
    (`image`, `photo`, `spacer`) fails at once, as WCAG failure F30 says. Otherwise asks the
    question `alt-is-descriptive`: does the name serve the same purpose as the image? An
    answer decides the outcome; without one the outcome is `cantTell`.

    ## Why it matters
    A text alternative like "image", "logo.png" or the name of another picture is as useless
    to a screen-reader user as none at all (WCAG 1.1.1 Non-text Content).

    ## Fails
        <img src="w3c-logo.png" alt="w3c-logo.png">
        <img src="w3c-logo.png" alt="ERCIM logo">  (when the oracle says it does not match)

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
        """File names and placeholders fail; otherwise the oracle judges equivalence."""
        name = accessible_name(page, target).strip()
        failure = not_an_alternative(name)
        if failure is not None:
            return Verdict(failure, f'text alternative "{name[:80]}"')
        return self.ask(
            oracle, ALT_IS_DESCRIPTIVE, page, target, yes=DESCRIPTIVE, no=NOT_DESCRIPTIVE
        )
