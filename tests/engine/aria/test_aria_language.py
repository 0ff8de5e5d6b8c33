"""Language tags and element language."""

from __future__ import annotations

import pytest
from aria_helpers import by_id, page_of

from accessibility_analyzer.engine.aria import (
    element_language,
    has_known_primary_language,
    is_valid_language_tag,
    languages_match,
    parse_language_tag,
    primary_language,
)
from accessibility_analyzer.engine.aria._subtag_registry import registry
from accessibility_analyzer.engine.parse import parse_page


@pytest.mark.parametrize(
    ("tag", "valid"),
    [
        ("en", True),
        ("EN", True),
        ("en-US", True),
        ("en-us", True),
        ("zh-Hant-TW", True),
        ("zh-yue", True),
        ("sr-Latn-RS", True),
        ("de-CH-1901", True),
        ("en-US-u-co-phonebk", True),
        ("en-x-private", True),
        ("x-whatever", True),
        ("i-klingon", True),
        ("qaa", True),
        ("  fr  ", True),
        ("eng", False),
        ("em-US", False),
        ("en-US-GB", False),
        ("de-hello", False),
        ("en_US", False),
        ("english", False),
        ("", False),
        ("en--US", False),
        ("ar-yue", False),  # extlang with the wrong prefix
        ("de-1901-1901", False),
        ("en-a-bbb-a-ccc", False),
        ("i-lux", True),  # grandfathered, still valid BCP 47
    ],
)
def test_validity(tag: str, valid: bool) -> None:
    assert is_valid_language_tag(tag) is valid


def test_parsed_parts() -> None:
    parsed = parse_language_tag("zh-Hant-TW")
    assert parsed is not None
    assert (parsed.language, parsed.script, parsed.region) == ("zh", "hant", "tw")
    grandfathered = parse_language_tag("i-klingon")
    assert grandfathered is not None and grandfathered.grandfathered


@pytest.mark.parametrize(
    ("tag", "primary"),
    [
        ("en", "en"),
        ("EN-gb", "en"),
        ("de-hello", "de"),
        ("en-US-GB", "en"),
        ("eng", None),
        ("i-lux", None),
        ("", None),
        (" ", None),
        ("English", None),
        ("invalid", None),
    ],
)
def test_known_primary_language(tag: str, primary: str | None) -> None:
    assert primary_language(tag) == primary
    assert has_known_primary_language(tag) is (primary is not None)


def test_languages_match() -> None:
    assert languages_match("en", "en-GB")
    assert languages_match("FR-ca", "fr")
    assert not languages_match("en", "fr")
    assert not languages_match("xyz", "xyz")


def test_registry_is_read_offline() -> None:
    known = registry()
    assert known.file_date
    assert "en" in known.languages and "eng" not in known.languages
    assert "qtz" in known.languages  # private-use range expanded


def test_element_language() -> None:
    page = page_of(
        '<p id="a">x</p><div lang="fr"><p id="b">y</p><p id="c" lang="">z</p></div>',
        lang="en",
    )
    assert element_language(page, by_id(page, "a")) == "en"
    assert element_language(page, by_id(page, "b")) == "fr"
    assert element_language(page, by_id(page, "c")) == ""


def test_element_language_pragma_and_none() -> None:
    page = page_of(
        '<p id="a">x</p>', lang=None, head='<meta http-equiv="Content-Language" content="de">'
    )
    assert element_language(page, by_id(page, "a")) == "de"
    bare = page_of('<p id="a">x</p>', lang=None)
    assert element_language(bare, by_id(bare, "a")) is None


def test_xml_lang_counts_only_in_xhtml() -> None:
    html = page_of('<p id="a" xml:lang="de">x</p>', lang="en")
    assert element_language(html, by_id(html, "a")) == "en"
    xhtml = parse_page(
        b'<?xml version="1.0" encoding="utf-8"?>'
        b'<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>t</title></head>'
        b'<body><p id="a" xml:lang="de">x</p><p id="b">y</p></body></html>',
        path="page.xhtml",
    )
    assert xhtml.is_xhtml
    assert element_language(xhtml, by_id(xhtml, "a")) == "de"
    assert element_language(xhtml, by_id(xhtml, "b")) == "en"
