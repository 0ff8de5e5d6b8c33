"""video-only-transcript: a video without sound has a transcript (asks an oracle)."""

from __future__ import annotations

from accessibility_analyzer.engine.questions import VIDEO_ONLY_HAS_EXPOSED_TRANSCRIPT
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.media._media import MediaQuestionRule

HAS_TRANSCRIPT = Diagnostic.passed("The silent video has a transcript")
NO_TRANSCRIPT = Diagnostic.failed(
    "A video without sound must have a transcript of what it shows",
    fix_hint="Put a transcript describing what the video shows next to it, or link to one.",
)


class VideoOnlyTranscript(MediaQuestionRule):
    """A video without sound must have a transcript.

    ## What it checks
    Every visible `<video>` with a source asks the question
    `video-only-has-exposed-transcript` (a video with sound answers yes): is there a
    transcript assistive technologies can read, on the page or linked? It may be off
    screen; hidden with `aria-hidden` it does not count. The reason names a transcript link.
    Without an answer, `cantTell`.

    ## Why it matters
    A transcript serves blind and deaf-blind users (WCAG 1.2.8 Media Alternative
    (Prerecorded), level AAA).

    ## Fails
        <video src="silent.mp4" controls></video> <p>The video shows a dog…</p>
        (it shows a rabbit, per the oracle)
        <video src="silent.mp4" controls></video>
        <p aria-hidden="true">The video shows a rabbit…</p>  (per the oracle)

    ## Passes
        <video src="silent.mp4" controls></video> <p>The video shows a rabbit…</p>
        <video src="silent.mp4" controls></video>
        <p style="position: absolute; left: -9999px">The video shows a rabbit…</p>
        (per the oracle)

    ## Limitations
    Whether the video has sound, and whether the text describes it, are for the oracle.
    """

    meta = RuleMeta(
        id="video-only-transcript",
        name="Videos without sound have a transcript",
        wcag=("1.2.8",),
        act_rules=("ee13b5",),
        impact=Impact.MODERATE,
        tags=("cat.time-and-media", "wcag2aaa", "act"),
    )
    media_tag = "video"
    question = VIDEO_ONLY_HAS_EXPOSED_TRANSCRIPT
    answered_yes = HAS_TRANSCRIPT
    answered_no = NO_TRANSCRIPT
