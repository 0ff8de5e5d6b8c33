"""video-only-alternative: a video without sound has an accessible alternative (asks)."""

from __future__ import annotations

from accessibility_analyzer.engine.questions import VIDEO_ONLY_HAS_ALTERNATIVE
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.media._media import MediaQuestionRule

HAS_ALTERNATIVE = Diagnostic.passed("The silent video has an accessible alternative")
NO_ALTERNATIVE = Diagnostic.failed(
    "What a video without sound shows must be available as a transcript, an audio track or "
    "text it is an alternative for",
    fix_hint="Add a transcript describing what the video shows next to it.",
)


class VideoOnlyAlternative(MediaQuestionRule):
    """What a video without sound shows must have an accessible alternative.

    ## What it checks
    Every visible `<video>` with a source asks the question `video-only-has-alternative`
    (which covers whether the video has sound at all: a video with sound is
    `video-visual-alternative`'s business, and the answer is yes). Without an answer,
    `cantTell`.

    ## Why it matters
    Blind users get nothing from a silent video without a transcript or an audio
    description (WCAG 1.2.1 Audio-only and Video-only (Prerecorded)).

    ## Fails
        <video src="silent.mp4" controls></video>
        <a href="wrong-transcript.html">Transcript</a>  (per the oracle)

    ## Passes
        <video src="silent.mp4" controls></video> <p>The video shows a rabbit…</p>
        (per the oracle)

    ## Limitations
    Whether the video has sound is not known without decoding it: the oracle answers.
    """

    meta = RuleMeta(
        id="video-only-alternative",
        name="Videos without sound have an accessible alternative",
        wcag=("1.2.1",),
        act_rules=("c3232f",),
        impact=Impact.SERIOUS,
        tags=("cat.time-and-media", "wcag2a", "act"),
    )
    media_tag = "video"
    question = VIDEO_ONLY_HAS_ALTERNATIVE
    answered_yes = HAS_ALTERNATIVE
    answered_no = NO_ALTERNATIVE
