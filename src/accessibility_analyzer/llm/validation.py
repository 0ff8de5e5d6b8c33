"""Gates every suggested fix passes before anyone sees it (``shared/notes/llm.md`` §4.3).

Deterministic, in order, rejecting on the first failure with a reason a person can read:

1. **Parses**: the snippet is one element with the original's tag name (the engine's own
   parser, lexbor, so "parses" means what a browser would build).
2. **Safe**: it adds no ``<script>``/``<iframe>``/``<object>``/``<embed>``/``<style>``/
   ``<link>``/``<meta>``/``<base>``/``<form>``, no ``on*`` event handler attribute, and no URL
   whose scheme (``javascript:``, ``data:``, ``vbscript:``...) or value was not already there.
3. **Keeps content**: every word of the original's text is still there, every id, and the
   ``href``/``src``/``name``/``value`` of every element that had one; the count of links,
   images, inputs and buttons is unchanged.
4. **Fixes, in context**: spliced into the whole stored page (its own CSS included), the
   engine re-checks the page: the finding's rule no longer fails on that element, and no
   failure appears that was not there before (:func:`recheck`).

The model never decides what is a violation; these gates and the engine do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from accessibility_analyzer.engine import analyze_document
from accessibility_analyzer.engine.dom import Site
from accessibility_analyzer.engine.result import Outcome
from accessibility_analyzer.engine.rule import Rule

__all__ = ["RecheckResult", "Rejected", "check_fix", "recheck", "splice"]

_UNSAFE_TAGS = frozenset(
    {"script", "iframe", "frame", "object", "embed", "style", "link", "meta", "base", "form"}
)
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "data", "background"}
)
_KEPT_ATTRIBUTES = ("href", "src", "name", "value")
_COUNTED_TAGS = ("a", "img", "input", "button", "select", "textarea")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_WORD = re.compile(r"\w+", re.UNICODE)


class Rejected(Exception):
    """A suggested fix failed a gate; ``str(error)`` says which and why."""


@dataclass(frozen=True, slots=True)
class _Node:
    tag: str
    attrs: dict[str, str]


def _parse_fragment(html: str) -> tuple[list[_Node], str, list[_Node]]:
    """(top-level elements, text, every element) of an HTML fragment as a browser builds it."""
    tree = LexborHTMLParser(f"<body>{html}</body>")
    body = tree.body
    if body is None:
        return [], "", []
    top: list[_Node] = []
    child = body.child
    while child is not None:
        if child.tag not in {"-text", "_text", "-comment", "_comment"}:
            top.append(_Node(child.tag or "", {k: v or "" for k, v in child.attributes.items()}))
        elif (child.text_content or "").strip():
            top.append(_Node("#text", {}))
        child = child.next
    nodes = [
        _Node(node.tag or "", {k: v or "" for k, v in node.attributes.items()})
        for node in body.traverse(include_text=False)
        if node is not body
    ]
    return top, body.text(separator=" "), nodes


def _words(text: str) -> Counter[str]:
    return Counter(word.casefold() for word in _WORD.findall(text))


def _urls(nodes: Iterable[_Node]) -> set[str]:
    return {
        value.strip()
        for node in nodes
        for name, value in node.attrs.items()
        if name in _URL_ATTRIBUTES and value.strip()
    }


def check_fix(original_html: str, fixed_html: str) -> None:
    """Gates 1-3: raise :class:`Rejected` unless the fix parses, is safe and keeps content."""
    if not fixed_html.strip():
        raise Rejected("the answer has no HTML")
    original_top, original_text, original_nodes = _parse_fragment(original_html)
    fixed_top, fixed_text, fixed_nodes = _parse_fragment(fixed_html)
    if len(fixed_top) != 1 or fixed_top[0].tag == "#text":
        raise Rejected(f"the fix must be exactly one element, not {len(fixed_top)} nodes")
    if original_top and fixed_top[0].tag != original_top[0].tag:
        raise Rejected(
            f"the fix changes the element <{original_top[0].tag}> to <{fixed_top[0].tag}>"
        )
    if _hidden(fixed_top[0]) and not (original_top and _hidden(original_top[0])):
        raise Rejected(
            "the fix hides the element from assistive technology (empty alt, aria-hidden or "
            "a presentational role); whether it is decorative needs a person to judge"
        )
    _check_safe(original_nodes, fixed_nodes)
    _check_content(original_text, original_nodes, fixed_text, fixed_nodes)


def _hidden(node: _Node) -> bool:
    """Whether the element claims to be decoration (the engine cannot check that claim)."""
    role = node.attrs.get("role", "").split()
    return (
        node.attrs.get("aria-hidden", "").strip().lower() == "true"
        or (role[:1] in (["presentation"], ["none"]))
        or (node.tag == "img" and node.attrs.get("alt") == "")
    )


def _check_safe(original: Sequence[_Node], fixed: Sequence[_Node]) -> None:
    had_tags = {node.tag for node in original}
    for node in fixed:
        if node.tag in _UNSAFE_TAGS and node.tag not in had_tags:
            raise Rejected(f"the fix adds a <{node.tag}> element")
        for name in node.attrs:
            if name.startswith("on") and not any(name in old.attrs for old in original):
                raise Rejected(f"the fix adds an event handler attribute ({name})")
    new_urls = _urls(fixed) - _urls(original)
    for url in sorted(new_urls):
        scheme = _SCHEME.match(url)
        if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
            raise Rejected(f"the fix adds a {scheme.group(1).lower()}: URL")
        raise Rejected(f"the fix adds a URL that was not there ({url[:80]})")


def _check_content(
    original_text: str,
    original_nodes: Sequence[_Node],
    fixed_text: str,
    fixed_nodes: Sequence[_Node],
) -> None:
    missing = _words(original_text) - _words(fixed_text)
    if missing:
        raise Rejected(f"the fix drops text: {', '.join(sorted(missing)[:5])}")
    fixed_ids = {node.attrs.get("id") for node in fixed_nodes}
    for node in original_nodes:
        element_id = node.attrs.get("id")
        if element_id and element_id not in fixed_ids:
            raise Rejected(f"the fix drops the id {element_id!r}")
    for name in _KEPT_ATTRIBUTES:
        before = Counter(node.attrs[name] for node in original_nodes if name in node.attrs)
        after = Counter(node.attrs[name] for node in fixed_nodes if name in node.attrs)
        if before - after:
            raise Rejected(f"the fix changes or drops a {name} attribute")
    for tag in _COUNTED_TAGS:
        before_count = sum(node.tag == tag for node in original_nodes)
        after_count = sum(node.tag == tag for node in fixed_nodes)
        if before_count != after_count:
            raise Rejected(f"the fix changes the number of <{tag}> elements")


def splice(source: str, start: int, end: int, fixed_html: str) -> str:
    """The page's source with characters ``start:end`` replaced by the fix."""
    return source[:start] + fixed_html + source[end:]


