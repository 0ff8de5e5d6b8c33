"""Element fingerprints: the same element after unrelated edits and a rebuild, another
element or rule after a real change."""

from __future__ import annotations

from accessibility_analyzer.engine import analyze_document
from accessibility_analyzer.rules import select_rules

PAGE = """<!DOCTYPE html><html lang="en"><head><title>T</title></head><body>
<main id="content"><section class="cards grid">
{before}<img src="/img/logo.png?v={build}" class="{classes}" nonce="{build}" data-v-{build}="">
<a href="#top">Top</a>
</section></main></body></html>"""

RULES = select_rules(ids=["image-alt", "image-redundant-alt", "link-name"])


def _prints(before: str = "", build: str = "a1", classes: str = "logo big") -> dict[str, str]:
    page = PAGE.format(before=before, build=build, classes=classes)
    result = analyze_document(page.encode(), path="p.html", rules=RULES)
    return {
        f"{finding.rule_id}:{finding.snippet[:4] if finding.snippet else ''}": finding.fingerprint
        for finding in result.findings
        if finding.fingerprint is not None
    }


def test_unrelated_edits_and_rebuilds_keep_fingerprints() -> None:
    """Lines and siblings added above, cache busters, nonces, class order: same prints."""
    original = _prints()
    assert original
    assert _prints(before="<p>New\\n\\nparagraph</p>\\n<p>Another</p>\\n") == original
    assert _prints(build="b2") == original
    assert _prints(classes="big  logo") == original


def test_a_real_change_of_the_element_is_a_new_fingerprint() -> None:
    """Another class, another rule: another fingerprint."""
    original = _prints()
    assert _prints(classes="logo small")["image-alt:<img"] != original["image-alt:<img"]
    assert len(set(original.values())) == len(original)
