"""Style sheets as a browser finds them: the loader, the resolvers, decoding, media queries.

The engine cases r18 (a sheet above the page's folder) and r19 (a remote sheet) are tested
with the other engine cases in ``tests/rules/test_engine_cases.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2

from accessibility_analyzer.cli.inputs import DirectorySite
from accessibility_analyzer.engine import MappingSite, parse_page
from accessibility_analyzer.engine.css import (
    computed_style,
    media_applies,
    orientation_dependence,
    page_sheets,
    stylesheet_nodes,
    supports_applies,
)
from accessibility_analyzer.engine.css.loader import decode_css
from accessibility_analyzer.engine.css.sheets import _ParsedSheets
from accessibility_analyzer.engine.dom import Page
from accessibility_analyzer.engine.site import FetchedSheet, UnavailableSheet, UploadResolver
from accessibility_analyzer.jobs.page_worker import ManifestSite


def _display(page: Page, element_id: str) -> str:
    element = page.get_element_by_id(element_id)
    assert element is not None
    return computed_style(page, element).display


class TestWhichSheetsApply:
    SITE = MappingSite(
        {
            "hide.css": b".h { display: none }",
            "print.css": b".p { display: none }",
            "narrow.css": b".n { display: none }",
            "alt.css": b".a { display: none }",
            "other-set.css": b".o { display: none }",
            "wide.css": b".w { display: none }",
        }
    )

    def test_disabled_alternate_media_and_titles(self) -> None:
        page = parse_page(
            b"<link rel=stylesheet href=hide.css disabled>"
            b"<link rel=stylesheet href=print.css media=print>"
            b"<link rel=stylesheet href=narrow.css media='(max-width: 600px)'>"
            b"<link rel='alternate stylesheet' title=Big href=alt.css>"
            b"<link rel=stylesheet title=Main href=wide.css media='(min-width: 1000px)'>"
            b"<link rel=stylesheet title=Other href=other-set.css>"
            b"<link rel=stylesheet href=missing.css>"
            b"<p id=h class=h></p><p id=p class=p></p><p id=n class=n></p>"
            b"<p id=a class=a></p><p id=o class=o></p><p id=w class=w></p>",
            site=self.SITE,
        )
        displays = {name: _display(page, name) for name in "hpnaow"}
        assert displays == {
            "h": "block",  # disabled
            "p": "block",  # print only
            "n": "block",  # the default viewport is 1280 px wide
            "a": "block",  # an alternate sheet is chosen by the user only
            "o": "block",  # another titled set than the preferred one (Main)
            "w": "none",
        }
        sheets = page_sheets(page)
        assert [sheet.location for sheet in sheets.sheets] == ["wide.css"]
        assert sheets.unavailable == [UnavailableSheet("missing.css", "missing")]
        assert sheets.assumption() == (
            "assumed that unreadable style sheets change nothing: missing.css (missing)"
        )

    def test_imports_come_first_and_resolve_against_their_sheet(self) -> None:
        site = MappingSite(
            {
                "css/main.css": b'@import "parts/a.css"; @import url(//cdn.example/x.css);'
                b" .x { color: blue }",
                "css/parts/a.css": b".x { color: red; display: flex }",
            }
        )
        page = parse_page(
            b"<base href='css/'><link rel=stylesheet href=main.css><p id=x class=x></p>",
            path="index.html",
            site=site,
        )
        element = page.get_element_by_id("x")
        assert element is not None
        assert computed_style(page, element).get("color") == "blue"
        assert computed_style(page, element).display == "flex"
        sheets = page_sheets(page)
        assert [sheet.location for sheet in sheets.sheets] == ["css/parts/a.css", "css/main.css"]
        assert sheets.unavailable == [UnavailableSheet("//cdn.example/x.css", "remote")]

    def test_parsed_once_per_process_for_the_same_bytes(self) -> None:
        site = MappingSite({"s.css": b".x { display: none }"})
        first = parse_page(b"<link rel=stylesheet href=s.css>", path="a.html", site=site)
        second = parse_page(b"<link rel=stylesheet href=s.css>", path="b.html", site=site)
        assert page_sheets(first).sheets[0] is page_sheets(second).sheets[0]
        changed = MappingSite({"s.css": b".x { display: block }"})
        third = parse_page(b"<link rel=stylesheet href=s.css>", path="c.html", site=changed)
        assert page_sheets(third).sheets[0] is not page_sheets(first).sheets[0]


class TestDecoding:
    def test_bom_wins_over_charset(self) -> None:
        data = b"\xef\xbb\xbf" + '@charset "iso-8859-1"; a { content: "é" }'.encode()
        assert decode_css(data, "windows-1252") == (
            '@charset "iso-8859-1"; a { content: "é" }',
            "utf-8",
        )

    def test_charset_then_environment_then_utf8(self) -> None:
        latin = '@charset "iso-8859-15"; a { content: "€" }'.encode("iso-8859-15")
        assert decode_css(latin, None)[0].endswith('"€" }')
        assert decode_css("a{content:'é'}".encode("cp1252"), "windows-1252")[0] == "a{content:'é'}"
        text, encoding = decode_css(b"a{content:'\xe9'}", None)
        assert (text, encoding) == ("a{content:'\ufffd'}", "utf-8")

    def test_link_charset_and_page_encoding(self) -> None:
        site = MappingSite({"a.css": 'p::before { content: "é" }'.encode("cp1252")})
        page = parse_page(
            b'<meta charset="windows-1252"><link rel=stylesheet href=a.css><p id=p></p>',
            site=site,
        )
        assert page_sheets(page).sheets[0].text == 'p::before { content: "é" }'


class TestResolvers:
    def test_upload_resolver_stays_inside_the_upload(self) -> None:
        resolver = UploadResolver(MappingSite({"x.css": b"a{}", "docs/y.css": b"b{}"}))
        assert resolver.fetch_stylesheet("docs/page.html", "../../../x.css") == FetchedSheet(
            "x.css", b"a{}"
        )
        assert resolver.fetch_stylesheet("docs/page.html", "y.css") == FetchedSheet(
            "docs/y.css", b"b{}"
        )
        assert resolver.fetch_stylesheet("a.html", "https://e.org/a.css") == UnavailableSheet(
            "https://e.org/a.css", "remote"
        )

    def test_service_site_reads_only_its_manifest(self, tmp_path: Path) -> None:
        (tmp_path / "secret.css").write_bytes(b".t { display: none }")
        upload = tmp_path / "upload"
        upload.mkdir()
        (upload / "page.html").write_bytes(b"x")
        site = ManifestSite({"page.html": str(upload / "page.html")})
        page = parse_page(
            b"<link rel=stylesheet href=../secret.css><p id=t class=t></p>",
            path="page.html",
            site=site,
        )
        assert _display(page, "t") == "block"
        assert page_sheets(page).unavailable == [UnavailableSheet("../secret.css", "missing")]

    def test_cli_folder_follows_links_anywhere_on_disk(self, tmp_path: Path) -> None:
        (tmp_path / "_static").mkdir()
        (tmp_path / "_static" / "a.css").write_bytes(b'@import "b.css"; .t { display: none }')
        (tmp_path / "_static" / "b.css").write_bytes(b".u { display: none }")
        (tmp_path / "root.css").write_bytes(b".r { display: none }")
        docs = tmp_path / "docs" / "api"
        docs.mkdir(parents=True)
        site = DirectorySite(docs)
        page = parse_page(
            b"<link rel=stylesheet href=../../_static/a.css>"
            b"<link rel=stylesheet href=/root.css>"
            b"<p id=t class=t></p><p id=u class=u></p><p id=r class=r></p>",
            path="page.html",
            site=site,
        )
        assert [_display(page, name) for name in ("t", "u", "r")] == ["none", "none", "block"]
        assert page_sheets(page).unavailable == [UnavailableSheet("/root.css", "missing")]
        anchored = DirectorySite(tmp_path)  # --base-dir anchors root-relative URLs
        found = anchored.fetch_stylesheet("docs/api/page.html", "/root.css")
        assert isinstance(found, FetchedSheet)
        assert found.data == b".r { display: none }"


class TestMediaQueries:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("screen", True),
            ("print", False),
            ("not print", True),
            ("only screen and (max-width: 600px)", False),
            ("(min-width: 768px) and (max-width: 1299px)", True),
            ("(max-width: 767.98px)", False),
            ("(width >= 1280px)", True),
            ("(width < 1280px)", False),
            ("(400px < width <= 1300px)", True),
            ("screen and (min-width: 80em)", True),
            ("screen and (min-width: 81em)", False),
            ("(orientation: landscape)", True),
            ("(orientation: portrait)", False),
            ("(min-aspect-ratio: 16/9)", False),
            ("(prefers-color-scheme: dark)", False),
            ("(prefers-reduced-motion: no-preference)", True),
            ("(prefers-reduced-motion)", False),
            ("(hover: hover) and (pointer: fine)", True),
            ("(min-resolution: 2dppx)", False),
            ("(-webkit-min-device-pixel-ratio: 1)", True),
            ("(forced-colors: active)", False),
            ("not (color)", False),
            ("(unknown-feature: 1)", False),
            ("not (unknown-feature: 1)", False),
            ("print, (min-width: 1000px)", True),
            ("screen and", False),
            ("", True),
        ],
    )
    def test_default_viewport(self, query: str, expected: bool) -> None:
        assert media_applies(query) is expected

    def test_orientation_dependence(self) -> None:
        assert orientation_dependence("(orientation: portrait)") == "portrait"
        assert orientation_dependence("screen and (orientation: landscape)") == "landscape"
        assert orientation_dependence("screen") == ""
        assert orientation_dependence("print and (orientation: portrait)") is None

    @pytest.mark.parametrize(
        ("condition", "expected"),
        [
            ("(display: grid)", True),
            ("not (display: grid)", False),
            ("(display: grid) and (gap: 1rem)", True),
            ("selector(:has(a))", True),
            ("font-tech(color-COLRv1)", False),
        ],
    )
    def test_supports(self, condition: str, expected: bool) -> None:
        assert supports_applies(tinycss2.parse_component_value_list(condition)) is expected


class TestParsedSheetsShared:
    """The cascade and the rules' sheet readers share one tinycss2 parse per sheet text."""

    def test_same_text_gives_the_same_nodes_as_tinycss2(self) -> None:
        text = "@media screen { .a { color: red } } .b { display: none } /* c */"
        first = stylesheet_nodes(text)
        assert stylesheet_nodes(text) is first
        expected = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        assert tinycss2.serialize(first) == tinycss2.serialize(expected)
        assert [node.type for node in first] == [node.type for node in expected]

    def test_bounded_by_characters_oldest_first(self) -> None:
        sheets = _ParsedSheets()
        sheets.budget = 100
        old, new = ".a { color: red }" + " " * 50, ".b { color: blue }" + " " * 50
        first = sheets.nodes(old)
        sheets.nodes(new)  # over the budget together: the older one goes
        assert sheets.nodes(new) is sheets.nodes(new)
        assert sheets.nodes(old) is not first
        too_large = ".c { color: green }" + " " * 200
        assert sheets.nodes(too_large) is not sheets.nodes(too_large)  # never kept
