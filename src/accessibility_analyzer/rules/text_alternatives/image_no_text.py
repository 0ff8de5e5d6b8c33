"""image-no-text: images do not carry text that should be real text (asks an oracle)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.aria import is_hidden, is_visible
from accessibility_analyzer.engine.css import computed_style
from accessibility_analyzer.engine.dom import Element, Namespace, Page
from accessibility_analyzer.engine.questions import IMAGE_CONTAINS_TEXT
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import is_image_button

NO_IMAGE_TEXT = Diagnostic.passed("The image does not replace real text")
IMAGE_OF_TEXT = Diagnostic.failed(
    "Text must be real text, not an image of text",
    fix_hint="Write the text as HTML text styled with CSS, or repeat it as real text next to it.",
)


def _source_attribute(element: Element) -> str | None:
    if element.namespace is Namespace.SVG:
        return element.attrs.get("href") or element.attrs.get("xlink:href")
    return element.attrs.get("src") or element.attrs.get("srcset")


def _is_image_resource(element: Element) -> bool:
    if element.namespace is Namespace.SVG:
        is_candidate = element.tag == "image"
    else:
        is_candidate = element.is_html and (element.tag == "img" or is_image_button(element))
    return is_candidate and bool((_source_attribute(element) or "").strip())


def _has_inline_background_image(page: Page, element: Element) -> bool:
    """A background image set in the ``style`` attribute (cheap pre-test, then the cascade).

    Backgrounds from style sheets are not collected: asking the cascade for every element
    of every page costs more than the whole rule set.
    """
    style = (element.attrs.get("style") or "").lower()
    if "background" not in style or "url(" not in style:
        return False
    return "url(" in (computed_style(page, element).get("background-image") or "")


class ImageNoText(Rule):
    """Images should not be used to present text.

    ## What it checks
    For every rendered image resource (`<img>`, `<input type="image">`, SVG `<image>` with a
    source, and elements with a background image in their `style` attribute), asks the
    question `image-contains-text`: does the image show significant text that is not also
    available as real text, where the presentation is not essential? A "yes" fails, a "no"
    passes; without an answer the outcome is `cantTell`.

    ## Why it matters
    Text inside an image cannot be resized, re-coloured, re-spaced or re-flowed by users who
    need to, and it blurs when zoomed (WCAG 1.4.5 Images of Text, 1.4.9 without exception).

    ## Fails
        <img src="slogan.png" alt="Fast delivery, every day">  (the picture is the slogan)

    ## Passes
        <img src="fireworks.jpg" alt="Fireworks over the Eiffel tower">

    ## Limitations
    Needs the pixels: a person or a vision-capable oracle must answer. Background images set
    by style sheets (rather than the `style` attribute) are not collected.
    """

    meta = RuleMeta(
        id="image-no-text",
        name="Images do not contain text that should be real text",
        wcag=("1.4.5", "1.4.9"),
        act_rules=("0va7u6",),
        impact=Impact.MODERATE,
        tags=("cat.text-alternatives", "wcag2aa", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Image resources with a source that are rendered (not hidden, maybe visible)."""
        for element in page.elements:
            if (
                (_is_image_resource(element) or _has_inline_background_image(page, element))
                and not is_hidden(page, element)
                and is_visible(page, element) is not False
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """The oracle says whether the image carries text that should be real text."""
        return self.ask(
            oracle, IMAGE_CONTAINS_TEXT, page, target, yes=IMAGE_OF_TEXT, no=NO_IMAGE_TEXT
        )
