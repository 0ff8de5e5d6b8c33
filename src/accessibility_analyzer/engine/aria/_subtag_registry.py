"""The IANA Language Subtag Registry, read from the copy the ``langcodes`` package ships.

Source: https://www.iana.org/assignments/language-subtag-registry (the file in
``langcodes/data/language-subtag-registry.txt``; its ``File-Date`` is the version). We read
the registry ourselves because ``langcodes`` normalises before validating (it accepts
``eng`` for ``en`` and ``en_US``), while BCP 47 validity and the ACT "known primary
language tag" need exact, case-insensitive subtag lookups. Loaded once, on first use,
without importing ``langcodes`` (its import alone costs more than reading the file); no
network.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from importlib import util
from pathlib import Path


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


# Every record names its type first and its subtag (or whole tag) on the next line; reading
# just those lines of the (ASCII-)lowered bytes with one regex that starts at a literal
# newline is ~20x faster than parsing every field of the 9,000 records.
_ENTRY = re.compile(rb"\ntype: (\S+)\n(?:sub)?tag: (\S+)")
_EXTLANG_PREFIX = re.compile(rb"\ntype: extlang\nsubtag: (\S+)\n(?:[^%\n][^\n]*\n)*?prefix: (\S+)")
_FILE_DATE = re.compile(rb"file-date: (\S+)")


def _registry_bytes() -> bytes:
    # Found without importing ``langcodes``: its import builds large tables (~50 ms) that a
    # start-up of `a11y check` never uses.
    spec = util.find_spec("langcodes")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("langcodes is not installed", name="langcodes")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "data" / "language-subtag-registry.txt").read_bytes()


@cache
def registry() -> SubtagRegistry:
    """The parsed registry (cached for the life of the process)."""
    text = _registry_bytes().lower()
    by_type: dict[bytes, set[str]] = {}
    for kind, subtag in _ENTRY.findall(text):
        found = by_type.setdefault(kind, set())
        if b".." in subtag:
            found.update(_expand_range(subtag.decode()))
        else:
            found.add(subtag.decode())
    extlangs = {
        subtag.decode(): prefix.decode() for subtag, prefix in _EXTLANG_PREFIX.findall(text)
    }
    file_date = _FILE_DATE.match(text)
    return SubtagRegistry(
        file_date=file_date[1].decode() if file_date else "",
        languages=frozenset(by_type.get(b"language", ())),
        extlangs=extlangs,
        scripts=frozenset(by_type.get(b"script", ())),
        regions=frozenset(by_type.get(b"region", ())),
        variants=frozenset(by_type.get(b"variant", ())),
        grandfathered=frozenset(by_type.get(b"grandfathered", ())),
        redundant=frozenset(by_type.get(b"redundant", ())),
    )
