"""A tester's answers (`--answers`, `--write-answers`), through the real `a11y` command."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from cli_helpers import a11y

from accessibility_analyzer.engine.questions import TITLE_IS_DESCRIPTIVE

# The title is about something else than the page: the rule cannot tell from the markup.
PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Fireworks</title></head>
<body><main><h1>Opening hours</h1><p>Monday to Friday, 9 to 5.</p></main></body></html>
"""
RULE = ("--rules", "document-title-descriptive", "--include-passed")


def _site(root: Path, pages: int = 1) -> Path:
    site = root / "site"
    site.mkdir(exist_ok=True)
    for number in range(pages):
        (site / f"page{number}.html").write_text(PAGE, encoding="utf-8")
    return site


def _titles(output: str) -> list[tuple[str, str, str, str | None]]:
    """(page file, outcome, mode, reason) of every title finding."""
    return [
        (Path(document["path"]).name, finding["outcome"], finding["mode"], finding["reason"])
        for document in json.loads(output)["documents"]
        for finding in document["findings"]
        if finding["ruleId"] == "document-title-descriptive"
    ]


def _answer(page: str, value: str, reason: str = "The title says nothing.") -> str:
    return (
        "[[answer]]\n"
        f'page = "{page}"\n'
        'question = "title-is-descriptive"\n'
        'xpath = "/html/head/title"\n'
        f"value = {value}\n"
        f'reason = "{reason}"\n'
    )


def test_template_lists_the_open_questions_and_answers_decide(tmp_path: Path) -> None:
    """The template names page, question and target; filled in, it decides semiAuto."""
    _site(tmp_path)
    asked = a11y("check", "site", *RULE, "--format", "json", "--no-cache",
                 "--write-answers", "answers.toml", cwd=tmp_path)  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    [(page, outcome, mode, _)] = _titles(asked.stdout)
    assert (page, outcome, mode) == ("page0.html", "cantTell", "automatic")
    template = (tmp_path / "answers.toml").read_text(encoding="utf-8")
    assert "# value = true" in template
    assert f"# {TITLE_IS_DESCRIPTIVE.text}\n" in template  # whole, to be answered
    # An unfilled template loads: its questions stay open.
    assert tomllib.loads(template)["answer"] == [
        {"page": "site/page0.html", "question": "title-is-descriptive", "xpath": "/html/head/title"}
    ]
    filled = template.replace("# value = true    # true = yes, false = no", "value = false")
    filled = filled.replace('# reason = ""', 'reason = "Fireworks says nothing of opening hours."')
    (tmp_path / "answers.toml").write_text(filled, encoding="utf-8")

    answered = a11y("check", "site", *RULE, "--format", "json", "--no-cache",
                    "--answers", "answers.toml", cwd=tmp_path)  # fmt: skip
    assert answered.returncode == 1, answered.stderr
    assert _titles(answered.stdout) == [
        ("page0.html", "failed", "semiAuto", "Fireworks says nothing of opening hours.")
    ]


