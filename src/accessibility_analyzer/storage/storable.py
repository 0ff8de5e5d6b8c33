"""Values as both databases can store them, whatever bytes the page they come from held.

A finding's snippet, selector or message quotes the page, and a page may hold anything:
PostgreSQL refuses the NUL character in text and JSON (``CharacterNotInRepertoireError``),
and neither driver can encode a lone surrogate to UTF-8. One such character used to fail the
insert of a whole batch, and after the job's retries the whole analysis. Every text value
written from page content goes through :func:`storable` on the way in: NUL and lone
surrogates become U+FFFD (the replacement character HTML parsers use for them too), and a
value longer than its column allows is shortened with an ellipsis (PostgreSQL enforces
``VARCHAR(n)``, SQLite does not, and the two must store the same thing).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:  # no SQLAlchemy at run time: engine processes import this module too
    from sqlalchemy import Table

REPLACEMENT = "\ufffd"
_ELLIPSIS = "\u2026"
# NUL, and any code point of the surrogate range: in a Python str a valid astral character is
# one code point, so every surrogate found here is unpaired (or a pair UTF-8 cannot encode).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_json = msgspec.json.Encoder()


def storable_text(value: str, max_length: int | None = None) -> str:
    """``value`` with NUL and lone surrogates replaced, cut to ``max_length`` characters."""
    if _UNSTORABLE.search(value) is not None:
        value = _UNSTORABLE.sub(REPLACEMENT, value)
    if max_length is not None and len(value) > max_length:
        value = value[: max_length - 1] + _ELLIPSIS
    return value


def storable(value: Any, max_length: int | None = None) -> Any:
    """Any column value made storable: text as :func:`storable_text`, JSON recursively.

    Numbers, booleans, ``None`` and other non-text values are returned as they are.
    """
    if isinstance(value, str):
        return storable_text(value, max_length)
    if isinstance(value, Mapping):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    return value


def optional_text(value: str | None, max_length: int | None = None) -> str | None:
    """:func:`storable_text` for a nullable column."""
    return None if value is None else storable_text(value, max_length)


class RecordMaker:
    """Turns row dicts into storable tuples of ``columns`` (in that order), many at a time.

    Each value is as :func:`storable` makes it, with its column's length limit
    (``VARCHAR(n)``), so a column added to ``columns`` is covered without further code.
    Rows are checked a batch at a time in C (one JSON encoding of the batch shows any NUL
    or lone surrogate), so clean rows, nearly all of them, cost about what plain tuples do;
    only a batch that holds something unstorable is rebuilt value by value.
    """

    def __init__(self, table: Table, columns: Sequence[str]) -> None:
        """Read the length limits of ``columns`` from ``table``."""
        if len(columns) < 2:  # itemgetter of one name returns the value, not a tuple
            raise ValueError("a record needs at least two columns")
        self._get = operator.itemgetter(*columns)
        self._limits = [getattr(table.c[name].type, "length", None) for name in columns]
        self._limited = [
            (operator.itemgetter(i), limit) for i, limit in enumerate(self._limits) if limit
        ]

    def __call__(self, rows: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
        """The rows as tuples, made storable where needed."""
        get = self._get
        records: list[tuple[Any, ...]] = [get(row) for row in rows]
        if self._all_storable(records):
            return records
        return [
            tuple(storable(value, limit) for value, limit in zip(record, self._limits, strict=True))
            for record in records
        ]

    def _all_storable(self, records: list[tuple[Any, ...]]) -> bool:
        try:
            encoded = _json.encode(records)
        except Exception:  # lone surrogates (UnicodeEncodeError) or values JSON cannot hold
            return False
        if b"\\u0000" in encoded:
            return False
        try:  # map() and filter() keep the length checks in C; filter(None) skips NULLs
            return all(
                max(map(len, filter(None, map(get, records))), default=0) <= limit
                for get, limit in self._limited
            )
        except TypeError:  # a value without a length in a limited column: checked slowly
            return False


__all__ = ["REPLACEMENT", "RecordMaker", "optional_text", "storable", "storable_text"]
