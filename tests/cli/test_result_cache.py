"""The result cache: reused when nothing changed, recomputed when anything that decides the
result changed (the page, a stylesheet it uses, the rules, the engine's code)."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from pathlib import Path

import pytest

from accessibility_analyzer.cli import main
from accessibility_analyzer.resultcache import Dependency, ResultCache, engine_version

PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>Styled</title>'
    '<link rel="stylesheet" href="css/site.css"></head><body><main><h1>Hi</h1>'
    '<img class="logo" src="a.png"></main></body></html>'
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "css").mkdir(parents=True)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    (folder / "css" / "site.css").write_text("main { color: black }", encoding="utf-8")
    return folder


def _image_alt(capsys: pytest.CaptureFixture[str], site: Path, cache: Path) -> list[str]:
    main(["check", str(site), "--format", "json", "--cache-dir", str(cache), "--rules",
          "image-alt"])  # fmt: skip
    [document] = json.loads(capsys.readouterr().out)["documents"]
    counts = document["ruleCounts"]["image-alt"]
    return [outcome for outcome, count in counts.items() for _ in range(count)]


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.a11y"))


def test_a_rerun_reuses_the_result(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The second run reads the stored entry (touching it) and prints the same result."""
    cache = tmp_path / "cache"
    first = _image_alt(capsys, site, cache)
    [entry] = _entries(cache)
    os.utime(entry, (1, 1))
    assert _image_alt(capsys, site, cache) == first == ["failed"]
    assert entry.stat().st_mtime > 1  # read: recently used


def test_a_run_listing_passes_does_not_reuse_unlocated_ones(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text output only counts passes (the engine leaves them unlocated); CSV lists them
    with their locations, so it must not read what the text run stored."""
    cache = tmp_path / "cache"
    main(["check", str(site), "--cache-dir", str(cache)])
    capsys.readouterr()
    assert len(_entries(cache)) == 1
    main(["check", str(site), "--format", "csv", "--cache-dir", str(cache)])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    passed = [row for row in rows if row["outcome"] == "passed"]
    assert passed
    assert all(row["selector"] and row["xpath"] and row["fingerprint"] for row in passed)
    assert len(_entries(cache)) == 2


def test_a_changed_stylesheet_changes_the_result(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stylesheet the page uses is part of the key: hiding the image is seen at once."""
    cache = tmp_path / "cache"
    assert _image_alt(capsys, site, cache) == ["failed"]
    (site / "css" / "site.css").write_text(".logo { display: none }", encoding="utf-8")
    assert _image_alt(capsys, site, cache) == ["inapplicable"]
    (site / "css" / "site.css").write_text("main { color: black }", encoding="utf-8")
    assert _image_alt(capsys, site, cache) == ["failed"]


def test_a_changed_stylesheet_above_the_folder_changes_the_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sheets outside the folder checked (``../_static``) are dependencies too."""
    cache = tmp_path / "cache"
    (tmp_path / "_static").mkdir()
    sheet = tmp_path / "_static" / "theme.css"
    sheet.write_text("main { color: black }", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    page = PAGE.replace('href="css/site.css"', 'href="../_static/theme.css"')
    (docs / "index.html").write_text(page, encoding="utf-8")
    assert _image_alt(capsys, docs, cache) == ["failed"]
    sheet.write_text(".logo { display: none }", encoding="utf-8")
    assert _image_alt(capsys, docs, cache) == ["inapplicable"]


def test_a_changed_page_or_rule_selection_is_a_new_key(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page's bytes and the rules run are in the key."""
    cache = tmp_path / "cache"
    _image_alt(capsys, site, cache)
    (site / "index.html").write_text(PAGE.replace('src="a.png"', 'src="a.png" alt="Logo"'))
    assert _image_alt(capsys, site, cache) == ["passed"]
    main(["check", str(site), "--format", "json", "--cache-dir", str(cache)])
    capsys.readouterr()
    assert len(_entries(cache)) == 3


def test_no_cache_writes_nothing_and_the_default_is_in_the_working_directory(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--no-cache` leaves no folder; without it `.a11y_cache/` appears where a11y runs."""
    main(["check", str(site), "--no-cache"])
    assert not Path(".a11y_cache").exists()
    main(["check", str(site)])
    capsys.readouterr()
    assert _entries(Path(".a11y_cache"))


def test_engine_version_follows_the_source(tmp_path: Path) -> None:
    """Any edit of a module of engine/ or rules/ changes the engine version."""
    for folder in ("engine", "rules"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "module.py").write_text("X = 1\n")
    before = engine_version(tmp_path)
    assert engine_version(tmp_path) == before
    (tmp_path / "rules" / "module.py").write_text("X = 2\n")
    assert engine_version(tmp_path) != before


def test_store_survives_damage_and_evicts_the_least_recently_used(tmp_path: Path) -> None:
    """A damaged entry is a miss; past its limit the folder loses its oldest entries."""
    cache = ResultCache(tmp_path, max_bytes=10_000)
    dependency = Dependency("css/a.css", True, "abc")
    for index in range(8):
        cache.store(f"{index:02d}" + "0" * 62, [dependency], os.urandom(3000))
    entries = sorted(tmp_path.rglob("*.a11y"))
    for age, entry in enumerate(entries):
        os.utime(entry, (time.time() - 1000 + age, time.time() - 1000 + age))
    assert cache.load("00" + "0" * 62) is not None  # read: now the most recently used
    entries[1].write_bytes(b"not an entry")
    stale = entries[2].parent / "killed-writer.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    assert cache.load("01" + "0" * 62) is None
    assert cache.evict() > 0
    left = {entry.name[:2] for entry in tmp_path.rglob("*.a11y")}
    assert "00" in left
    assert "02" not in left
    assert not stale.exists()
    assert sum(entry.stat().st_size for entry in tmp_path.rglob("*.a11y")) <= 10_000
