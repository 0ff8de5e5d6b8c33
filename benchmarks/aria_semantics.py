"""Cost of the semantics layer: every function of ``engine.aria`` on every element.

Usage::

    uv run python benchmarks/aria_semantics.py /work/shared/corpus [--deep 100000]

Parses each page (parse time reported apart), then asks, for every element, its role,
whether it is in the accessibility tree, whether it is focusable, its language, and its
accessible name and description (which pulls in the CSS cascade). Prints pages/s of the
semantics alone, the time share of each function (the first one to need the cascade pays
for it), and for ``--deep N`` the time on a page nested N levels deep. Figures are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from accessibility_analyzer.engine import aria
from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.parse import parse_page

Probe = Callable[[Page, Element], object]

PROBES: tuple[tuple[str, Probe], ...] = (
    ("is_hidden", aria.is_hidden),
    ("role_of", aria.role_of),
    ("is_included_in_accessibility_tree", aria.is_included_in_accessibility_tree),
    ("is_focusable", aria.is_focusable),
    ("element_language", aria.element_language),
    ("accessible_name", aria.accessible_name),
    ("accessible_description", aria.accessible_description),
    ("is_visible", aria.is_visible),
)


def pages_under(paths: list[Path]) -> list[Path]:
    """Every HTML page under the given files and folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.suffix in (".html", ".htm"))
        else:
            found.append(path)
    return found


def run_page(page: Page, totals: dict[str, float]) -> None:
    """Ask every probe about every element, charging the time to the probe."""
    for name, probe in PROBES:
        start = time.perf_counter()
        for element in page.elements:
            probe(page, element)
        totals[name] += time.perf_counter() - start


def deep_page(depth: int) -> Page:
    """A page whose body nests ``depth`` elements, with a link around them all."""
    markup = '<a href="/">' + "<span>" * depth + "text" + "</span>" * depth + "</a>"
    return parse_page(f"<!DOCTYPE html><html lang=en><body>{markup}</body></html>")


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--deep", type=int, default=0, help="also time an N-deep page")
    args = parser.parse_args()
    totals: dict[str, float] = defaultdict(float)
    parse_seconds = 0.0
    elements = 0
    files = pages_under(args.paths)
    for path in files:
        start = time.perf_counter()
        page = parse_page(path.read_bytes(), path=path.name)
        parse_seconds += time.perf_counter() - start
        elements += len(page.elements)
        run_page(page, totals)
    semantics = sum(totals.values())
    print(f"pages: {len(files)}, elements: {elements}")
    print(f"parse: {parse_seconds:.2f} s; semantics of every element: {semantics:.2f} s")
    if semantics:
        print(f"semantics alone: {len(files) / semantics:.1f} pages/s")
        print(f"per element: {semantics / max(elements, 1) * 1e6:.1f} us")
        for name, seconds in sorted(totals.items(), key=lambda item: -item[1]):
            print(f"  {name:<36} {seconds:7.3f} s  {seconds / semantics:6.1%}")
    if args.deep:
        page = deep_page(args.deep)
        deep_totals: dict[str, float] = defaultdict(float)
        start = time.perf_counter()
        run_page(page, deep_totals)
        print(f"{args.deep}-deep page: {time.perf_counter() - start:.2f} s for every element")


if __name__ == "__main__":
    main()
