"""video-transcript: a video has a transcript of what it shows and says (asks an oracle)."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import VIDEO_HAS_TRANSCRIPT
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta, Verdict
from accessibility_analyzer.rules.media._media import MediaQuestionRule, page_may_hold_alternative

HAS_TRANSCRIPT = Diagnostic.passed("The video has a transcript")
NO_TRANSCRIPT = Diagnostic.failed(
    "A video must have a transcript of its visual information and its sound",
    fix_hint="Put a transcript (what is shown and what is said) next to the video, or link "
    "to one right beside it.",
)
NOTHING_ON_PAGE = "the page has no text, link or frame that could hold a transcript"


class VideoTranscript(MediaQuestionRule):
    """A video must have a transcript of its visual and auditory content.

    ## What it checks
    Every visible `<video>` with a source. When the page has no text outside media
    elements and no link, frame or object, there is no transcript and the rule fails without
    asking. Otherwise the question `video-has-transcript` decides: is there a complete
    transcript assistive technologies can read, on the page or linked? It may be off screen;
    hidden with `aria-hidden` it does not count. Without an answer, `cantTell`.

    ## Why it matters
    A transcript serves deaf-blind users and anyone who cannot watch or listen (WCAG 1.2.8
    Media Alternative (Prerecorded), level AAA).

    ## Fails
        <video src="rabbit.mp4" controls></video>  (alone on the page)

    ## Passes
        <video src="rabbit.mp4" controls></video> <p>The video shows a rabbit climbing out of…</p>
        (confirmed by the oracle)

    ## Limitations
    Whether the text matches the video is for the oracle: the media file is not decoded and
    linked pages are not read.
    """

    meta = RuleMeta(
        id="video-transcript",
        name="Videos have a transcript",
        wcag=("1.2.8",),
        act_rules=("1a02b0",),
        impact=Impact.MODERATE,
        tags=("cat.time-and-media", "wcag2aaa", "act"),
    )
    media_tag = "video"
    question = VIDEO_HAS_TRANSCRIPT
    answered_yes = HAS_TRANSCRIPT
    answered_no = NO_TRANSCRIPT

    def decide(self, page: Page, target: Element) -> Verdict | None:
        """Nothing on the page could be a transcript: fail."""
        if not page_may_hold_alternative(page):
            return Verdict(NO_TRANSCRIPT, NOTHING_ON_PAGE)
        return None
