"""The analysis job against a real SQLite database and real engine processes."""

from __future__ import annotations

import asyncio
import os
import signal
from collections import Counter
from typing import Any

import pytest
from jobs_helpers import CSS, page
from sqlalchemy import func, select

from accessibility_analyzer.engine import MappingSite, analyze_document
from accessibility_analyzer.jobs import page_worker
from accessibility_analyzer.jobs.tasks import JobContext, run_analysis
from accessibility_analyzer.rules import ALL_RULES, DEFAULT_RULES
from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage import analysis_runs as runs
from accessibility_analyzer.storage.database import Database
from accessibility_analyzer.storage.models import Analysis, DocumentResultRow, FindingRow

SITE = {
    "index.html": page("Home"),
    "other.html": page("Other"),
    "docs/deep.html": page("Deep"),
    "css/site.css": CSS,
}


Row = tuple[Any, ...]


def _engine_row(finding: Any) -> Row:
    return (
        finding.rule_id,
        finding.outcome.value,
        finding.impact.value,
        ",".join(finding.wcag),
        finding.selector,
        finding.xpath,
        finding.line,
        finding.column,
        finding.snippet,
        finding.message,
        finding.fix_hint,
        finding.reason,
    )


def engine_expectation(files: dict[str, bytes]) -> dict[str, Counter[Row]]:
    """What the engine itself finds on each page, every field of every finding."""
    site = MappingSite(files)
    expected = {}
    for path, content in files.items():
        if path.endswith(".html"):
            result = analyze_document(content, path=path, site=site, rules=DEFAULT_RULES)
            expected[path] = Counter(_engine_row(f) for f in result.findings)
    return expected


async def stored_findings(db: Database, analysis_id: str) -> dict[str, Counter[Row]]:
    async with db.sessions() as orm:
        rows = await orm.execute(
            select(
                FindingRow.path,
                FindingRow.rule_id,
                FindingRow.outcome,
                FindingRow.impact,
                FindingRow.wcag,
                FindingRow.selector,
                FindingRow.xpath,
                FindingRow.line,
                FindingRow.column,
                FindingRow.snippet,
                FindingRow.message,
                FindingRow.fix_hint,
                FindingRow.reason,
            ).where(FindingRow.analysis_id == analysis_id)
        )
        found: dict[str, Counter[Row]] = {}
        for path, *fields in rows:
            found.setdefault(path, Counter())[tuple(fields)] += 1
    return found


async def new_analysis(db: Database, session_id: str, pages: int, **options: Any) -> Analysis:
    return await repo.create_analysis(
        db, session_id=session_id, owner="tester", options=options, pages_total=pages
    )


async def reload(db: Database, analysis_id: str) -> Analysis:
    analysis = await repo.get_analysis(db, analysis_id, "tester")
    assert analysis is not None
    return analysis


async def test_analysis_stores_what_the_engine_finds(
    job_context: JobContext, database: Database, make_site: Any
) -> None:
    site = await make_site(SITE)
    analysis = await new_analysis(database, site.session_id, 3)

    outcome = await run_analysis(job_context, analysis.id)

    assert outcome.status == "completed"
    assert outcome.pages_analysed == 3
    done = await reload(database, analysis.id)
    assert (done.status, done.pages_done, done.pages_total, done.attempt) == ("completed", 3, 3, 1)
    assert done.started_at is not None and done.finished_at is not None
    expected = engine_expectation(SITE)
    found = await stored_findings(database, analysis.id)
    assert {path: +counts for path, counts in found.items()} == {
        path: counts for path, counts in expected.items() if counts
    }
    summary = done.summary
    assert summary is not None
    assert summary["documents"] == 3
    assert summary["findings"] == sum(sum(c.values()) for c in expected.values())
    for outcome_name in ("passed", "failed", "cantTell", "inapplicable"):
        assert summary["byOutcome"][outcome_name] == sum(
            count for c in expected.values() for row, count in c.items() if row[1] == outcome_name
        )


async def test_a_finished_analysis_is_not_run_again(
    job_context: JobContext, database: Database, make_site: Any
) -> None:
    site = await make_site(SITE)
    analysis = await new_analysis(database, site.session_id, 3)
    await run_analysis(job_context, analysis.id)
    before = await stored_findings(database, analysis.id)

    again = await run_analysis(job_context, analysis.id)

    assert again.status == "skipped"
    assert await stored_findings(database, analysis.id) == before
    assert (await reload(database, analysis.id)).attempt == 1


