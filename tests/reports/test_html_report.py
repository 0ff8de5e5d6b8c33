"""HTML report: a self-contained, escaped, accessible page that passes our own engine."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser
from typing import Any

import pytest

from accessibility_analyzer.engine import analyze_document
from accessibility_analyzer.engine.result import AnalysisResult, Outcome
from accessibility_analyzer.reports import ReportContext, ReportFormat, render
from accessibility_analyzer.rules import ALL_RULES

VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr"}


class Outline(HTMLParser):
    """Collects what the structural checks need from a page, with a tag stack."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None], tuple[str, ...]]] = []
        self.text_by_tag: dict[str, list[str]] = {}
        self.code_texts: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self._heading: list[str] | None = None
        self._code: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs), tuple(self.stack)))
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = []
        if tag == "code" and self.stack[-1:] == ["pre"]:
            self._code = []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag.startswith("h") and tag[1:].isdigit() and self._heading is not None:
            self.headings.append((int(tag[1]), "".join(self._heading).strip()))
            self._heading = None
        if tag == "code" and self._code is not None:
            self.code_texts.append("".join(self._code))
            self._code = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        if self._code is not None:
            self._code.append(data)
        if self.stack:
            self.text_by_tag.setdefault(self.stack[-1], []).append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs, _ in self.tags if name == tag]


def outline(result: AnalysisResult, context: ReportContext) -> tuple[Outline, bytes]:
    """Render the HTML report and parse it."""
    body = render(ReportFormat.HTML, result, context).body
    parser = Outline()
    parser.feed(body.decode("utf-8"))
    parser.close()
    assert parser.stack == []
    return parser, body


def test_document_basics(edge_result: AnalysisResult, context: ReportContext) -> None:
    """lang, charset, viewport, a title naming the analysis, no scripts or external assets."""
    page, body = outline(edge_result, context)
    assert body.startswith(b'<!DOCTYPE html>\n<html lang="en">')
    assert page.named("html") == [{"lang": "en"}]
    assert {"charset": "utf-8"} in page.named("meta")
    assert "an_0123456789" in "".join(page.text_by_tag["title"])
    for forbidden in ("script", "link", "img", "iframe", "object", "embed"):
        assert page.named(forbidden) == [], forbidden
    assert not [attrs for _, attrs, _ in page.tags if any(k.startswith("on") for k in attrs)]
    assert b"@import" not in body and b"url(" not in body


