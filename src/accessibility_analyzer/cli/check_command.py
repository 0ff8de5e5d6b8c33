"""`a11y check PATH...`: check pages, folders and ZIP files from the command line.

Exit codes: 0 when no failure reaches ``--fail-on``, 1 when one does, 2 on a usage or
configuration error. With ``--baseline`` only failures the baseline does not know count.
With ``--answers`` the rules' open questions are answered from a tester's file (see
:mod:`accessibility_analyzer.cli.answers`); ``--write-answers`` writes the template.

This module and what it imports stay free of the service (web framework, database, queue,
telemetry): an import-linter contract keeps `a11y check` starting in a fraction of a second.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from accessibility_analyzer.cli.answers import (
    AnswersError,
    PageAnswers,
    load_answers,
    page_name,
    write_template,
)
from accessibility_analyzer.cli.baseline import Baseline, BaselineError
from accessibility_analyzer.cli.check_config import ConfigError, LoadedConfig, load_config
from accessibility_analyzer.cli.check_pool import (
    AUTO_POOL_MIN_PAGES_PER_WORKER,
    CheckRun,
    usable_cores,
)
from accessibility_analyzer.cli.check_task import CheckOptions
from accessibility_analyzer.cli.inputs import InputError, PageInput, collect_pages
from accessibility_analyzer.cli.writers import FORMATS, PageOutput, lists_passed
from accessibility_analyzer.engine.css import InvalidSelector, compile_selector
from accessibility_analyzer.engine.result import DocumentResult, Impact, Outcome
from accessibility_analyzer.engine.rule import Rule
from accessibility_analyzer.reports._text import printable
from accessibility_analyzer.resultcache.store import DEFAULT_MAX_MEGABYTES
from accessibility_analyzer.rules import UnknownRuleError, select_rules

DEFAULT_CACHE_DIR = ".a11y_cache"


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive whole number")
    return number


def register(subparsers: Any) -> None:
    """Add the `check` sub-command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="check HTML files, folders and ZIP files for accessibility failures",
        description=(
            "Check pages for WCAG 2.2 failures. A folder or ZIP is a site: its root is the "
            "root for root-relative URLs. Exit code 1 when a failure reaches --fail-on. "
            "Defaults come from a11y.toml or [tool.a11y] in pyproject.toml (see README); "
            "flags win."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file, folder or ZIP")
    parser.add_argument("--format", choices=FORMATS, help="output format (default: text)")
    parser.add_argument("--output", "-o", type=Path, help="write the report here, not to stdout")
    parser.add_argument(
        "--base-dir", type=Path, help="site root for single files (default: the file's folder)"
    )
    parser.add_argument(
        "--fail-on",
        choices=[impact.value for impact in Impact],
        help="lowest impact of a failure that makes the exit code 1 (default: minor)",
    )
    parser.add_argument(
        "--rules",
        help="comma-separated rule ids to run (default: every rule that is on by default)",
    )
    parser.add_argument(
        "--tags",
        help="comma-separated tags; run rules with any of them (experimental: off by default)",
    )
    parser.add_argument("--level", choices=["A", "AA", "AAA"], help="run WCAG rules up to level")
    parser.add_argument(
        "--jobs", "-j", type=_positive, help="worker processes (default: the usable cores)"
    )
    parser.add_argument(
        "--include-passed",
        action="store_true",
        default=None,
        help="json/jsonl/reports: also list every passed and inapplicable finding",
    )
    parser.add_argument(
        "--cache-dir", type=Path, help=f"result cache folder (default: {DEFAULT_CACHE_DIR})"
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor fill the cache")
    parser.add_argument(
        "--baseline", type=Path, help="report only failures not in this earlier json output"
    )
    parser.add_argument(
        "--write-baseline", type=Path, metavar="FILE", help="write the failures found as a baseline"
    )
    parser.add_argument(
        "--answers",
        type=Path,
        action="append",
        metavar="FILE",
        help="a tester's answers to the rules' open questions (TOML; repeatable)",
    )
    parser.add_argument(
        "--write-answers",
        type=Path,
        metavar="FILE",
        help="write every open question of the run as an answers template",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.set_defaults(handler=run)


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [item.strip() for item in value.split(",") if item.strip()]


def _usage_error(message: str) -> int:
    print(f"a11y check: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Check the pages and write the report; return the exit code."""
    try:
        loaded = load_config(Path.cwd())
        rules = _rules(args, loaded)
        pages = _pages(args, loaded)
        baseline_path = args.baseline or loaded.resolve(loaded.config.baseline)
        baseline = Baseline.read(baseline_path) if baseline_path is not None else None
        answers = load_answers(_answer_files(args, loaded))
    except (
        ConfigError,
        InputError,
        UnknownRuleError,
        BaselineError,
        AnswersError,
        ValueError,
    ) as error:
        return _usage_error(str(error))
    if not rules:
        return _usage_error("the selection matches no rule")
    if not pages:
        return _usage_error("no pages (.html, .htm, .xhtml) found")
    _warn_unmatched_answers(answers, pages)

    config = loaded.config
    fmt = args.format or config.format or "text"
    include_passed = bool(args.include_passed or config.include_passed)
    options = CheckOptions(
        rule_ids=tuple(rule.meta.id for rule in rules),
        cache_dir=_cache_dir(args, loaded),
        cache_max_bytes=(config.cache_max_mb or DEFAULT_MAX_MEGABYTES) << 20,
        ignore_selectors=config.ignore.selectors,
        # Ignored selectors are matched by XPath, passes included (they are counted).
        locate_passed=lists_passed(fmt, include_passed=include_passed)
        or bool(config.ignore.selectors),
    )
    jobs = args.jobs or config.jobs
    check_run = (
        CheckRun(options, jobs, answers=answers)
        if jobs is not None
        else CheckRun(options, usable_cores(), AUTO_POOL_MIN_PAGES_PER_WORKER, answers)
    )
    threshold = Impact(args.fail_on or config.fail_on or Impact.MINOR.value)
    rule_infos = [rule.meta.info() for rule in rules]
    names = [page.display for page in pages]
    progress = sys.stderr if len(pages) > 1 and not args.no_progress else None

    failed = False
    with ExitStack() as stack:
        # Every file the run writes is opened before the first page is checked: a mistyped
        # folder is a usage error at once, not a traceback after minutes of checking.
        try:
            stream, baseline_handle, answers_handle = _open_outputs(args, stack)
        except OSError as error:
            return _usage_error(f"{error.filename}: cannot write ({error.strerror})")
        output = PageOutput(
            stream,
            fmt,
            rule_infos,
            pages=names,
            include_passed=include_passed,
        )
        baseline_output: PageOutput | None = None
        if baseline_handle is not None:
            baseline_output = PageOutput(baseline_handle, "json", rule_infos, pages=names)
        open_questions: list[DocumentResult] = []
        for page in _with_progress(check_run.results(pages), len(pages), progress):
            if answers_handle is not None:
                open_questions.append(_open_questions_only(page))
            if baseline_output is not None:
                baseline_output.page(page)
            if baseline is not None:
                page = baseline.new_failures_only(page)  # noqa: PLW2901
            failed = failed or _fails(page, threshold)
            output.page(page)
        output.close()
        if baseline_output is not None:
            baseline_output.close()
        if answers_handle is not None:
            asked = write_template(open_questions, answers_handle)
            written = f"{asked} open question(s) written to {args.write_answers}"
            print(f"a11y check: {written}", file=sys.stderr)
    if baseline is not None and baseline.matched:
        print(f"a11y check: {baseline.matched} known failure(s) not shown", file=sys.stderr)
    return 1 if failed else 0


def _open_outputs(
    args: argparse.Namespace, stack: ExitStack
) -> tuple[BinaryIO, BinaryIO | None, TextIO | None]:
    """The report stream, the baseline file and the answers template the run writes.

    Raises:
        OSError: one of them cannot be created.
    """
    stream: BinaryIO = (
        stack.enter_context(args.output.open("wb"))
        if args.output is not None
        else sys.stdout.buffer
    )
    baseline = (
        stack.enter_context(args.write_baseline.open("wb"))
        if args.write_baseline is not None
        else None
    )
    answers = (
        stack.enter_context(args.write_answers.open("w", encoding="utf-8"))
        if args.write_answers is not None
        else None
    )
    return stream, baseline, answers


def _warn_unmatched_answers(answers: PageAnswers, pages: list[PageInput]) -> None:
    # A mistyped page path would silently leave its questions open: say so.
    checked = {page_name(page.display) for page in pages}
    unmatched = sorted(page for page in answers if page not in checked)
    if unmatched:
        listed = ", ".join(unmatched[:3]) + (", ..." if len(unmatched) > 3 else "")
        message = f"answers for {len(unmatched)} page(s) not checked: {listed}"
        print(f"a11y check: {message}", file=sys.stderr)


def _answer_files(args: argparse.Namespace, loaded: LoadedConfig) -> list[Path]:
    if args.answers:
        return list(args.answers)
    return [path for value in loaded.config.answers or () if (path := loaded.resolve(value))]


def _open_questions_only(page: DocumentResult) -> DocumentResult:
    # Only the open questions are kept until the template is written: memory stays flat.
    return DocumentResult(
        path=page.path,
        title=page.title,
        findings=[f for f in page.findings if f.outcome is Outcome.CANT_TELL and f.question],
        counts=page.counts,
        error=page.error,
    )


def _rules(args: argparse.Namespace, loaded: LoadedConfig) -> tuple[type[Rule], ...]:
    config = loaded.config
    ids = _split(args.rules) or (list(config.rules) if config.rules is not None else None)
    tags = _split(args.tags) or (list(config.tags) if config.tags is not None else None)
    selected = select_rules(ids=ids, tags=tags, level=args.level or config.level)
    ignored = set(config.ignore.rules)
    select_rules(ids=ignored)  # an unknown id to ignore is a typo worth reporting
    return tuple(rule for rule in selected if rule.meta.id not in ignored)


def _pages(args: argparse.Namespace, loaded: LoadedConfig) -> list[PageInput]:
    pages = collect_pages(args.paths, args.base_dir)
    for selector in loaded.config.ignore.selectors:
        try:
            compile_selector(selector)
        except InvalidSelector as error:
            raise ConfigError(f"ignore.selectors: {selector!r} is not a CSS selector") from error
    globs = loaded.config.ignore.pages
    if not globs:
        return pages
    return [
        page
        for page in pages
        if not any(
            fnmatch.fnmatch(page.display, glob) or fnmatch.fnmatch(page.site_path, glob)
            for glob in globs
        )
    ]


def _cache_dir(args: argparse.Namespace, loaded: LoadedConfig) -> str | None:
    if args.no_cache or loaded.config.cache is False:
        return None
    if args.cache_dir is not None:
        return str(args.cache_dir)
    configured = loaded.resolve(loaded.config.cache_dir)
    return str(configured if configured is not None else Path(DEFAULT_CACHE_DIR))


def _fails(page: DocumentResult, threshold: Impact) -> bool:
    return any(
        finding.outcome is Outcome.FAILED and finding.impact.rank >= threshold.rank
        for finding in page.findings
    )


def _with_progress(
    pages: Iterator[DocumentResult], total: int, stream: TextIO | None
) -> Iterator[DocumentResult]:
    if stream is None:
        yield from pages
        return
    for done, page in enumerate(pages, start=1):
        _draw_progress(stream, done, total, page.path)
        yield page
    if stream.isatty():
        stream.write("\n")  # end the bar's line
        stream.flush()


def _draw_progress(stream: TextIO, done: int, total: int, current: str) -> None:
    width = 30
    filled = width * done // total
    bar = "#" * filled + "-" * (width - filled)
    name = printable(current if len(current) <= 40 else "…" + current[-39:])
    if stream.isatty():
        stream.write(f"\r[{bar}] {done}/{total} {name:<40}")
    elif done == total or done % max(1, total // 10) == 0:
        # Not a terminal (CI logs): a line per tenth, not one per page.
        stream.write(f"[{bar}] {done}/{total}\n")
    stream.flush()
