"""SARIF 2.1.0 report: valid against the official schema and shaped for code scanning."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from accessibility_analyzer.engine.result import AnalysisResult, Impact, Outcome
from accessibility_analyzer.reports import ReportContext, ReportFormat, render
from accessibility_analyzer.reports.sarif import FINGERPRINT_KEY, finding_fingerprint

SCHEMA = json.loads(
    resources.files("accessibility_analyzer.reports")
    .joinpath("schemas/sarif-schema-2.1.0.json")
    .read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def sarif(result: AnalysisResult, context: ReportContext) -> dict[str, Any]:
    """Render and parse a SARIF report, failing the test if it breaks the schema."""
    report = render(ReportFormat.SARIF, result, context)
    log = json.loads(report.body.decode("utf-8"))
    errors = [
        f"{list(error.absolute_path)}: {error.message}" for error in VALIDATOR.iter_errors(log)
    ]
    assert errors == []
    return log


def test_vendored_schema_is_the_official_sarif_2_1_0_schema() -> None:
    """The vendored file is a valid draft-04 schema with the OASIS errata01 id."""
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_the_validator_rejects_a_broken_log() -> None:
    """A result without a message and with line 0 fails the schema (the check can fail)."""
    broken = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "x"}},
                "results": [
                    {
                        "ruleId": "r",
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": "a"},
                                    "region": {"startLine": 0},
                                }
                            }
                        ],
                    }
                ],
            }
        ],
    }
    assert len(list(VALIDATOR.iter_errors(broken))) == 2


def test_edge_cases_validate(edge_result: AnalysisResult, context: ReportContext) -> None:
    """Hostile text, missing locations and a failed page still give a valid log."""
    log = sarif(edge_result, context)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1


def test_random_results_validate(
    factory_results: list[AnalysisResult], context: ReportContext
) -> None:
    """Random results (any line number, unknown rule ids) always validate."""
    for result in factory_results:
        log = sarif(result, context)
        run = log["runs"][0]
        rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
        for sarif_result in run["results"]:
            assert rule_ids[sarif_result["ruleIndex"]] == sarif_result["ruleId"]


def test_empty_result_validates(empty_result: AnalysisResult, context: ReportContext) -> None:
    """No pages: one run with no results and no rules."""
    run = sarif(empty_result, context)["runs"][0]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []


def test_only_failed_and_cant_tell_findings_are_results(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Passed and inapplicable findings are not results; the others are, once each."""
    run = sarif(edge_result, context)["runs"][0]
    problems = [
        finding
        for document in edge_result.documents
        for finding in document.findings
        if finding.outcome in (Outcome.FAILED, Outcome.CANT_TELL)
    ]
    assert len(run["results"]) == len(problems) == 5
    assert {r["properties"]["outcome"] for r in run["results"]} == {"failed", "cantTell"}


def test_levels_follow_impact_and_review_results_say_none(
    finding: Any, result_of: Any, context: ReportContext
) -> None:
    """Critical/serious failures are errors, moderate/minor warnings, cantTell kind review."""
    result = result_of(
        finding(impact=Impact.CRITICAL, selector="a"),
        finding(impact=Impact.SERIOUS, selector="b"),
        finding(impact=Impact.MODERATE, selector="c"),
        finding(impact=Impact.MINOR, selector="d"),
        finding(outcome=Outcome.CANT_TELL, impact=Impact.CRITICAL, selector="e", reason="why"),
    )
    results = sarif(result, context)["runs"][0]["results"]
    assert [(r["kind"], r["level"]) for r in results] == [
        ("fail", "error"),
        ("fail", "error"),
        ("fail", "warning"),
        ("fail", "warning"),
        # SARIF §3.27.10: a kind other than "fail" requires level "none".
        ("review", "none"),
    ]
    assert "Needs review: why" in results[4]["message"]["text"]


