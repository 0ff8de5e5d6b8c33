"""The storable-value helper: what the database receives for any text a page may hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, String, Table, Text

from accessibility_analyzer.storage import storable as storable_module
from accessibility_analyzer.storage.storable import (
    REPLACEMENT,
    RecordMaker,
    storable,
    storable_text,
)

# Any code point, surrogates (category Cs) and NUL included.
any_text = st.text(st.characters(exclude_categories=()))


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@given(any_text)
def test_storable_text_is_utf8_without_nul_and_otherwise_unchanged(value: str) -> None:
    stored = storable_text(value)

    assert "\x00" not in stored
    assert _encodable(stored)
    assert len(stored) == len(value)
    for before, after in zip(value, stored, strict=True):
        unstorable = before == "\x00" or 0xD800 <= ord(before) <= 0xDFFF
        assert after == (REPLACEMENT if unstorable else before)


def test_examples() -> None:
    assert storable_text('<img alt="a\x00b">') == '<img alt="a\ufffdb">'
    assert storable_text("x\ud800y\udfff") == "x\ufffdy\ufffd"
    assert storable_text("\U0001f600 ok") == "\U0001f600 ok"  # astral characters stay
    clean = "plain text"
    assert storable_text(clean) is clean  # nothing to do: no copy


@given(any_text, st.integers(min_value=1, max_value=50))
def test_a_value_is_cut_to_its_column_length(value: str, limit: int) -> None:
    stored = storable_text(value, limit)
    assert len(stored) <= limit
    if len(value) > limit:
        assert stored.endswith("\u2026")


def test_json_values_are_cleaned_recursively_and_numbers_kept() -> None:
    value = {"a\x00": ["x\ud800", 1, 2.5, True, None, {"k": "\x00"}]}
    assert storable(value) == {"a\ufffd": ["x\ufffd", 1, 2.5, True, None, {"k": "\ufffd"}]}
    assert storable(7) == 7
    assert storable(None) is None


def test_records_are_plain_tuples_when_clean_and_cleaned_per_column_otherwise() -> None:
    table = Table(
        "t",
        MetaData(),
        Column("short", String(3)),
        Column("long", Text),
        Column("number", Integer),
    )
    make = RecordMaker(table, ["number", "short", "long"])
    clean = {"short": "abc", "long": "x" * 5_000, "number": 4}
    assert make([clean, clean]) == [(4, "abc", "x" * 5_000)] * 2
    for dirty, expected in [
        ({"short": "abcdef", "long": "", "number": 4}, (4, "ab\u2026", "")),
        ({"short": "a", "long": "x\x00" * 5_000, "number": 4}, (4, "a", "x\ufffd" * 5_000)),
        ({"short": "a", "long": "\ud800", "number": 4}, (4, "a", "\ufffd")),
        ({"short": None, "long": None, "number": 2**70}, (2**70, None, None)),
    ]:
        assert make([clean, dirty]) == [(4, "abc", "x" * 5_000), expected]


def test_clean_records_with_nulls_are_not_rebuilt_value_by_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NULL in a length-limited column is clean: the batch stays on the checked-in-C path.

    Most findings have no question or selector; when a NULL there sent every batch down the
    value-by-value path, storing a 16-page batch held the event loop for some 30 ms.
    """
    table = Table("t", MetaData(), Column("short", String(3)), Column("long", Text))
    make = RecordMaker(table, ["short", "long"])
    rebuilt: list[object] = []
    real_storable = storable_module.storable

    def counting_storable(value: object, max_length: int | None = None) -> object:
        rebuilt.append(value)
        return real_storable(value, max_length)

    monkeypatch.setattr(storable_module, "storable", counting_storable)
    rows = [{"short": None, "long": "x"}, {"short": "abc", "long": None}, {"short": "", "long": ""}]
    assert make(rows) == [(None, "x"), ("abc", None), ("", "")]
    assert rebuilt == []

    assert make([*rows, {"short": "abcd", "long": None}])[-1] == ("ab\u2026", None)
    assert rebuilt  # a value over its limit still sends the batch down the careful path
