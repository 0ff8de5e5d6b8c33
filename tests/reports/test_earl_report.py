"""EARL report: JSON-LD with the ACT/EARL vocabulary, checked by expanding it with pyld."""

from __future__ import annotations

import json
from typing import Any

import msgspec
from pyld import jsonld

from accessibility_analyzer.engine.result import AnalysisResult, Mode, Outcome
from accessibility_analyzer.reports import ReportContext, ReportFormat, render

EARL = "http://www.w3.org/ns/earl#"
DCT = "http://purl.org/dc/terms/"
PTR = "http://www.w3.org/2009/pointers#"


def no_network(url: str, options: Any = None) -> Any:
    """Document loader that fails the test if expansion tries to fetch a remote context."""
    raise AssertionError(f"JSON-LD expansion tried to load {url}")


def earl(result: AnalysisResult, context: ReportContext) -> dict[str, Any]:
    """Render and parse an EARL report."""
    return json.loads(render(ReportFormat.EARL, result, context).body)


def expanded_assertions(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's assertions in expanded JSON-LD form (full IRIs, no context)."""
    graph = jsonld.expand(report, {"documentLoader": no_network})
    return [
        assertion
        for node in graph
        for assertion in node.get("@reverse", {}).get(f"{EARL}subject", [])
    ]


def test_top_level_shape(edge_result: AnalysisResult, context: ReportContext) -> None:
    """An inline @context and a @graph of the assertor and one TestSubject per page."""
    report = earl(edge_result, context)
    assert set(report) == {"@context", "@graph"}
    assert isinstance(report["@context"], dict)  # inline: expands without network access
    assertor, *subjects = report["@graph"]
    assert assertor["@type"] == ["Assertor", "Software", "Project"]
    assert assertor["name"] == "Accessibility Analyzer"
    assert assertor["release"] == {"revision": "0.1.0"}
    assert [subject["source"] for subject in subjects] == [
        "index.html",
        "docs/%C3%BCber%20uns/seite%201.html",
        "absolute/clean.html",
        "broken.html",
    ]
    assert all(subject["@type"] == ["TestSubject", "WebPage"] for subject in subjects)


def test_every_outcome_maps_to_its_earl_term(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """passed/failed/cantTell/inapplicable expand to earl: outcome IRIs, one per finding."""
    assertions = expanded_assertions(earl(edge_result, context))
    outcomes = [
        assertion[f"{EARL}result"][0][f"{EARL}outcome"][0]["@id"] for assertion in assertions
    ]
    findings = [f for document in edge_result.documents for f in document.findings]
    expected = {
        Outcome.PASSED: f"{EARL}passed",
        Outcome.FAILED: f"{EARL}failed",
        Outcome.CANT_TELL: f"{EARL}cantTell",
        Outcome.INAPPLICABLE: f"{EARL}inapplicable",
    }
    # The unreadable page adds one earl:untested assertion per rule.
    untested = [f"{EARL}untested"] * len(edge_result.rules)
    assert outcomes == [expected[finding.outcome] for finding in findings] + untested
    assert set(expected.values()) <= set(outcomes)


def test_assertion_fields_expand_to_earl_and_dublin_core(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Test, result, pointer, info and assertor expand to the vocabularies' IRIs."""
    first = expanded_assertions(earl(edge_result, context))[0]
    assert first["@type"] == [f"{EARL}Assertion"]
    assert first[f"{EARL}mode"] == [{"@id": f"{EARL}automatic"}]
    assert first[f"{EARL}assertedBy"] == [{"@id": "_:assertor"}]
    test = first[f"{EARL}test"][0]
    assert test["@type"] == [f"{EARL}TestCase"]
    assert test[f"{DCT}title"] == [{"@value": "image-alt"}]
    assert test[f"{DCT}isPartOf"] == [
        {"@id": "http://www.w3.org/TR/WCAG2/#non-text-content"},
        {"@id": "https://www.w3.org/WAI/standards-guidelines/act/rules/23a2a8"},
    ]
    result = first[f"{EARL}result"][0]
    pointers = {
        pointer["@type"][0]: pointer[f"{PTR}expression"][0]["@value"]
        for pointer in result[f"{EARL}pointer"]
    }
    assert pointers == {
        f"{PTR}CSSSelectorPointer": "main > img.logo",
        f"{PTR}XPathPointer": "/html/body/main/img[1]",
    }
    info = result[f"{EARL}info"][0]["@value"]
    assert info.startswith('Image "<b>logo</b>" & friends')
    assert "line 12:5" in info
    assert result[f"{DCT}date"][0]["@value"] == "2026-11-28T19:00:42+00:00"


def test_page_level_findings_have_no_pointer(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """An inapplicable finding (no element) has no pointer; everything else required is there."""
    home = earl(edge_result, context)["@graph"][1]
    inapplicable = next(
        a for a in home["assertions"] if a["result"]["outcome"] == "earl:inapplicable"
    )
    assert "pointer" not in inapplicable["result"]
    assert inapplicable["test"]["isPartOf"] == [
        "WCAG2:name-role-value",
        "act:97a4e1",
    ]


def test_unreadable_page_is_untested_for_every_rule(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """A page the engine could not analyse says so instead of claiming passes."""
    broken = earl(edge_result, context)["@graph"][4]
    assert "could not be analysed" in broken["description"]
    assert [a["test"]["title"] for a in broken["assertions"]] == [
        rule.id for rule in edge_result.rules
    ]
    assert {a["result"]["outcome"] for a in broken["assertions"]} == {"earl:untested"}


def test_base_uri_makes_sources_absolute(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """With a base URI (a folder, with or without its slash) each source is the page's URL."""
    with_base = ReportContext(**{**_fields(context), "base_uri": "https://example.org/site"})
    subjects = earl(edge_result, with_base)["@graph"][1:]
    assert subjects[1]["source"] == "https://example.org/site/docs/%C3%BCber%20uns/seite%201.html"
    assert subjects[2]["source"] == "https://example.org/site/absolute/clean.html"


def test_random_results_expand(
    factory_results: list[AnalysisResult], context: ReportContext
) -> None:
    """Random results are valid JSON-LD with one assertion per finding."""
    for result in factory_results:
        assertions = expanded_assertions(earl(result, context))
        assert len(assertions) == sum(len(d.findings) for d in result.documents)


def _fields(context: ReportContext) -> dict[str, Any]:
    return {name: getattr(context, name) for name in context.__struct_fields__}


def test_semi_automatic_findings_say_so(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """A finding an oracle's answer decided is asserted with earl:semiAuto, the others not."""
    document = edge_result.documents[0]
    decided = msgspec.structs.replace(document.findings[0], mode=Mode.SEMI_AUTO)
    changed = msgspec.structs.replace(document, findings=[decided, *document.findings[1:]])
    result = msgspec.structs.replace(edge_result, documents=[changed, *edge_result.documents[1:]])
    assertions = expanded_assertions(earl(result, context))
    modes = [assertion[f"{EARL}mode"][0]["@id"] for assertion in assertions]
    assert modes[0] == f"{EARL}semiAuto"
    assert set(modes[1:]) == {f"{EARL}automatic"}
