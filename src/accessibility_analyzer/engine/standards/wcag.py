# Source: Web Content Accessibility Guidelines (WCAG) 2.2, W3C Recommendation
# 12 December 2024, https://www.w3.org/TR/WCAG22/ (4.1.1 Parsing is obsolete and removed
# in 2.2; it is kept here, marked obsolete, so results of older tools still resolve).
"""Every WCAG 2.2 success criterion: number, title, level, principle and guideline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

PRINCIPLES: Mapping[str, str] = MappingProxyType(
    {"1": "Perceivable", "2": "Operable", "3": "Understandable", "4": "Robust"}
)

GUIDELINES: Mapping[str, str] = MappingProxyType(
    {
        "1.1": "Text Alternatives",
        "1.2": "Time-based Media",
        "1.3": "Adaptable",
        "1.4": "Distinguishable",
        "2.1": "Keyboard Accessible",
        "2.2": "Enough Time",
        "2.3": "Seizures and Physical Reactions",
        "2.4": "Navigable",
        "2.5": "Input Modalities",
        "3.1": "Readable",
        "3.2": "Predictable",
        "3.3": "Input Assistance",
        "4.1": "Compatible",
    }
)


@dataclass(frozen=True)
class SuccessCriterion:
    """One WCAG success criterion.

    Attributes:
        number: ``1.1.1``.
        title: ``Non-text Content``.
        level: ``A``, ``AA`` or ``AAA``.
        principle: ``Perceivable``, ``Operable``, ``Understandable`` or ``Robust``.
        guideline: ``1.1 Text Alternatives``.
        obsolete: removed from WCAG 2.2 (only 4.1.1 Parsing).
        new_in_2_2: added by WCAG 2.2.
    """

    number: str
    title: str
    level: str
    principle: str
    guideline: str
    obsolete: bool = False
    new_in_2_2: bool = False


_ROWS: tuple[tuple[str, str, str], ...] = (
    ("1.1.1", "Non-text Content", "A"),
    ("1.2.1", "Audio-only and Video-only (Prerecorded)", "A"),
    ("1.2.2", "Captions (Prerecorded)", "A"),
    ("1.2.3", "Audio Description or Media Alternative (Prerecorded)", "A"),
    ("1.2.4", "Captions (Live)", "AA"),
    ("1.2.5", "Audio Description (Prerecorded)", "AA"),
    ("1.2.6", "Sign Language (Prerecorded)", "AAA"),
    ("1.2.7", "Extended Audio Description (Prerecorded)", "AAA"),
    ("1.2.8", "Media Alternative (Prerecorded)", "AAA"),
    ("1.2.9", "Audio-only (Live)", "AAA"),
    ("1.3.1", "Info and Relationships", "A"),
    ("1.3.2", "Meaningful Sequence", "A"),
    ("1.3.3", "Sensory Characteristics", "A"),
    ("1.3.4", "Orientation", "AA"),
    ("1.3.5", "Identify Input Purpose", "AA"),
    ("1.3.6", "Identify Purpose", "AAA"),
    ("1.4.1", "Use of Color", "A"),
    ("1.4.2", "Audio Control", "A"),
    ("1.4.3", "Contrast (Minimum)", "AA"),
    ("1.4.4", "Resize Text", "AA"),
    ("1.4.5", "Images of Text", "AA"),
    ("1.4.6", "Contrast (Enhanced)", "AAA"),
    ("1.4.7", "Low or No Background Audio", "AAA"),
    ("1.4.8", "Visual Presentation", "AAA"),
    ("1.4.9", "Images of Text (No Exception)", "AAA"),
    ("1.4.10", "Reflow", "AA"),
    ("1.4.11", "Non-text Contrast", "AA"),
    ("1.4.12", "Text Spacing", "AA"),
    ("1.4.13", "Content on Hover or Focus", "AA"),
    ("2.1.1", "Keyboard", "A"),
    ("2.1.2", "No Keyboard Trap", "A"),
    ("2.1.3", "Keyboard (No Exception)", "AAA"),
    ("2.1.4", "Character Key Shortcuts", "A"),
    ("2.2.1", "Timing Adjustable", "A"),
    ("2.2.2", "Pause, Stop, Hide", "A"),
    ("2.2.3", "No Timing", "AAA"),
    ("2.2.4", "Interruptions", "AAA"),
    ("2.2.5", "Re-authenticating", "AAA"),
    ("2.2.6", "Timeouts", "AAA"),
    ("2.3.1", "Three Flashes or Below Threshold", "A"),
    ("2.3.2", "Three Flashes", "AAA"),
    ("2.3.3", "Animation from Interactions", "AAA"),
    ("2.4.1", "Bypass Blocks", "A"),
    ("2.4.2", "Page Titled", "A"),
    ("2.4.3", "Focus Order", "A"),
    ("2.4.4", "Link Purpose (In Context)", "A"),
    ("2.4.5", "Multiple Ways", "AA"),
    ("2.4.6", "Headings and Labels", "AA"),
    ("2.4.7", "Focus Visible", "AA"),
    ("2.4.8", "Location", "AAA"),
    ("2.4.9", "Link Purpose (Link Only)", "AAA"),
    ("2.4.10", "Section Headings", "AAA"),
    ("2.4.11", "Focus Not Obscured (Minimum)", "AA"),
    ("2.4.12", "Focus Not Obscured (Enhanced)", "AAA"),
    ("2.4.13", "Focus Appearance", "AAA"),
    ("2.5.1", "Pointer Gestures", "A"),
    ("2.5.2", "Pointer Cancellation", "A"),
    ("2.5.3", "Label in Name", "A"),
    ("2.5.4", "Motion Actuation", "A"),
    ("2.5.5", "Target Size (Enhanced)", "AAA"),
    ("2.5.6", "Concurrent Input Mechanisms", "AAA"),
    ("2.5.7", "Dragging Movements", "AA"),
    ("2.5.8", "Target Size (Minimum)", "AA"),
    ("3.1.1", "Language of Page", "A"),
    ("3.1.2", "Language of Parts", "AA"),
    ("3.1.3", "Unusual Words", "AAA"),
    ("3.1.4", "Abbreviations", "AAA"),
    ("3.1.5", "Reading Level", "AAA"),
    ("3.1.6", "Pronunciation", "AAA"),
    ("3.2.1", "On Focus", "A"),
    ("3.2.2", "On Input", "A"),
    ("3.2.3", "Consistent Navigation", "AA"),
    ("3.2.4", "Consistent Identification", "AA"),
    ("3.2.5", "Change on Request", "AAA"),
    ("3.2.6", "Consistent Help", "A"),
    ("3.3.1", "Error Identification", "A"),
    ("3.3.2", "Labels or Instructions", "A"),
    ("3.3.3", "Error Suggestion", "AA"),
    ("3.3.4", "Error Prevention (Legal, Financial, Data)", "AA"),
    ("3.3.5", "Help", "AAA"),
    ("3.3.6", "Error Prevention (All)", "AAA"),
    ("3.3.7", "Redundant Entry", "A"),
    ("3.3.8", "Accessible Authentication (Minimum)", "AA"),
    ("3.3.9", "Accessible Authentication (Enhanced)", "AAA"),
    ("4.1.1", "Parsing", "A"),
    ("4.1.2", "Name, Role, Value", "A"),
    ("4.1.3", "Status Messages", "AA"),
)

NEW_IN_2_2: frozenset[str] = frozenset(
    {"2.4.11", "2.4.12", "2.4.13", "2.5.7", "2.5.8", "3.2.6", "3.3.7", "3.3.8", "3.3.9"}
)
OBSOLETE: frozenset[str] = frozenset({"4.1.1"})


def _criterion(number: str, title: str, level: str) -> SuccessCriterion:
    principle, guideline = number.split(".", 1)[0], ".".join(number.split(".")[:2])
    return SuccessCriterion(
        number=number,
        title=title,
        level=level,
        principle=PRINCIPLES[principle],
        guideline=f"{guideline} {GUIDELINES[guideline]}",
        obsolete=number in OBSOLETE,
        new_in_2_2=number in NEW_IN_2_2,
    )


SUCCESS_CRITERIA: Mapping[str, SuccessCriterion] = MappingProxyType(
    {number: _criterion(number, title, level) for number, title, level in _ROWS}
)
