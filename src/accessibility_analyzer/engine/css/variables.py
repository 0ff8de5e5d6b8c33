"""Custom properties and ``var()`` (CSS Custom Properties for Cascading Variables 1).

Custom properties (``--name``) cascade and inherit like any inherited property; their
names are case-sensitive and their values are kept as written. A declared value holding
``var()`` is substituted when its element's computed value is asked for: a reference to
an unset custom property takes the fallback (``var(--x, red)``) or makes the declaration
invalid at computed-value time, and so does a reference cycle (``--a: var(--b)`` with
``--b: var(--a)``). An invalid declaration behaves as ``unset``.

A shorthand holding ``var()`` cannot be split when parsed: each of its longhands gets a
*pending* value (:func:`pending_value`) that is expanded after substitution.
"""

from __future__ import annotations

from collections.abc import Callable

PENDING = "\0"  # starts a pending-substitution value: PENDING + shorthand + PENDING + text
MAX_SUBSTITUTIONS = 64  # var() references expanded in one value (bounds "billion laughs")
_MAX_LENGTH = 65536  # substituted text longer than this is treated as invalid


def has_references(value: str) -> bool:
    """Whether a declared value needs substitution (``var()`` or a pending shorthand)."""
    # Most values hold no parenthesis: upper-casing them (a copy) is not needed to know.
    return value.startswith(PENDING) or (
        "(" in value and ("var(" in value or "VAR(" in value.upper())
    )


def pending_value(shorthand: str, text: str) -> str:
    """The value each longhand of ``shorthand: text`` gets until ``var()`` is substituted."""
    return f"{PENDING}{shorthand}{PENDING}{text}"


def split_pending(value: str) -> tuple[str, str] | None:
    """``(shorthand, text)`` of a pending value, ``None`` for other values."""
    if not value.startswith(PENDING):
        return None
    shorthand, _, text = value[1:].partition(PENDING)
    return shorthand, text


def _closing(text: str, start: int) -> int:
    """Index of the ``)`` closing the parenthesis opened just before ``start`` (or -1)."""
    depth = 1
    quote = ""
    index = start
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _top_level_comma(text: str) -> int:
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            return index
    return -1


def substitute(value: str, lookup: Callable[[str], str | None]) -> str | None:
    """``value`` with every ``var()`` replaced; ``None`` when it is invalid.

    ``lookup`` gives a custom property's computed value (``None`` when it has none, or is
    in a cycle).
    """
    budget = [MAX_SUBSTITUTIONS]
    return _substitute(value, lookup, budget)


def _substitute(value: str, lookup: Callable[[str], str | None], budget: list[int]) -> str | None:
    pieces: list[str] = []
    position = 0
    lowered = value.lower()
    while True:
        start = lowered.find("var(", position)
        if start < 0:
            pieces.append(value[position:])
            break
        if start > 0 and (lowered[start - 1].isalnum() or lowered[start - 1] in "-_"):
            pieces.append(value[position : start + 4])  # e.g. "covar(": not a var()
            position = start + 4
            continue
        end = _closing(value, start + 4)
        budget[0] -= 1
        if end < 0 or budget[0] < 0:
            return None
        inner = value[start + 4 : end]
        comma = _top_level_comma(inner)
        name = (inner if comma < 0 else inner[:comma]).strip()
        if not name.startswith("--"):
            return None
        found = lookup(name)
        if found is None and comma >= 0:
            found = _substitute(inner[comma + 1 :].strip(), lookup, budget)
        if found is None:
            return None
        pieces.append(value[position:start])
        pieces.append(found)
        position = end + 1
        if sum(len(piece) for piece in pieces) > _MAX_LENGTH:
            return None
    return "".join(pieces).strip()
