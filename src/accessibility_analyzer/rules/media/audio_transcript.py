"""audio-transcript: audio has a transcript (asks an oracle)."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import AUDIO_HAS_TRANSCRIPT
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta, Verdict
from accessibility_analyzer.rules.media._media import MediaQuestionRule, page_may_hold_alternative

HAS_TRANSCRIPT = Diagnostic.passed("The audio has a transcript")
NO_TRANSCRIPT = Diagnostic.failed(
    "Audio must have a transcript of its speech and meaningful sounds",
    fix_hint="Put a transcript next to the audio, or link to one right beside it.",
)
NOTHING_ON_PAGE = "the page has no text, link or frame that could hold a transcript"


class AudioTranscript(MediaQuestionRule):
    """Audio must have a transcript.

    ## What it checks
    Every `<audio>` with a source that plays (`autoplay`, or visible `controls`). When the
    page has no text outside media elements and no link, frame or object, there is no
    transcript and the rule fails without asking. Otherwise the question
    `audio-has-transcript` decides; the reason names a link that says "transcript". Without
    an answer, `cantTell`.

    ## Why it matters
    A transcript gives deaf users, and anyone who cannot play sound, the content of the
    audio (WCAG 1.2.1 Audio-only and Video-only (Prerecorded)).

    ## Fails
        <audio src="speech.mp3" controls></audio>  (alone on the page)

    ## Passes
        <audio src="speech.mp3" controls></audio> <a href="speech.html">Transcript</a>
        (confirmed by the oracle)

    ## Limitations
    Whether a transcript is complete and visible is for the oracle: the audio is not decoded
    and linked pages are not read.
    """

    meta = RuleMeta(
        id="audio-transcript",
        name="Audio has a transcript",
        wcag=("1.2.1",),
        act_rules=("2eb176",),
        impact=Impact.SERIOUS,
        tags=("cat.time-and-media", "wcag2a", "act"),
    )
    media_tag = "audio"
    question = AUDIO_HAS_TRANSCRIPT
    answered_yes = HAS_TRANSCRIPT
    answered_no = NO_TRANSCRIPT

    def decide(self, page: Page, target: Element) -> Verdict | None:
        """Nothing on the page could be a transcript: fail."""
        if not page_may_hold_alternative(page):
            return Verdict(NO_TRANSCRIPT, NOTHING_ON_PAGE)
        return None
