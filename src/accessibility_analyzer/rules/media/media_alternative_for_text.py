"""media-alternative-for-text: media standing for text says no more and is labelled so."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import MEDIA_ALTERNATIVE_FOR_TEXT
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.media._media import (
    MediaQuestionRule,
    is_played_audio,
    is_played_video,
    page_may_hold_alternative,
)

GOOD_ALTERNATIVE = Diagnostic.passed("The media is a labelled alternative for text")
BAD_ALTERNATIVE = Diagnostic.failed(
    "Media offered as an alternative for text must say nothing more than the text and be "
    "labelled as an alternative",
    fix_hint='Say next to the media that it repeats the text ("The video below shows the same '
    'information"), and keep anything new in the text too.',
)


class MediaAlternativeForText(MediaQuestionRule):
    """Media offered as an alternative for text must be labelled and add nothing new.

    ## What it checks
    Every played `<audio>` and visible `<video>` with a source, on a page that has text
    outside media elements (without text the media cannot be an alternative for it), asks
    the question `media-alternative-for-text`: if it is presented as an alternative for
    text, is it labelled so and does it convey nothing more? Media that is not an
    alternative passes through the answer yes. Without an answer, `cantTell`.

    ## Why it matters
    Captions, audio description and transcripts may be left out only for media that repeats
    text on the page; that exception holds only if the media really adds nothing and says
    so (WCAG 1.2.1, 1.2.2, 1.2.3).

    ## Fails
        <p>Keyboard users need…</p> <video src="talk.mp4" controls></video>
        (the video also says more than the text, per the oracle)

    ## Passes
        <p>Keyboard users need… The video below says the same.</p>
        <video src="talk.mp4" controls></video>  (per the oracle)

    ## Limitations
    Whether media is meant as an alternative, and what it says, are for the oracle.
    """

    meta = RuleMeta(
        id="media-alternative-for-text",
        name="Media that is an alternative for text is labelled and adds nothing",
        wcag=("1.2.1", "1.2.2", "1.2.3"),
        act_rules=("ab4d13", "afb423", "fd26cf"),
        impact=Impact.SERIOUS,
        tags=("cat.time-and-media", "wcag2a", "act"),
    )
    media_tag = "video"
    question = MEDIA_ALTERNATIVE_FOR_TEXT
    answered_yes = GOOD_ALTERNATIVE
    answered_no = BAD_ALTERNATIVE

    def applicability(self, page: Page) -> Iterator[Element]:
        """Played audio and visible video, when the page has text they could stand for."""
        if not page_may_hold_alternative(page):
            return
        media = [*page.by_tag("audio"), *page.by_tag("video")]
        for element in sorted(media, key=lambda element: element.order):
            if is_played_audio(page, element) or is_played_video(page, element):
                yield element

    def context(self, page: Page, target: Element) -> str | None:
        """Nothing more to show than the question."""
        return None
