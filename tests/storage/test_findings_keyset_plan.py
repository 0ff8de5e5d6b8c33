"""Pages of findings read their rows in id order from an index: no sort of the analysis's rows.

Every findings page is ``WHERE analysis_id = ? [AND filter] [AND id > cursor] ORDER BY id
LIMIT n``. Unless an index delivers that order, SQLite sorts every finding of the analysis
for each page (2.1 ms a page at 3,700 findings, growing with the analysis), which is what
``benchmarks/load.py`` measured before migration 0005.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from accessibility_analyzer.storage import analyses as repo
from accessibility_analyzer.storage.database import (
    Database,
    normalise_database_url,
    upgrade_database,
)


@pytest.mark.parametrize(
    ("filters", "after_id"),
    [
        (repo.FindingFilters(), None),
        (repo.FindingFilters(), 41),
        (repo.FindingFilters(outcome="failed"), 41),
        (repo.FindingFilters(rule_id="image-alt"), 41),
    ],
)
async def test_findings_pages_need_no_sort(
    tmp_path: Path, filters: repo.FindingFilters, after_id: int | None
) -> None:
    database = Database.from_url(normalise_database_url(None, tmp_path))
    await upgrade_database(database)
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "FROM findings" in statement:
            statements.append((statement, parameters))

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        rows, more = await repo.page_findings(
            database, "a" * 32, filters, limit=100, after_id=after_id
        )
        assert (rows, more) == ([], False)
        [(statement, parameters)] = statements
        async with database.engine.connect() as connection:
            plan = (
                await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            ).all()
    finally:
        await database.dispose()
    details = " / ".join(str(step[-1]) for step in plan)
    assert "USING INDEX ix_findings_analysis_id_" in details, details
    assert "TEMP B-TREE" not in details, details
