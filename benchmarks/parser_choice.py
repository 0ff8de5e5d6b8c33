"""Measure the HTML parser candidates on a folder of pages; print pages/s for each.

Usage::

    uv run --with lxml --with html5lib --with html5-parser \\
        python benchmarks/parser_choice.py /work/shared/corpus

Candidates that are not installed are reported as such. Each candidate parses every page
(decoded text) ``--repeat`` times; the figure is pages per second of CPU time on one core.
``parse_page`` (lexbor + start-tag scan + alignment + page model) is measured too: it is
what the engine pays per page. Results are recorded in ``docs/parser-choice.md``.
"""

from __future__ import annotations

import argparse
import importlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from accessibility_analyzer.engine.encoding import decode_html
from accessibility_analyzer.engine.parse import parse_page

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")


def _lexbor() -> Callable[[str], Any]:
    lexbor = importlib.import_module("selectolax.lexbor")
    return lexbor.LexborHTMLParser  # type: ignore[no-any-return]


def _modest() -> Callable[[str], Any]:
    modest = importlib.import_module("selectolax.parser")  # deprecated in selectolax 1.0
    return modest.HTMLParser  # type: ignore[no-any-return]


def _lxml() -> Callable[[str], Any]:
    html = importlib.import_module("lxml.html")
    # lxml refuses str input carrying an encoding declaration: hand it UTF-8 bytes.
    return lambda text: html.document_fromstring(text.encode("utf-8"))


def _html5lib() -> Callable[[str], Any]:
    html5lib = importlib.import_module("html5lib")
    return html5lib.parse  # type: ignore[no-any-return]


def _html5_parser() -> Callable[[str], Any]:
    module = importlib.import_module("html5_parser")
    return module.parse  # type: ignore[no-any-return]


def _engine_parse_page() -> Callable[[str], Any]:
    return parse_page


CANDIDATES: dict[str, Callable[[], Callable[[str], Any]]] = {
    "selectolax lexbor (HTML5)": _lexbor,
    "selectolax modest": _modest,
    "lxml (libxml2, not HTML5)": _lxml,
    "html5lib (pure Python, HTML5)": _html5lib,
    "html5-parser (gumbo, HTML5)": _html5_parser,
    "engine parse_page (lexbor + positions + model)": _engine_parse_page,
}


def load_pages(paths: list[Path]) -> list[str]:
    """Decoded text of every page under ``paths``."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES))
        else:
            files.append(path)
    return [decode_html(file.read_bytes())[0] for file in files]


def measure(parse: Callable[[str], Any], pages: list[str], repeat: int) -> float:
    """Pages per second of ``parse`` over ``pages`` (CPU time: the machine may be shared)."""
    started = time.process_time()
    for _ in range(repeat):
        for text in pages:
            parse(text)
    elapsed = time.process_time() - started
    return len(pages) * repeat / elapsed if elapsed > 0 else float("inf")


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print one line per candidate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", action="append", help="substring of candidate names to run")
    args = parser.parse_args(argv)
    pages = load_pages(args.paths)
    megabytes = sum(len(text.encode("utf-8")) for text in pages) / 1e6
    print(f"{len(pages)} pages, {megabytes:.1f} MB, repeat {args.repeat}")
    for name, factory in CANDIDATES.items():
        if args.only and not any(word in name for word in args.only):
            continue
        try:
            parse = factory()
        except (
            ImportError,
            RuntimeError,
        ) as error:  # html5-parser: RuntimeError on libxml2 mismatch
            print(f"{name:50s} not installed ({error})")
            continue
        rate = measure(parse, pages, args.repeat)
        print(f"{name:50s} {rate:8.1f} pages/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
