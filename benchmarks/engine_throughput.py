"""Engine throughput: pages/s, MB/s, peak memory, rule time shares, and linearity.

Usage::

    uv run python benchmarks/engine_throughput.py /work/shared/corpus
    uv run python benchmarks/engine_throughput.py --rules none --repeat 3 PATH...
    uv run python benchmarks/engine_throughput.py --locate-passed /work/shared/corpus

Each first-level folder of a PATH is one site (its root answers root-relative URLs, as the
corpus keeps each site's stylesheets at their paths); pages directly in PATH belong to PATH.
Every page is parsed and checked with the selected rules (``all`` = ``ALL_RULES``), exactly
as ``analyze_document`` does, with the parse and each rule timed separately. Semantics
computed on demand (CSS cascade, roles, names) are charged to the first rule asking.
Passed findings are not located, as for ``a11y check``'s default output (which only counts
them); ``--locate-passed`` locates every finding, as the service and ``--include-passed`` do.

Then the linearity checks: the largest page with its body repeated ``--scale`` times must
take at most 1.2 x scale times as long, and a generated page of ``--big-elements`` elements
(about 5 MB for 100,000) must finish in seconds. Targets (one core): >= 60 pages/s with all
rules, peak RSS < 200 MB. The figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from accessibility_analyzer.engine import NoOracle, Rule, parse_page
from accessibility_analyzer.engine._gc import gc_paused
from accessibility_analyzer.engine.runner import release_page, run_rule
from accessibility_analyzer.rules import ALL_RULES

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")


class DirectorySite:
    """A site backed by a folder (read-only; paths outside the folder read as missing)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._cache: dict[str, bytes | None] = {}  # an upload is read once, then held

    def _file(self, path: str) -> Path | None:
        candidate = (self.root / path).resolve()
        if candidate != self.root and self.root not in candidate.parents:
            return None
        return candidate if candidate.is_file() else None

    def read(self, path: str) -> bytes | None:
        """Bytes of the file, or ``None``."""
        if path not in self._cache:
            file = self._file(path)
            self._cache[path] = file.read_bytes() if file is not None else None
        return self._cache[path]

    def exists(self, path: str) -> bool:
        """Whether the file exists inside the site."""
        return self._file(path) is not None


@dataclass
class PageInput:
    """One page to check: its bytes, site-relative path and site."""

    data: bytes
    path: str
    site: DirectorySite


def collect_pages(paths: Sequence[Path]) -> list[PageInput]:
    """Pages under ``paths``; each first-level folder of a PATH is a site."""
    pages: list[PageInput] = []
    for root in paths:
        if root.is_file():
            pages.append(PageInput(root.read_bytes(), root.name, DirectorySite(root.parent)))
            continue
        sites: dict[Path, DirectorySite] = {}
        for file in sorted(root.rglob("*")):
            if file.suffix.lower() not in PAGE_SUFFIXES or not file.is_file():
                continue
            relative = file.relative_to(root)
            site_root = root / relative.parts[0] if len(relative.parts) > 1 else root
            site = sites.setdefault(site_root, DirectorySite(site_root))
            pages.append(PageInput(file.read_bytes(), file.relative_to(site_root).as_posix(), site))
    return pages


def select_rules(spec: str) -> tuple[type[Rule], ...]:
    """``all``, ``none`` or a comma-separated list of rule ids."""
    if spec == "all":
        return ALL_RULES
    if spec == "none":
        return ()
    wanted = {item.strip() for item in spec.split(",") if item.strip()}
    return tuple(rule for rule in ALL_RULES if rule.meta.id in wanted)


def check_one(
    page: PageInput,
    rules: Sequence[type[Rule]],
    times: dict[str, float],
    *,
    locate_passed: bool = False,
) -> int:
    """Parse and check one page, adding elapsed seconds per stage; returns #findings.

    As ``analyze_document``: the garbage collector paused for the whole page, and the page
    released (its cycles broken) at the end.
    """
    with gc_paused():
        started = time.process_time()
        parsed = parse_page(page.data, path=page.path, site=page.site)
        now = time.process_time()
        times["(parse)"] += now - started
        findings = 0
        oracle = NoOracle()
        for rule in rules:
            before = time.process_time()
            findings += len(run_rule(parsed, rule, oracle, locate_passed=locate_passed))
            after = time.process_time()
            times[rule.meta.id] += after - before
        release_page(parsed)
    return findings


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_source(
    source: bytes, rules: Sequence[type[Rule]], repeat: int, *, locate_passed: bool = False
) -> float:
    """Median CPU seconds to parse and check ``source`` (a fresh page each time)."""
    site = DirectorySite(Path())
    samples = []
    for _ in range(max(repeat, 1)):
        times: dict[str, float] = defaultdict(float)
        started = time.process_time()
        page = PageInput(source, "scaled.html", site)
        check_one(page, rules, times, locate_passed=locate_passed)
        samples.append(time.process_time() - started)
    return statistics.median(samples)


