"""video-auditory-alternative: a video's sound has captions or it stands for text on the page."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import VIDEO_SOUND_HAS_ALTERNATIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta, Verdict
from accessibility_analyzer.rules.media._media import MediaQuestionRule, tracks

HAS_ALTERNATIVE = Diagnostic.passed("The video's sound has an accessible alternative")
NO_ALTERNATIVE = Diagnostic.failed(
    "The speech and meaningful sounds of a video must have captions, unless the video is a "
    "labelled alternative for text on the page",
    fix_hint='Add <track kind="captions" src="…vtt">, or label the video as an alternative '
    "for text the page already shows.",
)


class VideoAuditoryAlternative(MediaQuestionRule):
    """The sound of a video must have captions or be a media alternative for text.

    ## What it checks
    Every visible `<video>` with a source: a `<track kind="captions">` with a `src` passes.
    Otherwise the question `video-sound-has-alternative` decides: captions in the picture, or
    a video labelled as an alternative for text on the page, pass. Without an answer,
    `cantTell`.

    ## Why it matters
    Deaf users cannot hear the video; the captions, or the text the video repeats, give them
    its content (WCAG 1.2.2 Captions (Prerecorded)).

    ## Fails
        <video src="talk.mp4" controls></video>  (when the oracle says nothing carries the sound)

    ## Passes
        <video src="talk.mp4" controls><track kind="captions" src="talk.vtt"></video>

    ## Limitations
    The media file is not decoded and the caption file not read: whether the video has
    sound, and whether the page says the same, are for the oracle.
    """

    meta = RuleMeta(
        id="video-auditory-alternative",
        name="The sound of videos has an accessible alternative",
        wcag=("1.2.2",),
        act_rules=("eac66b",),
        impact=Impact.CRITICAL,
        tags=("cat.time-and-media", "wcag2a", "act"),
    )
    media_tag = "video"
    question = VIDEO_SOUND_HAS_ALTERNATIVE
    answered_yes = HAS_ALTERNATIVE
    answered_no = NO_ALTERNATIVE

    def decide(self, page: Page, target: Element) -> Verdict | None:
        """A captions track passes."""
        found = tracks(target, "captions")
        if found:
            return Verdict(HAS_ALTERNATIVE, f'captions track "{found[0].get("src")}"')
        return None
