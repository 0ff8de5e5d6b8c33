"""parse_page: the browser's tree, positions of every element, encodings, XHTML, robustness."""

from __future__ import annotations

import codecs
import random

import pytest

from accessibility_analyzer.engine import Element, Namespace, Page, Text, parse_page, snippet


def tags(page: Page) -> list[str]:
    return [element.tag for element in page.elements]


def position_of(source: str, offset: int) -> tuple[int, int]:
    """Line and column by counting, the slow obvious way (CR LF, CR, LF end lines)."""
    line, column = 1, 1
    index = 0
    while index < offset:
        char = source[index]
        if char == "\r" and index + 1 < len(source) and source[index + 1] == "\n":
            index += 1
            line, column = line + 1, 1
        elif char in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        index += 1
    return line, column


def assert_positions_consistent(page: Page) -> None:
    for element in page.elements:
        if element.source_start is None:
            assert element.line is None
            continue
        assert element.source_end is not None
        start_tag = page.source[element.source_start : element.source_end]
        assert start_tag.lower().startswith("<" + element.tag.lower()), (element, start_tag)
        assert start_tag.endswith(">")
        assert (element.line, element.column) == position_of(page.source, element.source_start)


class TestTree:
    def test_implied_elements_exist_without_positions(self) -> None:
        page = parse_page("<title>x</title><table><tr><td>cell</td></tr></table>")
        assert tags(page) == ["html", "head", "title", "body", "table", "tbody", "tr", "td"]
        by_tag = {element.tag: element for element in page.elements}
        for implied in ("html", "head", "body", "tbody"):
            assert by_tag[implied].line is None
            assert snippet(page, by_tag[implied]) == f"<{implied}>"
        assert by_tag["td"].line == 1
        assert by_tag["td"].column == page.source.index("<td") + 1

    def test_adoption_agency_clone_has_no_position(self) -> None:
        page = parse_page("<p>1<b>2<p>3</b>4</p>")
        bold = page.by_tag("b")
        assert len(bold) == 2  # the original and the parser's clone inside the second <p>
        assert bold[0].column == 5
        assert bold[1].line is None
        assert bold[1].parent is page.by_tag("p")[1]

    def test_unclosed_paragraphs_become_siblings(self) -> None:
        page = parse_page("<!DOCTYPE html><p>a<p>b<div>c</div>")
        paragraphs = page.by_tag("p")
        assert [p.parent.tag for p in paragraphs if p.parent] == ["body", "body"]
        assert page.by_tag("div")[0].parent is page.by_tag("body")[0]

    def test_order_and_elements_agree(self) -> None:
        page = parse_page("<ul><li>a<li>b</ul><p>x <em>y</em></p>")
        assert all(element.order == index for index, element in enumerate(page.elements))
        assert page.root is page.elements[0]
        assert page.root.tag == "html"

    def test_text_kept_comments_dropped(self) -> None:
        page = parse_page("<p>a<!-- hidden -->b</p>")
        paragraph = page.by_tag("p")[0]
        assert all(isinstance(child, Text) for child in paragraph.children)
        assert paragraph.text_content() == "ab"

    def test_template_contents_are_not_in_the_page(self) -> None:
        page = parse_page("<template><img src=a.png><p>t</p></template><img src=b.png>")
        assert [img.attrs["src"] for img in page.by_tag("img")] == ["b.png"]
        assert page.by_tag("template")[0].children == []
        assert page.by_tag("img")[0].column == page.source.index("<img src=b") + 1

    def test_noscript_is_read_with_scripting_enabled(self) -> None:
        page = parse_page("<noscript><img src=n.png></noscript><img src=y.png>")
        assert page.by_tag("noscript")[0].children == []
        assert [img.attrs["src"] for img in page.by_tag("img")] == ["y.png"]
        assert page.by_tag("img")[0].source_start == page.source.index("<img src=y")

    def test_valueless_attributes_are_empty_strings_and_first_duplicate_wins(self) -> None:
        page = parse_page('<input disabled id=a id=b type="text">')
        element = page.by_tag("input")[0]
        assert element.attrs == {"disabled": "", "id": "a", "type": "text"}

    def test_doctype(self) -> None:
        assert parse_page("<!DOCTYPE html><p>").doctype == "html"
        assert parse_page("<!doctype HTML PUBLIC '-//W3C//DTD HTML 4.01//EN'>").doctype == "html"
        assert parse_page("<p>").doctype is None


