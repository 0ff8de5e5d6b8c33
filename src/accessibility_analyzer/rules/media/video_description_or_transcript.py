"""video-description-or-transcript: what a video shows is in audio description or a transcript."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import VIDEO_HAS_DESCRIPTION_OR_TRANSCRIPT
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.media._media import MediaQuestionRule, tracks

HAS_ALTERNATIVE = Diagnostic.passed(
    "The video's visual information has audio description or a transcript"
)
NO_ALTERNATIVE = Diagnostic.failed(
    "The visual information of a video must be available as audio description or a transcript",
    fix_hint="Describe what is shown in the soundtrack, or add a transcript next to the video.",
)


class VideoDescriptionOrTranscript(MediaQuestionRule):
    """What a video shows must be in audio description or a transcript.

    ## What it checks
    Every visible `<video>` with a source asks the question
    `video-has-description-or-transcript`. Stricter than `video-visual-alternative`: being a
    media alternative for text on the page is not enough. Without an answer, `cantTell`;
    the reason names a `descriptions` track or a transcript link.

    ## Why it matters
    Blind users need what the video shows in a form they can take in (WCAG 1.2.3 Audio
    Description or Media Alternative (Prerecorded), 1.2.5 Audio Description, 1.2.8 Media
    Alternative).

    ## Fails
        <video src="rabbit-wrong-narration.mp4" controls></video>  (per the oracle)

    ## Passes
        <video src="rabbit-with-narration.mp4" controls></video>  (per the oracle)

    ## Limitations
    Only the oracle can tell: the media file is not decoded and linked pages are not read.
    """

    meta = RuleMeta(
        id="video-description-or-transcript",
        name="The visual content of videos has audio description or a transcript",
        wcag=("1.2.3", "1.2.5", "1.2.8"),
        act_rules=("1ec09b",),
        impact=Impact.SERIOUS,
        tags=("cat.time-and-media", "wcag2a", "act"),
    )
    media_tag = "video"
    question = VIDEO_HAS_DESCRIPTION_OR_TRANSCRIPT
    answered_yes = HAS_ALTERNATIVE
    answered_no = NO_ALTERNATIVE

    def context(self, page: Page, target: Element) -> str | None:
        """Name a descriptions track or a transcript link."""
        found = tracks(target, "descriptions")
        if found:
            return f'the video has a descriptions track "{found[0].get("src")}"'
        return super().context(page, target)
