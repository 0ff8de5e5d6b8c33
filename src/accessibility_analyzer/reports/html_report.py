"""HTML report: one self-contained page a person reads (inline CSS, no scripts, no assets).

Layout: a banner with a skip link, then ``main`` with the ``h1``, the analysis metadata, a
table of contents (``nav``) listing the pages, a summary (tables by outcome, impact, WCAG
principle and rule), and one section per page listing each failed and cantTell finding: rule,
impact, WCAG criteria, location, message, fix hint, measured values (``details``, such as a
contrast ratio), whether an answer decided it, and the source snippet. Passed and inapplicable
findings are counted, not listed.

The report must pass this project's own rules, so it keeps a strict heading order
(h1 > h2 > h3 > h4), landmarks, captioned tables with scoped headers and 7:1 colours
(see ``_html_style``). Every string that comes from the result is escaped: snippets,
paths and even messages can carry an uploaded page's markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime

from accessibility_analyzer.engine.result import (
    DocumentResult,
    Finding,
    Impact,
    Outcome,
    OutcomeCounts,
    RuleInfo,
)
from accessibility_analyzer.reports._html_style import STYLESHEET
from accessibility_analyzer.reports._text import describe_values, scrub, shorten
from accessibility_analyzer.reports._wcag import CRITERIA, Principle, describe
from accessibility_analyzer.reports.model import ReportContext
from accessibility_analyzer.reports.summary import ReportSummary, SummaryCounter, count_outcomes
from accessibility_analyzer.reports.writer import (
    ReportHeader,
    ReportWriter,
    Suggestion,
    Suggestions,
)

OUTCOME_LABELS = {
    Outcome.FAILED: "Failed",
    Outcome.CANT_TELL: "Needs review",
    Outcome.PASSED: "Passed",
    Outcome.INAPPLICABLE: "Inapplicable",
}
IMPACT_LABELS = {
    Impact.CRITICAL: "Critical",
    Impact.SERIOUS: "Serious",
    Impact.MODERATE: "Moderate",
    Impact.MINOR: "Minor",
}
UNDERSTANDING_URL = "https://www.w3.org/WAI/WCAG22/Understanding/{id}.html"
_PROBLEMS = (Outcome.FAILED, Outcome.CANT_TELL)


def esc(text: object) -> str:
    """Text made safe for element content and quoted attribute values."""
    return html.escape(scrub(str(text)), quote=True)


class HtmlWriter(ReportWriter):
    """The HTML report, written a page section at a time.

    The table of contents and the summary come before the pages when the header lists the
    pages and the context carries a summary (the service computes it in SQL first); a
    stream whose pages are not known in advance gets both after the pages instead, so the
    page is still valid and its heading order unchanged (h2 > h3 > h4).
    """

    def __init__(self, *, include_passed: bool = False) -> None:
        """See :class:`ReportWriter` (passed findings are counted, never listed)."""
        super().__init__(include_passed=include_passed)
        self._context: ReportContext | None = None
        self._rules: dict[str, RuleInfo] = {}
        self._counter = SummaryCounter()
        self._contents_written = False
        self._summary_written = False
        self._page_names: list[str] = []
        self._number = 0

    def start(self, header: ReportHeader) -> bytes:
        """The head, the banner, the metadata, and (when known) contents and summary."""
        context = header.context
        self._context = context
        self._rules = {rule.id: rule for rule in header.rules}
        self._counter = SummaryCounter(header.rules)
        title = f"Accessibility report for analysis {context.analysis_id} – {context.tool_name}"
        parts: list[str] = [
            "<!DOCTYPE html>\n",
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{esc(title)}</title>\n",
            f"<style>{STYLESHEET}</style>\n</head>\n<body>\n",
            '<header class="site-header">\n',
            '<a class="skip-link" href="#main">Skip to main content</a>\n',
            f"<p>{esc(context.tool_name)} {esc(context.tool_version)}</p>\n</header>\n",
            '<main id="main">\n<h1>Accessibility report</h1>\n',
        ]
        parts.extend(_metadata(context))
        if header.pages is not None:
            parts.extend(_contents([_page_name(path) for path in header.pages]))
            self._contents_written = True
        if context.summary is not None:
            parts.extend(_summary(context.summary, self._rules))
            self._summary_written = True
        parts.append('<section aria-labelledby="pages-heading">\n')
        parts.append('<h2 id="pages-heading">Pages</h2>\n')
        return "".join(parts).encode("utf-8")

    def document(self, document: DocumentResult, suggestions: Suggestions | None = None) -> bytes:
        """The page's section: counts, then each failed and cantTell finding."""
        self._number += 1
        self._counter.add(document)
        if not self._contents_written:
            self._page_names.append(_page_name(document.path))
        section = _document_section(self._number, document, self._rules, suggestions or {})
        return "".join(section).encode("utf-8")

    def finish(self) -> bytes:
        """Close the pages; contents and summary if the start could not give them."""
        context = self._context
        if context is None:
            raise RuntimeError("finish() before start()")
        parts: list[str] = []
        if not self._number:
            parts.append("<p>No pages were analysed.</p>\n")
        parts.append("</section>\n")
        if not self._summary_written:
            parts.extend(_summary(self._counter.summary(), self._rules))
        if not self._contents_written:
            parts.extend(_contents(self._page_names))
        parts.append("</main>\n")
        parts.extend(_footer(context))
        parts.append("</body>\n</html>\n")
        return "".join(parts).encode("utf-8")