class TestPositions:
    def test_every_element_with_crlf_and_multiline_tags(self) -> None:
        source = (
            "<!DOCTYPE html>\r\n<html lang=en>\r\n<head>\r\n<title>T</title>\r\n"
            '<style>p > b { color: red }</style>\r\n</head>\r\n<body>\r\n<p\r\n   class="a>b"\r\n'
            "   id=x>text <b>bold</b></p>\r<div>\n<img src='q>.png'\talt=x></div>\n"
            "<script>if (a<b) document.write('<p>')</script><span>end</span>"
        )
        page = parse_page(source)
        assert_positions_consistent(page)
        by_tag = {element.tag: element for element in page.elements}
        assert (by_tag["html"].line, by_tag["html"].column) == (2, 1)
        assert (by_tag["p"].line, by_tag["p"].column) == (8, 1)
        assert snippet(page, by_tag["p"]) == '<p\r\n   class="a>b"\r\n   id=x>'
        assert (by_tag["b"].line, by_tag["b"].column) == (10, 14)
        assert (by_tag["div"].line, by_tag["div"].column) == (11, 1)  # a lone CR ends a line
        assert (by_tag["img"].line, by_tag["img"].column) == (12, 1)
        assert snippet(page, by_tag["img"]) == "<img src='q>.png'\talt=x>"
        assert by_tag["span"].line == 13
        assert len(page.by_tag("p")) == 1  # the <p> inside the script is text

    def test_positions_after_non_ascii_text_count_characters(self) -> None:
        page = parse_page("<p>ünïcödé 😀 <a href=x>y</a></p>".encode())
        link = page.by_tag("a")[0]
        assert link.column == "<p>ünïcödé 😀 <a".index("<a") + 1

    def test_foreign_content_positions(self) -> None:
        page = parse_page("<svg viewBox='0 0 1 1'><foreignObject><p>x</p></foreignObject></svg>")
        assert_positions_consistent(page)
        assert all(element.line == 1 for element in page.elements[3:])


class TestNamespaces:
    def test_svg_and_html_inside_foreign_object(self) -> None:
        page = parse_page(
            "<svg viewBox='0 0 10 10'><title>t</title><foreignObject><b>x</b></foreignObject>"
            "<circle r=1 /></svg><math><mi><i>y</i></mi><mo>+</mo></math>"
        )
        kinds = {element.tag: element.namespace for element in page.elements}
        assert kinds["svg"] is Namespace.SVG
        assert kinds["circle"] is Namespace.SVG
        assert kinds["foreignObject"] is Namespace.SVG
        assert kinds["b"] is Namespace.HTML
        assert kinds["math"] is Namespace.MATHML
        assert kinds["mi"] is Namespace.MATHML
        assert kinds["i"] is Namespace.HTML
        assert page.by_tag("svg")[0].attrs == {"viewBox": "0 0 10 10"}
        svg_title = page.by_tag("title")[0]
        assert svg_title.namespace is Namespace.SVG


class TestEncodings:
    def test_utf8_bom(self) -> None:
        page = parse_page(codecs.BOM_UTF8 + "<p>é</p>".encode())
        assert page.encoding == "utf-8"
        assert page.by_tag("p")[0].text_content() == "é"
        assert page.by_tag("p")[0].column == 1

    def test_utf16_bom(self) -> None:
        page = parse_page(codecs.BOM_UTF16_LE + "<p>ж</p>".encode("utf-16-le"))
        assert page.encoding == "utf-16-le"
        assert page.by_tag("p")[0].text_content() == "ж"

    def test_meta_charset_latin1_means_windows_1252(self) -> None:
        page = parse_page(b'<meta charset="ISO-8859-1"><p>\x80 \xe9</p>')
        assert page.encoding == "windows-1252"
        assert page.by_tag("p")[0].text_content() == "€ é"

    def test_http_equiv_content_type(self) -> None:
        data = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>ж</p>'
        page = parse_page(data.encode("koi8-r"))
        assert page.encoding == "koi8-r"
        assert page.by_tag("p")[0].text_content() == "ж"

    def test_legacy_labels_decode_with_the_browsers_superset(self) -> None:
        data = '<meta charset="shift_jis"><p>①</p>'.encode("cp932")  # NEC extension
        page = parse_page(data)
        assert page.encoding == "cp932"
        assert page.by_tag("p")[0].text_content() == "①"

    def test_undeclared_utf8(self) -> None:
        page = parse_page("<p>naïve</p>".encode())
        assert page.encoding == "utf-8"
        assert page.by_tag("p")[0].text_content() == "naïve"

    def test_invalid_utf8_falls_back_to_windows_1252(self) -> None:
        page = parse_page(b"<p>caf\xe9 \x81</p>")
        assert page.encoding == "windows-1252"
        assert page.by_tag("p")[0].text_content() == "café \x81"

    def test_unknown_or_non_text_labels_are_ignored(self) -> None:
        assert parse_page(b'<meta charset="klingon"><p>x').encoding == "utf-8"
        assert parse_page(b'<meta charset="base64"><p>x').encoding == "utf-8"


