"""check_page / analyze_document: findings, the four outcomes, robustness to buggy rules."""

from __future__ import annotations

import msgspec
from toy_rules import (
    TOY_RULES,
    ToyExplodingApplicability,
    ToyExplodingExpect,
    ToyImageAlt,
    ToyTitle,
    ToyVideo,
)

from accessibility_analyzer.engine import (
    Answer,
    AnsweredQuestion,
    AnswerTable,
    Element,
    Mode,
    NoOracle,
    Outcome,
    Page,
    Question,
    analyze_document,
    check_page,
    parse_page,
)
from accessibility_analyzer.engine.runner import INAPPLICABLE_MESSAGE

PAGE = b"""<!DOCTYPE html><html><head><title>  Hello
  world </title></head><body>
<img src="a.png" alt="A cat">
<img src="b.png">
<img src="c.png" alt="?">
<img src="d.png" style="display:none">
</body></html>"""


class YesOracle:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def answer(self, question: Question, page: Page, target: Element) -> Answer | None:
        self.asked.append(question.id)
        return Answer(value=True, reason="it does")


def test_findings_for_each_target_with_locations() -> None:
    result = check_page(parse_page(PAGE, path="p.html"), TOY_RULES)
    assert result.path == "p.html"
    assert result.title == "Hello world"
    images = [f for f in result.findings if f.rule_id == "toy-image-alt"]
    assert [f.outcome for f in images] == [Outcome.PASSED, Outcome.FAILED, Outcome.CANT_TELL]
    failed = images[1]
    assert failed.selector == "html > body > img:nth-of-type(2)"
    assert failed.xpath == "/html/body/img[2]"
    assert (failed.line, failed.column) == (4, 1)
    assert failed.snippet == '<img src="b.png">'
    assert failed.message == "The image has no text alternative"
    assert failed.fix_hint == "Add an alt attribute"
    assert failed.reason == "alt missing"
    assert failed.impact == "critical"
    assert failed.wcag == ("1.1.1",)
    assert images[2].reason is not None and images[2].reason.startswith("needs review")


def test_inapplicable_rule_gives_one_page_finding() -> None:
    result = check_page(parse_page(PAGE), [ToyVideo])
    assert len(result.findings) == 1
    finding = result.findings[0]
    assert finding.outcome is Outcome.INAPPLICABLE
    assert finding.message == INAPPLICABLE_MESSAGE
    assert (finding.selector, finding.xpath, finding.line, finding.column, finding.snippet) == (
        None,
        None,
        None,
        None,
        None,
    )


def test_counts_cover_all_four_outcomes() -> None:
    result = check_page(parse_page(PAGE), TOY_RULES)
    counts = result.counts
    assert (counts.passed, counts.failed, counts.cant_tell, counts.inapplicable) == (2, 1, 1, 1)


def test_page_rule_without_title_is_cant_tell() -> None:
    result = check_page(parse_page(b"<p>x"), [ToyTitle])
    assert result.title is None
    assert result.findings[0].outcome is Outcome.CANT_TELL
    assert result.findings[0].selector == "html"


def test_oracle_answers_decide() -> None:
    oracle = YesOracle()
    result = check_page(parse_page(PAGE), [ToyImageAlt], oracle)
    decided = result.findings[-1]
    assert decided.outcome is Outcome.PASSED
    assert decided.mode is Mode.SEMI_AUTO and decided.semi_auto
    assert decided.reason == "it does"
    assert decided.question is None
    assert oracle.asked == ["alt-is-descriptive"]
    assert all(f.mode is Mode.AUTOMATIC for f in result.findings[:-1])


def test_an_open_question_travels_on_the_cant_tell_finding() -> None:
    result = check_page(parse_page(PAGE), [ToyImageAlt], NoOracle())
    open_finding = result.findings[-1]
    assert open_finding.outcome is Outcome.CANT_TELL
    assert open_finding.question == "alt-is-descriptive"
    assert open_finding.mode is Mode.AUTOMATIC


