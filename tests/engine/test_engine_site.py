"""URLs in a page -> files of the upload."""

from __future__ import annotations

import pytest

from accessibility_analyzer.engine import MappingSite, parse_page, resolve_page_url, resolve_url


@pytest.mark.parametrize(
    ("page_path", "url", "expected"),
    [
        ("a/b.html", "c.css", "a/c.css"),
        ("a/b.html", "../x.css", "x.css"),
        ("a/b.html", "../../../x.css", "x.css"),
        ("a/b.html", "/c/d.png?v=1#top", "c/d.png"),
        ("a/b.html", "sub/", "a/sub/index.html"),
        ("a/b.html", "/", "index.html"),
        ("a/b.html", "#top", "a/b.html"),
        ("a/b.html", "", "a/b.html"),
        ("a/b.html", "my%20file.html", "a/my file.html"),
        ("a/b.html", " \tc.html\n", "a/c.html"),
        ("a/b.html", "https://example.com/x", None),
        ("a/b.html", "//cdn.example.com/x.css", None),
        ("a/b.html", "data:text/css,p{}", None),
        ("a/b.html", "javascript:void(0)", None),
        ("a/b.html", "mailto:x@example.com", None),
        ("/a/b.html", "c.css", "a/c.css"),
    ],
)
def test_resolve_url(page_path: str, url: str, expected: str | None) -> None:
    assert resolve_url(page_path, url) == expected


def test_base_href() -> None:
    assert resolve_url("a/b.html", "x.png", base="/static/") == "static/x.png"
    assert resolve_url("a/b.html", "x.png", base="other/page.html") == "a/other/x.png"
    assert resolve_url("a/b.html", "x.png", base="https://cdn.example/") is None
    page = parse_page(b"<base href='/s/'><base href='/t/'>", path="a/b.html")
    assert resolve_page_url(page, "x.png") == "s/x.png"  # the first <base> counts


def test_mapping_site() -> None:
    site = MappingSite({"/css/a.css": b"p{}", "index.html": b"<p>"})
    assert site.read("css/a.css") == b"p{}"
    assert site.exists("index.html")
    assert not site.exists("missing.html")
    assert site.read("missing.html") is None