async def test_a_retried_analysis_continues_without_duplicates(
    job_context: JobContext, database: Database, make_site: Any
) -> None:
    site = await make_site(SITE)
    analysis = await new_analysis(database, site.session_id, 3)
    # A first attempt stored one page, then its worker died (status stays "running").
    claim = await runs.claim_analysis(database, analysis.id)
    assert claim is not None
    pages, _ = await runs.session_files(database, site.session_id)
    first = pages[0]
    result = analyze_document(
        SITE[first.path], path=first.path, site=MappingSite(SITE), rules=DEFAULT_RULES
    )
    await runs.store_page_results(
        database, analysis.id, claim.attempt, [(first.document_id, result)]
    )

    outcome = await run_analysis(job_context, analysis.id)

    assert (outcome.status, outcome.attempt) == ("completed", 2)
    assert (outcome.pages_analysed, outcome.pages_skipped) == (2, 1)
    assert await stored_findings(database, analysis.id) == {
        path: counts for path, counts in engine_expectation(SITE).items() if counts
    }
    async with database.sessions() as orm:
        rows = await orm.scalar(
            select(func.count())
            .select_from(DocumentResultRow)
            .where(DocumentResultRow.analysis_id == analysis.id)
        )
    assert rows == 3


async def test_a_superseded_attempt_cannot_write(database: Database, make_site: Any) -> None:
    site = await make_site(SITE)
    analysis = await new_analysis(database, site.session_id, 3)
    old = await runs.claim_analysis(database, analysis.id)
    new = await runs.claim_analysis(database, analysis.id)
    assert old is not None and new is not None and new.attempt == old.attempt + 1
    pages, _ = await runs.session_files(database, site.session_id)
    result = page_worker.error_result(pages[0].path, "x")

    with pytest.raises(runs.StaleAttemptError):
        await runs.store_page_results(
            database, analysis.id, old.attempt, [(pages[0].document_id, result)]
        )

    assert await runs.stored_document_ids(database, analysis.id) == set()


async def test_a_page_that_cannot_be_read_is_an_error_entry(
    job_context: JobContext, database: Database, make_site: Any
) -> None:
    site = await make_site(SITE)
    site.files["other.html"].unlink()  # lost from the disk between upload and analysis
    analysis = await new_analysis(database, site.session_id, 3)

    outcome = await run_analysis(job_context, analysis.id)

    assert outcome.status == "completed"
    done = await reload(database, analysis.id)
    assert done.summary is not None and done.summary["documentsWithErrors"] == 1
    pages = {row["path"]: row for row in await repo.load_document_results(database, analysis.id)}
    assert pages["other.html"]["error"].startswith("analysis failed: FileNotFoundError")
    assert pages["index.html"]["error"] is None


def test_an_engine_exception_becomes_an_error_result(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"<p>hi")
    manifest = tmp_path / "site.manifest"
    page_worker.write_manifest(manifest, {"page.html": str(target)})

    def explode(*_: Any, **__: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(page_worker, "analyse_or_reuse", explode)

    result = page_worker.decode_result(page_worker.analyse_page(str(manifest), "page.html", None))

    assert result.path == "page.html"
    assert result.findings == []
    assert result.error == "analysis failed: RuntimeError: boom"


async def test_the_time_limit_fails_the_analysis_with_a_reason(
    job_context: JobContext, database: Database, make_site: Any
) -> None:
    site = await make_site({f"p{i}.html": page(f"P{i}") for i in range(40)})
    analysis = await new_analysis(database, site.session_id, 40)
    job_context.time_limit_seconds = 0.001

    outcome = await run_analysis(job_context, analysis.id)

    assert outcome.status == "failed"
    done = await reload(database, analysis.id)
    assert done.status == "failed"
    assert done.error == "the analysis did not finish within its time limit of 0.001 s"


async def test_a_rule_selection_limits_the_rules_run(
    job_context: JobContext, database: Database, make_site: Any
) -> None:
    if not ALL_RULES:
        pytest.skip("no rules registered yet")
    chosen = ALL_RULES[0].meta.id
    site = await make_site(SITE)
    analysis = await new_analysis(database, site.session_id, 3, resolvedRules=[chosen])

    await run_analysis(job_context, analysis.id)

    found = await stored_findings(database, analysis.id)
    assert {row[0] for counts in found.values() for row in counts} == {chosen}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # about processes, not SQL
async def test_an_engine_process_killed_mid_analysis_loses_no_page(
    job_context: JobContext, database: Database, make_site: Any, engine_pool: Any
) -> None:
    big = page("Big").replace(b"</main>", b"<p>filler <a href='#'>link</a></p>" * 800 + b"</main>")
    site = await make_site({f"p{i:02}.html": big for i in range(30)} | {"css/site.css": CSS})
    analysis = await new_analysis(database, site.session_id, 30)
    running = asyncio.create_task(run_analysis(job_context, analysis.id))
    for _ in range(400):
        if engine_pool.child_pids():
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.2)  # let it get into some pages
    victim = engine_pool.child_pids()[0]
    generation = engine_pool.generation

    os.kill(victim, signal.SIGKILL)
    outcome = await running

    assert outcome.status == "completed"
    assert engine_pool.generation == generation + 1  # the broken pool was rebuilt, once
    assert victim not in engine_pool.child_pids()
    done = await reload(database, analysis.id)
    assert done.pages_done == 30
    assert done.summary is not None
    assert done.summary["documentsWithErrors"] == 0  # each interrupted page was run again