class TestXhtml:
    XHTML = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr" lang="fr">\n'
        "<head><title>Caf&eacute;</title></head>\n"
        '<body><div id="empty"/><p>after</p>\n'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect/></svg></body></html>'
    )

    def test_parsed_as_xml(self) -> None:
        page = parse_page(self.XHTML.encode(), path="doc.xhtml")
        assert page.is_xhtml
        assert page.doctype == "html"
        assert page.root.attrs["xml:lang"] == "fr"
        empty = page.get_element_by_id("empty")
        assert empty is not None and empty.children == []
        assert page.by_tag("p")[0].parent is page.by_tag("body")[0]
        assert page.by_tag("rect")[0].namespace is Namespace.SVG
        assert page.by_tag("title")[0].text_content() == "Café"
        assert_positions_consistent(page)
        assert page.by_tag("body")[0].line == 5

    def test_xhtml_served_as_html_is_parsed_as_html(self) -> None:
        page = parse_page(self.XHTML.encode(), path="doc.html")
        assert page.is_xhtml  # authored as XHTML ...
        empty = page.get_element_by_id("empty")
        assert empty is not None and empty.children  # ... but <div/> opens a div in HTML
        assert page.root.attrs["xml:lang"] == "fr"
        assert_positions_consistent(page)
        assert not parse_page(b'<?xml version="1.0"?><html><p>x', path="a.html").is_xhtml

    def test_not_well_formed_falls_back_to_html(self) -> None:
        page = parse_page(
            b'<?xml version="1.0"?><html><body><p>unclosed<br></body></html>', path="a.xhtml"
        )
        assert page.is_xhtml
        assert [e.tag for e in page.elements] == ["html", "head", "body", "p", "br"]

    def test_entity_declarations_are_refused(self) -> None:
        bomb = (
            '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&b;</p></body></html>'
        )
        page = parse_page(bomb.encode(), path="x.xhtml")
        assert page.by_tag("p")[0].text_content() == "&b;"  # read as HTML: no expansion


class TestRobustness:
    @pytest.mark.parametrize(
        "data",
        [
            b"",
            b"\x00\x00\x00",
            b"\xff\xfe\x00",
            b"<<<>>><!--",
            b"</html></body><body><html>",
            b"<a href='unterminated",
            b"<![CDATA[<p>]]><p>",
            "<a \ud800>".encode("utf-8", "surrogatepass"),
            bytes(range(256)) * 4,
        ],
    )
    def test_any_bytes_give_a_page(self, data: bytes) -> None:
        page = parse_page(data)
        assert page.root.tag == "html"
        assert page.elements[0] is page.root
        assert_positions_consistent(page)

    def test_random_bytes(self) -> None:
        generator = random.Random(7)
        for _ in range(50):
            data = bytes(generator.randrange(256) for _ in range(generator.randrange(400)))
            assert parse_page(data).root.tag == "html"

    def test_lone_surrogates_in_text_input(self) -> None:
        page = parse_page("<p>\ud800x</p>")
        assert page.by_tag("p")[0].text_content() == "\ufffdx"

    def test_100000_levels_deep(self) -> None:
        depth = 100_000
        page = parse_page("<span>" * depth + "deep")
        deepest = page.elements[-1]
        assert len(page.elements) == depth + 3
        assert sum(1 for _ in deepest.ancestors()) == depth + 1
        assert deepest.text_content() == "deep"
        assert page.root.text_content() == "deep"
        assert sum(1 for _ in page.root.descendants()) == depth + 2

    def test_huge_attribute_values(self) -> None:
        value = "x" * 5_000_000
        page = parse_page(f'<img alt="{value}" src=a.png><p id="after">ok</p>')
        image = page.by_tag("img")[0]
        assert len(image.attrs["alt"]) == 5_000_000
        text = snippet(page, image)
        assert len(text) == 300 and text.endswith("…")
        after = page.get_element_by_id("after")
        assert isinstance(after, Element) and after.source_start is not None
