"""Parse one style sheet into the items that apply on screen (finding sheets: ``loader``).

Media and ``@supports`` conditions are decided once, when a sheet is parsed, for the
default viewport (see :mod:`.media`), so parsed sheets are cached by their text and shared
between the pages of a site that link the same file. Cascade layers (``@layer``) are
ranked per page by first appearance (:class:`LayerOrder`).
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import tinycss2

from accessibility_analyzer.engine.css.media import media_applies, supports_applies
from accessibility_analyzer.engine.css.selectors import (
    Complex,
    InvalidSelector,
    parse_selector_list,
)
from accessibility_analyzer.engine.css.values import Declaration, declarations_from_tokens

_MAX_GROUPS = 32  # nested @media/@supports levels read; deeper ones are ignored
# Conditional group rules whose contents apply when their condition does (see media.py).
_GROUPING = frozenset({"media", "supports", "container", "document", "-moz-document"})
_ANONYMOUS = itertools.count()  # names of "@layer { }" blocks (unique: sheets are cached)
UNLAYERED = 1 << 30  # layer rank of rules outside any @layer (they beat every layer)

LayerPath = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StyleRule:
    """A style rule that applies on screen: selectors, tracked declarations, its layer."""

    selectors: tuple[Complex, ...]
    declarations: tuple[Declaration, ...]
    layer: LayerPath = ()  # ("base",), ("framework", "utilities"); () is unlayered


@dataclass(frozen=True, slots=True)
class ImportRule:
    """An ``@import`` whose media applies (its URL is resolved against the sheet's path)."""

    url: str
    layer: LayerPath | None = None  # ``@import url(x) layer(name)``: the sheet's layer


@dataclass(frozen=True, slots=True)
class LayerStatement:
    """``@layer a, b;``: declares layer order without rules."""

    layers: tuple[LayerPath, ...]


SheetItem = StyleRule | ImportRule | LayerStatement


class LayerOrder:
    """Ranks of cascade layers by first appearance, and each rule's layer sort key.

    A key is a tuple compared lexicographically: the ranks along the layer path, then
    :data:`UNLAYERED` for the rules directly in that layer (they beat its sub-layers);
    unlayered rules get ``(UNLAYERED,)`` and beat every layer. ``!important`` reverses
    the order (see :func:`important_key`).
    """

    def __init__(self) -> None:
        self._ranks: dict[LayerPath, int] = {}
        self._children: dict[LayerPath, int] = {}
        # A layer's rank never changes once registered: its key is built once (asked for
        # every rule of every sheet of a page, most of them unlayered).
        self._keys: dict[LayerPath, tuple[int, ...]] = {}

    def register(self, path: LayerPath) -> None:
        """Note a layer (and its ancestors) the first time it appears."""
        for end in range(1, len(path) + 1):
            prefix = path[:end]
            if prefix not in self._ranks:
                parent = prefix[:-1]
                self._ranks[prefix] = self._children.get(parent, 0)
                self._children[parent] = self._ranks[prefix] + 1

    def key(self, path: LayerPath) -> tuple[int, ...]:
        """The sort key of rules directly in ``path``."""
        known = self._keys.get(path)
        if known is None:
            self.register(path)
            known = (*(self._ranks[path[:end]] for end in range(1, len(path) + 1)), UNLAYERED)
            self._keys[path] = known
        return known


def important_key(key: tuple[int, ...]) -> tuple[int, ...]:
    """The layer key for ``!important`` declarations: the layer order reversed."""
    return tuple(-rank for rank in key)


def _layer_names(tokens: list[Any]) -> list[LayerPath]:
    """``a, b.c`` -> [("a",), ("b", "c")]."""
    text = tinycss2.serialize(tokens)
    names = [name.strip() for name in text.split(",")]
    return [tuple(part.strip() for part in name.split(".")) for name in names if name]


def _import_url(prelude: list[Any]) -> tuple[str | None, str, LayerPath | None]:
    """URL, media text and layer of an ``@import`` prelude."""
    url: str | None = None
    layer: LayerPath | None = None
    rest: list[Any] = []
    for token in prelude:
        if url is None and token.type in ("string", "url"):
            url = token.value
        elif url is None and token.type == "function" and token.lower_name == "url":
            strings = [t.value for t in token.arguments if t.type == "string"]
            url = strings[0] if strings else None
        elif url is not None and token.type == "ident" and token.lower_value == "layer":
            layer = ("\0anonymous import " + url,)
        elif url is not None and token.type == "function" and token.lower_name == "layer":
            names = _layer_names(token.arguments)
            layer = names[0] if names else None
        elif url is not None and token.type == "function" and token.lower_name == "supports":
            if not supports_applies(token.arguments):
                return None, "", None
        elif url is not None:
            rest.append(token)
    return url, tinycss2.serialize(rest).strip(), layer


class _ParsedSheets:
    """tinycss2's parse of recent sheets, by text.

    The cascade and two rule helpers (declarations as written, rules for the zoomed
    viewport) read the same sheets, and each tokenized them again: ~0.7 ms per corpus page
    each, in pure Python even when the engine is compiled. Bounded by the characters of CSS
    held (the nodes take ~25 bytes per character: ~25 MB at most); the readers of a page's
    sheets run while that page is checked, so older sheets can go first.
    """

    budget = 1_000_000

    def __init__(self) -> None:
        self._nodes: dict[str, tuple[Any, ...]] = {}
        self._characters = 0
        self._lock = threading.Lock()

    def nodes(self, text: str) -> tuple[Any, ...]:
        known = self._nodes.get(text)
        if known is not None:
            return known
        nodes = tuple(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
        if len(text) <= self.budget:
            with self._lock:
                while self._nodes and self._characters + len(text) > self.budget:
                    oldest = next(iter(self._nodes))
                    del self._nodes[oldest]
                    self._characters -= len(oldest)
                if text not in self._nodes:
                    self._nodes[text] = nodes
                    self._characters += len(text)
        return nodes


_PARSED_SHEETS = _ParsedSheets()


def stylesheet_nodes(text: str) -> tuple[Any, ...]:
    """``tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)``,
    shared by every reader of the same text (recent texts only, see :class:`_ParsedSheets`).

    The nodes must not be modified; tinycss2's own functions only read the token lists
    they are given (``parse_rule_list(rule.content)``, ``serialize(rule.prelude)``).
    """
    return _PARSED_SHEETS.nodes(text)


@lru_cache(maxsize=256)
def parse_sheet(text: str) -> tuple[SheetItem, ...]:
    """Parse one sheet's text into the items that apply on screen (cached by text).

    tinycss2 recurses into nested blocks; a sheet nested absurdly deep keeps the items read
    before the depth became a problem.
    """
    items: list[SheetItem] = []
    with contextlib.suppress(RecursionError):
        _read_items(text, items)
    return tuple(items)


def _rule_list(content: list[Any]) -> Iterator[Any]:
    return iter(tinycss2.parse_rule_list(content, skip_comments=True, skip_whitespace=True))


def _read_items(text: str, items: list[SheetItem]) -> None:
    # Stack of (rules iterator, layer path of the block being read).
    stack: list[tuple[Iterator[Any], LayerPath]] = [(iter(stylesheet_nodes(text)), ())]
    while stack:
        rules, layer = stack[-1]
        node = next(rules, None)
        if node is None:
            stack.pop()
        elif node.type == "qualified-rule":
            try:
                selectors = tuple(parse_selector_list(list(node.prelude)))
            except InvalidSelector:
                continue
            declarations = tuple(declarations_from_tokens(node.content))
            if declarations:
                items.append(StyleRule(selectors, declarations, layer))
        elif node.type == "at-rule" and len(stack) < _MAX_GROUPS:
            block = _at_rule(node, layer, items, top_level=len(stack) == 1)
            if block is not None:
                stack.append(block)


def _at_rule(
    node: Any, layer: LayerPath, items: list[SheetItem], *, top_level: bool
) -> tuple[Iterator[Any], LayerPath] | None:
    """Handle one at-rule; return the block to read next (with its layer), if any."""
    keyword = node.lower_at_keyword
    if keyword == "import" and top_level:
        url, media, import_layer = _import_url(list(node.prelude))
        if url is not None and media_applies(media):
            items.append(ImportRule(url, import_layer))
        return None
    if keyword == "layer":
        names = _layer_names(list(node.prelude))
        if node.content is None:  # @layer a, b;
            items.append(LayerStatement(tuple(layer + name for name in names)))
            return None
        # @layer { ... } is a layer of its own, named by its place in the sheet.
        inner = layer + names[0] if names else (*layer, f"\0anonymous {next(_ANONYMOUS)}")
        return _rule_list(node.content), inner
    if keyword in _GROUPING and node.content is not None:
        if keyword == "media":
            applies = media_applies(tinycss2.serialize(node.prelude))
        elif keyword == "supports":
            applies = supports_applies(node.prelude)
        else:
            applies = True  # @container and @document: assumed to hold
        if applies:
            return _rule_list(node.content), layer
    return None


LayeredRule = tuple[StyleRule, tuple[int, ...]]
