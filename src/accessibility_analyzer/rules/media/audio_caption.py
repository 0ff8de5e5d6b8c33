"""audio-caption: the content of audio is available as text (asks an oracle)."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import AUDIO_HAS_TEXT_ALTERNATIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta, Verdict
from accessibility_analyzer.rules.media._media import MediaQuestionRule, page_may_hold_alternative

HAS_TEXT = Diagnostic.passed("The audio has a text alternative")
NO_TEXT = Diagnostic.failed(
    "The speech and meaningful sounds of audio must be available as text",
    fix_hint="Put a transcript next to the audio, or link to one right beside it.",
)
NOTHING_ON_PAGE = "the page has no text, link or frame that could hold a transcript"


class AudioCaption(MediaQuestionRule):
    """Audio must have a text alternative: a transcript, or text it is an alternative for.

    ## What it checks
    Every `<audio>` with a source that plays (`autoplay`, or visible `controls`). When the
    page has no text outside media elements and no link, frame or object, no transcript can
    exist and the rule fails without asking. Otherwise the question
    `audio-has-text-alternative` decides (a transcript on the page or linked next to the
    audio, or text the audio is a labelled alternative for). Without an answer, `cantTell`.
    Same WCAG criterion as axe-core's (deprecated) `audio-caption`.

    ## Why it matters
    Deaf users get nothing from audio without text (WCAG 1.2.1 Audio-only and Video-only
    (Prerecorded)).

    ## Fails
        <audio src="speech.mp3" controls></audio>  (alone on the page)

    ## Passes
        <audio src="speech.mp3" controls></audio> <p>Transcript: We choose to go to the moon…</p>
        (confirmed by the oracle)

    ## Limitations
    Whether the text matches the audio is for the oracle: the audio is not decoded and
    linked pages are not read. An `<audio>` without `controls` or `autoplay` that a script
    plays is not checked.
    """

    meta = RuleMeta(
        id="audio-caption",
        name="Audio has a text alternative",
        wcag=("1.2.1",),
        act_rules=("e7aa44",),
        impact=Impact.CRITICAL,
        tags=("cat.time-and-media", "wcag2a", "act"),
    )
    media_tag = "audio"
    question = AUDIO_HAS_TEXT_ALTERNATIVE
    answered_yes = HAS_TEXT
    answered_no = NO_TEXT

    def decide(self, page: Page, target: Element) -> Verdict | None:
        """Nothing on the page could be a text alternative: fail."""
        if not page_may_hold_alternative(page):
            return Verdict(NO_TEXT, NOTHING_ON_PAGE)
        return None
