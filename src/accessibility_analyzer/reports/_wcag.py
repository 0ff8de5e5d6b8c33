"""WCAG 2.2 success criteria as reports name them: number, short id, title, level, principle.

Source: https://www.w3.org/TR/WCAG22/ (the ``id`` is the anchor of each criterion there, which
the ACT implementation reports write as ``WCAG2:<id>``). Reports only need this lookup; the
engine's own criterion table belongs to ``engine/standards``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Principle(StrEnum):
    """The four WCAG principles, plus a bucket for best-practice rules without a criterion."""

    PERCEIVABLE = "perceivable"
    OPERABLE = "operable"
    UNDERSTANDABLE = "understandable"
    ROBUST = "robust"
    BEST_PRACTICE = "bestPractice"

    @property
    def label(self) -> str:
        """The principle's name as a person reads it."""
        return _PRINCIPLE_LABELS[self]


_PRINCIPLE_LABELS = {
    Principle.PERCEIVABLE: "Perceivable",
    Principle.OPERABLE: "Operable",
    Principle.UNDERSTANDABLE: "Understandable",
    Principle.ROBUST: "Robust",
    Principle.BEST_PRACTICE: "Best practice (no WCAG criterion)",
}
_PRINCIPLE_BY_DIGIT = {
    "1": Principle.PERCEIVABLE,
    "2": Principle.OPERABLE,
    "3": Principle.UNDERSTANDABLE,
    "4": Principle.ROBUST,
}


class Criterion(NamedTuple):
    """One success criterion."""

    number: str
    id: str
    title: str
    level: str


