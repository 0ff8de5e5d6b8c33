"""The whole analysis workflow through HTTP with the real app, analyses run in-process.

No Valkey here: this is `a11y serve` alone, SQLite and in-process jobs on a process pool.
The same flow through arq and a real `a11y worker` process is in
``test_analysis_flow_arq.py``.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import msgspec
import pytest
from analysis_flow_helpers import (
    all_findings,
    check_every_report,
    create_session,
    site_zip,
    start_analysis,
    upload_zip,
    wait_until_finished,
)
from litestar import Litestar
from litestar.testing import AsyncTestClient
from polyfactory.factories.msgspec_factory import MsgspecFactory

from accessibility_analyzer.api.app import create_app
from accessibility_analyzer.api.controllers import report_downloads
from accessibility_analyzer.api.controllers.analyses_schemas import AnalysisRequest
from accessibility_analyzer.rules import ALL_RULES
from accessibility_analyzer.settings import Settings
from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage import analysis_runs as runs

ALICE = {"X-API-Key": "alice-key-123"}
BOB = {"X-API-Key": "bob-key-4567"}

Client = AsyncTestClient[Litestar]


class AnalysisRequestFactory(MsgspecFactory[AnalysisRequest]):
    """Rule selections of every shape: random ids and tags, any level, fields left out."""

    __allow_none_optionals__ = True


@pytest.fixture
def settings(settings_factory: Any) -> Settings:
    """Two identities, in-process jobs on two engine processes."""
    return settings_factory(API_KEYS="alice:alice-key-123,bob:bob-key-4567", ENGINE_PROCESSES="2")


async def analysed_site(client: Client, pages: int = 5) -> dict[str, Any]:
    session_id = await create_session(client, ALICE)
    await upload_zip(client, session_id, site_zip(pages), ALICE)
    started = await start_analysis(client, session_id, ALICE)
    return await wait_until_finished(client, started["id"], ALICE)


async def test_upload_analyse_and_read_every_report(client: Client) -> None:
    analysis = await analysed_site(client)

    assert analysis["status"] == "completed", analysis
    assert analysis["progress"] == {"pagesDone": 5, "pagesTotal": 5, "percent": 100.0}
    assert analysis["startedAt"] and analysis["finishedAt"]
    assert analysis["durationSeconds"] >= 0
    summary = analysis["summary"]
    assert summary["documents"] == 5 and summary["documentsWithErrors"] == 0
    findings = await all_findings(client, analysis["id"], ALICE)
    assert len(findings) == summary["findings"]
    assert len({f["id"] for f in findings}) == len(findings)
    for outcome, count in summary["byOutcome"].items():
        assert count == sum(1 for f in findings if f["outcome"] == outcome)
    await check_every_report(client, analysis, ALICE)


async def test_findings_filters_select_exactly_the_matching_findings(client: Client) -> None:
    analysis = await analysed_site(client, pages=3)
    findings = await all_findings(client, analysis["id"], ALICE)
    if not findings:
        pytest.skip("no rules registered yet: nothing to filter")
    sample = next((f for f in findings if f["outcome"] == "failed" and f["wcag"]), findings[0])

    def expected(**conditions: Any) -> list[int]:
        return sorted(f["id"] for f in findings if all(test(f) for test in conditions.values()))

    async def ids(**filters: str) -> list[int]:
        return sorted(f["id"] for f in await all_findings(client, analysis["id"], ALICE, **filters))

    assert await ids(rule=sample["ruleId"]) == expected(r=lambda f: f["ruleId"] == sample["ruleId"])
    assert await ids(outcome="failed") == expected(o=lambda f: f["outcome"] == "failed")
    assert await ids(impact=sample["impact"]) == expected(
        i=lambda f: f["impact"] == sample["impact"]
    )
    assert await ids(document=sample["path"]) == expected(d=lambda f: f["path"] == sample["path"])
    assert await ids(document=sample["documentId"]) == expected(
        d=lambda f: f["documentId"] == sample["documentId"]
    )
    if sample["wcag"]:
        criterion = sample["wcag"][0]
        assert await ids(wcag=criterion) == expected(w=lambda f: criterion in f["wcag"])
    assert await ids(outcome="failed", document=sample["path"]) == expected(
        o=lambda f: f["outcome"] == "failed", d=lambda f: f["path"] == sample["path"]
    )
    first = await client.get(
        f"/api/v1/analyses/{analysis['id']}/findings", params={"limit": 2}, headers=ALICE
    )
    page = first.json()
    assert page["total"] == len(findings)
    assert page["limit"] == 2 and len(page["items"]) == min(2, len(findings))


async def test_a_rendered_report_is_served_from_the_cache(client: Client, app: Litestar) -> None:
    analysis = await analysed_site(client, pages=2)
    url = f"/api/v1/analyses/{analysis['id']}/report"
    first = await client.get(url, params={"format": "csv"}, headers=ALICE)
    hits = app.state.cache.hits

    second = await client.get(url, params={"format": "csv"}, headers=ALICE)

    assert second.content == first.content
    assert app.state.cache.hits == hits + 1


async def test_a_large_report_is_kept_as_a_file_and_goes_with_its_session(
    client: Client, app: Litestar, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_downloads, "MAX_CACHE_ENTRY_BYTES", 10)
    analysis = await analysed_site(client, pages=2)
    url = f"/api/v1/analyses/{analysis['id']}/report"
    first = await client.get(url, params={"format": "csv"}, headers=ALICE)
    hits = app.state.cache.hits
    folder = app.state.file_store.data_dir / "reports" / analysis["sessionId"]
    kept = list(folder.iterdir())

    second = await client.get(url, params={"format": "csv"}, headers=ALICE)

    assert first.status_code == second.status_code == 200
    assert "content-length" not in first.headers  # streamed as it was rendered
    assert second.headers["content-length"] == str(len(first.content))  # served from the file
    assert second.content == first.content
    assert second.headers["content-type"] == first.headers["content-type"]
    assert "filename=" in second.headers["content-disposition"]
    assert app.state.cache.hits == hits
    assert [path.suffix for path in kept] == [".csv"]
    assert kept[0].read_bytes() == first.content

    deleted = await client.delete(f"/api/v1/sessions/{analysis['sessionId']}", headers=ALICE)
    assert deleted.status_code == 204
    assert not folder.exists()


async def test_passed_findings_are_listed_on_request(client: Client) -> None:
    analysis = await analysed_site(client, pages=2)
    url = f"/api/v1/analyses/{analysis['id']}/report"
    summary = analysis["summary"]["byOutcome"]

    default = (await client.get(url, params={"format": "json"}, headers=ALICE)).json()
    everything = (
        await client.get(url, params={"format": "json", "includePassed": "true"}, headers=ALICE)
    ).json()
    lines = await client.get(url, params={"format": "jsonl"}, headers=ALICE)

    assert not default["includesPassed"] and everything["includesPassed"]
    assert sum(len(d["findings"]) for d in default["documents"]) == (
        summary["failed"] + summary["cantTell"]
    )
    assert sum(len(d["findings"]) for d in everything["documents"]) == sum(summary.values())
    assert lines.headers["content-type"].startswith("application/jsonl")
    assert [json.loads(line) for line in lines.text.splitlines()] == default["documents"]


async def test_another_identity_sees_nothing(client: Client) -> None:
    analysis = await analysed_site(client, pages=1)
    base = f"/api/v1/analyses/{analysis['id']}"

    for url in (base, f"{base}/findings", f"{base}/report?format=json"):
        response = await client.get(url, headers=BOB)
        assert response.status_code == 404, url
        assert response.headers["content-type"].startswith("application/problem+json")
    response = await client.post(f"/api/v1/sessions/{analysis['sessionId']}/analyses", headers=BOB)
    assert response.status_code == 404
    assert (await client.get(base, headers=ALICE)).status_code == 200


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"format": "pdf"}, "format"),
    ],
)
async def test_an_unknown_report_format_is_a_400(
    client: Client, query: dict[str, str], field: str
) -> None:
    analysis = await analysed_site(client, pages=1)
    response = await client.get(
        f"/api/v1/analyses/{analysis['id']}/report", params=query, headers=ALICE
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in response.text


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "0"},
        {"limit": "100000"},
        {"offset": "-1"},
        {"impact": "huge"},
        {"outcome": "maybe"},
        {"wcag": "1.1"},
        {"limit": "ten"},
    ],
)
async def test_bad_findings_queries_are_400(client: Client, query: dict[str, str]) -> None:
    analysis = await analysed_site(client, pages=1)
    response = await client.get(
        f"/api/v1/analyses/{analysis['id']}/findings", params=query, headers=ALICE
    )
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_bad_analysis_requests_get_clear_problems(client: Client) -> None:
    session_id = await create_session(client, ALICE)
    url = f"/api/v1/sessions/{session_id}/analyses"

    no_pages = await client.post(url, headers=ALICE)
    assert no_pages.status_code == 409
    assert no_pages.json()["reason"] == "no_pages"

    await upload_zip(client, session_id, site_zip(1), ALICE)
    unknown = await client.post(url, json={"rules": ["no-such-rule"]}, headers=ALICE)
    assert unknown.status_code == 400
    assert unknown.json()["reason"] == "unknown_rules"
    assert unknown.json()["unknownRules"] == ["no-such-rule"]

    for body in ({"level": "AAAA"}, {"rules": "image-alt"}, {"colour": "blue"}, [1, 2]):
        response = await client.post(url, json=body, headers=ALICE)
        assert response.status_code == 400, (body, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")

    nothing = await client.post(url, json={"tags": ["no-such-tag"]}, headers=ALICE)
    assert nothing.status_code == 422
    assert nothing.json()["reason"] == "no_rules_selected"

    missing = await client.post("/api/v1/sessions/" + "0" * 32 + "/analyses", headers=ALICE)
    assert missing.status_code == 404
    unknown_analysis = await client.get("/api/v1/analyses/" + "0" * 32, headers=ALICE)
    assert unknown_analysis.status_code == 404


async def test_a_rule_selection_runs_only_those_rules(client: Client) -> None:
    if not ALL_RULES:
        pytest.skip("no rules registered yet")
    chosen = ALL_RULES[0].meta.id
    session_id = await create_session(client, ALICE)
    await upload_zip(client, session_id, site_zip(2), ALICE)
    started = await start_analysis(client, session_id, ALICE, {"rules": [chosen]})
    assert started["options"]["rules"] == [chosen]
    analysis = await wait_until_finished(client, started["id"], ALICE)

    findings = await all_findings(client, analysis["id"], ALICE)
    assert {f["ruleId"] for f in findings} == {chosen}


async def test_a_report_of_an_unfinished_analysis_is_a_409(client: Client, app: Litestar) -> None:
    session_id = await create_session(client, ALICE)
    await upload_zip(client, session_id, site_zip(1), ALICE)
    # Queued but never handed to the queue: stays "queued" for as long as the test needs.
    queued = await repo.create_analysis(
        app.state.database, session_id=session_id, owner="alice", options={}, pages_total=1
    )

    response = await client.get(f"/api/v1/analyses/{queued.id}/report", headers=ALICE)

    assert response.status_code == 409
    assert response.json()["reason"] == "not_completed"
    status = await client.get(f"/api/v1/analyses/{queued.id}", headers=ALICE)
    assert status.json()["status"] == "queued"
    assert status.json()["durationSeconds"] is None


async def test_health_probes_answer_while_a_large_analysis_runs(client: Client) -> None:
    session_id = await create_session(client, ALICE)
    await upload_zip(client, session_id, site_zip(300, sections=12), ALICE)
    started = await start_analysis(client, session_id, ALICE)
    probe_times: list[float] = []
    seen_running = False
    while True:
        for probe in ("/health/ready", "/health/detailed", "/health"):
            began = time.perf_counter()
            response = await client.get(probe)
            probe_times.append(time.perf_counter() - began)
            assert response.status_code == 200, response.text
        status = (await client.get(f"/api/v1/analyses/{started['id']}", headers=ALICE)).json()
        if status["status"] == "running" and 0 < status["progress"]["pagesDone"] < 300:
            seen_running = True
        if status["status"] in {"completed", "failed"}:
            break
        await asyncio.sleep(0.02)

    assert status["status"] == "completed"
    assert seen_running, "the analysis finished before any probe ran alongside it"
    # Generous bound: a probe waits for no page; only a blocked event loop would exceed it.
    # (Latency figures under load are benchmarks/load.py's business, not a test's: on a
    # shared 2-core machine at load 15 a probe took 2.1 s with the loop free.)
    assert max(probe_times) < 5, sorted(probe_times)[-5:]


async def test_generated_rule_selections_get_202_or_a_clear_4xx(client: Client) -> None:
    session_id = await create_session(client, ALICE)
    await upload_zip(client, session_id, site_zip(1), ALICE)
    known = {rule.meta.id for rule in ALL_RULES}
    AnalysisRequestFactory.seed_random(4)

    for body in AnalysisRequestFactory.batch(25):
        payload = msgspec.to_builtins(body)
        response = await client.post(
            f"/api/v1/sessions/{session_id}/analyses", json=payload, headers=ALICE
        )
        if body.rules and not set(body.rules) <= known:
            assert response.status_code == 400, response.text
            assert response.json()["reason"] == "unknown_rules"
        else:
            assert response.status_code in {202, 422}, response.text
        if response.status_code != 202:
            assert response.headers["content-type"].startswith("application/problem+json")


async def test_an_analysis_interrupted_by_a_server_restart_resumes_at_start(
    settings: Settings,
) -> None:
    first = create_app(settings)
    async with AsyncTestClient(app=first) as client:
        session_id = await create_session(client, ALICE)
        await upload_zip(client, session_id, site_zip(3), ALICE)
        # The server "dies" right after claiming the analysis: status running, nothing stored.
        interrupted = await repo.create_analysis(
            first.state.database, session_id=session_id, owner="alice", options={}, pages_total=3
        )
        await runs.claim_analysis(first.state.database, interrupted.id)

    async with AsyncTestClient(app=create_app(settings)) as client:
        analysis = await wait_until_finished(client, interrupted.id, ALICE)

    assert analysis["status"] == "completed"
    assert analysis["attempt"] == 2
    assert analysis["progress"]["pagesDone"] == 3


async def test_a_page_that_fails_is_an_error_entry_not_a_failed_analysis(
    client: Client, app: Litestar
) -> None:
    session_id = await create_session(client, ALICE)
    await upload_zip(client, session_id, site_zip(3), ALICE)
    documents = (
        await client.get(f"/api/v1/sessions/{session_id}/documents", headers=ALICE)
    ).json()["items"]
    broken = next(d for d in documents if d["path"] == "index.html")
    stored = await runs.session_files(app.state.database, session_id)
    key = next(f.storage_key for f in stored[1] if f.path == broken["path"])
    app.state.file_store.path_for(session_id, key).unlink()  # lost from the disk

    started = await start_analysis(client, session_id, ALICE)
    analysis = await wait_until_finished(client, started["id"], ALICE)

    assert analysis["status"] == "completed"
    assert analysis["summary"]["documentsWithErrors"] == 1
    body = (await client.get(f"/api/v1/analyses/{analysis['id']}/report", headers=ALICE)).json()
    errors = {d["path"]: d["error"] for d in body["documents"]}
    assert errors["index.html"].startswith("analysis failed: FileNotFoundError")
    assert [path for path, error in errors.items() if error is None] == [
        "blog/page-2.html",
        "docs/page-1.html",
    ]
    await check_every_report(client, analysis, ALICE)
