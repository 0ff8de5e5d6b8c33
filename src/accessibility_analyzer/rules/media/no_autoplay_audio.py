"""no-autoplay-audio: sound that starts on its own stops soon or can be controlled."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import AUTOPLAY_AUDIO_CONTROLLED
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.media._media import (
    fragment_seconds,
    has_source,
    plays_sound_on_load,
)

CONTROLLED = Diagnostic.passed("Sound that plays automatically can be paused or stopped")
SHORT = Diagnostic.passed("Sound that plays automatically stops within 3 seconds")
UNCONTROLLED = Diagnostic.failed(
    "Sound that plays automatically for more than 3 seconds must have a way to pause, stop "
    "or turn it down",
    fix_hint="Add the controls attribute (or visible pause and mute buttons), or remove autoplay.",
)
_BRIEF_SECONDS = 3.0


class NoAutoplayAudio(Rule):
    """Audio that plays automatically must stop within 3 seconds or have a control.

    ## What it checks
    Every `<audio>` and `<video>` with a source, `autoplay` and no `muted`. The native
    `controls` attribute passes (a pause button and volume control). A media fragment that
    bounds every source to 3 seconds or less (`#t=0,3`) passes. Otherwise the question
    `autoplay-audio-controlled` decides: does the sound stop within 3 seconds, or does the
    page offer its own pause, stop or volume control, visible, keyboard-usable, named and
    not hidden from assistive technologies? Without an answer, `cantTell`.

    ## Why it matters
    Sound that starts on its own drowns the screen reader a blind user listens to (WCAG
    1.4.2 Audio Control).

    ## Fails
        <audio src="speech.mp3" autoplay></audio>  (when the oracle says it plays on, unstoppable)
        <video id="v" src="intro.mp4" autoplay></video>
        <div aria-hidden="true"><button onclick="v.pause()">Pause</button></div>  (per the oracle)

    ## Passes
        <audio src="speech.mp3" autoplay controls></audio>
        <video src="intro.mp4" autoplay muted></video>  (inapplicable: muted)

    ## Limitations
    The media file is not decoded, so its length is unknown; custom controls written in
    script are judged by the oracle. A script that mutes or pauses the media is not run.
    """

    meta = RuleMeta(
        id="no-autoplay-audio",
        name="Audio that plays automatically can be controlled",
        wcag=("1.4.2",),
        act_rules=("80f0bf", "4c31df"),
        impact=Impact.MODERATE,
        tags=("cat.time-and-media", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Media elements with a source that start playing, unmuted, on load."""
        media = [*page.by_tag("audio"), *page.by_tag("video")]
        for element in sorted(media, key=lambda element: element.order):
            if element.is_html and has_source(element) and plays_sound_on_load(element):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """Native controls or a short fragment pass; otherwise ask."""
        if target.has("controls"):
            return Verdict(CONTROLLED, "the element has the controls attribute")
        seconds = fragment_seconds(target)
        if seconds is not None and seconds <= _BRIEF_SECONDS:
            return Verdict(SHORT, f"the media fragment plays {seconds:g} s")
        return self.ask(
            oracle, AUTOPLAY_AUDIO_CONTROLLED, page, target, yes=CONTROLLED, no=UNCONTROLLED
        )