_CRITERIA = (
    Criterion("1.1.1", "non-text-content", "Non-text Content", "A"),
    Criterion(
        "1.2.1",
        "audio-only-and-video-only-prerecorded",
        "Audio-only and Video-only (Prerecorded)",
        "A",
    ),
    Criterion("1.2.2", "captions-prerecorded", "Captions (Prerecorded)", "A"),
    Criterion(
        "1.2.3",
        "audio-description-or-media-alternative-prerecorded",
        "Audio Description or Media Alternative (Prerecorded)",
        "A",
    ),
    Criterion("1.2.4", "captions-live", "Captions (Live)", "AA"),
    Criterion("1.2.5", "audio-description-prerecorded", "Audio Description (Prerecorded)", "AA"),
    Criterion("1.2.6", "sign-language-prerecorded", "Sign Language (Prerecorded)", "AAA"),
    Criterion(
        "1.2.7",
        "extended-audio-description-prerecorded",
        "Extended Audio Description (Prerecorded)",
        "AAA",
    ),
    Criterion("1.2.8", "media-alternative-prerecorded", "Media Alternative (Prerecorded)", "AAA"),
    Criterion("1.2.9", "audio-only-live", "Audio-only (Live)", "AAA"),
    Criterion("1.3.1", "info-and-relationships", "Info and Relationships", "A"),
    Criterion("1.3.2", "meaningful-sequence", "Meaningful Sequence", "A"),
    Criterion("1.3.3", "sensory-characteristics", "Sensory Characteristics", "A"),
    Criterion("1.3.4", "orientation", "Orientation", "AA"),
    Criterion("1.3.5", "identify-input-purpose", "Identify Input Purpose", "AA"),
    Criterion("1.3.6", "identify-purpose", "Identify Purpose", "AAA"),
    Criterion("1.4.1", "use-of-color", "Use of Color", "A"),
    Criterion("1.4.2", "audio-control", "Audio Control", "A"),
    Criterion("1.4.3", "contrast-minimum", "Contrast (Minimum)", "AA"),
    Criterion("1.4.4", "resize-text", "Resize Text", "AA"),
    Criterion("1.4.5", "images-of-text", "Images of Text", "AA"),
    Criterion("1.4.6", "contrast-enhanced", "Contrast (Enhanced)", "AAA"),
    Criterion("1.4.7", "low-or-no-background-audio", "Low or No Background Audio", "AAA"),
    Criterion("1.4.8", "visual-presentation", "Visual Presentation", "AAA"),
    Criterion("1.4.9", "images-of-text-no-exception", "Images of Text (No Exception)", "AAA"),
    Criterion("1.4.10", "reflow", "Reflow", "AA"),
    Criterion("1.4.11", "non-text-contrast", "Non-text Contrast", "AA"),
    Criterion("1.4.12", "text-spacing", "Text Spacing", "AA"),
    Criterion("1.4.13", "content-on-hover-or-focus", "Content on Hover or Focus", "AA"),
    Criterion("2.1.1", "keyboard", "Keyboard", "A"),
    Criterion("2.1.2", "no-keyboard-trap", "No Keyboard Trap", "A"),
    Criterion("2.1.3", "keyboard-no-exception", "Keyboard (No Exception)", "AAA"),
    Criterion("2.1.4", "character-key-shortcuts", "Character Key Shortcuts", "A"),
    Criterion("2.2.1", "timing-adjustable", "Timing Adjustable", "A"),
    Criterion("2.2.2", "pause-stop-hide", "Pause, Stop, Hide", "A"),
    Criterion("2.2.3", "no-timing", "No Timing", "AAA"),
    Criterion("2.2.4", "interruptions", "Interruptions", "AAA"),
    Criterion("2.2.5", "re-authenticating", "Re-authenticating", "AAA"),
    Criterion("2.2.6", "timeouts", "Timeouts", "AAA"),
    Criterion("2.3.1", "three-flashes-or-below-threshold", "Three Flashes or Below Threshold", "A"),
    Criterion("2.3.2", "three-flashes", "Three Flashes", "AAA"),
    Criterion("2.3.3", "animation-from-interactions", "Animation from Interactions", "AAA"),
    Criterion("2.4.1", "bypass-blocks", "Bypass Blocks", "A"),
    Criterion("2.4.2", "page-titled", "Page Titled", "A"),
    Criterion("2.4.3", "focus-order", "Focus Order", "A"),
    Criterion("2.4.4", "link-purpose-in-context", "Link Purpose (In Context)", "A"),
    Criterion("2.4.5", "multiple-ways", "Multiple Ways", "AA"),
    Criterion("2.4.6", "headings-and-labels", "Headings and Labels", "AA"),
    Criterion("2.4.7", "focus-visible", "Focus Visible", "AA"),
    Criterion("2.4.8", "location", "Location", "AAA"),
    Criterion("2.4.9", "link-purpose-link-only", "Link Purpose (Link Only)", "AAA"),
    Criterion("2.4.10", "section-headings", "Section Headings", "AAA"),
    Criterion("2.4.11", "focus-not-obscured-minimum", "Focus Not Obscured (Minimum)", "AA"),
    Criterion("2.4.12", "focus-not-obscured-enhanced", "Focus Not Obscured (Enhanced)", "AAA"),
    Criterion("2.4.13", "focus-appearance", "Focus Appearance", "AAA"),
    Criterion("2.5.1", "pointer-gestures", "Pointer Gestures", "A"),
    Criterion("2.5.2", "pointer-cancellation", "Pointer Cancellation", "A"),
    Criterion("2.5.3", "label-in-name", "Label in Name", "A"),
    Criterion("2.5.4", "motion-actuation", "Motion Actuation", "A"),
    Criterion("2.5.5", "target-size-enhanced", "Target Size (Enhanced)", "AAA"),
    Criterion("2.5.6", "concurrent-input-mechanisms", "Concurrent Input Mechanisms", "AAA"),
    Criterion("2.5.7", "dragging-movements", "Dragging Movements", "AA"),
    Criterion("2.5.8", "target-size-minimum", "Target Size (Minimum)", "AA"),
    Criterion("3.1.1", "language-of-page", "Language of Page", "A"),
    Criterion("3.1.2", "language-of-parts", "Language of Parts", "AA"),
    Criterion("3.1.3", "unusual-words", "Unusual Words", "AAA"),
    Criterion("3.1.4", "abbreviations", "Abbreviations", "AAA"),
    Criterion("3.1.5", "reading-level", "Reading Level", "AAA"),
    Criterion("3.1.6", "pronunciation", "Pronunciation", "AAA"),
    Criterion("3.2.1", "on-focus", "On Focus", "A"),
    Criterion("3.2.2", "on-input", "On Input", "A"),
    Criterion("3.2.3", "consistent-navigation", "Consistent Navigation", "AA"),
    Criterion("3.2.4", "consistent-identification", "Consistent Identification", "AA"),
    Criterion("3.2.5", "change-on-request", "Change on Request", "AAA"),
    Criterion("3.2.6", "consistent-help", "Consistent Help", "A"),
    Criterion("3.3.1", "error-identification", "Error Identification", "A"),
    Criterion("3.3.2", "labels-or-instructions", "Labels or Instructions", "A"),
    Criterion("3.3.3", "error-suggestion", "Error Suggestion", "AA"),
    Criterion(
        "3.3.4",
        "error-prevention-legal-financial-data",
        "Error Prevention (Legal, Financial, Data)",
        "AA",
    ),
    Criterion("3.3.5", "help", "Help", "AAA"),
    Criterion("3.3.6", "error-prevention-all", "Error Prevention (All)", "AAA"),
    Criterion("3.3.7", "redundant-entry", "Redundant Entry", "A"),
    Criterion(
        "3.3.8", "accessible-authentication-minimum", "Accessible Authentication (Minimum)", "AA"
    ),
    Criterion(
        "3.3.9", "accessible-authentication-enhanced", "Accessible Authentication (Enhanced)", "AAA"
    ),
    Criterion("4.1.1", "parsing", "Parsing (obsolete in WCAG 2.2)", "A"),
    Criterion("4.1.2", "name-role-value", "Name, Role, Value", "A"),
    Criterion("4.1.3", "status-messages", "Status Messages", "AA"),
)
CRITERIA: dict[str, Criterion] = {criterion.number: criterion for criterion in _CRITERIA}


def principle_of(sc: str) -> Principle:
    """The principle a success criterion belongs to: the first digit of its number.

    Args:
        sc: a criterion number such as ``"1.4.3"``.

    Returns:
        The principle, or ``Principle.BEST_PRACTICE`` for a value that is not a criterion
        number of WCAG 2.
    """
    return _PRINCIPLE_BY_DIGIT.get(sc.partition(".")[0], Principle.BEST_PRACTICE)


def principles_of(wcag: tuple[str, ...]) -> tuple[Principle, ...]:
    """The distinct principles of a rule's or finding's criteria, in WCAG order.

    A finding without criteria (a best-practice rule) is ``(Principle.BEST_PRACTICE,)``.
    """
    found = {principle_of(sc) for sc in wcag}
    return tuple(p for p in Principle if p in found) or (Principle.BEST_PRACTICE,)


def describe(sc: str) -> str:
    """``"1.4.3 Contrast (Minimum) (AA)"`` for a known criterion, the number alone otherwise."""
    criterion = CRITERIA.get(sc)
    if criterion is None:
        return sc
    return f"{criterion.number} {criterion.title} ({criterion.level})"
