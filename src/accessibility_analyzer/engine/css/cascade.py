"""The cascade: which declarations win for an element (computed values: ``computed.py``).

Rules are indexed by the rightmost id, class or tag of each selector, so an element is
tested only against rules that can match it (plus the universal ones), not every rule.
Winning declaration: highest (``!important``, origin, cascade layer, specificity, source
order), with the inline ``style`` attribute above every selector and presentational hints
(``.hints``) below them.

Everything is per page and lazy: the first :func:`computed_style` call on a page collects
and indexes its sheets; each element's cascade runs once, when first asked. Elements with
the same index keys (and parent's keys) share their candidate rules, rules that are just
their key (``p``, ``.x``) match without a test, and elements matching the same rules share
the sorted result.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import lru_cache

from accessibility_analyzer.engine._gc import gc_paused
from accessibility_analyzer.engine.css.computed import Style
from accessibility_analyzer.engine.css.hints import presentational_hints
from accessibility_analyzer.engine.css.loader import collect_rules
from accessibility_analyzer.engine.css.matching import Matcher, TreeIndex
from accessibility_analyzer.engine.css.selectors import DYNAMIC_PSEUDO_CLASSES, Complex, Compound
from accessibility_analyzer.engine.css.sheets import (
    UNLAYERED,
    LayeredRule,
    StyleRule,
    important_key,
    parse_sheet,
)
from accessibility_analyzer.engine.css.ua import USER_AGENT_CSS
from accessibility_analyzer.engine.css.values import Declaration, parse_declarations
from accessibility_analyzer.engine.dom import NOT_COMPUTED, Element, Page

USER_AGENT, AUTHOR, INLINE = 0, 1, 2
_STYLES_KEY = "css.page_styles"
_MAX_ANCESTOR_KEYS = 256
_COMPUTED_KEY = "css.computed_style"
# (important, origin, layer key, specificity, source order, position in the rule)
Priority = tuple[int, int, tuple[int, ...], tuple[int, int, int], int, int]
_UNLAYERED_KEY = (UNLAYERED,)
_UNLAYERED_IMPORTANT_KEY = important_key(_UNLAYERED_KEY)


@lru_cache(maxsize=4096)
def _inline(text: str) -> tuple[Declaration, ...]:
    return tuple(parse_declarations(text))


def inline_declarations(element: Element) -> list[Declaration]:
    """Declarations of the ``style`` attribute, in order (when reading, the last one wins)."""
    text = element.attrs.get("style")
    return list(_inline(text)) if text else []


class _Entry:
    """One selector of one rule, with the rule's origin and source position."""

    __slots__ = (
        "declarations",
        "exact",
        "important_layer",
        "layer",
        "order",
        "origin",
        "required",
        "selector",
        "weighted",
    )

    def __init__(
        self,
        selector: Complex,
        declarations: tuple[Declaration, ...],
        origin: int,
        order: int,
        layer: tuple[int, ...] = _UNLAYERED_KEY,
    ) -> None:
        self.selector = selector
        self.declarations = declarations
        self.origin = origin
        self.order = order
        self.layer = layer
        self.important_layer = important_key(layer)
        # Priorities are fixed per declaration: computed once, not per matched element.
        self.weighted: list[tuple[Priority, Declaration]] = [
            (
                (
                    int(declaration.important),
                    origin,
                    self.important_layer if declaration.important else layer,
                    selector.specificity,
                    order,
                    position,
                ),
                declaration,
            )
            for position, declaration in enumerate(declarations)
        ]
        required = selector.cache.get("required")
        if required is None:
            required = selector.cache["required"] = _ancestor_requirements(selector)
        self.required: tuple[str, ...] = required  # type: ignore[assignment]
        # Every element found under the selector's index key matches it (``p``, ``.x``).
        self.exact = len(selector.compounds) == 1 and _is_key_only(selector.subject)


def _ancestor_requirements(selector: Complex) -> tuple[str, ...]:
    """Index keys some ancestor must have for ``selector`` to match (a cheap pre-filter).

    Compounds reached through descendant or child combinators are ancestors of the subject;
    the walk stops at the first sibling combinator.
    """
    keys: list[str] = []
    for index, combinator in enumerate(selector.combinators):
        if combinator not in (" ", ">"):
            break
        key = _keys(selector.compounds[index + 1])
        if key is not None:
            keys.append(key)
    return tuple(keys)


