"""Test data shared by the job and workflow tests: small pages with known failures."""

from __future__ import annotations

PAGE = b"""<!doctype html><html lang="en"><head><title>%s</title>
<link rel="stylesheet" href="css/site.css"></head><body><main>
<h1>%s</h1><img src="a.png"><a href="other.html"></a><button></button>
<p class="faint">text</p></main></body></html>"""
CSS = b".faint { color: #ccc; background: #fff }"


def page(title: str) -> bytes:
    """A small page with some failures for the rules that exist."""
    encoded = title.encode()
    return PAGE % (encoded, encoded)