def test_an_entry_without_value_stays_open(tmp_path: Path) -> None:
    """Only answered entries decide; the question of a blank one stays cantTell."""
    _site(tmp_path, pages=2)
    blank = _answer("site/page1.html", "true").replace("value = true\n", "")
    (tmp_path / "a.toml").write_text(_answer("./site//page0.html", "true") + blank, "utf-8")
    result = a11y("check", "site", *RULE, "--format", "json", "--no-cache",
                  "--answers", "a.toml", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    outcomes = [(page, outcome, mode) for page, outcome, mode, _ in _titles(result.stdout)]
    assert outcomes == [
        ("page0.html", "passed", "semiAuto"),
        ("page1.html", "cantTell", "automatic"),
    ]


def test_answers_for_pages_not_checked_are_named(tmp_path: Path) -> None:
    """A mistyped page path is reported on stderr; the run goes on."""
    _site(tmp_path)
    (tmp_path / "a.toml").write_text(_answer("site/pgae0.html", "false"), encoding="utf-8")
    result = a11y("check", "site", *RULE, "--format", "json", "--no-cache",
                  "--answers", "a.toml", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "answers for 1 page(s) not checked: site/pgae0.html" in result.stderr
    assert _titles(result.stdout)[0][1] == "cantTell"


def test_answers_reach_worker_processes(tmp_path: Path) -> None:
    """With --jobs, each page is checked in a worker with its own answers."""
    _site(tmp_path, pages=4)
    answers = _answer("site/page1.html", "false") + _answer("site/page3.html", "true")
    (tmp_path / "a.toml").write_text(answers, encoding="utf-8")
    result = a11y("check", "site", *RULE, "--format", "json", "--no-cache", "--jobs", "2",
                  "--answers", "a.toml", "--no-progress", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1, result.stderr
    outcomes = [(page, outcome) for page, outcome, _, _ in _titles(result.stdout)]
    assert outcomes == [
        ("page0.html", "cantTell"),
        ("page1.html", "failed"),
        ("page2.html", "cantTell"),
        ("page3.html", "passed"),
    ]


def test_cached_results_follow_the_answers(tmp_path: Path) -> None:
    """A cached result is never served for other answers (none, or a changed value)."""
    _site(tmp_path)
    answers = tmp_path / "a.toml"
    runs = []
    for value in (None, "false", "true", None):
        args = ["check", "site", *RULE, "--format", "json"]
        if value is not None:
            answers.write_text(_answer("site/page0.html", value), encoding="utf-8")
            args += ["--answers", str(answers)]
        result = a11y(*args, cwd=tmp_path)
        runs.append(_titles(result.stdout)[0][1])
    assert runs == ["cantTell", "failed", "passed", "cantTell"]


def test_answers_from_the_configuration_file(tmp_path: Path) -> None:
    """``answers`` in a11y.toml names files relative to it; --answers wins over it."""
    _site(tmp_path)
    (tmp_path / "audit").mkdir()
    (tmp_path / "audit" / "no.toml").write_text(_answer("site/page0.html", "false"), "utf-8")
    (tmp_path / "yes.toml").write_text(_answer("site/page0.html", "true"), "utf-8")
    (tmp_path / "a11y.toml").write_text('answers = ["audit/no.toml"]\n', encoding="utf-8")
    configured = a11y("check", "site", *RULE, "--format", "json", "--no-cache", cwd=tmp_path)
    assert _titles(configured.stdout)[0][1] == "failed", configured.stderr
    flagged = a11y("check", "site", *RULE, "--format", "json", "--no-cache",
                   "--answers", "yes.toml", cwd=tmp_path)  # fmt: skip
    assert _titles(flagged.stdout)[0][1] == "passed", flagged.stderr


def test_bad_answers_files_are_usage_errors_naming_file_and_entry(tmp_path: Path) -> None:
    """Unknown keys, unknown questions, wrong types and contradictions: exit 2, named."""
    _site(tmp_path)
    cases = {
        "key.toml": (_answer("site/page0.html", "true") * 2).replace(
            'reason = "The title says nothing."\n[[answer]]', "colour = 1\n[[answer]]", 1
        ),
        "question.toml": _answer("site/page0.html", "true")
        + _answer("site/page0.html", "true").replace("title-is-descriptive", "is-it-nice"),
        "type.toml": _answer("site/page0.html", '"maybe"'),
        "contradiction.toml": _answer("site/page0.html", "true")
        + _answer("site/page0.html", "false"),
        "syntax.toml": "[[answer]\n",
    }
    expected = {
        "key.toml": "key.toml: answer 1: unknown key 'colour'",
        "question.toml": "question.toml: answer 2: unknown question 'is-it-nice'",
        "type.toml": "type.toml: answer 1: Expected `bool | null`, got `str`",
        "contradiction.toml": "contradiction.toml: answer 2: title-is-descriptive on "
        "/html/head/title of site/page0.html was answered yes in",
        "syntax.toml": "syntax.toml: not readable TOML",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = a11y("check", "site", *RULE, "--answers", name, cwd=tmp_path)
        assert result.returncode == 2, (name, result.stdout)
        assert expected[name] in result.stderr, (name, result.stderr)