def _is_key_only(compound: Compound) -> bool:
    """Whether the compound is nothing but its index key: one id, one class or a tag."""
    if compound.attributes or compound.pseudo_classes or compound.pseudo_element:
        return False
    if compound.tag is not None:
        return not compound.ids and not compound.classes
    return len(compound.ids) + len(compound.classes) == 1


def _keys(compound: Compound) -> str | None:
    """The most selective index key of a compound: ``#id``, ``.class``, ``tag`` or ``[attr``."""
    if compound.ids:
        return "#" + compound.ids[0]
    if compound.classes:
        return "." + compound.classes[0]
    if compound.tag is not None:
        return compound.tag
    if compound.attributes:
        return "[" + compound.attributes[0].name.lower()
    return None


def _element_keys(element: Element, tree: TreeIndex) -> tuple[str, ...]:
    """Every index key an element can be found under (memoised on the tree index).

    Equal key sets are one tuple per page, so its identity names it (see ``_split``).
    """
    keys = tree.keys[element.order]
    if keys is None:
        found = [tree.tags[element.order]]
        element_id = element.attrs.get("id")
        if element_id:
            found.append("#" + element_id)
        # Class and attribute keys repeat across elements: one string per page for each.
        class_keys, attribute_keys = tree.class_keys, tree.attribute_keys
        for name in tree.classes[element.order]:
            key = class_keys.get(name)
            found.append(key if key is not None else class_keys.setdefault(name, "." + name))
        for name in element.attrs:
            key = attribute_keys.get(name)
            if key is None:
                key = attribute_keys[name] = "[" + name.lower()
            found.append(key)
        as_tuple = tuple(found)
        keys = tree.keys[element.order] = tree.key_sets.setdefault(as_tuple, as_tuple)
    return keys


class _RuleIndex:
    """Entries keyed by the subject's id, first class, tag or first attribute name.

    A subject with none of these (``:not(p)``, ``*``) is keyed by its parent's compound
    when the combinator is ``>`` (``details > :not(summary)``), else tested everywhere.
    """

    def __init__(self) -> None:
        self.by_key: dict[str, list[_Entry]] = {}
        self.by_parent_key: dict[str, list[_Entry]] = {}
        self.universal: list[_Entry] = []
        self._subsets: dict[tuple[str, frozenset[str]], _RuleIndex] = {}  # see _subset()

    def setting(self, names: frozenset[str]) -> _RuleIndex:
        """The entries that declare one of ``names`` (built once per index and names)."""

        def declares(entry: _Entry) -> bool:
            return any(declaration.name in names for declaration in entry.declarations)

        return self._subset(("declares", names), declares)

    def mentioning(self, states: frozenset[str]) -> _RuleIndex:
        """The entries whose selector mentions one of the pseudo-classes ``states``."""

        def mentions(entry: _Entry) -> bool:
            return any(entry.selector.mentions(name) for name in states)

        return self._subset(("mentions", states), mentions)

    def _subset(
        self, key: tuple[str, frozenset[str]], keep: Callable[[_Entry], bool]
    ) -> _RuleIndex:
        """The entries ``keep`` keeps, in their order (built once per index and ``key``)."""
        index = self._subsets.get(key)
        if index is None:
            index = _RuleIndex()
            index.by_key = {k: kept for k, v in self.by_key.items() if (kept := [*filter(keep, v)])}
            index.by_parent_key = {
                k: kept for k, v in self.by_parent_key.items() if (kept := [*filter(keep, v)])
            }
            index.universal = [*filter(keep, self.universal)]
            self._subsets[key] = index
        return index

    def add(self, entry: _Entry) -> None:
        selector = entry.selector
        key = _keys(selector.subject)
        if key is not None:
            self.by_key.setdefault(key, []).append(entry)
            return
        if selector.combinators and selector.combinators[0] == ">":
            parent_key = _keys(selector.compounds[1])
            if parent_key is not None:
                self.by_parent_key.setdefault(parent_key, []).append(entry)
                return
        self.universal.append(entry)

    def candidates(self, element: Element, tree: TreeIndex) -> list[_Entry]:
        """Entries that may match ``element`` (each at most once)."""
        found = list(self.universal)
        by_key = self.by_key
        for key in _element_keys(element, tree):
            entries = by_key.get(key)
            if entries:
                found.extend(entries)
        parent = element.parent
        if parent is not None and self.by_parent_key:
            for key in _element_keys(parent, tree):
                entries = self.by_parent_key.get(key)
                if entries:
                    found.extend(entries)
        return found