@dataclass(frozen=True, slots=True)
class RecheckResult:
    """What the engine found on the spliced page."""

    fixed: bool  # the finding's rule no longer fails on its element
    new_failures: tuple[str, ...]  # "rule-id at xpath: message" of failures that are new

    @property
    def problem(self) -> str | None:
        """Why the fix is not accepted, quoting the engine (``None`` when it is)."""
        if not self.fixed:
            return "the checker still reports the same failure on the element"
        if self.new_failures:
            return "the fix introduces new failures: " + "; ".join(self.new_failures[:3])
        return None


def recheck(
    page_bytes: bytes,
    *,
    path: str,
    site: Site,
    rules: Sequence[type[Rule]],
    rule_id: str,
    target_xpath: str,
    failures_before: Iterable[tuple[str, str | None]],
) -> RecheckResult:
    """Run the engine on the spliced page and compare its failures with those before.

    Args:
        page_bytes: the spliced page, encoded.
        path: the page's site-relative path (its stylesheets resolve from there).
        site: the upload's other files.
        rules: the rules the analysis ran.
        rule_id: the rule of the finding the fix is for.
        target_xpath: the XPath of the element it failed on.
        failures_before: ``(rule id, xpath)`` of every failure the page had.
    """
    result = analyze_document(page_bytes, path=path, site=site, rules=rules)
    before = set(failures_before)
    still_failing = False
    new: list[str] = []
    for finding in result.findings:
        if finding.outcome is not Outcome.FAILED:
            continue
        key = (finding.rule_id, finding.xpath)
        if key == (rule_id, target_xpath):
            still_failing = True
        elif key not in before:
            new.append(f"{finding.rule_id} at {finding.xpath}: {finding.message}")
    if result.error is not None:
        new.append(f"the page no longer parses: {result.error}")
    return RecheckResult(fixed=not still_failing, new_failures=tuple(new))
