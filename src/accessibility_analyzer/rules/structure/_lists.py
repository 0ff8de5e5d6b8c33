"""HTML list elements."""

from __future__ import annotations

LIST_TAGS = frozenset({"ul", "ol", "menu"})
