"""Steps of the analysis workflow through HTTP, shared by the in-process and arq flow tests.

Each helper drives the public API only (sessions, uploads, analyses, findings, reports) and
checks what every caller may rely on; the report checks parse each format back.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import time
import zipfile
from collections.abc import Mapping
from html.parser import HTMLParser
from importlib import resources
from typing import Any

import jsonschema
from httpx import AsyncClient

from accessibility_analyzer.engine import analyze_document
from accessibility_analyzer.rules import ALL_RULES

CSS = b"body { color: #222; background: #fff } .faint { color: #bbb }"


def site_page(index: int, sections: int = 3) -> bytes:
    """A page with a realistic mix of content and some failures (missing alt, empty link)."""
    parts = [
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page {index}</title>'
        '<link rel="stylesheet" href="/css/site.css"></head><body>'
        '<header><nav><a href="/index.html">Home</a></nav></header><main>'
        f"<h1>Page {index}</h1>"
    ]
    for section in range(sections):
        parts.append(
            f'<section><h2>Section {section}</h2><p class="faint">Text {section}</p>'
            f'<img src="/img/{section}.png"><a href="#s{section}"></a>'
            f'<form><label for="f{section}">Name</label><input id="f{section}">'
            f"<input type=text><button></button></form>"
            "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"
            "</section>"
        )
    parts.append("</main></body></html>")
    return "".join(parts).encode()


def site_zip(pages: int, sections: int = 3) -> bytes:
    """A ZIP of a small site: ``pages`` pages in two folders plus a stylesheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", site_page(0, sections))
        for index in range(1, pages):
            folder = "docs" if index % 2 else "blog"
            archive.writestr(f"{folder}/page-{index}.html", site_page(index, sections))
        archive.writestr("css/site.css", CSS)
    return buffer.getvalue()


async def create_session(client: AsyncClient, headers: Mapping[str, str]) -> str:
    response = await client.post("/api/v1/sessions", json={"name": "flow"}, headers=headers)
    assert response.status_code == 201, response.text
    session_id: str = response.json()["id"]
    return session_id


async def upload_zip(
    client: AsyncClient, session_id: str, archive: bytes, headers: Mapping[str, str]
) -> None:
    response = await client.post(
        f"/api/v1/sessions/{session_id}/documents",
        files={"files": ("site.zip", archive, "application/zip")},
        headers=headers,
    )
    assert response.status_code == 201, response.text


async def start_analysis(
    client: AsyncClient,
    session_id: str,
    headers: Mapping[str, str],
    body: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    response = await client.post(
        f"/api/v1/sessions/{session_id}/analyses", json=body, headers=headers
    )
    assert response.status_code == 202, response.text
    analysis: dict[str, Any] = response.json()
    assert response.headers["location"] == f"/api/v1/analyses/{analysis['id']}"
    assert analysis["status"] in {"queued", "running", "completed"}
    return analysis


async def wait_until_finished(
    client: AsyncClient, analysis_id: str, headers: Mapping[str, str], within: float = 60
) -> dict[str, Any]:
    """Poll the analysis until it completes or fails; fail the test past ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        response = await client.get(f"/api/v1/analyses/{analysis_id}", headers=headers)
        assert response.status_code == 200, response.text
        analysis: dict[str, Any] = response.json()
        if analysis["status"] in {"completed", "failed"}:
            return analysis
        assert time.monotonic() < deadline, f"analysis still {analysis['status']}: {analysis}"
        await asyncio.sleep(0.05)


async def all_findings(
    client: AsyncClient, analysis_id: str, headers: Mapping[str, str], **filters: str
) -> list[dict[str, Any]]:
    """Every finding matching ``filters``, following the pagination."""
    items: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        response = await client.get(
            f"/api/v1/analyses/{analysis_id}/findings",
            params={**filters, "limit": "500", "offset": str(offset)},
            headers=headers,
        )
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        offset = page["nextOffset"]
        assert page["total"] >= len(items)
    return items


class _Tags(HTMLParser):
    """Collects the start tags of a document (a well-formedness smoke check)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def _sarif_validator() -> jsonschema.Draft4Validator:
    schema_file = resources.files("accessibility_analyzer.reports").joinpath(
        "schemas/sarif-schema-2.1.0.json"
    )
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


async def fetch_report(
    client: AsyncClient, analysis_id: str, fmt: str, headers: Mapping[str, str]
) -> tuple[bytes, str]:
    response = await client.get(
        f"/api/v1/analyses/{analysis_id}/report", params={"format": fmt}, headers=headers
    )
    assert response.status_code == 200, response.text
    assert "filename=" in response.headers["content-disposition"]
    return response.content, response.headers["content-type"]


async def check_every_report(
    client: AsyncClient, analysis: Mapping[str, Any], headers: Mapping[str, str]
) -> None:
    """Download each format and parse it back against the stored findings."""
    analysis_id = analysis["id"]
    findings = await all_findings(client, analysis_id, headers)
    failed = [f for f in findings if f["outcome"] == "failed"]
    pages = analysis["progress"]["pagesTotal"]

    body, media_type = await fetch_report(client, analysis_id, "json", headers)
    assert media_type.startswith("application/json")
    report = json.loads(body)
    assert len(report["documents"]) == pages
    # By default JSON lists the problems and counts passes per page and rule.
    problems = [f for f in findings if f["outcome"] in ("failed", "cantTell")]
    assert sum(len(d["findings"]) for d in report["documents"]) == len(problems)
    assert sum(
        sum(counts.values()) for d in report["documents"] for counts in d["ruleCounts"].values()
    ) == len(findings)

    body, media_type = await fetch_report(client, analysis_id, "sarif", headers)
    assert media_type.startswith("application/sarif+json")
    sarif = json.loads(body)
    errors = sorted(_sarif_validator().iter_errors(sarif), key=str)
    assert not errors, errors[:3]
    results = sarif["runs"][0]["results"]
    assert len([r for r in results if r.get("kind", "fail") == "fail"]) == len(failed)

    body, media_type = await fetch_report(client, analysis_id, "csv", headers)
    assert media_type.startswith("text/csv")
    assert media_type.count("charset") == 1, media_type
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == len(findings)
    assert sorted((r["path"], r["rule_id"], r["outcome"]) for r in rows) == sorted(
        (f["path"], f["ruleId"], f["outcome"]) for f in findings
    )

    body, media_type = await fetch_report(client, analysis_id, "earl", headers)
    assert media_type.startswith("application/ld+json")
    earl = json.loads(body)
    assert "@context" in earl
    assertions = [assertion for node in earl["@graph"] for assertion in node.get("assertions", [])]
    # A page that could not be analysed gets one "untested" assertion per rule instead.
    error_pages = [d for d in report["documents"] if d["error"]]
    assert len(assertions) == len(findings) + len(error_pages) * len(report["rules"])
    outcomes = {assertion["result"]["outcome"] for assertion in assertions}
    assert outcomes <= {
        "earl:passed",
        "earl:failed",
        "earl:cantTell",
        "earl:inapplicable",
        *(["earl:untested"] if error_pages else []),
    }

    body, media_type = await fetch_report(client, analysis_id, "html", headers)
    assert media_type.startswith("text/html")
    tags = _Tags()
    tags.feed(body.decode("utf-8"))
    assert tags.tags[:1] == ["html"] and "main" in tags.tags
    own_check = analyze_document(body, path="report.html", rules=ALL_RULES)
    assert own_check.error is None
    assert [f for f in own_check.findings if f.outcome.value == "failed"] == []
