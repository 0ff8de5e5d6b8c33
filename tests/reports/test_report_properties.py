"""Property tests: any text a page can carry survives every format without breaking it."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accessibility_analyzer.engine.result import AnalysisResult
from accessibility_analyzer.reports import ReportContext, ReportFormat, render
from accessibility_analyzer.reports._text import scrub
from accessibility_analyzer.reports.csv_report import neutralise_formula

# Any Unicode text, including controls, markup characters and lone surrogates.
untrusted = st.text(alphabet=st.characters(), max_size=200)
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.code: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_code = tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self._in_code = False

    def handle_data(self, data: str) -> None:
        if self._in_code:
            self.code.append(data)


@PROPERTY_SETTINGS
@given(text=untrusted)
def test_html_never_lets_text_become_markup(
    text: str, finding: Any, result_of: Any, context: ReportContext
) -> None:
    """Whatever the snippet and message hold, the page has the same tags and shows the text."""
    baseline = _tags(render(ReportFormat.HTML, result_of(finding()), context).body)
    body = render(
        ReportFormat.HTML, result_of(finding(snippet=f"<{text}>", message=text)), context
    ).body
    parser = _Tags()
    parser.feed(body.decode("utf-8"))
    assert parser.tags == baseline.tags
    assert scrub(f"<{text}>") in "".join(parser.code)


@PROPERTY_SETTINGS
@given(text=untrusted)
def test_csv_cells_read_back(
    text: str, finding: Any, result_of: Any, context: ReportContext
) -> None:
    """A message of any text reads back as the scrubbed, formula-guarded text."""
    body = render(ReportFormat.CSV, result_of(finding(message=text)), context).body
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert len(rows) == 1
    assert rows[0]["message"] == neutralise_formula(scrub(text))


@PROPERTY_SETTINGS
@given(text=untrusted)
def test_json_formats_always_parse(
    text: str, finding: Any, result_of: Any, context: ReportContext
) -> None:
    """JSON, SARIF and EARL stay valid UTF-8 JSON whatever the text."""
    result: AnalysisResult = result_of(finding(message=text, selector=text, snippet=text))
    for fmt in (ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.EARL):
        json.loads(render(fmt, result, context).body.decode("utf-8"))


def _tags(body: bytes) -> _Tags:
    parser = _Tags()
    parser.feed(body.decode("utf-8"))
    return parser
