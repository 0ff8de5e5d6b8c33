"""Decode the bytes of an uploaded page the way a browser would, without ever raising.

Order (the WHATWG "encoding sniffing" algorithm, minus network headers we do not have):

1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins;
2. a ``<meta charset>`` or ``<meta http-equiv="content-type" content="...charset=...">`` in
   the first 1024 bytes (an XML declaration's ``encoding`` too, for XHTML);
3. UTF-8 when the bytes decode as UTF-8;
4. windows-1252 (the browsers' fallback for Western locales), which decodes every byte.

A declared encoding that Python does not know is ignored; a declared encoding that does not
fit the bytes still decodes, with U+FFFD for the bad sequences (as browsers show them).
"""

from __future__ import annotations

import codecs
import re

PRESCAN_BYTES = 1024

_META_CHARSET = re.compile(rb"""<meta[^>]*?[\s/"']charset\s*=\s*["']?\s*([^\s"'/>;]+)""", re.I)
_META_CONTENT = re.compile(
    rb"""<meta(?=[^>]*http-equiv\s*=\s*["']?\s*content-type)[^>]*?content\s*=\s*"""
    rb"""(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
    re.I,
)
_CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*["']?([^\s"';]+)""", re.I)
_XML_DECLARATION = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")

# WHATWG maps these labels to other encodings than Python's codecs do.
_LABEL_OVERRIDES = {
    "latin_1": "windows-1252",
    "iso8859-1": "windows-1252",
    "ascii": "windows-1252",
    "cp1252": "windows-1252",
    "utf-16": "utf-8",  # a meta tag cannot declare UTF-16: the bytes were read as ASCII
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "x-user-defined": "windows-1252",
    # Legacy labels WHATWG maps to a superset encoding (what browsers actually decode with).
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}

# windows-1252 as WHATWG defines it: Python's cp1252 raises on five bytes that browsers map
# to the C1 controls, so decode as Latin-1 and translate 0x80-0x9F.
_CP1252_C1 = {
    0x80: "\u20ac",
    0x82: "\u201a",
    0x83: "\u0192",
    0x84: "\u201e",
    0x85: "\u2026",
    0x86: "\u2020",
    0x87: "\u2021",
    0x88: "\u02c6",
    0x89: "\u2030",
    0x8A: "\u0160",
    0x8B: "\u2039",
    0x8C: "\u0152",
    0x8E: "\u017d",
    0x91: "\u2018",
    0x92: "\u2019",
    0x93: "\u201c",
    0x94: "\u201d",
    0x95: "\u2022",
    0x96: "\u2013",
    0x97: "\u2014",
    0x98: "\u02dc",
    0x99: "\u2122",
    0x9A: "\u0161",
    0x9B: "\u203a",
    0x9C: "\u0153",
    0x9E: "\u017e",
    0x9F: "\u0178",
}
_CP1252_TABLE = str.maketrans(_CP1252_C1)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_windows_1252(data: bytes) -> str:
    """Decode ``data`` as WHATWG windows-1252 (total: every byte maps to a character)."""
    return data.decode("latin-1").translate(_CP1252_TABLE)


def normalise_label(label: str) -> str | None:
    """The encoding name for a declared label, or ``None`` when it is unknown."""
    try:
        info = codecs.lookup(label.strip().lower())
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True):  # base64, zlib, rot13: not charsets
        return None
    name = info.name
    return _LABEL_OVERRIDES.get(name, name)


def declared_encoding(data: bytes) -> str | None:
    """The encoding declared in the first 1024 bytes (meta tag or XML declaration)."""
    head = data[:PRESCAN_BYTES]
    xml = _XML_DECLARATION.match(head)
    if xml is not None:
        found = normalise_label(xml.group(1).decode("ascii", "replace"))
        if found is not None:
            return found
    candidates: list[tuple[int, bytes]] = []
    charset = _META_CHARSET.search(head)
    if charset is not None:
        candidates.append((charset.start(), charset.group(1)))
    content = _META_CONTENT.search(head)
    if content is not None:
        value = content.group(1) or content.group(2) or content.group(3) or b""
        inner = _CONTENT_CHARSET.search(value)
        if inner is not None:
            candidates.append((content.start(), inner.group(1)))
    for _, label in sorted(candidates):  # the first meta in the document wins
        found = normalise_label(label.decode("ascii", "replace"))
        if found is not None:
            return found
    return None


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode page bytes; return the text and the name of the encoding used.

    Never raises: every byte string decodes (bad sequences become U+FFFD).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, "replace"), name
    declared = declared_encoding(data)
    if declared is not None:
        if declared == "windows-1252":
            return decode_windows_1252(data), declared
        try:
            return data.decode(declared, "replace"), declared
        except (LookupError, ValueError, TypeError):  # codecs that refuse the error handler
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return decode_windows_1252(data), "windows-1252"