def test_headings_landmarks_and_skip_link(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """One h1, no skipped heading levels, landmarks, and a skip link to main."""
    page, _ = outline(edge_result, context)
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))
    assert all(text for _, text in page.headings)
    assert len(page.named("main")) == 1 and page.named("main")[0]["id"] == "main"
    assert page.named("header") and page.named("nav") and page.named("footer")
    nav_links = [
        attrs["href"] for name, attrs, stack in page.tags if name == "a" and "nav" in stack
    ]
    assert nav_links == ["#summary-heading", "#pages-heading", *(f"#page-{n}" for n in range(1, 5))]
    first_link = page.named("a")[0]
    assert first_link == {"class": "skip-link", "href": "#main"}
    ids = [attrs["id"] for _, attrs, _ in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    for attrs in page.named("a"):
        href = attrs["href"] or ""
        if href.startswith("#"):
            assert href[1:] in ids
    for _, attrs, _ in page.tags:
        if "aria-labelledby" in attrs:
            assert attrs["aria-labelledby"] in ids


def test_tables_have_captions_and_scoped_headers(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Every table has a caption; every header cell says its scope."""
    page, _ = outline(edge_result, context)
    tables = page.named("table")
    assert len(tables) == 4
    assert len(page.named("caption")) == len(tables)
    assert all(attrs.get("scope") in {"col", "row"} for attrs in page.named("th"))


def test_untrusted_text_is_escaped(edge_result: AnalysisResult, context: ReportContext) -> None:
    """Snippets, messages, titles and errors with markup arrive as text, never as markup."""
    page, body = outline(edge_result, context)
    assert page.named("script") == [] and page.named("b") == []
    assert b"<script>" not in body.split(b"</style>", 1)[1]
    hostile = '<img src=x onerror="alert(1)"></code></pre><script>alert("pwned")</script>'
    assert any(text.startswith(hostile) for text in page.code_texts)
    text = "".join(part for parts in page.text_by_tag.values() for part in parts)
    assert 'Image "<b>logo</b>" & friends' in text
    assert "Page title: Home <script>" in text
    assert "Could not decode the page: <b>bad bytes</b>" in text
    assert "\x00" not in body.decode("utf-8")


def test_problems_are_listed_and_passes_only_counted(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Each failed/cantTell finding has its own heading; passed ones are a count."""
    page, _ = outline(edge_result, context)
    finding_headings = [text for level, text in page.headings if level == 4]
    assert finding_headings == [
        "Failed: Images have a text alternative",
        "Failed: Buttons have an accessible name",
        "Failed: All content is inside landmarks",
        "Needs review: Text has enough contrast with its background",
        "Failed: Images have a text alternative",
    ]
    text = " ".join(part for parts in page.text_by_tag.values() for part in parts)
    assert "1 failure, 0 to review, 0 passed checks, 0 inapplicable rules." in text
    assert "3 failures, 1 to review, 1 passed check, 1 inapplicable rule." in text
    assert "No failures and nothing to review on this page." in text
    assert "index.html:12:5" in text
    assert "index.html (no source position)" in text
    assert "index.html:40" in text


def test_tool_link_in_footer(edge_result: AnalysisResult, context: ReportContext) -> None:
    """With an information URI the footer links the tool; a hostile one stays an attribute."""
    linked = ReportContext(
        **{
            name: getattr(context, name)
            for name in context.__struct_fields__
            if name != "tool_information_uri"
        },
        tool_information_uri='https://a11y.example/docs?a=1&b="x"',
    )
    page, _ = outline(edge_result, linked)
    footer_links = [attrs for name, attrs, stack in page.tags if name == "a" and "footer" in stack]
    assert footer_links == [{"href": 'https://a11y.example/docs?a=1&b="x"'}]
    scripted = ReportContext(**{**_fields(linked), "tool_information_uri": "javascript:alert(1)"})
    page, _ = outline(edge_result, scripted)
    assert not [attrs for name, attrs, stack in page.tags if name == "a" and "footer" in stack]


def test_huge_snippets_are_shortened(edge_result: AnalysisResult, context: ReportContext) -> None:
    """A 50,000-character snippet is cut to a readable length in the page."""
    page, body = outline(edge_result, context)
    assert len(body) < 40_000
    assert any(text.endswith("… [48011 more characters]") for text in page.code_texts)


def test_empty_result_is_a_complete_page(
    empty_result: AnalysisResult, context: ReportContext
) -> None:
    """No pages: still one h1, contents, summary, and a sentence saying nothing was analysed."""
    page, _ = outline(empty_result, context)
    assert [text for _, text in page.headings] == [
        "Accessibility report",
        "Contents",
        "Summary",
        "Pages",
    ]
    assert "No pages were analysed." in "".join(page.text_by_tag["p"])


def test_random_results_render(
    factory_results: list[AnalysisResult], context: ReportContext
) -> None:
    """Random text never breaks the page structure."""
    for result in factory_results:
        page, _ = outline(result, context)
        assert len(page.named("h1")) == 1


@pytest.mark.parametrize("fixture", ["edge_result", "empty_result"])
def test_report_passes_our_own_rules(
    fixture: str, request: pytest.FixtureRequest, context: ReportContext
) -> None:
    """The engine, with every registered rule, finds no failure in the report itself."""
    if not ALL_RULES:
        pytest.xfail("no rules are registered in ALL_RULES yet: the check would prove nothing")
    result: Any = request.getfixturevalue(fixture)
    body = render(ReportFormat.HTML, result, context).body
    checked = analyze_document(body, path="report.html", rules=ALL_RULES)
    assert checked.error is None
    failures = [
        (finding.rule_id, finding.selector, finding.message)
        for finding in checked.findings
        if finding.outcome == Outcome.FAILED
    ]
    assert failures == []


def _fields(context: ReportContext) -> dict[str, Any]:
    return {name: getattr(context, name) for name in context.__struct_fields__}
