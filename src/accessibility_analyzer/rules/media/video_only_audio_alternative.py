"""video-only-audio-alternative: a video without sound has an audio alternative (asks)."""

from __future__ import annotations

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import VIDEO_ONLY_HAS_AUDIO_ALTERNATIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.media._media import MediaQuestionRule, is_played_audio

HAS_AUDIO = Diagnostic.passed("The silent video has an audio alternative")
NO_AUDIO = Diagnostic.failed(
    "What a video without sound shows must be available as audio",
    fix_hint="Add an audio track (or an <audio> next to the video) describing what it shows.",
)


class VideoOnlyAudioAlternative(MediaQuestionRule):
    """What a video without sound shows must be available as audio.

    ## What it checks
    Every visible `<video>` with a source asks the question
    `video-only-has-audio-alternative` (a video with sound answers yes); the reason names
    an `<audio>` the page plays. Without an answer, `cantTell`.

    ## Why it matters
    An audio alternative lets blind users follow a silent video (WCAG 1.2.1 Audio-only and
    Video-only (Prerecorded)).

    ## Fails
        <video src="silent.mp4" controls></video>  (per the oracle)

    ## Passes
        <video src="silent.mp4" controls></video>
        <audio src="description.mp3" controls></audio>  (per the oracle)

    ## Limitations
    Whether the video has sound, and what the audio says, are for the oracle.
    """

    meta = RuleMeta(
        id="video-only-audio-alternative",
        name="Videos without sound have an audio alternative",
        wcag=("1.2.1",),
        act_rules=("d7ba54",),
        impact=Impact.MODERATE,
        tags=("cat.time-and-media", "wcag2a", "act"),
    )
    media_tag = "video"
    question = VIDEO_ONLY_HAS_AUDIO_ALTERNATIVE
    answered_yes = HAS_AUDIO
    answered_no = NO_AUDIO

    def context(self, page: Page, target: Element) -> str | None:
        """Name an audio element the page plays."""
        for audio in page.by_tag("audio"):
            if is_played_audio(page, audio):
                return "the page has an <audio> element: does it describe the video?"
        return None
