"""Reading the Grafana dashboards: every PromQL expression, the series and labels it uses."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DASHBOARDS = Path(__file__).resolve().parents[2] / "otel" / "grafana" / "dashboards"

_FUNCTIONS_AND_KEYWORDS = frozenset(
    {
        "sum", "min", "max", "avg", "count", "topk", "bottomk", "quantile", "stddev",
        "rate", "irate", "increase", "delta", "deriv", "histogram_quantile", "abs",
        "clamp_min", "clamp_max", "label_replace", "vector", "scalar", "time",
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool",
        "and", "or", "unless", "offset",
    }
)  # fmt: skip
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_GROUPING = re.compile(r"\b(?:by|without)\s*\(([^)]*)\)")
_MATCHERS = re.compile(r"\{([^}]*)\}")
_MATCHER_LABEL = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")
_RANGE = re.compile(r"\[[^\]]*\]")
_VARIABLE = re.compile(r"\$\{?\w+\}?")
_IDENTIFIER = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")


@dataclass(frozen=True)
class Query:
    """One Prometheus query of one panel."""

    dashboard: str
    panel: str
    expr: str
    series: frozenset[str]
    labels: frozenset[str]


def parse_promql(expr: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return (series names, label names) an expression refers to.

    A deliberately small reader for the expressions our dashboards use: vector selectors,
    aggregations with ``by``/``without``, range vectors and arithmetic.
    """
    text = _STRING.sub('""', expr)
    labels: set[str] = set()
    for grouping in _GROUPING.findall(text):
        labels.update(name.strip() for name in grouping.split(",") if name.strip())
    for matchers in _MATCHERS.findall(text):
        labels.update(_MATCHER_LABEL.findall(matchers))
    text = _GROUPING.sub(" ", text)
    text = _MATCHERS.sub(" ", text)
    text = _RANGE.sub(" ", text)
    text = _VARIABLE.sub(" ", text)
    series = {name for name in _IDENTIFIER.findall(text) if name not in _FUNCTIONS_AND_KEYWORDS}
    return frozenset(series), frozenset(labels)


def _panels(panels: list[dict[str, object]]) -> Iterator[dict[str, object]]:
    for panel in panels:
        yield panel
        nested = panel.get("panels")
        if isinstance(nested, list):
            yield from _panels(nested)


def dashboard_files() -> list[Path]:
    """Every dashboard JSON file."""
    return sorted(DASHBOARDS.glob("*.json"))


def prometheus_queries() -> list[Query]:
    """Every query against the Prometheus data source, in every dashboard."""
    queries: list[Query] = []
    for path in dashboard_files():
        dashboard = json.loads(path.read_text())
        for panel in _panels(dashboard["panels"]):
            for target in panel.get("targets", []) or []:  # type: ignore[union-attr]
                source = target.get("datasource") or panel.get("datasource") or {}
                if source.get("type") != "prometheus":
                    continue
                series, labels = parse_promql(target["expr"])
                queries.append(
                    Query(path.name, str(panel["title"]), target["expr"], series, labels)
                )
    return queries
