"""Schemathesis hooks of the contract test: real uploads, finished analyses, a call log.

Loaded by ``st run`` through ``SCHEMATHESIS_HOOKS`` (tests/api/test_openapi_contract.py).

* **Uploads.** Schema-valid multipart bodies of ``uploadDocuments`` carry random bytes, and
  schemathesis names a file part after its field plus the extension its signature table
  recognises (``files.zip``); the server types a part by that name. So valid bodies get
  real files drawn from the strategies below: small HTML pages, hostile but valid (NUL
  bytes, stray surrogates, huge attributes, deep nesting, unclosed tags, scripts,
  windows-1252 bytes), each with at least one failing element so a finding has a fix, and
  ZIPs of such pages under a random folder (plus an asset and an ignored file). At most one
  bare page per upload: every one would be called ``files.html``. Bodies that violate the
  schema keep their generated value, so invalid uploads still meet their documented 4xx.
* **Finished analyses.** After ``createAnalysis`` answers 202 the hook polls the analysis
  until it leaves ``queued``/``running``, as a client would before reading findings and
  reports, so the stateful phase's next steps see real results.
* **Call log.** Every response of the stateful phase is appended as one JSON line
  (operation id, status, analysis status, item count, report format) to the file named by
  ``CONTRACT_CALL_LOG``; the test reads it to prove each link of the workflow was followed.
"""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from pathlib import Path
from typing import Any, Final

import requests
import schemathesis
from hypothesis import strategies as st
from schemathesis.core import file_samples
from schemathesis.generation.meta import TestPhase
from schemathesis.transport.serialization import Binary

_DOCTYPE: Final = b"<!DOCTYPE html>"
# Teach schemathesis's file-name guess the HTML signature our pages start with.
file_samples._SIGNATURES = (*file_samples._SIGNATURES, (_DOCTYPE, "html"))

_UPLOAD: Final = "uploadDocuments"
_CREATE_ANALYSIS: Final = "createAnalysis"
_POLL_SECONDS: Final = 60.0
_ZIP_TIME: Final = (2026, 1, 1, 0, 0, 0)