def test_locations_are_relative_uris_with_line_and_column(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Page paths become percent-encoded relative URIs under %SRCROOT% with a region."""
    results = sarif(edge_result, context)["runs"][0]["results"]
    by_page = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in results}
    assert set(by_page) == {"index.html", "docs/%C3%BCber%20uns/seite%201.html"}
    first = results[0]["locations"][0]
    assert first["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert first["physicalLocation"]["region"]["startLine"] == 12
    assert first["physicalLocation"]["region"]["startColumn"] == 5
    assert first["physicalLocation"]["region"]["snippet"]["text"].startswith("<img src=x")
    assert first["logicalLocations"] == [
        {"fullyQualifiedName": "main > img.logo", "kind": "element"}
    ]


def test_region_is_left_out_without_a_usable_line(
    finding: Any, result_of: Any, context: ReportContext
) -> None:
    """GitHub needs startLine >= 1: no line (or a bogus one) means no region."""
    result = result_of(
        finding(line=None, column=None, selector="a"),
        finding(line=0, column=3, selector="b"),
        finding(line=7, column=None, selector="c"),
    )
    locations = [
        r["locations"][0]["physicalLocation"] for r in sarif(result, context)["runs"][0]["results"]
    ]
    assert "region" not in locations[0]
    assert "region" not in locations[1]
    assert locations[2]["region"] == {
        "startLine": 7,
        "snippet": {"text": '<img class="logo" src="logo.png">'},
    }


def test_leading_slash_is_dropped_and_base_uri_is_stated(
    finding: Any, result_of: Any, context: ReportContext
) -> None:
    """An absolute-looking path stays relative; the base URI goes to originalUriBaseIds."""
    with_base = ReportContext(**{**_fields(context), "base_uri": "https://example.org/site/"})
    run = sarif(result_of(finding(), path="/sub/page.html"), with_base)["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "sub/page.html"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "https://example.org/site/"}}


def test_base_uri_without_trailing_slash_gets_one(
    finding: Any, result_of: Any, context: ReportContext
) -> None:
    """``https://example.org/site`` is the folder ``site/``, not a file to replace."""
    with_base = ReportContext(**{**_fields(context), "base_uri": "https://example.org/site"})
    run = sarif(result_of(finding()), with_base)["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "https://example.org/site/"


def test_messy_metadata_still_validates(
    finding: Any, result_of: Any, context: ReportContext
) -> None:
    """Repeated rule ids and tags, and an empty message, keep the log schema-valid."""
    result = result_of(finding(message="  "))
    duplicate = result.rules[0]
    result.rules.insert(
        0, type(duplicate)(**{**_info_fields(duplicate), "tags": ("accessibility", "x", "x")})
    )
    result.rules.append(duplicate)
    run = sarif(result, context)["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids))
    assert run["tool"]["driver"]["rules"][0]["properties"]["tags"] == [
        "accessibility",
        "WCAG 1.1.1",
        "x",
    ]
    assert run["results"][0]["message"]["text"].startswith("Rule image-alt failed.")


def test_fingerprint_is_stable_across_line_moves(
    finding: Any, result_of: Any, context: ReportContext
) -> None:
    """The fingerprint hashes rule, page and selector, not the line."""
    moved = sarif(result_of(finding(line=99)), context)["runs"][0]["results"][0]
    original = sarif(result_of(finding(line=12)), context)["runs"][0]["results"][0]
    assert moved["partialFingerprints"] == original["partialFingerprints"]
    assert original["partialFingerprints"][FINGERPRINT_KEY] == finding_fingerprint(
        "image-alt", "index.html", "main > img.logo"
    )
    assert finding_fingerprint("image-alt", "index.html", "img.other") != finding_fingerprint(
        "image-alt", "index.html", "main > img.logo"
    )
    assert finding_fingerprint("image-alt", "a.html", "x") != finding_fingerprint(
        "image-alt", "b.html", "x"
    )


def test_rule_descriptors_carry_wcag_tags_levels_and_help(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """Each rule descriptor has the fields code scanning shows."""
    rules = {
        rule["id"]: rule
        for rule in sarif(edge_result, context)["runs"][0]["tool"]["driver"]["rules"]
    }
    image_alt = rules["image-alt"]
    assert image_alt["name"] == "ImageAlt"
    assert image_alt["shortDescription"]["text"] == "Images have a text alternative"
    assert "1.1.1 Non-text Content (A)" in image_alt["fullDescription"]["text"]
    assert image_alt["helpUri"] == "https://www.w3.org/WAI/standards-guidelines/act/rules/23a2a8/"
    assert image_alt["defaultConfiguration"] == {"level": "error"}
    assert {"accessibility", "WCAG 1.1.1", "wcag2a"} <= set(image_alt["properties"]["tags"])
    assert rules["region"]["defaultConfiguration"] == {"level": "warning"}
    assert "helpUri" not in rules["region"]


def test_rule_help_uri_prefix_from_context(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """A context rule_help_uri makes every rule link to our own rule docs."""
    with_docs = ReportContext(
        **{**_fields(context), "rule_help_uri": "https://a11y.example/api/v1/rules/"}
    )
    rules = sarif(edge_result, with_docs)["runs"][0]["tool"]["driver"]["rules"]
    assert {rule["helpUri"] for rule in rules} == {
        f"https://a11y.example/api/v1/rules/{rule['id']}" for rule in rules
    }


def test_relative_rule_help_prefix_is_not_a_help_uri(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """SARIF help links must be absolute: a relative docs prefix goes to properties instead."""
    relative = ReportContext(**{**_fields(context), "rule_help_uri": "/api/v1/rules/"})
    rules = {
        rule["id"]: rule
        for rule in sarif(edge_result, relative)["runs"][0]["tool"]["driver"]["rules"]
    }
    assert rules["image-alt"]["helpUri"].startswith("https://www.w3.org/")
    assert rules["image-alt"]["properties"]["documentation"] == "/api/v1/rules/image-alt"
    assert "helpUri" not in rules["region"]


def test_pages_that_failed_are_tool_notifications(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """A page the engine could not read is an error notification, not a silent gap."""
    invocation = sarif(edge_result, context)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["startTimeUtc"] == "2026-11-28T19:00:00Z"
    assert invocation["endTimeUtc"] == "2026-11-28T19:00:42Z"
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert "bad bytes" in notification["message"]["text"]


def test_naive_timestamps_are_taken_as_utc(
    edge_result: AnalysisResult, context: ReportContext
) -> None:
    """A database may hand back naive datetimes: they are stated as UTC (RFC 3339 needs a zone)."""
    naive = ReportContext(
        **{
            **_fields(context),
            "created_at": context.created_at.replace(tzinfo=None),
            "finished_at": None,
        }
    )
    invocation = sarif(edge_result, naive)["runs"][0]["invocations"][0]
    assert invocation["startTimeUtc"] == "2026-11-28T19:00:00Z"
    assert "endTimeUtc" not in invocation


def test_huge_snippets_are_shortened(finding: Any, result_of: Any, context: ReportContext) -> None:
    """A 50,000-character snippet is cut for display, saying how much was cut."""
    huge = "<div>" + "x" * 50_000 + "</div>"
    log = sarif(result_of(finding(snippet=huge)), context)
    text = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["snippet"]
    assert text["text"].startswith("<div>xxx")
    assert text["text"].endswith("… [48011 more characters]")
    assert len(text["text"]) < 2_100


@pytest.mark.parametrize("bad", ["\ud800", "\udfff"])
def test_lone_surrogates_do_not_break_the_log(
    bad: str, finding: Any, result_of: Any, context: ReportContext
) -> None:
    """Text with lone surrogates (undecodable bytes) is replaced, not a crash."""
    log = sarif(result_of(finding(message=f"bad {bad} text")), context)
    assert log["runs"][0]["results"][0]["message"]["text"].startswith("bad \ufffd text")


def _fields(context: ReportContext) -> dict[str, Any]:
    return {name: getattr(context, name) for name in context.__struct_fields__}


def _info_fields(rule: Any) -> dict[str, Any]:
    return {name: getattr(rule, name) for name in rule.__struct_fields__}
