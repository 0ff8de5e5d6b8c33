"""autoplay-audio-brief: media that plays on its own plays no sound for more than 3 seconds."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.questions import AUTOPLAY_AUDIO_LONG
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules.media._media import (
    fragment_seconds,
    has_source,
    plays_sound_on_load,
)

BRIEF = Diagnostic.passed("Media that plays automatically plays at most 3 seconds of sound")
TOO_LONG = Diagnostic.failed(
    "Media that plays automatically must not play sound for more than 3 seconds",
    fix_hint="Remove autoplay (let users start it), add muted, or shorten the sound to 3 seconds.",
)
_BRIEF_SECONDS = 3.0


class AutoplayAudioBrief(Rule):
    """Media that plays automatically must not play sound for more than 3 seconds.

    ## What it checks
    Every `<audio>` and `<video>` with a source, `autoplay` and no `muted`: a media fragment
    that bounds every source to 3 seconds or less (`#t=10,12`) passes. Otherwise the
    question `autoplay-audio-long` decides (a yes fails). Without an answer, `cantTell`.
    Stricter than `no-autoplay-audio`: a control does not make long sound pass.

    ## Why it matters
    A screen-reader user hears the page through sound: any longer sound that starts on its
    own competes with it before they can find a control (WCAG 1.4.2 Audio Control, its
    sufficient technique G60).

    ## Fails
        <audio src="speech.mp3" autoplay controls></audio>  (a 40 s speech, per the oracle)

    ## Passes
        <audio src="chime.mp3#t=0,2" autoplay></audio>

    ## Limitations
    The media file is not decoded, so its length is unknown unless a media fragment bounds
    it; silence in the file is for the oracle.
    """

    meta = RuleMeta(
        id="autoplay-audio-brief",
        name="Media that plays automatically plays no sound for more than 3 seconds",
        wcag=("1.4.2",),
        act_rules=("aaa1bf",),
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
        """A short fragment passes; otherwise ask how long the sound lasts."""
        seconds = fragment_seconds(target)
        if seconds is not None and seconds <= _BRIEF_SECONDS:
            return Verdict(BRIEF, f"the media fragment plays {seconds:g} s")
        return self.ask(oracle, AUTOPLAY_AUDIO_LONG, page, target, yes=TOO_LONG, no=BRIEF)