def _footer(context: ReportContext) -> Iterable[str]:
    tool = f"{esc(context.tool_name)} {esc(context.tool_version)}"
    uri = context.tool_information_uri
    if uri and uri.lower().startswith(("https://", "http://")):  # never a javascript: link
        tool = f'<a href="{esc(uri)}">{tool}</a>'
    yield (
        f'<footer>\n<p class="muted">Generated by {tool}. Automated checks find many but '
        "not all accessibility barriers; findings marked “Needs review” need a person to "
        "decide.</p>\n</footer>\n"
    )


def _contents(page_names: list[str]) -> Iterable[str]:
    """Table of contents: the summary, then every page (a long list for a big site, which
    is why it sits inside ``main`` after the heading rather than before it)."""
    yield '<nav aria-labelledby="contents-heading">\n'
    yield '<h2 id="contents-heading">Contents</h2>\n<ul>\n'
    yield '<li><a href="#summary-heading">Summary</a></li>\n'
    yield '<li><a href="#pages-heading">Pages</a>'
    if page_names:
        yield "\n<ul>\n"
        for number, name in enumerate(page_names, start=1):
            yield f'<li><a href="#page-{number}">{esc(name)}</a></li>\n'
        yield "</ul>\n"
    yield "</li>\n</ul>\n</nav>\n"


def _metadata(context: ReportContext) -> Iterable[str]:
    yield '<dl class="meta">\n'
    yield f"<dt>Analysis</dt><dd><code>{esc(context.analysis_id)}</code></dd>\n"
    yield f"<dt>Session</dt><dd><code>{esc(context.session_id)}</code></dd>\n"
    yield f"<dt>Requested</dt><dd>{_time(context.created_at)}</dd>\n"
    finished = _time(context.finished_at) if context.finished_at else "not finished"
    yield f"<dt>Finished</dt><dd>{finished}</dd>\n"
    yield "</dl>\n"