def _priority_of(item: tuple[Priority, Declaration]) -> Priority:
    return item[0]


_REVERTING, _REVERTING_LAYER = "revert", "revert-layer"


def _reverted(found: list[tuple[Priority, Declaration]]) -> dict[str, str]:
    """Winning values where ``revert`` rolls an author value back to the browser's.

    ``found`` is sorted lowest priority first. ``revert-layer`` is read as ``revert`` (its
    exact meaning, the previous layer's value, is rarely what differs). A property the
    browser's sheet does not set stays ``revert``, which computes like ``unset``.
    """
    user_agent: dict[str, str] = {}
    values: dict[str, str] = {}
    for priority, declaration in found:
        value = declaration.value
        if priority[1] == USER_AGENT:
            user_agent[declaration.name] = value
        elif value in (_REVERTING, _REVERTING_LAYER):
            value = user_agent.get(declaration.name, _REVERTING)
        values[declaration.name] = value
    return values


def _is_dynamic(selector: Complex) -> bool:
    dynamic = selector.cache.get("dynamic")
    if dynamic is None:
        dynamic = selector.cache["dynamic"] = any(
            selector.mentions(name) for name in DYNAMIC_PSEUDO_CLASSES
        )
    return bool(dynamic)


_Indexes = tuple["_RuleIndex", "_RuleIndex", "_RuleIndex", frozenset[str], dict[str, "_RuleIndex"]]
_GENERATING = frozenset({"content", "display"})  # what decides ::before/::after text
# Built indexes by the identity of the rules they hold (the pages of one upload link the
# same sheets, whose parsed rules are shared through parse_sheet's cache). The cached value
# keeps the rules alive, so their ids cannot be reused while the entry exists.
_INDEX_CACHE: dict[tuple[tuple[int, tuple[int, ...]], ...], tuple[object, _Indexes]] = {}
_INDEX_CACHE_SIZE = 16


def _indexes_for(author_rules: list[LayeredRule]) -> _Indexes:
    """Rule indexes for the user-agent sheet plus ``author_rules`` (shared between pages)."""
    key = tuple((id(rule), layer) for rule, layer in author_rules)
    cached = _INDEX_CACHE.get(key)
    if cached is not None:
        return cached[1]
    static, dynamic, pseudo_elements = _RuleIndex(), _RuleIndex(), _RuleIndex()
    # ::before/::after rules that set content or display, by pseudo-element: generated
    # content is asked for every element an accessible name walks through.
    generating = {"before": _RuleIndex(), "after": _RuleIndex()}
    universe: set[str] = set()
    user_agent = [
        (item, _UNLAYERED_KEY)
        for item in parse_sheet(USER_AGENT_CSS)
        if isinstance(item, StyleRule)
    ]
    order = 0
    for origin, rules in ((USER_AGENT, user_agent), (AUTHOR, author_rules)):
        for rule, layer in rules:
            for selector in rule.selectors:
                entry = _Entry(selector, rule.declarations, origin, order, layer)
                universe.update(entry.required)
                if selector.pseudo_element is not None:
                    pseudo_elements.add(entry)
                    target = generating.get(selector.pseudo_element)
                    if target is not None and any(
                        declaration.name in _GENERATING for declaration in rule.declarations
                    ):
                        target.add(entry)
                elif _is_dynamic(selector):
                    dynamic.add(entry)
                else:
                    static.add(entry)
            order += 1
    indexes = (static, dynamic, pseudo_elements, frozenset(universe), generating)
    if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
        # Evict the oldest; another thread may have done so already.
        with contextlib.suppress(StopIteration, KeyError, RuntimeError):
            _INDEX_CACHE.pop(next(iter(_INDEX_CACHE)))
    _INDEX_CACHE[key] = (author_rules, indexes)
    return indexes


