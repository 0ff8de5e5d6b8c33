"""Whatever bytes a page holds, its results are stored, on SQLite and on PostgreSQL.

A page with a NUL byte in an attribute used to fail the findings insert on PostgreSQL, and
after the job's retries the whole analysis. These tests fuzz the storage path with hostile
strings, check a page the database still refuses becomes that page's error entry, and run a
real analysis of such a page through the engine processes.
"""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jobs_helpers import CSS, page
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from accessibility_analyzer.api.app import create_app
from accessibility_analyzer.engine.result import (
    DocumentResult,
    Finding,
    Impact,
    Outcome,
    OutcomeCounts,
)
from accessibility_analyzer.jobs.tasks import JobContext, _store_batch, run_analysis
from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage import analysis_runs as runs
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import DocumentResultRow, FindingRow
from accessibility_analyzer.storage.storable import storable, storable_text

_HOSTILE = [
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\ud83d\ude00",  # a surrogate pair as two code points: not UTF-8 either
    "\U0001f600",
    '"><script>\x00</script>',
    "\\x00 \\u0000",
    "\u2028\u2029\ufeff\ufffe",
]
hostile_text = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.sampled_from(_HOSTILE),
    st.integers(min_value=1_000, max_value=300_000).map(lambda n: "\x00" + "x" * n),
)
optional_hostile = st.none() | hostile_text
json_values = st.one_of(st.text(st.characters(exclude_categories=())), st.integers(), st.booleans())


@st.composite
def hostile_findings(draw: st.DrawFn) -> list[Finding]:
    count = draw(st.integers(min_value=1, max_value=4))
    return [
        Finding(
            rule_id=draw(hostile_text),
            outcome=Outcome.FAILED,
            impact=Impact.SERIOUS,
            wcag=("1.1.1",),
            selector=draw(optional_hostile),
            xpath=draw(optional_hostile),
            line=1,
            column=2,
            snippet=draw(optional_hostile),
            message=draw(hostile_text),
            fix_hint=draw(optional_hostile),
            reason=draw(optional_hostile),
            details=draw(st.none() | st.dictionaries(hostile_text, json_values, max_size=3)),
        )
        for _ in range(count)
    ]


async def _claimed_analysis(database: Database, make_site: Any) -> tuple[runs.Claim, str]:
    site = await make_site({"p.html": page("P")})
    analysis = await repo.create_analysis(
        database, session_id=site.session_id, owner="tester", options={}, pages_total=1
    )
    claim = await runs.claim_analysis(database, analysis.id)
    assert claim is not None
    pages, _ = await runs.session_files(database, site.session_id)
    return claim, pages[0].document_id


def _text_limit(name: str) -> int | None:
    return getattr(FindingRow.__table__.c[name].type, "length", None)


@pytest.fixture
async def claimed(database: Database, make_site: Any) -> tuple[runs.Claim, str]:
    return await _claimed_analysis(database, make_site)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(findings=hostile_findings(), title=optional_hostile, path=hostile_text)
async def test_hostile_strings_are_stored_on_both_databases(
    database: Database,
    claimed: tuple[runs.Claim, str],
    findings: list[Finding],
    title: str | None,
    path: str,
) -> None:
    claim, document_id = claimed
    result = DocumentResult(
        path=path, title=title, findings=findings, counts=OutcomeCounts(failed=len(findings))
    )

    await runs.store_page_results(
        database, claim.analysis_id, claim.attempt, [(document_id, result)]
    )

    async with database.sessions() as orm:
        stored = (
            await orm.scalars(select(FindingRow).where(FindingRow.analysis_id == claim.analysis_id))
        ).all()
        entry = await orm.scalar(
            select(DocumentResultRow).where(DocumentResultRow.analysis_id == claim.analysis_id)
        )
    assert entry is not None
    assert entry.title == (None if title is None else storable_text(title))
    assert entry.path == storable_text(path, 1024)
    assert entry.error is None
    fields = ("rule_id", "selector", "xpath", "snippet", "message", "fix_hint", "reason")
    expected = Counter(
        tuple(
            None
            if (value := getattr(finding, name)) is None
            else storable_text(value, _text_limit(name))
            for name in fields
        )
        for finding in findings
    )
    assert Counter(tuple(getattr(row, name) for name in fields) for row in stored) == expected
    assert sorted(repr(row.details) for row in stored) == sorted(
        repr(storable(finding.details) or None) for finding in findings
    )