# Small draws: a stateful scenario makes many uploads, and Hypothesis ends the phase early
# once too many scenarios overrun its budget of choices.
_words = st.text(st.characters(codec="utf-8", exclude_characters="<>&\"'"), max_size=8)
_hostile_text = st.one_of(
    _words,
    st.text(max_size=8),  # NUL, controls and lone surrogates included
    st.binary(max_size=8).map(lambda raw: raw.decode("latin-1")),
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


@st.composite
def _fragment(draw: st.DrawFn) -> str:
    """One element or construct of a page; many of them fail a rule."""
    text = _escape(draw(_hostile_text))
    depth = draw(st.integers(min_value=1, max_value=60))
    width = draw(st.integers(min_value=1, max_value=20_000))
    choices = [
        f'<img src="{text or "a"}.png">',
        f'<a href="#{text}"></a>',
        f"<button>{text}</button><button></button>",
        f'<input type="text" value="{text}">',
        f"<table><tr><td>{text}</td><th></th></tr></table>",
        f'<div role="{text}" aria-labelledby="{text}" tabindex="-1">{text}</div>',
        f"<script>var s = {json.dumps(text)};</script>",
        f"<style>p {{ color: #777; background: #888 }} /* {text} */</style><p>{text}</p>",
        f"<!-- {text.replace('--', '')} -->",
        f"<svg><title>{text}</title><circle r=1></svg>",
        "<div>" * depth + text + "</div>" * depth,
        "<ul><li>" * depth + text,
        f'<p title="{"x" * width}">{text}</p>',
        f'<iframe srcdoc="&lt;p&gt;{text}"></iframe>',
        f'<label for="missing">{text}</label><select><option>{text}</select>',
        f"<h1></h1><h4>{text}</h4><marquee>{text}</marquee>",
    ]
    return draw(st.sampled_from(choices))


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    """A small page, hostile but valid HTML, starting with the doctype."""
    title = _escape(draw(_hostile_text))
    language = draw(st.sampled_from(["", ' lang="en"', ' lang="xx-invalid"', ' lang=""']))
    legacy = draw(st.booleans())
    charset = "windows-1252" if legacy else "utf-8"
    body = "".join(draw(st.lists(_fragment(), max_size=4)))
    markup = (
        f'<html{language}><head><meta charset="{charset}"><title>{title}</title></head>'
        f'<body><img src="photo.png">{body}</body></html>'  # the one failure always there
    )
    encoded = markup.encode(charset, errors="replace" if legacy else "surrogatepass")
    return _DOCTYPE + encoded


@st.composite
def site_zips(draw: st.DrawFn) -> bytes:
    """A ZIP of pages under a random folder, with a stylesheet and an ignored entry."""
    folder = draw(st.text("0123456789abcdef", min_size=12, max_size=12))
    pages = draw(st.lists(html_pages(), min_size=1, max_size=2))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, page in enumerate(pages):
            name = "index.html" if index == 0 else f"page-{index}.htm"
            archive.writestr(zipfile.ZipInfo(f"site-{folder}/{name}", _ZIP_TIME), page)
        archive.writestr(zipfile.ZipInfo(f"site-{folder}/style.css", _ZIP_TIME), b"p{color:red}")
        archive.writestr(zipfile.ZipInfo(f"site-{folder}/notes.txt", _ZIP_TIME), b"ignored")
    return buffer.getvalue()


def upload_files() -> st.SearchStrategy[list[bytes]]:
    """The ``files`` of a valid upload: a page, ZIPs, or a page and ZIPs."""
    zips = st.lists(site_zips(), min_size=1, max_size=2)
    return st.one_of(
        html_pages().map(lambda page: [page]),
        zips,
        st.tuples(html_pages(), zips).map(lambda pair: [pair[0], *pair[1]]),
    )


def _operation_id(operation: Any) -> str:
    return str(operation.definition.raw.get("operationId", ""))


def _is_valid_upload_body(body: Any) -> bool:
    """Whether ``body`` satisfies the upload's schema: only ``files``, 1+ binary strings."""
    if not isinstance(body, dict) or set(body) != {"files"}:
        return False
    files = body["files"]
    return isinstance(files, list) and bool(files) and all(isinstance(f, str) for f in files)


@schemathesis.hook
def flatmap_body(context: Any, body: Any) -> st.SearchStrategy[Any]:
    """Schema-valid upload bodies carry real pages and ZIPs (see the module docstring).

    A body hook, not a case hook: the case is built from the final body, so schemathesis
    does not take the files for an edit after generation (which it would re-check, and a
    body holding binary never re-checks as valid). A body that violates the schema (a
    negative case) is left as generated.
    """
    if _operation_id(context.operation) != _UPLOAD or not _is_valid_upload_body(body):
        return st.just(body)
    # Binary: schemathesis's type for generated file content, valid as `format: binary`.
    return upload_files().map(lambda files: {"files": [Binary(file) for file in files]})


def _wait_until_finished(response: Any) -> dict[str, Any]:
    """Poll the created analysis until it completed or failed; its last state."""
    request = response.request
    url = requests.compat.urljoin(request.url, response.headers["location"][0])
    headers = {"X-API-Key": request.headers["X-API-Key"]}
    deadline = time.monotonic() + _POLL_SECONDS
    while True:
        state: dict[str, Any] = requests.get(url, headers=headers, timeout=10).json()
        if state["status"] not in {"queued", "running"} or time.monotonic() > deadline:
            return state
        time.sleep(0.05)


def _log(case: Any, response: Any) -> None:
    path = os.environ.get("CONTRACT_CALL_LOG")
    if not path or case.meta is None or case.meta.phase.name != TestPhase.STATEFUL:
        return
    try:  # not response.json(): it caches the parse for the checks, even of JSON Lines
        body = json.loads(response.content or b"null")
    except ValueError:
        body = None
    items = body.get("items") if isinstance(body, dict) else None
    record = {
        "operation": _operation_id(case.operation),
        "status": response.status_code,
        "analysisStatus": body.get("status") if isinstance(body, dict) else None,
        "items": len(items) if isinstance(items, list) else None,
        "format": (case.query or {}).get("format"),
        "outcome": (case.query or {}).get("outcome"),
        "path": {name: str(value) for name, value in (case.path_parameters or {}).items()},
    }
    with Path(path).open("a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    """Let created analyses finish, and log the stateful phase's calls."""
    if _operation_id(case.operation) == _CREATE_ANALYSIS and response.status_code == 202:
        _wait_until_finished(response)
    _log(case, response)
