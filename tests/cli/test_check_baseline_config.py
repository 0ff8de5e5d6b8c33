"""Baselines and configuration files, through the real `a11y` command in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import a11y

OLD_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Shop</title></head>
<body><main>
  <h1>Shop</h1>
  <ul class="products">
    <li><img src="shoe.png"></li>
    <li><img src="hat.png" alt="Hat"></li>
  </ul>
</main></body></html>
"""

# The same page edited: a paragraph above moves every line, and one new image lacks its alt.
NEW_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Shop</title></head>
<body><main>
  <h1>Shop</h1>
  <p>Free delivery this week.</p>
  <p>Returns within 30 days.</p>
  <ul class="products">
    <li><img src="shoe.png"></li>
    <li><img src="hat.png" alt="Hat"></li>
    <li><img src="bag.png"></li>
  </ul>
</main></body></html>
"""


def _site(root: Path, page: str) -> Path:
    site = root / "site"
    site.mkdir(exist_ok=True)
    (site / "shop.html").write_text(page, encoding="utf-8")
    (site / "about.html").write_text(OLD_PAGE.replace("Shop", "About"), encoding="utf-8")
    return site


def _failures(output: str) -> list[tuple[str, str]]:
    return [
        (Path(document["path"]).name, finding["snippet"])
        for document in json.loads(output)["documents"]
        for finding in document["findings"]
        if finding["outcome"] == "failed"
    ]


def test_baseline_reports_only_new_failures(tmp_path: Path) -> None:
    """Known failures are silent even after edits elsewhere; a new one is reported, exit 1."""
    site = _site(tmp_path, OLD_PAGE)
    written = a11y("check", "site", "--rules", "image-alt", "--write-baseline", "base.json",
                   "--no-progress", cwd=tmp_path)  # fmt: skip
    assert written.returncode == 1, written.stderr
    assert len(_failures((tmp_path / "base.json").read_text())) == 2

    unchanged = a11y("check", "site", "--rules", "image-alt", "--baseline", "base.json",
                     "--format", "json", cwd=tmp_path)  # fmt: skip
    assert unchanged.returncode == 0, unchanged.stderr
    assert _failures(unchanged.stdout) == []
    assert "2 known failure(s) not shown" in unchanged.stderr

    (site / "shop.html").write_text(NEW_PAGE, encoding="utf-8")
    changed = a11y("check", "site", "--rules", "image-alt", "--baseline", "base.json",
                   "--format", "json", cwd=tmp_path)  # fmt: skip
    assert changed.returncode == 1
    assert _failures(changed.stdout) == [("shop.html", '<img src="bag.png">')]


def test_a_missing_or_foreign_baseline_is_a_usage_error(tmp_path: Path) -> None:
    """A baseline that cannot be read stops the run with exit code 2 and says why."""
    _site(tmp_path, OLD_PAGE)
    missing = a11y("check", "site", "--baseline", "nope.json", cwd=tmp_path)
    assert missing.returncode == 2
    assert "nope.json" in missing.stderr
    (tmp_path / "other.json").write_text('{"documents": 3}')
    foreign = a11y("check", "site", "--baseline", "other.json", cwd=tmp_path)
    assert foreign.returncode == 2
    assert "not an `a11y check --format json` output" in foreign.stderr


def test_configuration_from_pyproject_and_flags_win(tmp_path: Path) -> None:
    """[tool.a11y] sets rules, fail-on and format; it is found from a subfolder; flags win."""
    _site(tmp_path, OLD_PAGE)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.a11y]\nrules = ["image-alt"]\nfail-on = "critical"\n'
        'format = "jsonl"\njobs = 1\n'
    )
    sub = tmp_path / "docs"
    sub.mkdir()
    configured = a11y("check", "../site", cwd=sub)
    lines = configured.stdout.splitlines()
    assert len(lines) == 2
    assert {rule for line in lines for rule in json.loads(line)["ruleCounts"]} == {"image-alt"}
    assert configured.returncode == 1  # image-alt is critical

    flagged = a11y("check", "../site", "--format", "json", "--fail-on", "critical",
                   "--rules", "html-has-lang", cwd=sub)  # fmt: skip
    assert flagged.returncode == 0
    assert [rule["id"] for rule in json.loads(flagged.stdout)["rules"]] == ["html-has-lang"]


def test_a11y_toml_ignores_rules_pages_and_selectors(tmp_path: Path) -> None:
    """ignore.rules drops rules, ignore.pages drops pages, ignore.selectors drops elements."""
    _site(tmp_path, OLD_PAGE)
    (tmp_path / "a11y.toml").write_text(
        'format = "json"\n[ignore]\nrules = ["heading-order"]\npages = ["*about.html"]\n'
        'selectors = ["li:first-child"]\n'
    )
    result = a11y("check", "site", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert [Path(document["path"]).name for document in data["documents"]] == ["shop.html"]
    assert "heading-order" not in {rule["id"] for rule in data["rules"]}
    assert _failures(result.stdout) == []  # the one failing image is inside li:first-child
    assert result.returncode == 0, result.stderr


def test_unknown_configuration_keys_are_errors_that_name_them(tmp_path: Path) -> None:
    """A typo in the file stops the run (exit 2) and names the key."""
    _site(tmp_path, OLD_PAGE)
    (tmp_path / "a11y.toml").write_text('rulez = ["image-alt"]\n')
    result = a11y("check", "site", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown key 'rulez'" in result.stderr
    (tmp_path / "a11y.toml").write_text('[ignore]\nselector = ["x"]\n')
    nested = a11y("check", "site", cwd=tmp_path)
    assert nested.returncode == 2
    assert "unknown key 'selector' in [ignore]" in nested.stderr
    (tmp_path / "a11y.toml").write_text('jobs = "many"\n')
    typed = a11y("check", "site", cwd=tmp_path)
    assert typed.returncode == 2
    assert "jobs" in typed.stderr
