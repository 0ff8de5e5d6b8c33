"""The page's script text, read (never run): inline scripts, the upload's script files, handlers.

Rules about what scripts do (text that changes by itself, keyboard shortcuts) look for the
APIs that behaviour needs in the code the page runs: a page whose code never names a timer
cannot change its text by itself. Scripts outside the upload (a CDN) cannot be read; the
rules say so instead of guessing what they do.
"""

from __future__ import annotations

from dataclasses import dataclass

from accessibility_analyzer.engine.dom import Element, Page
from accessibility_analyzer.engine.site import resolve_page_url

# Script types that are code (an unknown type is data, which browsers do not run).
_CODE_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
)
_MEMO = "rules.scripts"


@dataclass(frozen=True)
class Handler:
    """An event-handler attribute: ``<body onload="start()">``."""

    element: Element
    event: str  # without the ``on``: ``load``, ``keydown``
    code: str


@dataclass(frozen=True)
class Scripts:
    """What code the page runs, as far as the upload holds it.

    Attributes:
        code: inline script bodies and the text of the upload's script files it loads.
        handlers: event-handler attributes, in document order.
        unreadable: ``src`` of scripts the upload does not hold (remote or missing).
    """

    code: tuple[str, ...]
    handlers: tuple[Handler, ...]
    unreadable: tuple[str, ...]

    @property
    def any(self) -> bool:
        """Whether the page runs any code at all."""
        return bool(self.code or self.handlers or self.unreadable)

    def all_code(self) -> str:
        """Every readable piece of code, scripts and handlers, one per line."""
        return "\n".join((*self.code, *(handler.code for handler in self.handlers)))


def page_scripts(page: Page) -> Scripts:
    """The page's :class:`Scripts` (memoised per page)."""
    memo: dict[int, Scripts] = page.memo_table(_MEMO)
    found = memo.get(page.root.order)
    if found is None:
        found = memo[page.root.order] = _read_scripts(page)
    return found


def _read_scripts(page: Page) -> Scripts:
    code: list[str] = []
    unreadable: list[str] = []
    for script in page.by_tag("script"):
        if not script.is_html or (script.get("type") or "").strip().lower() not in _CODE_TYPES:
            continue
        src = (script.get("src") or "").strip()
        if not src:
            code.append(script.text_content())
            continue
        path = resolve_page_url(page, src)
        data = page.site.read(path) if path is not None else None
        if data is None:
            unreadable.append(src)
        else:
            code.append(data.decode("utf-8", errors="replace"))
    handlers = tuple(
        Handler(element, name[2:], value)
        for element in page.elements
        for name, value in element.attrs.items()
        if name.startswith("on") and len(name) > 2 and element.is_html
    )
    return Scripts(tuple(code), handlers, tuple(unreadable))