class PageStyles:
    """The indexed style rules of one page, and its selector matcher."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self._root_font_size: str | None = None
        self.tree = TreeIndex(page)
        self.matcher = Matcher(page, self.tree)
        indexes = _indexes_for(collect_rules(page))
        self.static, self.dynamic, self.pseudo_elements = indexes[:3]
        self.ancestor_key_universe, self.generating = indexes[3:]
        # Per element, the required-ancestor keys its ancestors have (None: too many to
        # track, so no pre-filtering below it).
        self._ancestor_keys: dict[int, frozenset[str] | None] = {}
        self._interned: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
        # (matched entries, hints, style attribute) -> cascaded values (see cascaded())
        self._cascades: dict[
            tuple[tuple[_Entry, ...], tuple[Declaration, ...], str | None], dict[str, str]
        ] = {}
        self._by_key: dict[str, list[Element]] = {}  # index key -> elements having it
        # (index, key set, parent's key set) identities -> candidates split (see _split);
        # the indexes and interned key sets outlive this page's styles.
        self._candidates: dict[tuple[int, int, int], tuple[list[_Entry], list[_Entry]]] = {}

    def candidates_for(self, selector: Complex) -> list[Element]:
        """Elements that may match ``selector``, in document order (a superset).

        Only elements carrying the subject's index key (its id, first class, tag or first
        attribute) can match, so :func:`~accessibility_analyzer.engine.css.select` tests
        those instead of every element of the page (each key's elements found once per
        page, by a scan of the tree index).
        """
        key = _keys(selector.subject)
        if key is None:
            return self.page.elements
        found = self._by_key.get(key)
        if found is None:
            found = self._by_key[key] = self._elements_with_key(key)
        return found

    def _elements_with_key(self, key: str) -> list[Element]:
        elements = self.page.elements
        kind, name = key[0], key[1:]
        if kind == "#":
            return [element for element in elements if element.attrs.get("id") == name]
        if kind == ".":
            classes = self.tree.classes
            return [element for element in elements if name in classes[element.order]]
        if kind == "[":
            tree = self.tree
            return [element for element in elements if key in _element_keys(element, tree)]
        tags = self.tree.tags
        return [element for element in elements if tags[element.order] == key]

    def root_font_size(self) -> str:
        """Computed font size of the root element (what ``rem`` is relative to)."""
        if self._root_font_size is None:
            self._root_font_size = "16px"  # while computing the root itself
            self._root_font_size = computed_style(self.page, self.page.root).get("font-size")
        return self._root_font_size or "16px"

    def ancestor_keys(self, element: Element) -> frozenset[str] | None:
        """The required-ancestor keys present on ``element``'s ancestors (iterative, shared)."""
        memo = self._ancestor_keys
        if element.order in memo:
            return memo[element.order]
        chain: list[Element] = []
        node = element
        while node.order not in memo:
            parent = node.parent
            if parent is None:
                memo[node.order] = frozenset()  # the root has no ancestors
                break
            chain.append(node)
            node = parent
        universe = self.ancestor_key_universe
        for current in reversed(chain):
            parent = current.parent
            assert parent is not None
            inherited = memo[parent.order]
            if inherited is None:
                memo[current.order] = None
                continue
            own = [
                key
                for key in _element_keys(parent, self.tree)
                if key in universe and key not in inherited
            ]
            if not own:
                memo[current.order] = inherited  # shared, not copied
            elif len(inherited) + len(own) > _MAX_ANCESTOR_KEYS:
                memo[current.order] = None
            else:
                memo[current.order] = inherited.union(own)
        return memo[element.order]

    def _matched(
        self,
        index: _RuleIndex,
        element: Element,
        matcher: Matcher,
        keep: Callable[[_Entry], bool] | None = None,
    ) -> list[_Entry]:
        """Entries of ``index`` whose selector matches ``element``, in candidate order."""
        exact, tested = self._split(index, element)
        found = exact.copy() if keep is None else [*filter(keep, exact)]
        match_from = matcher.match_from
        ancestors: frozenset[str] | None = None
        ancestors_known = False
        for entry in tested:
            if keep is not None and not keep(entry):
                continue
            if entry.required:
                if not ancestors_known:
                    ancestors, ancestors_known = self.ancestor_keys(element), True
                if ancestors is not None and not ancestors.issuperset(entry.required):
                    continue
            if match_from(entry.selector, 0, element):
                found.append(entry)
        return found

    def _split(self, index: _RuleIndex, element: Element) -> tuple[list[_Entry], list[_Entry]]:
        """The index's candidates for ``element``: those its keys alone match, and those
        to test. Memoised by the element's (and its parent's) key set: most elements of a
        page repeat a few."""
        tree = self.tree
        parent = element.parent
        parent_keys = (
            _element_keys(parent, tree) if parent is not None and index.by_parent_key else None
        )
        memo_key = (id(index), id(_element_keys(element, tree)), id(parent_keys))
        known = self._candidates.get(memo_key)
        if known is None:
            candidates = index.candidates(element, tree)
            known = self._candidates[memo_key] = (
                [entry for entry in candidates if entry.exact],
                [entry for entry in candidates if not entry.exact],
            )
        return known

    def _matching(
        self,
        index: _RuleIndex,
        element: Element,
        matcher: Matcher,
        keep: Callable[[_Entry], bool] | None = None,
        *,
        ordered: bool = True,
    ) -> list[tuple[Priority, Declaration]]:
        found: list[tuple[Priority, Declaration]] = []
        for entry in self._matched(index, element, matcher, keep):
            found.extend(entry.weighted)
        if ordered:
            found.sort(key=_priority_of)
        return found

    def cascaded(self, element: Element) -> dict[str, str]:
        """The winning declared value of each property set on ``element``.

        Equal results are shared between elements (most elements of a page repeat a few
        combinations); callers must not modify the returned mapping. Elements matching the
        same rules with the same hints and ``style`` attribute share the whole computation.
        """
        matched = self._matched(self.static, element, self.matcher)
        attrs = element.attrs
        hints = presentational_hints(element) if attrs else ()
        key = (tuple(matched), tuple(hints), attrs.get("style") if attrs else None)
        known = self._cascades.get(key)
        if known is not None:
            return known
        found: list[tuple[Priority, Declaration]] = []
        for entry in matched:
            found.extend(entry.weighted)
        for position, declaration in enumerate(hints):
            # Author origin, before every style rule (order -1), specificity zero.
            priority = (0, AUTHOR, _UNLAYERED_KEY, (0, 0, 0), -1, position)
            found.append((priority, declaration))
        if attrs:
            for position, declaration in enumerate(inline_declarations(element)):
                important = declaration.important
                layer = _UNLAYERED_IMPORTANT_KEY if important else _UNLAYERED_KEY
                found.append(((int(important), INLINE, layer, (0, 0, 0), 0, position), declaration))
        found.sort(key=_priority_of)
        values = {declaration.name: declaration.value for _, declaration in found}
        if _REVERTING in values.values() or _REVERTING_LAYER in values.values():
            values = _reverted(found)
        known = self._cascades[key] = self._interned.setdefault(tuple(values.items()), values)
        return known

    def may_declare(self, element: Element, names: frozenset[str]) -> bool:
        """Whether a declaration of one of ``names`` (longhands) may apply to ``element``.

        ``False`` means each of them computes as if undeclared (inherited or initial), known
        without running the element's whole cascade: only the rules setting them are tried.
        """
        if self._matching(self.static.setting(names), element, self.matcher, ordered=False):
            return True
        if not element.attrs:
            return False
        return any(
            declaration.name in names
            for declarations in (presentational_hints(element), inline_declarations(element))
            for declaration in declarations
        )

    def state_declarations(self, element: Element, pseudo_class: str) -> list[Declaration]:
        """Declarations of rules that match ``element`` only in ``pseudo_class`` (lowest first).

        For ``focus``, rules for ``:focus-visible`` and ``:focus-within`` count too (keyboard
        focus sets all three).
        """
        states = frozenset({pseudo_class})
        if pseudo_class == "focus":
            states |= {"focus-visible", "focus-within"}
        # The page's matcher, with the state on the subject only. Its memos stay valid: they
        # record what strict ancestors and earlier siblings match, and those never carry a
        # state (only the subject does).
        matcher = self.matcher
        matcher.state = {element.order: states}
        try:
            found = self._matching(self.dynamic.mentioning(states), element, matcher)
        finally:
            matcher.state = {}
        return [declaration for _, declaration in found]

    @property
    def has_generating_rules(self) -> bool:
        """Whether any rule sets ``content`` or ``display`` on ``::before``/``::after``."""
        return any(
            index.by_key or index.by_parent_key or index.universal
            for index in self.generating.values()
        )

    def generating_declarations(self, element: Element, name: str) -> list[Declaration]:
        """Declarations of the ``::before``/``::after`` rules that may generate content
        (``content``, ``display`` and the rest of those rules), lowest priority first."""
        found = self._matching(self.generating[name], element, self.matcher)
        return [declaration for _, declaration in found]

    def pseudo_element_declarations(self, element: Element, name: str) -> list[Declaration]:
        """Declarations for ``element::name`` (``before``, ``after``), lowest priority first."""

        def targets(entry: _Entry) -> bool:
            return entry.selector.pseudo_element == name

        found = self._matching(self.pseudo_elements, element, self.matcher, targets)
        return [declaration for _, declaration in found]


