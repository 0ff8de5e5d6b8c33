"""aside's implicit role (HTML-AAM): complementary unless a sectioning element scopes it unnamed."""

from __future__ import annotations

import pytest

from accessibility_analyzer.engine import parse_page
from accessibility_analyzer.engine.aria import role_of


@pytest.mark.parametrize(
    ("html", "role"),
    [
        ("<aside id=t>x</aside>", "complementary"),
        ("<main><aside id=t>x</aside></main>", "complementary"),  # main does not scope it
        ("<div role=main><aside id=t>x</aside></div>", "complementary"),
        ("<section><aside id=t>x</aside></section>", None),
        ("<article><aside id=t aria-label=Notes>x</aside></article>", "complementary"),
        ("<main><section><aside id=t>x</aside></section></main>", None),
        ("<section><main><aside id=t>x</aside></main></section>", "complementary"),
    ],
)
def test_aside_role(html: str, role: str | None) -> None:
    page = parse_page(html.encode())
    target = page.get_element_by_id("t")
    assert target is not None
    assert role_of(page, target) == role