def test_an_answer_table_decides_by_question_and_target() -> None:
    """Pass 2 of an oracle run: answers keyed by (question, XPath) decide only their target."""
    first = check_page(parse_page(PAGE), [ToyImageAlt])
    open_finding = first.findings[-1]
    assert open_finding.xpath is not None and open_finding.question is not None
    table = AnswerTable(
        [
            AnsweredQuestion(
                question=open_finding.question,
                xpath=open_finding.xpath,
                answer=Answer(value=False, reason="the alt names the file"),
            ),
            AnsweredQuestion(
                question="alt-is-descriptive",
                xpath="/html/body/img[1]",  # a target that asks nothing: ignored
                answer=Answer(value=False),
            ),
        ]
    )
    # the table travels between processes as msgpack
    entries = msgspec.msgpack.decode(
        msgspec.msgpack.encode(table.entries), type=tuple[AnsweredQuestion, ...]
    )
    second = check_page(parse_page(PAGE), [ToyImageAlt], AnswerTable(entries))
    assert [f.outcome for f in second.findings] == [
        Outcome.PASSED,
        Outcome.FAILED,
        Outcome.FAILED,
    ]
    assert second.findings[-1].mode is Mode.SEMI_AUTO
    assert second.findings[-1].reason == "the alt names the file"
    assert second.findings[1].mode is Mode.AUTOMATIC


def test_fingerprints_survive_edits_elsewhere_and_differ_by_rule_and_element() -> None:
    before = check_page(parse_page(PAGE), [ToyImageAlt])
    edited = PAGE.replace(b"<body>", b"<body>\n<p>A new paragraph</p>\n<img src=new.png alt=x>")
    after = check_page(parse_page(edited), [ToyImageAlt])
    failed_before = [f for f in before.findings if f.outcome is Outcome.FAILED]
    failed_after = [f for f in after.findings if f.outcome is Outcome.FAILED]
    assert failed_before[0].line != failed_after[0].line
    assert failed_before[0].fingerprint == failed_after[0].fingerprint
    prints = [f.fingerprint for f in before.findings]
    assert all(prints) and len(set(prints)) == len(prints)


def test_a_raising_rule_becomes_cant_tell_and_others_still_run() -> None:
    page = parse_page(b"<p>a</p><p>b</p><p>c</p><img src=x.png>")
    result = check_page(page, [ToyExplodingExpect, ToyExplodingApplicability, ToyImageAlt])
    exploding = [f for f in result.findings if f.rule_id == "toy-exploding-expect"]
    assert {f.outcome for f in exploding} == {Outcome.PASSED, Outcome.CANT_TELL}
    broken = [f for f in exploding if f.outcome is Outcome.CANT_TELL]
    assert all(f.reason == "internal error in rule: KeyError" for f in broken)
    assert all(f.selector is not None for f in broken)
    applicability = [f for f in result.findings if f.rule_id == "toy-exploding-applicability"]
    assert len(applicability) == 1
    assert applicability[0].outcome is Outcome.CANT_TELL
    assert applicability[0].reason == "internal error in rule: ZeroDivisionError"
    assert [f.outcome for f in result.findings if f.rule_id == "toy-image-alt"] == [Outcome.FAILED]


def test_json_shape_is_camel_case() -> None:
    result = analyze_document(PAGE, path="p.html", rules=TOY_RULES)
    data = msgspec.json.decode(msgspec.json.encode(result))
    assert set(data) == {"path", "title", "findings", "counts", "error"}
    assert set(data["findings"][0]) == {
        "ruleId",
        "outcome",
        "impact",
        "wcag",
        "selector",
        "xpath",
        "line",
        "column",
        "snippet",
        "message",
        "fixHint",
        "reason",
        "mode",
        "question",
        "details",
        "fingerprint",
    }
    assert data["counts"] == {"passed": 2, "failed": 1, "cantTell": 1, "inapplicable": 1}


def test_analyze_document_never_raises() -> None:
    for data in (b"", b"\x00\xff" * 100, b"<img" * 1000):
        result = analyze_document(data, path="x.html", rules=TOY_RULES)
        assert result.error is None
        assert len(result.findings) >= len(TOY_RULES)


def test_targets_are_tested_once() -> None:
    class Twice(ToyImageAlt):
        def applicability(self, page: Page):  # type: ignore[no-untyped-def]
            yield from page.by_tag("img")
            yield from page.by_tag("img")

    result = check_page(parse_page(b"<img alt=x>"), [Twice])
    assert len(result.findings) == 1


def test_100000_levels_deep_through_the_whole_pipeline() -> None:
    depth = 100_000
    source = (
        "<style>.c .c img { display: inline }</style>"
        + "<span class=c style='color: red'>" * depth
        + "<img src=a.png>"
    ).encode()
    result = analyze_document(source, path="deep.html", rules=TOY_RULES)
    assert result.error is None
    image = [f for f in result.findings if f.rule_id == "toy-image-alt"]
    assert [f.outcome for f in image] == [Outcome.FAILED]
    # So deep below any anchor, locators are shortened; the XPath stays exact.
    assert image[0].selector is not None and image[0].selector.endswith("span > img")
    assert image[0].xpath is not None and image[0].xpath.startswith("(//*)[")
    assert image[0].line == 1
