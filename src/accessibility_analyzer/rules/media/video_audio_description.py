"""video-audio-description: what a video shows is described in audio (asks an oracle)."""

from __future__ import annotations

from accessibility_analyzer.engine.questions import VIDEO_HAS_AUDIO_DESCRIPTION
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, RuleMeta
from accessibility_analyzer.rules.media._media import MediaQuestionRule

DESCRIBED = Diagnostic.passed("The video's visual information is described in audio")
NOT_DESCRIBED = Diagnostic.failed(
    "The visual information of a video must be available as audio description",
    fix_hint="Provide a version whose soundtrack describes what is shown (or an audio "
    "description track) and link it next to the video.",
)


class VideoAudioDescription(MediaQuestionRule):
    """What a video shows and its sound does not say must be described in audio.

    ## What it checks
    Every visible `<video>` with a source asks the question `video-has-audio-description`:
    the soundtrack (or an alternative audio track) must describe the visual information the
    rest of the sound does not convey. Without an answer, `cantTell`. A
    `<track kind="descriptions">` is text for screen readers, not audio: it is reported in
    the reason, and the oracle decides.

    ## Why it matters
    Blind users hear a video, they do not see it; audio description tells them what happens
    on screen (WCAG 1.2.5 Audio Description (Prerecorded), level AA).

    ## Fails
        <video src="rabbit.mp4" controls></video>  (a silent film with music, no narration)

    ## Passes
        <video src="rabbit-with-narration.mp4" controls></video>  (confirmed by the oracle)

    ## Limitations
    Only the oracle can tell: the media file is not decoded. Videos without sound are not
    told apart (the oracle answers yes for them).
    """

    meta = RuleMeta(
        id="video-audio-description",
        name="Videos have audio description",
        wcag=("1.2.5",),
        act_rules=("1ea59c",),
        impact=Impact.SERIOUS,
        tags=("cat.time-and-media", "wcag2aa", "act"),
    )
    media_tag = "video"
    question = VIDEO_HAS_AUDIO_DESCRIPTION
    answered_yes = DESCRIBED
    answered_no = NOT_DESCRIBED