def _summary(summary: ReportSummary, rules: dict[str, RuleInfo]) -> Iterable[str]:
    yield '<section aria-labelledby="summary-heading">\n'
    yield '<h2 id="summary-heading">Summary</h2>\n'
    errors = summary.documents_with_errors
    yield (
        f"<p>{_plural(summary.documents, 'page')} analysed"
        f"{f', {errors} of them could not be read' if errors else ''}; "
        f"{_plural(summary.findings, 'finding')} in total.</p>\n"
    )
    yield from _outcome_table(
        "Findings by outcome", "Outcome", [("All findings", summary.by_outcome)]
    )
    yield "<table>\n<caption>Problems by impact</caption>\n<thead><tr>"
    yield '<th scope="col">Impact</th><th scope="col">Failed</th>'
    yield '<th scope="col">Needs review</th></tr></thead>\n<tbody>\n'
    for impact in Impact:
        counts = summary.by_impact.get(impact)
        failed, review = (counts.failed, counts.cant_tell) if counts else (0, 0)
        yield (
            f'<tr><th scope="row">{IMPACT_LABELS[impact]}</th>'
            f'<td class="count">{failed}</td><td class="count">{review}</td></tr>\n'
        )
    yield "</tbody>\n</table>\n"
    principle_rows = [
        (principle.label, summary.by_principle.get(principle, OutcomeCounts()))
        for principle in Principle
    ]
    yield from _outcome_table("Findings by WCAG principle", "Principle", principle_rows)
    rule_rows = [
        (f"{_rule_name(rule_id, rules)} ({rule_id})", counts)
        for rule_id, counts in sorted(
            summary.by_rule.items(), key=lambda item: (-item[1].failed, -item[1].cant_tell)
        )
        if counts.failed or counts.cant_tell
    ]
    if rule_rows:
        yield from _outcome_table("Rules with problems", "Rule", rule_rows)
    else:
        yield "<p>No rule failed and nothing needs review.</p>\n"
    yield "</section>\n"


def _outcome_table(
    caption: str, row_header: str, rows: list[tuple[str, OutcomeCounts]]
) -> Iterable[str]:
    yield f"<table>\n<caption>{esc(caption)}</caption>\n<thead><tr>"
    yield f'<th scope="col">{esc(row_header)}</th>'
    for outcome in (Outcome.FAILED, Outcome.CANT_TELL, Outcome.PASSED, Outcome.INAPPLICABLE):
        yield f'<th scope="col">{OUTCOME_LABELS[outcome]}</th>'
    yield "</tr></thead>\n<tbody>\n"
    for label, counts in rows:
        yield (
            f'<tr><th scope="row">{esc(label)}</th>'
            f'<td class="count">{counts.failed}</td><td class="count">{counts.cant_tell}</td>'
            f'<td class="count">{counts.passed}</td>'
            f'<td class="count">{counts.inapplicable}</td></tr>\n'
        )
    yield "</tbody>\n</table>\n"


def _document_section(
    number: int, document: DocumentResult, rules: dict[str, RuleInfo], suggestions: Suggestions
) -> Iterable[str]:
    anchor = f"page-{number}"
    # Unnamed on purpose: a named section is a region landmark, and a site of 1,000 pages
    # would bury the page's few real landmarks under 1,000 more. The h3 gives the structure.
    yield f'<section id="{anchor}">\n'
    yield f"<h3>{esc(_page_name(document.path))}</h3>\n"
    if document.title:
        yield f"<p>Page title: {esc(document.title)}</p>\n"
    if document.error:
        yield (
            '<p class="page-error"><strong>This page could not be analysed:</strong> '
            f"{esc(document.error)}</p>\n</section>\n"
        )
        return
    counts = count_outcomes(document.findings)
    yield (
        f"<p>{_plural(counts.failed, 'failure')}, {counts.cant_tell} to review, "
        f"{_plural(counts.passed, 'passed check')}, "
        f"{_plural(counts.inapplicable, 'inapplicable rule')}.</p>\n"
    )
    problems = sorted(
        (
            (finding, suggestions.get(index))
            for index, finding in enumerate(document.findings)
            if finding.outcome in _PROBLEMS
        ),
        key=lambda item: _problem_order(item[0]),
    )
    if not problems:
        yield "<p>No failures and nothing to review on this page.</p>\n</section>\n"
        return
    yield '<ol class="findings">\n'
    for number_on_page, (finding, suggestion) in enumerate(problems, start=1):
        anchor_id = f"{anchor}-finding-{number_on_page}"
        yield from _finding(anchor_id, document.path, finding, rules, suggestion)
    yield "</ol>\n</section>\n"


