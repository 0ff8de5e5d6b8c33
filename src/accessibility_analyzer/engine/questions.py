"""The catalog of judgement questions rules may ask (Siteimprove Alfa's "questions as values").

A rule that cannot decide from the markup asks one of these questions about its target. The
question travels on the ``cantTell`` finding (``Finding.question``); whoever answers it later
(a person, or the LLM oracle in a job) answers *this* wording, and the page is re-checked with
the answers (:class:`~accessibility_analyzer.engine.oracle.AnswerTable`), so the rule, not the
answerer, decides the outcome. Every question a rule asks must be listed here (a test checks
it): the catalog is what an oracle implementation promises to understand.

Attributes of a question:
    id: stable kebab-case id; part of answer cache keys, never reused for another meaning.
    text: the question as a person (or a model) reads it; a yes/no question.
    subject: ``element`` (about the target element) or ``page`` (about the whole page).
    needs_image: the answer depends on the image's pixels; an oracle that can see images
        should be shown the image when the upload holds it.
    version: bumped when the wording changes meaning, so cached answers are not reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Subject(StrEnum):
    """What a question is about."""

    ELEMENT = "element"
    PAGE = "page"


@dataclass(frozen=True, kw_only=True)
class Question:
    """A named yes/no question a rule asks when the markup cannot decide."""

    id: str
    text: str
    subject: Subject = Subject.ELEMENT
    needs_image: bool = False
    version: int = 1


IMAGE_CONTAINS_TEXT = Question(
    id="image-contains-text",
    text=(
        "Does this image show text that matters to its meaning, is not available as real text "
        "on the page, and whose visual presentation is not essential (as a logo is)?"
    ),
    needs_image=True,
)
IMAGE_IS_DECORATIVE = Question(
    id="image-is-decorative",
    text=(
        "Is this image pure decoration, so that removing it would not lose any information "
        "or function?"
    ),
    needs_image=True,
)
ALT_IS_DESCRIPTIVE = Question(
    id="alt-is-descriptive",
    text="Does the accessible name of this image serve the same purpose as the image itself?",
    needs_image=True,
)
LANGUAGE_MATCHES = Question(
    id="lang-matches-content",
    text=(
        "Is the primary language of this element's lang attribute the language most of the "
        "text that inherits it is written in?"
    ),
)
TITLE_IS_DESCRIPTIVE = Question(
    id="title-is-descriptive",
    text="Does the page title describe the topic or purpose of the page's content?",
    subject=Subject.PAGE,
)
PAGE_LANGUAGE_MATCHES = Question(
    id="page-language-matches",
    text=(
        "Is the primary language of the <html> element's lang attribute the language most of "
        "the page's text is written in?"
    ),
    subject=Subject.PAGE,
)

MAIN_CONTENT_FIRST = Question(
    id="main-content-first",
    text=(
        "Does the page begin with its own main content, rather than with blocks repeated on "
        "other pages (navigation, banners, side notes) that users would have to go through?"
    ),
    subject=Subject.PAGE,
)
# Repeated blocks (ACT 047fe0, b40fd1, ye5d6e, 3e12e1): which blocks repeat on other pages
# is known only from those pages, so a person answers about the page as a whole.
OWN_CONTENT_HAS_HEADING = Question(
    id="own-content-has-heading",
    text=(
        "Does the page's own content (what follows the blocks repeated on other pages, such as "
        "navigation, banners and side notes) contain a visible heading? Answer yes if no such "
        "block comes before the page's own content."
    ),
    subject=Subject.PAGE,
)
OWN_CONTENT_IN_LANDMARK = Question(
    id="own-content-in-landmark",
    text=(
        "Does a landmark of this page (main, region, form...) begin with the page's own "
        "content, not with a block repeated on other pages (navigation, banners, side notes)? "
        "Answer yes if no such block comes before the page's own content."
    ),
    subject=Subject.PAGE,
)
SKIP_TO_OWN_CONTENT = Question(
    id="skip-to-own-content",
    text=(
        "Does a link or another control of this page move keyboard focus to the page's own "
        "content, past the blocks repeated on other pages (navigation, banners, side notes)? "
        "Answer yes if no such block comes before the page's own content."
    ),
    subject=Subject.PAGE,
)
REPEATED_BLOCKS_COLLAPSIBLE = Question(
    id="repeated-blocks-collapsible",
    text=(
        "Can each block repeated on other pages that comes before the page's own content "
        "(navigation, banners, side notes) be collapsed with a control of the page, so that it "
        "is both hidden from view and removed from what screen readers read? Answer yes if no "
        "such block comes before the page's own content."
    ),
    subject=Subject.PAGE,
)
LINKS_SAME_PURPOSE = Question(
    id="links-same-purpose",
    text=(
        "These links have the same accessible name but different targets: do they lead to "
        "resources that serve the same purpose (the same content, or equivalent pages)?"
    ),
)

# WCAG 2.4.4 (ACT fd3a94): in one context, different targets fail only when sighted users
# can tell them apart and screen-reader users cannot.
LINKS_SAME_PURPOSE_IN_CONTEXT = Question(
    id="links-same-purpose-in-context",
    text=(
        "These links have the same accessible name and the same context but different "
        "targets: do they lead to resources that serve the same purpose (the same content, or "
        "equivalent pages)? Answer yes also if nothing visible on the page (icons, images, "
        "their position, words next to each link) tells sighted users which link is which."
    ),
)

# Media: what only watching or listening can tell (the engine does not decode media files).
VIDEO_HAS_CAPTIONS = Question(
    id="video-has-captions",
    text=(
        "Is all the speech and meaningful sound of this video available as captions (shown in "
        "the picture or through a captions track)? Answer yes if the video has no sound."
    ),
)
VIDEO_SOUND_HAS_ALTERNATIVE = Question(
    id="video-sound-has-alternative",
    text=(
        "Is all the speech and meaningful sound of this video available as captions, or is the "
        "video clearly labelled as a media alternative for text on the page that says the same? "
        "Answer yes if the video has no sound."
    ),
)
VIDEO_HAS_AUDIO_DESCRIPTION = Question(
    id="video-has-audio-description",
    text=(
        "Is the visual information of this video that its sound does not already convey "
        "described in audio (in its soundtrack or an audio description track)? Answer yes if "
        "the video has no sound, or nothing visual is left undescribed."
    ),
)
VIDEO_VISUALS_HAVE_ALTERNATIVE = Question(
    id="video-visuals-have-alternative",
    text=(
        "Is the visual information of this video that its sound does not already convey "
        "available another way: audio description, a transcript on the page or linked next to "
        "it, or text on the page the video is labelled as an alternative for? Answer yes if the "
        "video has no sound."
    ),
)
# ACT 1a02b0 wants the transcript in the accessibility tree, not necessarily on screen: an
# off-screen transcript counts, an aria-hidden one does not (version 1 said "visible").
VIDEO_HAS_TRANSCRIPT = Question(
    id="video-has-transcript",
    text=(
        "Is there a complete transcript of this video (its visual information and its sound) "
        "on the page or linked next to it, that assistive technologies can read (it may be "
        "visually hidden, but not hidden from them with aria-hidden, display:none or the "
        "like)?"
    ),
    version=2,
)
VIDEO_HAS_DESCRIPTION_OR_TRANSCRIPT = Question(
    id="video-has-description-or-transcript",
    text=(
        "Is the visual information of this video that its sound does not already convey "
        "described in audio (in its soundtrack or an audio description track), or given in a "
        "transcript on the page or linked next to it? Answer yes if the video has no sound."
    ),
)
VIDEO_ONLY_HAS_ALTERNATIVE = Question(
    id="video-only-has-alternative",
    text=(
        "This video may have no sound. If so, is what it shows available another way: a "
        "transcript on the page or linked next to it, an audio track describing it, or text "
        "on the page it is labelled as an alternative for? Answer yes if the video has sound."
    ),
)
VIDEO_ONLY_HAS_AUDIO_ALTERNATIVE = Question(
    id="video-only-has-audio-alternative",
    text=(
        "This video may have no sound. If so, is there an audio track or audio file on the "
        "page that describes what the video shows? Answer yes if the video has sound."
    ),
)
VIDEO_ONLY_HAS_TRANSCRIPT = Question(
    id="video-only-has-transcript",
    text=(
        "This video may have no sound. If so, is there a visible transcript of what it shows "
        "on the page or linked next to it? Answer yes if the video has sound."
    ),
)
# The transcript ACT ee13b5 asks for must be in the accessibility tree, not necessarily on
# screen: an off-screen transcript counts, an aria-hidden one does not.
VIDEO_ONLY_HAS_EXPOSED_TRANSCRIPT = Question(
    id="video-only-has-exposed-transcript",
    text=(
        "This video may have no sound. If so, is there a transcript of what it shows, on the "
        "page or linked next to it, that assistive technologies can read (it may be visually "
        "hidden, but not hidden from them with aria-hidden, display:none or the like)? Answer "
        "yes if the video has sound."
    ),
)
MEDIA_ALTERNATIVE_FOR_TEXT = Question(
    id="media-alternative-for-text",
    text=(
        "If this media is presented as an alternative for text on the page (saying the same "
        "thing in another form), is it labelled as such and does it convey nothing the text "
        "does not? Answer yes if it is not presented as an alternative for text."
    ),
)
AUDIO_HAS_TRANSCRIPT = Question(
    id="audio-has-transcript",
    text=(
        "Is there a visible transcript of this audio (all its speech and meaningful sound) on "
        "the page or linked next to it?"
    ),
)
AUDIO_HAS_TEXT_ALTERNATIVE = Question(
    id="audio-has-text-alternative",
    text=(
        "Is all the speech and meaningful sound of this audio available as visible text: a "
        "transcript on the page or linked next to it, or text the audio is clearly labelled as "
        "an alternative for?"
    ),
)
# ACT 4c31df: the control must also have a name and be in the accessibility tree (a pause
# button inside an aria-hidden container does not count; version 1 did not say so).
AUTOPLAY_AUDIO_CONTROLLED = Question(
    id="autoplay-audio-controlled",
    text=(
        "This media starts playing sound when the page loads: does the sound stop within 3 "
        "seconds, or does the page offer a way to pause or stop it or to turn its volume off "
        "independently of the system volume, that is visible, works with the keyboard, has a "
        "name and is not hidden from assistive technologies (aria-hidden)?"
    ),
    version=2,
)
AUTOPLAY_AUDIO_LONG = Question(
    id="autoplay-audio-long",
    text=(
        "This media starts playing when the page loads: does it play sound (not silence) for "
        "more than 3 seconds?"
    ),
)

# Keyboard: what running the page's scripts would show (asked once per page).
KEYBOARD_NO_TRAP = Question(
    id="keyboard-no-trap",
    text=(
        "Can a keyboard user move focus away from every focusable element of this page, with "
        "Tab, Shift+Tab or the arrow keys, or with another key the page explains before focus "
        "reaches the element?"
    ),
    subject=Subject.PAGE,
)
KEYBOARD_NO_TRAP_STANDARD = Question(
    id="keyboard-no-trap-standard",
    text=(
        "Can a keyboard user move focus away from every focusable element of this page with "
        "Tab, Shift+Tab or the arrow keys alone (no other key needed)?"
    ),
    subject=Subject.PAGE,
)
KEYBOARD_TRAP_DOCUMENTED = Question(
    id="keyboard-trap-documented",
    text=(
        "Wherever Tab, Shift+Tab and the arrow keys cannot move focus away from an element of "
        "this page, does the page explain another key that does, before focus reaches the "
        "element, and does that key work? Answer yes if focus never gets stuck."
    ),
    subject=Subject.PAGE,
)

# Purpose: whether names and headings say what things are for.
FRAMES_SAME_PURPOSE = Question(
    id="frames-same-purpose",
    text=(
        "These frames have the same accessible name but different sources: do they show "
        "content that serves the same purpose (the same content, or equivalent pages)?"
    ),
)
HEADING_IS_DESCRIPTIVE = Question(
    id="heading-is-descriptive",
    text=(
        "Does this heading describe the topic or purpose of the content it introduces (up to "
        "the next heading of the same or a higher level)?"
    ),
)
LINK_IS_DESCRIPTIVE = Question(
    id="link-is-descriptive",
    text=(
        "Does this link's accessible name alone describe where it leads or what it does, "
        "without the text around it?"
    ),
)
LINK_PURPOSE_IN_CONTEXT = Question(
    id="link-purpose-in-context",
    text=(
        "Does this link's accessible name, together with its context (the sentence, "
        "paragraph, list item or table cell it is in, or the heading above it), describe "
        "where it leads or what it does?"
    ),
)
LABEL_IS_DESCRIPTIVE = Question(
    id="label-is-descriptive",
    text=("Does the visible label of this form field describe what to enter or choose in it?"),
)

# Motion: what the page's motion listeners do (asked once per page).
MOTION_HAS_UI_ALTERNATIVE = Question(
    id="motion-has-ui-alternative",
    text=(
        "This page listens to device motion or orientation: can every change that moving the "
        "device makes also be made with the page's controls? Answer yes if moving the device "
        "changes nothing."
    ),
    subject=Subject.PAGE,
)
MOTION_CAN_BE_DISABLED = Question(
    id="motion-can-be-disabled",
    text=(
        "This page listens to device motion or orientation: can users turn off the page's "
        "response to motion, so that moving the device by accident changes nothing? Answer "
        "yes if moving the device changes nothing."
    ),
    subject=Subject.PAGE,
)

ZOOMED_TEXT_FITS = Question(
    id="zoomed-text-fits",
    text=(
        "This element hides what overflows its fixed size: with the page zoomed to 200% (a "
        "640 x 512 viewport), is all of its text still shown, none of it cut off at the "
        "element's edges?"
    ),
)

# Scripts: what running the page would show (the engine reads scripts, never runs them).
CHANGING_TEXT_CONTROLLABLE = Question(
    id="changing-text-controllable",
    text=(
        "Where text of this page changes by itself, again and again, without the user doing "
        "anything (a ticker, a clock, a counter), can users pause, stop or hide the changes, "
        "or control how often they happen, with a control of the page? Answer yes if no text "
        "changes by itself, or if the changing text is the page's only text."
    ),
    subject=Subject.PAGE,
)
CHARACTER_KEY_SHORTCUTS_CONTROLLABLE = Question(
    id="character-key-shortcuts-controllable",
    text=(
        "Does every keyboard shortcut of this page that is a single printable character (a "
        "letter, digit, punctuation or space, pressed without Ctrl, Alt or Meta) and that "
        "changes the page either work only while the control it belongs to has focus, or "
        "come with a way to turn it off or to remap it to include Ctrl, Alt or another "
        "non-printable key? Answer yes if the page has no such shortcut."
    ),
    subject=Subject.PAGE,
)

ERROR_MESSAGES_DESCRIPTIVE = Question(
    id="error-messages-descriptive",
    text=(
        "When a form field of this page is given a value it rejects, is the field marked as "
        "wrong, and does a visible text message say which field it is and what is wrong or "
        "how to correct it? Answer yes if the page never rejects a value."
    ),
    subject=Subject.PAGE,
)
SENSORY_REFERENCE_HAS_ALTERNATIVE = Question(
    id="sensory-reference-has-alternative",
    text=(
        "Where the text of this page refers to something by its position, shape, size, colour "
        "or sound (“the menu on the right”, “the round button”), does it also identify "
        "it another way (its name, its label, a heading)? Answer yes if no text refers to "
        "things that way, or if the text that does gives no instruction about them (“this "
        "circle is nice”)."
    ),
    subject=Subject.PAGE,
    version=2,  # ACT 9bd38c: a visual reference that is no instruction passes
)

# Layout: what only a rendered page shows.
CONTENT_OVERFLOWS = Question(
    id="content-overflows",
    text=(
        "Does the content of this element overflow it by more than its padding, so that it "
        "can be scrolled (in a browser window of 1280 x 1024 pixels)?"
    ),
)

QUESTIONS: dict[str, Question] = {
    question.id: question
    for question in (
        IMAGE_CONTAINS_TEXT,
        IMAGE_IS_DECORATIVE,
        ALT_IS_DESCRIPTIVE,
        LANGUAGE_MATCHES,
        TITLE_IS_DESCRIPTIVE,
        PAGE_LANGUAGE_MATCHES,
        MAIN_CONTENT_FIRST,
        OWN_CONTENT_HAS_HEADING,
        OWN_CONTENT_IN_LANDMARK,
        SKIP_TO_OWN_CONTENT,
        REPEATED_BLOCKS_COLLAPSIBLE,
        LINKS_SAME_PURPOSE,
        LINKS_SAME_PURPOSE_IN_CONTEXT,
        VIDEO_HAS_CAPTIONS,
        VIDEO_SOUND_HAS_ALTERNATIVE,
        VIDEO_HAS_AUDIO_DESCRIPTION,
        VIDEO_VISUALS_HAVE_ALTERNATIVE,
        VIDEO_HAS_TRANSCRIPT,
        VIDEO_HAS_DESCRIPTION_OR_TRANSCRIPT,
        VIDEO_ONLY_HAS_ALTERNATIVE,
        VIDEO_ONLY_HAS_AUDIO_ALTERNATIVE,
        VIDEO_ONLY_HAS_TRANSCRIPT,
        VIDEO_ONLY_HAS_EXPOSED_TRANSCRIPT,
        MEDIA_ALTERNATIVE_FOR_TEXT,
        AUDIO_HAS_TRANSCRIPT,
        AUDIO_HAS_TEXT_ALTERNATIVE,
        AUTOPLAY_AUDIO_CONTROLLED,
        AUTOPLAY_AUDIO_LONG,
        KEYBOARD_NO_TRAP,
        KEYBOARD_NO_TRAP_STANDARD,
        KEYBOARD_TRAP_DOCUMENTED,
        FRAMES_SAME_PURPOSE,
        HEADING_IS_DESCRIPTIVE,
        LINK_IS_DESCRIPTIVE,
        LINK_PURPOSE_IN_CONTEXT,
        LABEL_IS_DESCRIPTIVE,
        ZOOMED_TEXT_FITS,
        ERROR_MESSAGES_DESCRIPTIVE,
        CHANGING_TEXT_CONTROLLABLE,
        CHARACTER_KEY_SHORTCUTS_CONTROLLABLE,
        SENSORY_REFERENCE_HAS_ALTERNATIVE,
        MOTION_HAS_UI_ALTERNATIVE,
        MOTION_CAN_BE_DISABLED,
        CONTENT_OVERFLOWS,
    )
}
"""Every question by id. Add a question here, next to its constant, when a rule needs it."""


def question_by_id(question_id: str) -> Question | None:
    """The catalog question with this id, or ``None``."""
    return QUESTIONS.get(question_id)
