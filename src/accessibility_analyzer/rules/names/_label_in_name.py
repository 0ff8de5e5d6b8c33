"""The ACT "label in name" algorithm and the visible inner text it compares.

https://www.w3.org/WAI/standards-guidelines/act/rules/2ee8b8/ (glossary: label in name
algorithm, visible inner text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from accessibility_analyzer.engine.aria import is_visible
from accessibility_analyzer.engine.css import computed_style
from accessibility_analyzer.engine.dom import Element, Page, Text

# Outer display types that put line breaks around an element's text (CSS Display 3).
_BLOCK_DISPLAYS = frozenset(
    {"block", "flex", "grid", "flow-root", "list-item", "table", "table-caption"}
)
_CELL_DISPLAYS = frozenset({"table-cell", "table-row"})
_WHITESPACE_RUN = re.compile(r"\s+")
# A widget subtree larger than this is not walked: the label is then unknown (cantTell).
MAX_LABEL_NODES = 2_000


@dataclass(frozen=True)
class VisibleLabel:
    """The visible inner text of a widget, with and without text of uncertain visibility.

    Attributes:
        certain: text of nodes known to be visible.
        possible: the same plus text whose visibility needs layout (clipped, off-screen).
    """

    certain: str
    possible: str


def visible_inner_text(page: Page, root: Element) -> VisibleLabel | None:
    """The ACT visible inner text of ``root``; ``None`` when the subtree is too large.

    Block-level boxes add line breaks, table cells and rows add spaces, ``<br>`` is a line
    break; elements with ``display: none`` add nothing; invisible text adds nothing (only its
    whitespace). Iterative, so deep subtrees cannot exhaust the stack.
    """
    certain: list[str] = []
    possible: list[str] = []
    stack: list[Element | Text | str] = [root]
    walked = 0
    while stack:
        node = stack.pop()
        if isinstance(node, str):  # a separator queued after an element's children
            certain.append(node)
            possible.append(node)
            continue
        walked += 1
        if walked > MAX_LABEL_NODES:
            return None
        if isinstance(node, Text):
            _add_text(page, node, certain, possible)
            continue
        display = computed_style(page, node).display
        if display == "none":
            continue
        if node.tag == "br":
            certain.append("\n")
            possible.append("\n")
            continue
        separator = "\n" if display in _BLOCK_DISPLAYS else " " if display in _CELL_DISPLAYS else ""
        certain.append(separator)
        possible.append(separator)
        stack.append(separator)
        stack.extend(reversed(node.children))
    return VisibleLabel(certain="".join(certain), possible="".join(possible))


def _add_text(page: Page, node: Text, certain: list[str], possible: list[str]) -> None:
    parent = node.parent
    visible = is_visible(page, parent) if parent is not None else True
    text = _WHITESPACE_RUN.sub(" ", node.data)
    if visible is True:
        certain.append(text)
        possible.append(text)
    elif visible is None:
        certain.append(" " if text.strip() else text)
        possible.append(text)
    elif not text.strip():
        certain.append(" ")
        possible.append(" ")


def _strip_parenthesised(text: str) -> str:
    """Drop round brackets and what they enclose (nested pairs too); stray ones vanish."""
    kept: list[str] = []
    opened: list[int] = []
    for char in text:
        if char == "(":
            opened.append(len(kept))
        elif char == ")":
            if opened:
                del kept[opened.pop() :]
        else:
            kept.append(char)
    return "".join(kept)


def tokenize(text: str) -> list[str]:
    """The algorithm's words: no parentheses, case-folded NFKD, letters and digits only."""
    folded = unicodedata.normalize("NFKD", _strip_parenthesised(text).casefold())
    cleaned = "".join(char if unicodedata.category(char)[0] in "LN" else " " for char in folded)
    return cleaned.split()


def label_in_name(label: list[str], name: list[str]) -> bool:
    """Whether the label's words are a contiguous run of the name's words.

    Words hold only letters and digits, so joining with spaces and a substring test is an
    exact (and linear-time) contiguous-subsequence check.
    """
    if not label:
        return True
    return f" {' '.join(label)} " in f" {' '.join(name)} "