def _finding(
    anchor: str,
    path: str,
    finding: Finding,
    rules: dict[str, RuleInfo],
    suggestion: Suggestion | None,
) -> Iterable[str]:
    review = finding.outcome == Outcome.CANT_TELL
    label = OUTCOME_LABELS[Outcome(finding.outcome)]
    css_class = "finding review" if review else "finding"
    yield f'<li><article class="{css_class}" aria-labelledby="{anchor}">\n'
    yield f'<h4 id="{anchor}">{label}: {esc(_rule_name(finding.rule_id, rules))}</h4>\n'
    yield '<dl class="meta">\n'
    yield f"<dt>Rule</dt><dd><code>{esc(finding.rule_id)}</code></dd>\n"
    yield f"<dt>Outcome</dt><dd>{label}</dd>\n"
    yield f"<dt>Impact</dt><dd>{IMPACT_LABELS.get(Impact(finding.impact), '')}</dd>\n"
    yield f"<dt>WCAG</dt><dd>{_criteria(finding.wcag)}</dd>\n"
    yield f"<dt>Location</dt><dd><code>{esc(_location(path, finding))}</code></dd>\n"
    if finding.selector:
        yield f"<dt>Selector</dt><dd><code>{esc(finding.selector)}</code></dd>\n"
    yield f"<dt>Problem</dt><dd>{esc(finding.message)}</dd>\n"
    if finding.fix_hint:
        yield f"<dt>How to fix</dt><dd>{esc(finding.fix_hint)}</dd>\n"
    if finding.reason:
        reason_label = "Why it needs review" if review else "Detail"
        yield f"<dt>{reason_label}</dt><dd>{esc(finding.reason)}</dd>\n"
    if finding.details:
        yield f"<dt>Measured</dt><dd>{esc(describe_values(finding.details))}</dd>\n"
    if finding.semi_auto:
        yield "<dt>Decided by</dt><dd>An answer to a judgement question (semi-automatic)</dd>\n"
    if suggestion:
        yield f"<dt>Suggestion</dt><dd>{esc(describe_values(suggestion))}</dd>\n"
    yield "</dl>\n"
    if finding.snippet:
        yield f"<pre><code>{esc(shorten(finding.snippet))}</code></pre>\n"
    yield "</article></li>\n"


def _criteria(wcag: tuple[str, ...]) -> str:
    if not wcag:
        return "None (best practice)"
    links = []
    for sc in wcag:
        criterion = CRITERIA.get(sc)
        if criterion is None:
            links.append(esc(sc))
        else:
            url = UNDERSTANDING_URL.format(id=criterion.id)
            links.append(f'<a href="{esc(url)}">{esc(describe(sc))}</a>')
    return ", ".join(links)


def _location(path: str, finding: Finding) -> str:
    if finding.line is None:
        return f"{path} (no source position)"
    column = f":{finding.column}" if finding.column is not None else ""
    return f"{path}:{finding.line}{column}"


def _problem_order(finding: Finding) -> tuple[int, int, int, int]:
    return (
        0 if finding.outcome == Outcome.FAILED else 1,
        -Impact(finding.impact).rank,
        finding.line if finding.line is not None else 0,
        finding.column if finding.column is not None else 0,
    )


def _rule_name(rule_id: str, rules: dict[str, RuleInfo]) -> str:
    rule = rules.get(rule_id)
    return rule.name if rule is not None else rule_id


def _page_name(path: str) -> str:
    return path.strip() or "(page without a name)"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _time(moment: datetime) -> str:
    stamp = moment.isoformat(timespec="seconds")
    return f'<time datetime="{esc(stamp)}">{esc(stamp.replace("T", " "))}</time>'
