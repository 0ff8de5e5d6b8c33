"""The shape of a rule fixture file (`tests/rules/cases/<rule-id>.yaml`), as typed structs.

The YAML is converted into :class:`FixtureFile`; an unknown or misspelt key (``expcet``,
``outcom``) is an error instead of a silently ignored line.

A case's ``html`` is a fragment (wrapped in a minimal valid page) or a whole document; its
``expect`` lists exactly the rule's findings that are not inapplicable, by target (``#id`` or
the first element with a tag name) and outcome, or says ``inapplicable``. An expectation may
pin the finding's ``message``, its ``reason``, its ``mode`` (``automatic`` or ``semiAuto``)
and some of its ``details`` (measured values). ``files`` are other files of the upload;
``path`` is the page's own path; ``answers`` (catalog question id -> ``yes``/``no``) answers
the rule's questions as an oracle would (the findings they decide are ``semiAuto``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import msgspec
import yaml

Outcome = Literal["passed", "failed", "cantTell"]
Mode = Literal["automatic", "semiAuto"]


class Expectation(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """One finding the case must produce."""

    target: str
    outcome: Outcome
    message: str | None = None  # the diagnostic's message, exactly
    reason: str | None = None  # the verdict's reason, exactly
    mode: Mode | None = None
    # Measured values the finding must report (a subset of its ``details``, same values).
    details: dict[str, str | int | float | bool] | None = None


class Case(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """One page and what the rule must find in it."""

    name: str
    html: str
    expect: Literal["inapplicable"] | list[Expectation]
    files: dict[str, str] = {}
    path: str = "index.html"
    # YAML 1.1 reads a bare yes/no as a boolean; quoted, it stays a word. Both mean the same.
    answers: dict[str, bool | Literal["yes", "no"]] = {}

    def oracle_answers(self) -> dict[str, bool]:
        """Every answer the case gives, ``answers`` spelt as booleans."""
        spelt = {key: value in (True, "yes") for key, value in self.answers.items()}
        return spelt


class FixtureFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A rule's fixture file."""

    rule: str
    cases: list[Case]


def load_fixture(path: Path) -> FixtureFile:
    """Read and type-check one fixture file.

    Raises:
        msgspec.ValidationError: a key is unknown, missing or of the wrong type.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return msgspec.convert(data, FixtureFile)