def page_styles(page: Page) -> PageStyles:
    """The page's indexed style rules (built on first use, then memoised on the page)."""
    table = page.memo_table(_STYLES_KEY)
    styles = table.get(0)
    if styles is None:
        styles = table[0] = PageStyles(page)
        # Every Style of the page refers to this one bound method (not one object each).
        # Kept in the page's memo, not on the styles: that would make them a cycle.
        table[1] = styles.root_font_size
    assert isinstance(styles, PageStyles)
    return styles


def may_declare(page: Page, element: Element, names: frozenset[str]) -> bool:
    """Whether some declaration of ``names`` may apply to ``element`` (a cheap pre-filter).

    ``False``: every one of ``names`` computes as if undeclared on ``element`` (its initial
    value, or its parent's for an inherited property), so a rule can skip
    :func:`computed_style` for elements no other rule needs styled.
    """
    table = page.element_memo.get(_COMPUTED_KEY)
    if table is not None and table[element.order] is not NOT_COMPUTED:
        return True  # already styled: reading the style is cheaper
    return page_styles(page).may_declare(element, names)


def computed_style(page: Page, element: Element) -> Style:
    """The computed style of ``element`` (memoised; ancestors are styled first, iteratively)."""
    # The hot path (asked for every element and its ancestors): two lookups. The table is
    # the page's dense one (a list by element order): most elements get a style.
    table = page.element_memo.get(_COMPUTED_KEY)
    if table is None:
        table = page.element_table(_COMPUTED_KEY)
    order = element.order
    if not 0 <= order < len(table):
        raise ValueError(f"{element!r} is not an element of this page")
    found = table[order]
    if found is not NOT_COMPUTED:
        style: Style = found
        return style
    styles = page_styles(page)
    chain: list[Element] = []
    node: Element | None = element
    while node is not None and table[node.order] is NOT_COMPUTED:
        chain.append(node)
        node = node.parent
    parent_style: Style | None = table[node.order] if node is not None else None
    root_font_size: Callable[[], str] = page.memo[_STYLES_KEY][1]
    with gc_paused():  # styles live as long as the page: see engine._gc
        for current in reversed(chain):
            parent_style = Style(styles.cascaded(current), parent_style, root_font_size)
            table[current.order] = parent_style
    assert parent_style is not None
    return parent_style


def style_rules_for(page: Page, element: Element, pseudo_class: str) -> list[Declaration]:
    """Declarations that apply to ``element`` only while in ``pseudo_class`` (``focus``).

    Lowest priority first (read the last one of a property). The static cascade ignores
    these rules; focus rules use this to see, for example, ``:focus { outline: none }``.
    """
    return page_styles(page).state_declarations(element, pseudo_class)


def pseudo_element_declarations(page: Page, element: Element, name: str) -> list[Declaration]:
    """Declarations for ``element::before`` / ``::after`` (``name`` without colons)."""
    return page_styles(page).pseudo_element_declarations(element, name)
