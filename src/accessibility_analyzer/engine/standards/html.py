# Source: HTML Living Standard, https://html.spec.whatwg.org/multipage/ (§4.12 scripting:
# script, noscript, template; §4.2.6 style) and the CSS user-agent style sheet of §15.3.1
# (these elements are display:none and their text is never rendered).
"""Element sets of HTML that several rules read: elements whose text is not content."""

from __future__ import annotations

# Elements whose text is never rendered nor exposed: raw text (script, style), inert
# templates, and noscript (its content is not rendered when scripting is on, as in browsers).
NON_CONTENT_TAGS: frozenset[str] = frozenset({"script", "style", "template", "noscript"})
