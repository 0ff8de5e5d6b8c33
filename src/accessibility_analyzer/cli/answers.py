"""Answers a tester recorded for the engine's open questions, as a TOML file.

Some rules cannot decide from the markup (is this alt text descriptive? does this video show
captions?): they ask a question from :mod:`engine.questions` and report ``cantTell``. A human
auditor answers them in a file; `a11y check --answers FILE` checks the pages again with those
answers, and the findings they decide become ``semiAuto`` with the auditor's reason.
`a11y check --write-answers FILE` writes the template: one entry per open question of the run,
``value`` commented out.

```toml
# Answers a tester gave to the engine's open questions.
[[answer]]
page = "docs/index.html"           # the page as `a11y check` names it
question = "alt-is-descriptive"    # a question id (`engine/questions.py`)
xpath = "/html/body/img[1]"        # the target's XPath, as findings report it
value = false                      # true = yes, false = no; absent = not answered yet
reason = "The alt 'Fireworks' does not describe the W3C logo."
```

An entry without ``value`` leaves its question open (a half-filled template loads). An unknown
key, an unknown question id or two different answers to one question is an error naming the
file and the entry.
"""

from __future__ import annotations

import os
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

import msgspec

from accessibility_analyzer.engine.oracle import Answer, AnsweredQuestion
from accessibility_analyzer.engine.questions import question_by_id
from accessibility_analyzer.engine.result import DocumentResult, Outcome

TEMPLATE_HEADER = (
    "# Answers a tester gave to the engine's open questions (`a11y check --answers FILE`).\n"
    "# Fill in `value` (true = yes, false = no) and a `reason` describing what the page shows;\n"
    "# an entry without `value` stays open.\n"
)


class AnswersError(Exception):
    """An answers file cannot be used (the message names the file and the entry)."""


class AnswerEntry(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One ``[[answer]]`` of an answers file."""

    page: str
    question: str
    xpath: str
    value: bool | None = None
    reason: str | None = None


class AnswersFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """An answers file: its ``[[answer]]`` entries."""

    answer: tuple[AnswerEntry, ...] = ()


PageAnswers = Mapping[str, tuple[AnsweredQuestion, ...]]
"""Answers per page (keyed by :func:`page_name`), as :class:`AnswerTable` entries."""


def page_name(page: str) -> str:
    """The form a page name is compared in: ``./docs//a.html`` is ``docs/a.html``."""
    archive, bang, inner = page.partition("!")
    return os.path.normpath(archive).replace(os.sep, "/") + bang + inner


def read_answers_file(path: Path) -> list[AnswerEntry]:
    """The entries of one answers file, each validated.

    Raises:
        AnswersError: the file is not readable TOML, or an entry has an unknown key, a value of
            the wrong type or a question id the catalog does not know.
    """
    try:
        with path.open("rb") as handle:
            table = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise AnswersError(f"{path}: not readable TOML ({error})") from error
    try:
        parsed = msgspec.convert(table, AnswersFile)
    except msgspec.ValidationError as error:
        raise AnswersError(f"{path}: {_describe(error)}") from error
    for number, entry in enumerate(parsed.answer, start=1):
        if question_by_id(entry.question) is None:
            raise AnswersError(
                f"{path}: answer {number}: unknown question {entry.question!r} "
                "(see `engine/questions.py` for the ids)"
            )
    return list(parsed.answer)


def load_answers(paths: Iterable[Path]) -> dict[str, tuple[AnsweredQuestion, ...]]:
    """The answered entries of the files, per page; entries without ``value`` are skipped.

    Raises:
        AnswersError: a file cannot be read (see :func:`read_answers_file`), or two entries
            answer the same question about the same target differently.
    """
    seen: dict[tuple[str, str, str], tuple[bool, str]] = {}
    per_page: dict[str, list[AnsweredQuestion]] = defaultdict(list)
    for path in paths:
        for number, entry in enumerate(read_answers_file(path), start=1):
            if entry.value is None:
                continue
            page = page_name(entry.page)
            where = f"{path}: answer {number}"
            key = (page, entry.question, entry.xpath)
            earlier = seen.get(key)
            if earlier is not None:
                if earlier[0] != entry.value:
                    raise AnswersError(
                        f"{where}: {entry.question} on {entry.xpath} of {entry.page} was "
                        f"answered {_yes_no(earlier[0])} in {earlier[1]}"
                    )
                continue
            seen[key] = (entry.value, where)
            per_page[page].append(
                AnsweredQuestion(
                    question=entry.question,
                    xpath=entry.xpath,
                    answer=Answer(value=entry.value, reason=entry.reason),
                )
            )
    return {page: tuple(entries) for page, entries in per_page.items()}


def write_template(pages: Iterable[DocumentResult], stream: IO[str]) -> int:
    """Write an answers template for every open question of ``pages``; return how many.

    An open question is one a ``cantTell`` finding carries; the same question about the same
    target, asked by two rules, is written once.
    """
    stream.write(TEMPLATE_HEADER)
    written: set[tuple[str, str, str]] = set()
    for page in pages:
        for finding in page.findings:
            if finding.outcome is not Outcome.CANT_TELL or finding.question is None:
                continue
            key = (page.path, finding.question, finding.xpath or "")
            if key in written:
                continue
            written.add(key)
            question = question_by_id(finding.question)
            stream.write("\n")
            if question is not None:
                stream.write(f"# {_one_line(question.text, limit=None)}\n")
            if finding.snippet:
                stream.write(f"# {finding.rule_id}: {_one_line(finding.snippet)}\n")
            stream.write("[[answer]]\n")
            stream.write(f"page = {toml_string(page.path)}\n")
            stream.write(f"question = {toml_string(finding.question)}\n")
            stream.write(f"xpath = {toml_string(finding.xpath or '')}\n")
            stream.write("# value = true    # true = yes, false = no\n")
            stream.write('# reason = ""\n')
    return len(written)


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string."""
    escaped = []
    for char in text.encode("utf-8", "replace").decode("utf-8"):
        if char in {'"', "\\"}:
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def _one_line(text: str, limit: int | None = 200) -> str:
    # The question is written whole (the auditor answers it); a long snippet is cut.
    line = " ".join(text.split())
    return line if limit is None or len(line) <= limit else line[: limit - 1] + "…"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _describe(error: msgspec.ValidationError) -> str:
    # msgspec says "Object contains unknown field `x` - at `$.answer[2]`"; name the entry.
    text = str(error)
    where = ""
    if " - at `$.answer[" in text:
        text, _, path = text.partition(" - at `$.answer[")
        index, _, rest = path.partition("]")
        if index.isdigit():
            where = f"answer {int(index) + 1}: "
            rest = rest.rstrip("`").lstrip(".")
            if rest:
                text = f"{text} (at {rest})"
    if text.startswith("Object contains unknown field"):
        text = f"unknown key '{text.split('`')[1]}'"
    elif text.startswith("Object missing required field"):
        text = f"missing key '{text.split('`')[1]}'"
    return where + text.replace("`$.", "`").replace("`$`", "the file")