def scale_page(source: bytes, factor: int) -> bytes:
    """The page with its ``<body>`` content repeated ``factor`` times."""
    lower = source.lower()
    start = lower.find(b"<body")
    start = lower.find(b">", start) + 1 if start >= 0 else 0
    end = lower.rfind(b"</body")
    end = end if end > start else len(source)
    return source[:start] + source[start:end] * factor + source[end:]


def generated_page(elements: int) -> bytes:
    """A synthetic page of about ``elements`` elements (~50 bytes each) of common kinds."""
    blocks = [
        '<div class="card card-{i}" id="c{i}"><h2 class="card-title">Section title {i}</h2>',
        '<p>Some ordinary paragraph text for card {i}: <a href="/pages/{i}.html" '
        'class="more">read more about item {i}</a> and a little more prose after it.</p>',
        '<img src="images/picture-{i}.png" alt="A picture of item number {i}" width="120">',
        '<label for="field-{i}">Field {i}</label><input id="field-{i}" name="f{i}" type="text">',
        '<ul class="tags"><li>first tag</li><li>second tag</li></ul>'
        '<button type="button" class="btn btn-primary">Go to item {i}</button></div>\n',
    ]
    per_round = 10  # elements in one round of the five blocks
    parts = ['<!DOCTYPE html><html lang="en"><head><title>Big</title></head><body>']
    for index in range(max(elements // per_round, 1)):
        parts.extend(block.format(i=index) for block in blocks)
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--rules", default="all", help="all, none, or comma-separated ids")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the pages")
    parser.add_argument("--scale", type=int, default=10, help="linearity check factor")
    parser.add_argument("--big-elements", type=int, default=100_000)
    parser.add_argument("--top", type=int, default=10, help="rules listed by time share")
    parser.add_argument(
        "--locate-passed", action="store_true", help="locate passed findings too (the service)"
    )
    args = parser.parse_args(argv)

    rules = select_rules(args.rules)
    pages = collect_pages(args.paths)
    if not pages:
        parser.error("no pages found")
    megabytes = sum(len(page.data) for page in pages) / 1e6
    located = "every finding located" if args.locate_passed else "passes counted, not located"
    print(
        f"{len(pages)} pages, {megabytes:.2f} MB, {len(rules)} rules, repeat {args.repeat}, "
        f"{located}"
    )

    times: dict[str, float] = defaultdict(float)
    findings = 0
    started, started_cpu = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for page in pages:
            findings += check_one(page, rules, times, locate_passed=args.locate_passed)
    wall = time.perf_counter() - started
    elapsed = time.process_time() - started_cpu  # CPU time: robust on a shared machine
    total_pages = len(pages) * args.repeat
    rate, bandwidth = total_pages / elapsed, megabytes * args.repeat / elapsed
    print(
        f"throughput: {rate:.1f} pages/s, {bandwidth:.2f} MB/s of CPU time on one core "
        f"({total_pages / wall:.1f} pages/s by wall clock)"
    )
    print(f"findings: {findings}; peak RSS: {peak_rss_mb():.0f} MB")
    print("CPU time share (parse, then rules; on-demand semantics charged to the first rule):")
    busiest = sorted(times.items(), key=lambda item: item[1], reverse=True)
    for name, seconds in busiest[: args.top + 1]:
        print(f"  {name:40s} {seconds / elapsed:6.1%}  {seconds * 1000 / total_pages:7.2f} ms/page")

    largest = max(pages, key=lambda page: len(page.data))
    scaled = scale_page(largest.data, args.scale)
    base_time = time_source(largest.data, rules, repeat=3, locate_passed=args.locate_passed)
    scaled_time = time_source(scaled, rules, repeat=3, locate_passed=args.locate_passed)
    ratio = scaled_time / base_time if base_time > 0 else float("inf")
    print(
        f"linearity: {largest.path} ({len(largest.data) / 1e3:.0f} KB) {base_time * 1000:.0f} ms; "
        f"x{args.scale} ({len(scaled) / 1e6:.1f} MB) {scaled_time * 1000:.0f} ms; "
        f"ratio {ratio:.1f} (target <= {args.scale * 1.2:.0f})"
    )
    big = generated_page(args.big_elements)
    big_time = time_source(big, rules, repeat=1, locate_passed=args.locate_passed)
    print(
        f"generated page: {args.big_elements} elements, {len(big) / 1e6:.1f} MB, "
        f"{big_time:.2f} s CPU; peak RSS now {peak_rss_mb():.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
