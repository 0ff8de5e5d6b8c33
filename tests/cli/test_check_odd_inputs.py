"""`a11y check` on what real folders and command lines hold besides good pages: output files
that cannot be written, pages that cannot be read, links out of the folder, hostile text."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from cli_helpers import a11y

from accessibility_analyzer.cli import main

PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>Page</title></head><body><main>'
    '<h1>Title</h1><img src="b.png"></main></body></html>'
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE, encoding="utf-8")
    return folder


@pytest.mark.parametrize("flag", ["--output", "--write-baseline", "--write-answers"])
def test_an_output_file_that_cannot_be_written_is_a_usage_error(
    flag: str, site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 2 naming the file, before any page is checked (not a traceback and exit 1,
    which CI takes for failures found, nor an error after a long run)."""
    missing = tmp_path / "no-such-folder" / "out.txt"
    assert main(["check", str(site), flag, str(missing), "--no-cache"]) == 2
    captured = capsys.readouterr()
    assert str(missing) in captured.err
    assert "page(s) checked" not in captured.out
    assert main(["check", str(site), flag, str(tmp_path), "--no-cache"]) == 2  # a folder
    assert str(tmp_path) in capsys.readouterr().err


def test_a_corrupt_zip_entry_is_that_pages_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged entry becomes the page's error entry; the other pages are checked."""
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.html", PAGE * 40)
        zf.writestr("b.html", PAGE)
    data = bytearray(archive.read_bytes())
    for offset in range(60, 120):  # inside a.html's compressed bytes
        data[offset] ^= 0x55
    archive.write_bytes(bytes(data))
    code = main(["check", str(archive), "--format", "json", "--no-cache", "--no-progress"])
    documents = {d["path"]: d for d in json.loads(capsys.readouterr().out)["documents"]}
    broken, good = documents[f"{archive}!a.html"], documents[f"{archive}!b.html"]
    assert broken["error"] and "read" in broken["error"]
    assert broken["findings"] == [] and sum(broken["counts"].values()) == 0
    assert good["error"] is None and good["findings"]
    assert code == 1


def test_an_encrypted_zip_entry_is_not_checked_as_an_empty_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An entry the CLI cannot read gives an error entry, never findings of an empty page."""
    archive = tmp_path / "site.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("locked.html", PAGE)
    data = bytearray(archive.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[6] |= 0x1  # the encrypted flag, in the local header and in the central directory
    data[central + 8] |= 0x1
    archive.write_bytes(bytes(data))
    main(["check", str(archive), "--format", "json", "--no-cache", "--no-progress"])
    [document] = json.loads(capsys.readouterr().out)["documents"]
    assert document["error"] and document["findings"] == []


def test_a_page_linked_from_outside_the_folder_is_named_not_fatal(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A symlink in the folder to a page elsewhere is left out with a note; the run goes on."""
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_text(PAGE, encoding="utf-8")
    (site / "linked.html").symlink_to(elsewhere)
    code = main(["check", str(site), "--format", "json", "--no-cache", "--no-progress"])
    captured = capsys.readouterr()
    assert [d["path"] for d in json.loads(captured.out)["documents"]] == [str(site / "a.html")]
    assert "linked.html" in captured.err
    assert code == 1


def test_text_output_shows_control_characters_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Attribute values quoted in messages cannot send escape sequences to the terminal."""
    page = tmp_path / "e.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en\x1b[2J"><head><title>T</title></head><body><main>'
        '<h1>x</h1><div role="bad\x1b]0;title\x07">x</div></main></body></html>',
        encoding="utf-8",
    )
    assert main(["check", str(page), "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert 'lang="en\\x1b[2J"' in out


def test_an_unknown_format_lists_the_format_names(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse names the choices as users type them, not as enum reprs."""
    with pytest.raises(SystemExit):
        main(["check", "x.html", "--format", "xml"])
    err = capsys.readouterr().err
    assert "'text', 'json'" in err and "ReportFormat" not in err


def test_a_page_named_twice_is_checked_once(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder and a page inside it on one command line: the page is reported once."""
    main(["check", str(site), str(site / "a.html"), "--format", "json", "--no-cache"])
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert [d["path"] for d in documents] == [str(site / "a.html")]


def test_stylesheets_that_never_end_are_not_read(tmp_path: Path) -> None:
    """A page linking a device or a FIFO as a stylesheet (`file:///dev/zero`, a relative
    path to `/dev/urandom`) is checked; reading them hung the run and grew without bound."""
    folder = tmp_path / "site"
    folder.mkdir()
    os.mkfifo(folder / "pipe.css")
    depth = "../" * len(folder.parts)
    (folder / "a.html").write_text(
        PAGE.replace(
            "</head>",
            '<link rel="stylesheet" href="file:///dev/zero">'
            f'<link rel="stylesheet" href="{depth}dev/urandom">'
            '<link rel="stylesheet" href="pipe.css"></head>',
        ),
        encoding="utf-8",
    )
    done = a11y("check", folder, "--no-cache", "--format", "json", cwd=tmp_path, timeout=60)
    assert done.returncode == 1, done.stderr
    [document] = json.loads(done.stdout)["documents"]
    assert document["error"] is None and document["findings"]
