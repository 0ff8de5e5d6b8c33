"""The IANA Language Subtag Registry, read from the copy the ``langcodes`` package ships.

Source: https://www.iana.org/assignments/language-subtag-registry (the file in
``langcodes/data/language-subtag-registry.txt``; its ``File-Date`` is the version). We read
the registry ourselves because ``langcodes`` normalises before validating (it accepts
``eng`` for ``en`` and ``en_US``), while BCP 47 validity and the ACT "known primary
language tag" need exact, case-insensitive subtag lookups. Loaded once, on first use;
no network.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class SubtagRegistry:
    """Registered subtags by type (lower case) and the registered whole tags."""

    file_date: str
    languages: frozenset[str]
    extlangs: dict[str, str]  # extlang -> its required prefix
    scripts: frozenset[str]
    regions: frozenset[str]
    variants: frozenset[str]
    grandfathered: frozenset[str]
    redundant: frozenset[str]


def _expand_range(value: str) -> list[str]:
    """``qaa..qtz`` -> every subtag in the range (the registry's private-use blocks)."""
    start, _, end = value.partition("..")
    if not end:
        return [value]
    alphabet = string.ascii_lowercase
    start, end = start.lower(), end.lower()
    found: list[str] = []
    current = start
    while True:
        found.append(current)
        if current == end or len(found) > 20_000:
            return found
        chars = list(current)
        index = len(chars) - 1
        while index >= 0:
            position = alphabet.index(chars[index])
            if position < len(alphabet) - 1:
                chars[index] = alphabet[position + 1]
                break
            chars[index] = alphabet[0]
            index -= 1
        current = "".join(chars)


def _records(text: str) -> list[dict[str, str]]:
    records: list[dict[str, str]] = []
    for chunk in text.split("\n%%\n"):
        record: dict[str, str] = {}
        last = ""
        for line in chunk.splitlines():
            if line.startswith(" ") and last:
                record[last] += " " + line.strip()
                continue
            name, colon, value = line.partition(":")
            if colon and name not in record:
                record[name] = value.strip()
                last = name
        records.append(record)
    return records


@cache
def registry() -> SubtagRegistry:
    """The parsed registry (cached for the life of the process)."""
    text = (
        resources.files("langcodes")
        .joinpath("data/language-subtag-registry.txt")
        .read_text(encoding="utf-8")
    )
    records = _records(text)
    by_type: dict[str, set[str]] = {}
    extlangs: dict[str, str] = {}
    for record in records[1:]:
        kind = record.get("Type", "")
        subtag = record.get("Subtag") or record.get("Tag") or ""
        for value in _expand_range(subtag):
            by_type.setdefault(kind, set()).add(value.lower())
        if kind == "extlang":
            extlangs[subtag.lower()] = record.get("Prefix", "").lower()
    return SubtagRegistry(
        file_date=records[0].get("File-Date", ""),
        languages=frozenset(by_type.get("language", ())),
        extlangs=extlangs,
        scripts=frozenset(by_type.get("script", ())),
        regions=frozenset(by_type.get("region", ())),
        variants=frozenset(by_type.get("variant", ())),
        grandfathered=frozenset(by_type.get("grandfathered", ())),
        redundant=frozenset(by_type.get("redundant", ())),
    )
