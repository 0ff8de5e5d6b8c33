"""Match parsed selectors against page elements, in time linear in the page.

Right-to-left matching as browsers do it. The two combinators that search (descendant and
later sibling) memoise "some ancestor / earlier sibling matches the rest of the selector"
per element, so ``.x div`` over a page nested 100,000 deep costs one walk, not one walk per
element. Nothing recurses on the tree; recursion is bounded by the selector's length.

``:has()`` searches the subtree (or the later siblings) of each element it is asked
about, memoised per element, within a page-wide budget.

Dynamic pseudo-classes (``:hover``, ``:focus``) match only elements listed in ``state``:
the static cascade passes none, ``style_rules_for`` passes the element it asks about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from accessibility_analyzer.engine.css.selectors import (
    HAS_ANCHOR,
    AttributeTest,
    Complex,
    Compound,
    PseudoClass,
)
from accessibility_analyzer.engine.dom import Element, Page, Text

_SPACES = re.compile(r"[\t\n\f\r ]+")
HAS_BUDGET = 250_000  # elements :has() may visit per page (then it stops matching)
_FORM_CONTROLS = frozenset(
    {"button", "input", "select", "textarea", "optgroup", "option", "fieldset"}
)
# HTML attributes whose values selectors compare case-insensitively (HTML, "case-sensitivity
# of selectors"): the common ones.
_CASE_INSENSITIVE_ATTRIBUTES = frozenset(
    {"type", "lang", "dir", "method", "align", "valign", "scope", "shape", "rel", "target",
     "checked", "disabled", "readonly", "multiple", "selected", "nowrap", "hreflang"}
)  # fmt: skip
_TEXT_INPUTS = frozenset(
    {"", "text", "search", "url", "tel", "email", "password", "number", "date", "month",
     "week", "time", "datetime-local"}
)  # fmt: skip


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ascii_lower(name: str) -> str:
    """Type selectors match tag names ASCII case-insensitively, as tinycss2 lowers them
    (``<AÀ>`` is the element ``aÀ``: a Unicode ``lower()`` would make it ``aà``)."""
    return name.lower() if name.isascii() else name.translate(_ASCII_LOWER)


class TreeIndex:
    """Per-page tags and class sets, and sibling positions (built on first use, in one pass).

    Sibling positions serve only sibling combinators and structural pseudo-classes, which
    many pages' sheets never use: they are not computed until a selector asks.
    """

    def __init__(self, page: Page) -> None:
        self._elements = page.elements
        size = len(page.elements)
        lowered: dict[str, str] = {}  # one string per distinct tag, not one per element
        self.tags = [
            lowered.get(tag) or lowered.setdefault(tag, _ascii_lower(tag))
            for tag in [element.tag for element in page.elements]
        ]
        self.classes: list[frozenset[str]] = [frozenset()] * size
        class_sets: dict[str, frozenset[str]] = {}  # equal class attributes share one set
        for element in page.elements:
            value = element.attrs.get("class")
            if value and not value.isspace():
                names = class_sets.get(value)
                if names is None:
                    names = class_sets[value] = frozenset(_SPACES.split(value.strip()))
                self.classes[element.order] = names
        # Index keys of each element (cascade.py), computed on first use, and the key
        # strings they share: class name -> ".name", attribute name -> "[name".
        self.keys: list[tuple[str, ...] | None] = [None] * size
        self.key_sets: dict[tuple[str, ...], tuple[str, ...]] = {}  # equal key sets: one
        self.class_keys: dict[str, str] = {}
        self.attribute_keys: dict[str, str] = {}
        self._siblings: _Siblings | None = None

    @property
    def previous(self) -> list[Element | None]:
        """Previous element sibling, by element order."""
        return self._sibling_index().previous

    @property
    def position(self) -> list[int]:
        """1-based position among element siblings."""
        return self._sibling_index().position

    @property
    def siblings(self) -> list[int]:
        """Number of element siblings (itself included)."""
        return self._sibling_index().siblings

    @property
    def type_position(self) -> list[int]:
        """1-based position among siblings of the same tag."""
        return self._sibling_index().type_position

    @property
    def type_siblings(self) -> list[int]:
        """Number of siblings of the same tag (itself included)."""
        return self._sibling_index().type_siblings

    def _sibling_index(self) -> _Siblings:
        if self._siblings is None:
            self._siblings = _Siblings(self._elements)
        return self._siblings


class _Siblings:
    """Sibling positions of every element, from one pass over document order."""

    def __init__(self, elements: list[Element]) -> None:
        size = len(elements)
        self.previous: list[Element | None] = [None] * size
        self.position = [1] * size
        self.siblings = [1] * size
        self.type_position = [1] * size
        self.type_siblings = [1] * size
        previous = self.previous
        position = self.position
        type_position = self.type_position
        last_child: dict[int, Element] = {}
        child_count: dict[int, int] = {}
        type_count: dict[tuple[int, str], int] = {}
        # Document order lists each parent's children in order: one pass counts them.
        for element in elements:
            parent = element.parent
            if parent is None:
                continue
            parent_order = parent.order
            order = element.order
            previous[order] = last_child.get(parent_order)
            last_child[parent_order] = element
            count = child_count[parent_order] = child_count.get(parent_order, 0) + 1
            position[order] = count
            key = (parent_order, element.tag)
            count = type_count[key] = type_count.get(key, 0) + 1
            type_position[order] = count
        for element in elements:
            parent = element.parent
            if parent is not None:
                self.siblings[element.order] = child_count[parent.order]
                self.type_siblings[element.order] = type_count[(parent.order, element.tag)]


class Matcher:
    """Matches selectors against the elements of one page (memo tables live here)."""

    def __init__(
        self,
        page: Page,
        tree: TreeIndex,
        state: Mapping[int, frozenset[str]] | None = None,
        *,
        anchor: Element | None = None,
        budget: list[int] | None = None,
    ) -> None:
        self.page = page
        self.tree = tree
        self.state = state or {}
        self.anchor = anchor.order if anchor is not None else -1  # for :has() (see _has)
        self.budget = budget if budget is not None else [HAS_BUDGET]
        self._has_memo: dict[tuple[int, int], bool] = {}
        # (selector uid, compound index) -> element order -> "an ancestor (or an earlier
        # sibling) matches compounds[index:]".
        self._ancestor_memo: dict[tuple[int, int], dict[int, bool]] = {}
        self._sibling_memo: dict[tuple[int, int], dict[int, bool]] = {}

    def matches(self, selector: Complex, element: Element) -> bool:
        """Whether ``selector`` (ignoring its pseudo-element) matches ``element``."""
        return self._match_from(selector, 0, element)

    def match_from(self, selector: Complex, index: int, element: Element) -> bool:
        """Whether ``selector.compounds[index:]`` matches with ``element`` as its subject."""
        return self._match_from(selector, index, element)

    def _match_from(self, selector: Complex, index: int, element: Element) -> bool:
        if not self.compound_matches(selector.compounds[index], element):
            return False
        if index + 1 == len(selector.compounds):
            return True
        combinator = selector.combinators[index]
        if combinator == ">":
            parent = element.parent
            return parent is not None and self._match_from(selector, index + 1, parent)
        if combinator == " ":
            return self._some_ancestor(selector, index + 1, element)
        previous = self.tree.previous[element.order]
        if combinator == "+":
            return previous is not None and self._match_from(selector, index + 1, previous)
        return self._some_earlier_sibling(selector, index + 1, element)

    def _some_ancestor(self, selector: Complex, index: int, element: Element) -> bool:
        memo = self._ancestor_memo.setdefault((selector.uid, index), {})
        chain: list[int] = []
        node = element
        result = False
        while True:
            known = memo.get(node.order)
            if known is not None:
                result = known
                break
            chain.append(node.order)
            parent = node.parent
            if parent is None:
                break
            if self._match_from(selector, index, parent):
                result = True
                break
            node = parent
        for order in chain:
            memo[order] = result
        return result

    def _some_earlier_sibling(self, selector: Complex, index: int, element: Element) -> bool:
        memo = self._sibling_memo.setdefault((selector.uid, index), {})
        chain: list[int] = []
        node = element
        result = False
        while True:
            known = memo.get(node.order)
            if known is not None:
                result = known
                break
            chain.append(node.order)
            previous = self.tree.previous[node.order]
            if previous is None:
                break
            if self._match_from(selector, index, previous):
                result = True
                break
            node = previous
        for order in chain:
            memo[order] = result
        return result

    def compound_matches(self, compound: Compound, element: Element) -> bool:
        """Whether every simple selector of ``compound`` matches ``element``."""
        # Type selectors compare case-insensitively (exact for SVG in browsers; close enough).
        if compound.tag is not None and compound.tag != self.tree.tags[element.order]:
            return False
        if compound.ids:
            element_id = element.attrs.get("id")
            for value in compound.ids:
                if value != element_id:
                    return False
        if compound.classes:
            classes = self.tree.classes[element.order]
            for name in compound.classes:
                if name not in classes:
                    return False
        for test in compound.attributes:
            if not _attribute_matches(test, element):
                return False
        pseudo_classes = compound.pseudo_classes
        return not pseudo_classes or all(
            self._pseudo_matches(pseudo, element) for pseudo in pseudo_classes
        )

    def _pseudo_matches(self, pseudo: PseudoClass, element: Element) -> bool:
        name = pseudo.name
        if pseudo.nth is not None:
            return self._nth_matches(pseudo, element)
        if name in ("has", HAS_ANCHOR):
            return self._relational(pseudo, element)
        if pseudo.selectors:  # :is(), :where(), :not() and their aliases
            found = any(self.matches(inner, element) for inner in pseudo.selectors)
            return not found if name == "not" else found
        if name == "lang":
            return _lang_matches(element, pseudo.argument or "")
        structural = _STRUCTURAL.get(name)
        if structural is not None:
            return structural(self.tree, element.order)
        state = _ELEMENT_STATE.get(name)
        # Dynamic pseudo-classes match in a requested state only.
        return state(element) if state is not None else name in self.state.get(element.order, ())

    def _relational(self, pseudo: PseudoClass, element: Element) -> bool:
        """``:has()``, or the anchor compound of one of its relative selectors."""
        if pseudo.name == HAS_ANCHOR:
            return element.order == self.anchor
        return self._has(pseudo, element)

    def _has(self, pseudo: PseudoClass, element: Element) -> bool:
        """``:has()``: some element in the scope matches a relative selector (memoised).

        The scope is the subtree for descendant and child combinators, the later siblings
        and their subtrees for sibling ones. Each evaluation uses a matcher of its own (its
        memos depend on the anchor); a page-wide budget of visited elements bounds the
        cost, and past it ``:has()`` no longer matches.
        """
        key = (id(pseudo), element.order)
        known = self._has_memo.get(key)
        if known is not None:
            return known
        found = False
        for selector in pseudo.selectors:
            inner = Matcher(self.page, self.tree, self.state, anchor=element, budget=self.budget)
            for candidate in _has_scope(element, selector.combinators[-1]):
                self.budget[0] -= 1
                if self.budget[0] < 0:
                    break
                if inner.matches(selector, candidate):
                    found = True
                    break
            if found:
                break
        self._has_memo[key] = found
        return found

    def _nth_matches(self, pseudo: PseudoClass, element: Element) -> bool:
        a, b = pseudo.nth or (0, 0)
        tree = self.tree
        order = element.order
        if pseudo.selectors:  # :nth-child(An+B of S): count only siblings matching S
            if not any(self.matches(inner, element) for inner in pseudo.selectors):
                return False
            parent = element.parent
            siblings = list(parent.element_children()) if parent is not None else [element]
            if pseudo.name == "nth-last-child":
                siblings.reverse()
            index = 0
            for sibling in siblings:
                if any(self.matches(inner, sibling) for inner in pseudo.selectors):
                    index += 1
                if sibling is element:
                    break
        elif pseudo.name == "nth-child":
            index = tree.position[order]
        elif pseudo.name == "nth-last-child":
            index = tree.siblings[order] - tree.position[order] + 1
        elif pseudo.name == "nth-of-type":
            index = tree.type_position[order]
        else:
            index = tree.type_siblings[order] - tree.type_position[order] + 1
        if a == 0:
            return index == b
        steps, remainder = divmod(index - b, a)
        return remainder == 0 and steps >= 0


_VALUE_TESTS: dict[str, Callable[[str, str], bool]] = {
    "=": lambda value, expected: value == expected,
    "~=": lambda value, expected: bool(expected) and expected in _SPACES.split(value),
    "|=": lambda value, expected: value == expected or value.startswith(expected + "-"),
    # [a^=""], [a$=""], [a*=""] never match.
    "^=": lambda value, expected: bool(expected) and value.startswith(expected),
    "$=": lambda value, expected: bool(expected) and value.endswith(expected),
    "*=": lambda value, expected: bool(expected) and expected in value,
}


def _attribute_matches(test: AttributeTest, element: Element) -> bool:
    value = element.attrs.get(test.name)
    if value is None and not element.is_html:
        wanted = test.name.lower()
        value = next((v for k, v in element.attrs.items() if k.lower() == wanted), None)
    if value is None:
        return False
    if test.operator is None:
        return True
    expected = test.value
    if test.ignore_case or (element.is_html and test.name.lower() in _CASE_INSENSITIVE_ATTRIBUTES):
        value, expected = value.lower(), expected.lower()
    return _VALUE_TESTS[test.operator](value, expected)


def _is_empty(element: Element) -> bool:
    return not any(
        isinstance(child, Element) or (isinstance(child, Text) and child.data)
        for child in element.children
    )


def _is_link(element: Element) -> bool:
    return element.tag in ("a", "area") and "href" in element.attrs


def _is_form_control_in(element: Element, disabled: bool) -> bool:
    return element.tag in _FORM_CONTROLS and ("disabled" in element.attrs) == disabled


def _is_checked(element: Element) -> bool:
    return ("checked" in element.attrs and element.tag == "input") or (
        element.tag == "option" and "selected" in element.attrs
    )


def _is_required_in(element: Element, required: bool) -> bool:
    return (
        element.tag in ("input", "select", "textarea") and ("required" in element.attrs) == required
    )


def _is_writable(element: Element) -> bool:
    attrs = element.attrs
    if attrs.get("contenteditable", "x").lower() in ("", "true", "plaintext-only"):
        return True
    if "readonly" in attrs or "disabled" in attrs:
        return False
    return element.tag == "textarea" or (
        element.tag == "input" and attrs.get("type", "").lower() in _TEXT_INPUTS
    )


def _shows_placeholder(element: Element) -> bool:
    return (
        element.tag in ("input", "textarea")
        and "placeholder" in element.attrs
        and not element.attrs.get("value")
    )


_STRUCTURAL: dict[str, Callable[[TreeIndex, int], bool]] = {
    "root": lambda tree, order: order == 0,
    "scope": lambda tree, order: order == 0,
    "first-child": lambda tree, order: tree.position[order] == 1,
    "last-child": lambda tree, order: tree.position[order] == tree.siblings[order],
    "only-child": lambda tree, order: tree.siblings[order] == 1,
    "first-of-type": lambda tree, order: tree.type_position[order] == 1,
    "last-of-type": lambda tree, order: tree.type_position[order] == tree.type_siblings[order],
    "only-of-type": lambda tree, order: tree.type_siblings[order] == 1,
}
_ELEMENT_STATE: dict[str, Callable[[Element], bool]] = {
    "empty": _is_empty,
    "link": _is_link,
    "any-link": _is_link,
    "local-link": _is_link,
    "disabled": lambda element: _is_form_control_in(element, disabled=True),
    "enabled": lambda element: _is_form_control_in(element, disabled=False),
    "checked": _is_checked,
    "required": lambda element: _is_required_in(element, required=True),
    "optional": lambda element: _is_required_in(element, required=False),
    "read-write": _is_writable,
    "read-only": lambda element: not _is_writable(element),
    "placeholder-shown": _shows_placeholder,
    "defined": lambda element: True,
    "-a11y-html": lambda element: element.is_html,
    "open": lambda element: element.tag in ("details", "dialog") and "open" in element.attrs,
}


def _has_scope(element: Element, combinator: str) -> Iterator[Element]:
    """Where a relative selector's subject may be, given its leading combinator."""
    if combinator in (" ", ">"):
        yield from element.descendants()
        return
    parent = element.parent
    if parent is None:
        return
    later = False
    for sibling in parent.element_children():
        if later:
            yield sibling
            yield from sibling.descendants()
        later = later or sibling is element


def _lang_matches(element: Element, wanted: str) -> bool:
    language = None
    node: Element | None = element
    while node is not None:  # the nearest lang wins (iterative: trees may be deep)
        language = node.attrs.get("lang", node.attrs.get("xml:lang"))
        if language is not None:
            break
        node = node.parent
    if not language:
        return False
    language = language.lower()
    return any(
        language == option or language.startswith(option + "-")
        for option in wanted.split(",")
        if option
    )
