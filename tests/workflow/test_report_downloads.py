"""Report downloads: streamed from the database, equal to rendering the whole result, kept
as files or cache entries, and removed with their session or when orphaned."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from typing import Any

import msgspec
import pytest
from analysis_flow_helpers import (
    create_session,
    site_zip,
    start_analysis,
    upload_zip,
    wait_until_finished,
)
from litestar import Litestar
from litestar.testing import AsyncTestClient

from accessibility_analyzer import __version__
from accessibility_analyzer.api.controllers import report_downloads as downloads
from accessibility_analyzer.engine.result import AnalysisResult, DocumentResult
from accessibility_analyzer.reports import (
    FORMAT_NAMES,
    FORMATS,
    JsonReport,
    PassedFindings,
    ReportContext,
    ReportFormat,
    render,
)
from accessibility_analyzer.settings import Settings
from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage import report_rows
from accessibility_analyzer.storage.cleanup import remove_orphan_reports
from accessibility_analyzer.storage.report_files import ReportFiles

ALICE = {"X-API-Key": "alice-key-123"}
Client = AsyncTestClient[Litestar]


@pytest.fixture
def settings(settings_factory: Any) -> Settings:
    """One identity, in-process jobs."""
    return settings_factory(API_KEYS="alice:alice-key-123", ENGINE_PROCESSES="1")


async def _analysed(client: Client, pages: int = 3) -> dict[str, Any]:
    session_id = await create_session(client, ALICE)
    await upload_zip(client, session_id, site_zip(pages), ALICE)
    started = await start_analysis(client, session_id, ALICE)
    return await wait_until_finished(client, started["id"], ALICE)


async def _download(client: Client, analysis_id: str, fmt: str, include_passed: bool) -> bytes:
    params = {"format": fmt, "includePassed": str(include_passed).lower()}
    response = await client.get(
        f"/api/v1/analyses/{analysis_id}/report", params=params, headers=ALICE
    )
    assert response.status_code == 200, response.text
    return response.content


async def test_streamed_reports_equal_rendering_the_whole_result(client: Client) -> None:
    """Every format, with and without passes, is byte for byte what render() gives for the
    same result in memory; the HTML summary counted in SQL equals the one counted in Python."""
    analysis = await _analysed(client)
    everything = msgspec.json.decode(
        await _download(client, analysis["id"], "json", include_passed=True), type=JsonReport
    )
    result = AnalysisResult(
        documents=[
            DocumentResult(
                path=page.path,
                title=page.title,
                findings=page.findings,
                counts=page.counts,
                error=page.error,
            )
            for page in everything.documents
        ],
        rules=everything.rules,
    )
    assert sum(len(page.findings) for page in result.documents) == analysis["summary"]["findings"]
    context = ReportContext(
        analysis_id=analysis["id"],
        session_id=analysis["sessionId"],
        tool_version=__version__,
        created_at=everything.analysis.created_at,
        finished_at=everything.analysis.finished_at,
        rule_help_uri="/api/v1/rules/",
    )
    for fmt, spec in FORMATS.items():
        for include_passed in (False, True):
            downloaded = await _download(client, analysis["id"], fmt, include_passed)
            listed = include_passed and spec.passed is PassedFindings.OPTIONAL
            expected = render(fmt, result, context, include_passed=listed).body
            assert downloaded == expected, (fmt, include_passed)


async def test_a_download_cut_short_leaves_nothing_behind(client: Client, app: Litestar) -> None:
    """Closing the stream after its first chunk removes the part file; nothing is kept."""
    summary = await _analysed(client, pages=2)
    database = app.state.database
    analysis = await repo.get_analysis(database, summary["id"], "alice")
    assert analysis is not None
    files = ReportFiles.under(app.state.file_store.data_dir)
    request = downloads.ReportRequest.of(analysis, "earl", include_passed=False)

    stream = downloads.stream_report(database, app.state.cache, files, request)
    first = await anext(stream)
    folder = files.session_dir(analysis.session_id)
    assert first.startswith(b'{"@context"')
    assert [path.suffix for path in folder.iterdir()] == [".part"]
    await stream.aclose()

    assert list(folder.iterdir()) == []
    assert await app.state.cache.get(request.cache_key) is None


async def test_cleanup_removes_orphaned_reports_and_stale_parts(
    client: Client, app: Litestar
) -> None:
    """Reports of a session that is gone, and parts older than the limit, are removed."""
    analysis = await _analysed(client, pages=1)
    files = ReportFiles.under(app.state.file_store.data_dir)
    live, gone = analysis["sessionId"], "0" * 32
    kept = files.path_for(live, analysis["id"], "json-0", "json")
    orphan = files.path_for(gone, analysis["id"], "json-0", "json")
    for path in (kept, orphan):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"{}")
    stale, stale_handle = files.open_part(live)
    fresh, fresh_handle = files.open_part(live)
    for handle in (stale_handle, fresh_handle):
        handle.write(b"[")
        handle.close()
    long_ago = time.time() - 7200
    os.utime(stale, (long_ago, long_ago))

    removal = await remove_orphan_reports(
        app.state.database, app.state.file_store, max_file_age=timedelta(hours=1)
    )

    assert removal.files == 2
    assert kept.exists() and fresh.exists()
    assert not orphan.exists() and not orphan.parent.exists() and not stale.exists()


async def test_the_documented_formats_are_the_registrys(client: Client) -> None:
    """The OpenAPI ``format`` parameter offers exactly the registry's formats."""
    document = (await client.get("/openapi.json")).json()
    operation = document["paths"]["/api/v1/analyses/{analysis_id}/report"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    schema = parameters["format"]["schema"]
    if "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    assert schema["enum"] == [fmt.value for fmt in ReportFormat] == list(FORMAT_NAMES)
    assert parameters["includePassed"]["schema"]["type"] == "boolean"


async def test_the_stored_summary_and_the_sql_count_agree(client: Client, app: Litestar) -> None:
    """The HTML summary comes from the counts stored at completion (no query over the
    findings); counting in SQL, the fallback, gives the same summary."""
    finished = await _analysed(client, pages=2)
    database = app.state.database
    analysis = await repo.get_analysis(database, finished["id"], "alice")
    assert analysis is not None
    pages = await report_rows.report_pages(database, analysis.id)

    stored = downloads.stored_summary(analysis)
    counted = await downloads.summary_in_sql(database, analysis, pages)

    assert stored is not None and stored == counted
    assert stored.findings == finished["summary"]["findings"] > 0
    analysis.summary = None
    assert downloads.stored_summary(analysis) is None
