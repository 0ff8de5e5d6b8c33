"""video-caption: the speech and sounds of a video are captioned (asks an oracle)."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import VIDEO_HAS_CAPTIONS
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta, Verdict
from accessibility_analyzer.rules.media._media import MediaQuestionRule, tracks

CAPTIONED = Diagnostic.passed("The video has captions")
NOT_CAPTIONED = Diagnostic.failed(
    "The speech and meaningful sounds of a video must be available as captions",
    fix_hint='Add <track kind="captions" src="…vtt" srclang="…"> or captions in the picture.',
)


class VideoCaption(MediaQuestionRule):
    """A video's speech and meaningful sounds must be captioned.

    ## What it checks
    Every visible `<video>` with a source: a `<track kind="captions">` with a `src` passes
    (the captions are there; whether they are right is not checked). Otherwise the question
    `video-has-captions` decides: captions may be burnt into the picture, or the video may
    have no sound. Without an answer, `cantTell`. A `subtitles` track alone is not enough:
    subtitles translate speech and leave out the other sounds.

    ## Why it matters
    Deaf and hard-of-hearing users get a video's sound from its captions (WCAG 1.2.2
    Captions (Prerecorded)).

    ## Fails
        <video src="talk.mp4" controls></video>  (when the oracle says the speech is not captioned)

    ## Passes
        <video src="talk.mp4" controls><track kind="captions" src="talk.vtt"></video>

    ## Limitations
    The media file is not decoded: whether the video has sound, and whether captions are in
    the picture, are for the oracle. The caption file is not read.
    """

    meta = RuleMeta(
        id="video-caption",
        name="Videos have captions",
        wcag=("1.2.2",),
        act_rules=("f51b46",),
        impact=Impact.CRITICAL,
        tags=("cat.time-and-media", "wcag2a", "act"),
    )
    media_tag = "video"
    question = VIDEO_HAS_CAPTIONS
    answered_yes = CAPTIONED
    answered_no = NOT_CAPTIONED

    def decide(self, page: Page, target: Element) -> Verdict | None:
        """A captions track passes."""
        found = tracks(target, "captions")
        if found:
            return Verdict(CAPTIONED, f'captions track "{found[0].get("src")}"')
        return None

    def context(self, page: Page, target: Element) -> str | None:
        """Mention a subtitles track: it does not caption the other sounds."""
        if tracks(target, "subtitles"):
            return "the video has a subtitles track, which leaves out sounds other than speech"
        return None
