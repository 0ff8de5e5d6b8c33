"""object-alt: ``<object>`` elements showing images, audio or video have a text alternative."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from accessibility_analyzer.engine.aria import (
    accessible_name,
    explicit_role,
    is_included_in_accessibility_tree,
)
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.result import Impact
from accessibility_analyzer.engine.rule import Diagnostic, Oracle, Rule, RuleMeta, Verdict
from accessibility_analyzer.rules._common import describe_name

# File extensions by the MIME type browsers sniff for them (https://mimesniff.spec.whatwg.org/):
# media ones make the object non-text content; the others are documents, plug-ins or text.
_MEDIA_EXTENSIONS = frozenset(
    {
        # images
        "apng", "avif", "bmp", "gif", "ico", "jpeg", "jpg", "png", "svg", "tif", "tiff", "webp",
        # audio
        "aac", "flac", "m4a", "mp3", "oga", "ogg", "opus", "wav", "weba",
        # video
        "avi", "m4v", "mkv", "mov", "mp4", "mpeg", "mpg", "ogv", "webm",
    }
)  # fmt: skip
_NON_MEDIA_EXTENSIONS = frozenset(
    {"htm", "html", "xhtml", "xml", "pdf", "txt", "swf", "php", "asp", "aspx", "jsp"}
)
_MEDIA_TYPE_PREFIXES = ("image/", "audio/", "video/")

HAS_NAME = Diagnostic.passed("The object has a text alternative")
NO_NAME = Diagnostic.failed(
    "An object showing an image, audio or video must have a text alternative",
    fix_hint="Add an aria-label or title to the <object> (its fallback content is not its name).",
)
UNKNOWN_CONTENT = Diagnostic.cant_tell(
    "The object has no text alternative; check whether it shows an image, audio or video"
)


def embeds_media(element: Element) -> bool | None:
    """Whether the object's resource is an image, audio or video (``None``: cannot tell).

    The ``type`` attribute decides when present; otherwise the extension of the ``data`` URL.
    An object without ``data`` loads nothing and renders its fallback content.
    """
    declared = (element.attrs.get("type") or "").split(";")[0].strip().lower()
    data = (element.attrs.get("data") or "").strip()
    if declared:
        return declared.startswith(_MEDIA_TYPE_PREFIXES)
    if not data:
        return False
    if data.lower().startswith("data:"):
        return data[5:].lower().startswith(_MEDIA_TYPE_PREFIXES)
    suffix = PurePosixPath(urlsplit(data).path).suffix.lower().lstrip(".")
    if suffix in _MEDIA_EXTENSIONS:
        return True
    if suffix in _NON_MEDIA_EXTENSIONS:
        return False
    return None


class ObjectAlt(Rule):
    """Objects that render images, audio or video must have a text alternative.

    ## What it checks
    Every `<object>` element included in the accessibility tree, without an explicit role,
    whose resource is an image, audio or video (by its `type` attribute, else the extension of
    its `data` URL) has a non-empty accessible name (`aria-label`, `aria-labelledby` or
    `title`).

    ## Why it matters
    Screen readers cannot describe embedded media by themselves; the fallback content inside
    `<object>` is not used while the resource loads, so the name is the only description
    (WCAG 1.1.1 Non-text Content).

    ## Fails
        <object data="speech.mp3"></object>
        <object data="logo.png"><img src="logo.png" alt="W3C logo"></object>

    ## Passes
        <object data="speech.mp3" aria-label="Moon landing speech"></object>

    ## Limitations
    The resource is not fetched: its type comes from markup. When neither the `type`
    attribute nor the file extension tells, an unnamed object is `cantTell`. Objects with an
    explicit role (`role="img"`) are left to the role's own rule. Decided, with ACT 8fc3b6:
    objects rendering HTML documents (`type="text/html"`) are inapplicable (they are frames,
    not non-text content), although axe-core fails an unnamed one.
    """

    meta = RuleMeta(
        id="object-alt",
        name="Objects showing images, audio or video have a text alternative",
        wcag=("1.1.1",),
        act_rules=("8fc3b6",),
        impact=Impact.SERIOUS,
        tags=("cat.text-alternatives", "wcag2a", "act"),
    )

    def applicability(self, page: Page) -> Iterator[Element]:
        """Exposed ``object`` elements without explicit role that may embed media."""
        for element in page.by_tag("object"):
            if (
                element.is_html
                and embeds_media(element) is not False
                and explicit_role(page, element) is None
                and is_included_in_accessibility_tree(page, element)
            ):
                yield element

    def expect(self, page: Page, target: Element, oracle: Oracle) -> Verdict:
        """A non-empty accessible name; unknown content without a name cannot be decided."""
        if accessible_name(page, target).strip():
            return Verdict(HAS_NAME, describe_name(page, target))
        if embeds_media(target) is None:
            return Verdict(
                UNKNOWN_CONTENT, "neither the type attribute nor the data URL names a media type"
            )
        return Verdict(NO_NAME, "no aria-label, aria-labelledby or title gives it a name")
