"""Language tags: BCP 47 (RFC 5646) validity, primary language, element language.

Two notions are offered because the rules need both:

* :func:`parse_language_tag` / :func:`is_valid_language_tag`: the tag is well-formed by
  the RFC 5646 grammar and every subtag is registered in the IANA registry (strict).
* :func:`primary_language` / :func:`has_known_primary_language`: the ACT rules' lenient
  "known primary language tag": the first subtag is a registered language, whatever
  follows (``de-hello`` is German; ``eng`` and grandfathered ``i-lux`` are not known).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accessibility_analyzer.engine.aria._memo import inherited
from accessibility_analyzer.engine.aria._subtag_registry import registry
from accessibility_analyzer.engine.dom import Element, Page

# RFC 5646 §2.1 "langtag" (the grandfathered and private-use forms are handled apart).
_LANGTAG = re.compile(
    r"""
    ^(?P<language>[a-z]{2,3}(?P<extlang>(?:-[a-z]{3}){0,3})|[a-z]{4}|[a-z]{5,8})
    (?:-(?P<script>[a-z]{4}))?
    (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
    (?P<variants>(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)
    (?P<extensions>(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*)
    (?:-(?P<private>x(?:-[a-z0-9]{1,8})+))?$
    """,
    re.VERBOSE,
)
_PRIVATE_USE = re.compile(r"^x(?:-[a-z0-9]{1,8})+$")
_ASCII_WHITESPACE = " \t\n\f\r"


@dataclass(frozen=True)
class LanguageTag:
    """A valid BCP 47 language tag, split into its subtags (all lower case).

    Attributes:
        tag: the tag as written, trimmed.
        language: the primary language subtag (``""`` for private-use-only tags and
            grandfathered tags such as ``i-klingon``).
        extlangs: extended language subtags (``zh-yue`` -> ``("yue",)``).
        script, region: those subtags or ``""``.
        variants, extensions: in order.
        private_use: the ``x-...`` part or ``""``.
        grandfathered: the whole tag is a registered grandfathered tag.
    """

    tag: str
    language: str
    extlangs: tuple[str, ...] = ()
    script: str = ""
    region: str = ""
    variants: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    private_use: str = ""
    grandfathered: bool = False


def _split(group: str | None) -> list[str]:
    return [part for part in (group or "").split("-") if part]


def _extensions(text: str) -> tuple[str, ...] | None:
    """Extension sequences (``u-co-phonebk``); ``None`` when a singleton repeats."""
    parts = _split(text)
    sequences: list[str] = []
    for part in parts:
        if len(part) == 1:
            sequences.append(part)
        else:
            sequences[-1] += "-" + part
    singletons = [sequence[0] for sequence in sequences]
    return tuple(sequences) if len(set(singletons)) == len(singletons) else None


def parse_language_tag(value: str) -> LanguageTag | None:  # noqa: PLR0911 (validity steps)
    """Parse a BCP 47 tag; ``None`` unless it is well-formed and valid.

    Valid (RFC 5646 §2.2.9): every subtag is registered with the right type, an extended
    language subtag follows its registered prefix, no variant or extension singleton
    repeats. Case-insensitive; surrounding whitespace is ignored.
    """
    tag = value.strip(_ASCII_WHITESPACE)
    lowered = tag.lower()
    known = registry()
    if lowered in known.grandfathered:
        return LanguageTag(tag=tag, language="", grandfathered=True)
    if _PRIVATE_USE.match(lowered):
        return LanguageTag(tag=tag, language="", private_use=lowered)
    match = _LANGTAG.match(lowered)
    if match is None:
        return None
    language = _split(match["language"])[0]
    extlangs = tuple(_split(match["extlang"]))
    if language not in known.languages:
        return None
    if any(known.extlangs.get(extlang) != language for extlang in extlangs):
        return None
    script, region = match["script"] or "", match["region"] or ""
    if script and script not in known.scripts:
        return None
    if region and region not in known.regions:
        return None
    variants = tuple(_split(match["variants"]))
    if len(set(variants)) != len(variants) or any(v not in known.variants for v in variants):
        return None
    extensions = _extensions(match["extensions"] or "")
    if extensions is None:
        return None
    return LanguageTag(
        tag=tag,
        language=language,
        extlangs=extlangs,
        script=script,
        region=region,
        variants=variants,
        extensions=extensions,
        private_use=match["private"] or "",
    )


def is_valid_language_tag(value: str) -> bool:
    """Whether ``value`` is a well-formed and valid BCP 47 language tag."""
    return parse_language_tag(value) is not None


def primary_language(value: str) -> str | None:
    """The primary language subtag (lower case) when it is a registered language.

    This is the ACT "known primary language tag": ``de-hello`` gives ``de``; ``eng``,
    ``i-lux``, ``""`` and ``"English"`` give ``None``.
    """
    text = value.strip(_ASCII_WHITESPACE).lower()
    if not text or text in registry().grandfathered:
        return None
    first = text.split("-", 1)[0]
    return first if first in registry().languages else None


def has_known_primary_language(value: str) -> bool:
    """Whether the tag has a known primary language subtag (ACT definition)."""
    return primary_language(value) is not None


def languages_match(a: str, b: str) -> bool:
    """Whether two tags have the same known primary language (ACT rule 5b7ae0)."""
    first = primary_language(a)
    return first is not None and first == primary_language(b)


def _language_attribute(element: Element, *, xml: bool) -> str | None:
    """The declared language of the element itself (HTML §3.2.6.2).

    In XML documents ``xml:lang`` wins over ``lang``; in HTML documents the parser leaves
    ``xml:lang`` in no namespace, where it has no effect.
    """
    if xml:
        value = element.attrs.get("xml:lang")
        if value is not None:
            return value
    return element.attrs.get("lang")


def _pragma_language(page: Page) -> str | None:
    """The ``<meta http-equiv="content-language">`` default, when it names one language."""
    for meta in page.by_tag("meta"):
        if (meta.get("http-equiv") or "").strip().lower() == "content-language":
            content = (meta.get("content") or "").strip()
            if content and "," not in content:
                return content
    return None


def element_language(page: Page, element: Element) -> str | None:
    """The language of the element: the nearest ``lang`` (``xml:lang`` in XHTML) on it or an
    ancestor.

    Returns:
        The attribute value, trimmed; ``""`` when the nearest declaration is empty
        (explicitly unknown); the ``content-language`` pragma when no element declares
        one; ``None`` when nothing declares a language.
    """

    def compute(node: Element, parent_value: str | None) -> str | None:
        value = _language_attribute(node, xml=page.is_xhtml)
        if value is not None:
            return value.strip(_ASCII_WHITESPACE)
        return parent_value

    found = inherited(page, "aria.language", element, compute)
    return found if found is not None else _pragma_language(page)