async def test_a_page_the_database_refuses_becomes_its_error_entry(
    database: Database, make_site: Any
) -> None:
    site = await make_site({"a.html": page("A"), "b.html": page("B"), "c.html": page("C")})
    analysis = await repo.create_analysis(
        database, session_id=site.session_id, owner="tester", options={}, pages_total=3
    )
    claim = await runs.claim_analysis(database, analysis.id)
    assert claim is not None
    pages, _ = await runs.session_files(database, site.session_id)
    good = Finding(
        rule_id="image-alt",
        outcome=Outcome.FAILED,
        impact=Impact.CRITICAL,
        wcag=("1.1.1",),
        selector="img",
        xpath="/html/body/img",
        line=3,
        column=1,
        snippet="<img>",
        message="no alt",
    )
    # A line number no INTEGER column of either database holds: the insert fails.
    bad = Finding(**{**{f: getattr(good, f) for f in good.__struct_fields__}, "line": 2**64})
    batch = [
        (
            item.document_id,
            DocumentResult(
                path=item.path,
                title=item.path,
                findings=[bad if item.path == "b.html" else good],
                counts=OutcomeCounts(failed=1),
            ),
        )
        for item in pages
    ]

    await _store_batch(database, claim, batch)

    rows = {row["path"]: row for row in await repo.load_document_results(database, analysis.id)}
    assert sorted(rows) == ["a.html", "b.html", "c.html"]
    assert rows["a.html"]["error"] is None and rows["c.html"]["error"] is None
    assert rows["b.html"]["error"].startswith("the page's results could not be stored: ")
    findings, total = await repo.list_findings(
        database, analysis.id, repo.FindingFilters(), limit=10, offset=0
    )
    assert total == 2
    assert {row["path"] for row in findings} == {"a.html", "c.html"}


async def test_a_page_with_nul_bytes_is_analysed_and_reported_on_both_databases(
    database: Database, make_site: Any, job_context: JobContext
) -> None:
    hostile = page("Hostile").replace(b'<img src="a.png">', b'<img src="a\x00.png" alt="\x00">')
    hostile = hostile.replace(b"<button></button>", b'<button title="x\x00y"></button>')
    site = await make_site({"hostile.html": hostile, "ok.html": page("OK"), "css/site.css": CSS})
    analysis = await repo.create_analysis(
        database, session_id=site.session_id, owner="tester", options={}, pages_total=2
    )

    outcome = await run_analysis(job_context, analysis.id)

    assert outcome.status == "completed"
    done = await repo.get_analysis(database, analysis.id, "tester")
    assert done is not None
    assert (done.status, done.pages_done, done.error) == ("completed", 2, None)
    assert done.summary is not None and done.summary["documentsWithErrors"] == 0
    entries = await repo.load_document_results(database, analysis.id)
    assert [(row["path"], row["error"]) for row in entries] == [
        ("hostile.html", None),
        ("ok.html", None),
    ]
    findings, _ = await repo.list_findings(
        database, analysis.id, repo.FindingFilters(document="hostile.html"), limit=1000, offset=0
    )
    snippets = [row["snippet"] for row in findings if row["snippet"]]
    assert any('alt="\ufffd"' in snippet for snippet in snippets)
    assert not any("\x00" in snippet for snippet in snippets)


@pytest.mark.postgres
async def test_a_page_with_a_nul_in_an_attribute_gets_a_report_through_the_api_on_postgresql(
    settings_factory: Any, jobs_postgres_url: str
) -> None:
    """The reported failure end to end: upload, analysis in the service, every report."""
    settings = settings_factory(DATABASE_URL=jobs_postgres_url, API_KEYS="alice:alice-key-123")
    key = {"X-API-Key": "alice-key-123"}
    hostile = page("Hostile").replace(b'<img src="a.png">', b'<img src="a.png" alt="x\x00y">')
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("hostile.html", hostile)
        zipped.writestr("ok.html", page("OK"))
        zipped.writestr("css/site.css", CSS)
    async with AsyncTestClient(app=create_app(settings)) as client:
        session = (await client.post("/api/v1/sessions", json={}, headers=key)).json()["id"]
        upload = await client.post(
            f"/api/v1/sessions/{session}/documents",
            files={"files": ("site.zip", archive.getvalue(), "application/zip")},
            headers=key,
        )
        assert upload.status_code == 201, upload.text
        started = await client.post(f"/api/v1/sessions/{session}/analyses", headers=key)
        assert started.status_code == 202, started.text
        url = f"/api/v1/analyses/{started.json()['id']}"
        for _ in range(1200):
            analysis = (await client.get(url, headers=key)).json()
            if analysis["status"] in {"completed", "failed"}:
                break
            await asyncio.sleep(0.05)
        assert (analysis["status"], analysis["error"]) == ("completed", None)
        reports = {
            name: await client.get(f"{url}/report", params={"format": name}, headers=key)
            for name in ("json", "html", "sarif", "csv", "earl")
        }
    assert all(response.status_code == 200 for response in reports.values())
    documents = reports["json"].json()["documents"]
    assert [(d["path"], d["error"]) for d in documents] == [
        ("hostile.html", None),
        ("ok.html", None),
    ]
    assert "x\ufffdy" in reports["json"].text
