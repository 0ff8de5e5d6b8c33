"""video-visual-alternative: what a video shows has an accessible alternative (asks an oracle)."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import VIDEO_VISUALS_HAVE_ALTERNATIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.media._media import MediaQuestionRule, tracks

HAS_ALTERNATIVE = Diagnostic.passed("The video's visual information has an accessible alternative")
NO_ALTERNATIVE = Diagnostic.failed(
    "The visual information of a video must be available as audio description, a "
    "transcript, or text the video is an alternative for",
    fix_hint="Describe what is shown in the soundtrack, or add a transcript next to the video.",
)


class VideoVisualAlternative(MediaQuestionRule):
    """What a video shows must be available to people who cannot see it.

    ## What it checks
    Every visible `<video>` with a source asks the question
    `video-visuals-have-alternative`: audio description, a transcript on the page or linked
    next to the video, or a labelled media alternative for text on the page passes. Without
    an answer, `cantTell`; the reason names a `descriptions` track or a transcript link when
    the page has one.

    ## Why it matters
    Blind users need another way to get what the video shows (WCAG 1.2.3 Audio Description
    or Media Alternative (Prerecorded)).

    ## Fails
        <video src="rabbit.mp4" controls></video>  (no narration and nothing on the page)

    ## Passes
        <video src="rabbit.mp4" controls></video>
        <a href="rabbit-transcript.html">Transcript</a>  (confirmed by the oracle)

    ## Limitations
    Only the oracle can tell: the media file is not decoded and linked pages are not read.
    """

    meta = RuleMeta(
        id="video-visual-alternative",
        name="The visual content of videos has an accessible alternative",
        wcag=("1.2.3",),
        act_rules=("c5a4ea",),
        impact=Impact.SERIOUS,
        tags=("cat.time-and-media", "wcag2a", "act"),
    )
    media_tag = "video"
    question = VIDEO_VISUALS_HAVE_ALTERNATIVE
    answered_yes = HAS_ALTERNATIVE
    answered_no = NO_ALTERNATIVE

    def context(self, page: Page, target: Element) -> str | None:
        """Name a descriptions track or a transcript link."""
        found = tracks(target, "descriptions")
        if found:
            return f'the video has a descriptions track "{found[0].get("src")}"'
        return super().context(page, target)
