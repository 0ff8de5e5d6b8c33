"""`/api/v1/rules`: the rule list and each rule's documentation."""

from __future__ import annotations

from typing import Any

from accessibility_analyzer.rules import ALL_RULES


async def test_list_rules_and_filters(client: Any) -> None:
    """The list has every rule; tag and WCAG filters narrow it."""
    response = await client.get("/api/v1/rules")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == len(ALL_RULES)
    assert [item["id"] for item in body["items"]] == sorted(r.meta.id for r in ALL_RULES)
    first = body["items"][0]
    assert set(first) >= {"id", "name", "summary", "wcag", "level", "actRules", "impact", "tags"}
    by_id = {item["id"]: item for item in body["items"]}
    assert by_id["target-size"]["onByDefault"] is False
    assert by_id["region"]["onByDefault"] is True

    filtered = (await client.get("/api/v1/rules", params={"wcag": "1.1.1"})).json()
    assert filtered["items"]
    assert all("1.1.1" in item["wcag"] for item in filtered["items"])
    assert filtered["total"] < body["total"]


async def test_rule_detail_serves_the_docstring(client: Any) -> None:
    """A rule's documentation has the sections of its docstring."""
    rule_id = ALL_RULES[0].meta.id
    response = await client.get(f"/api/v1/rules/{rule_id}")
    assert response.status_code == 200
    doc = response.json()["documentation"]
    for section in ("## What it checks", "## Why it matters", "## Fails", "## Passes"):
        assert section in doc


async def test_unknown_rule_is_a_problem_404(client: Any) -> None:
    """An unknown id answers 404 problem+json."""
    response = await client.get("/api/v1/rules/no-such-rule")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 404
