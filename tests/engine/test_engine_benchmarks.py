"""The benchmark scripts run (briefly, on tiny input) so they cannot rot. No timing asserted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def load(name: str) -> ModuleType:
    module_name = f"benchmark_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up while defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "css").mkdir(parents=True)
    (site / "css" / "s.css").write_bytes(b"p { color: red } .h { display: none }")
    (site / "index.html").write_bytes(
        b"<!DOCTYPE html><html lang=en><head><title>a</title>"
        b"<link rel=stylesheet href=/css/s.css></head><body><p class=h>x</p><img src=a.png>"
    )
    (site / "sub").mkdir()
    (site / "sub" / "page.htm").write_bytes(b"<p>y</p><img alt='' src=b.png>")
    return tmp_path


def test_engine_throughput_runs(tiny_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = load("engine_throughput")
    assert module.main([str(tiny_corpus), "--scale", "2", "--big-elements", "500"]) == 0
    output = capsys.readouterr().out
    assert "2 pages" in output
    assert "pages/s" in output and "MB/s" in output and "peak RSS" in output
    assert "linearity:" in output and "generated page: 500 elements" in output


def test_directory_site_stays_inside_its_root(tiny_corpus: Path) -> None:
    module = load("engine_throughput")
    site = module.DirectorySite(tiny_corpus / "site")
    assert site.read("css/s.css") is not None
    assert site.read("../site/css/s.css") is not None
    assert site.read("../../etc/passwd") is None
    assert not site.exists("missing.css")
    pages = module.collect_pages([tiny_corpus])
    assert sorted(page.path for page in pages) == ["index.html", "sub/page.htm"]


def test_generated_page_scales_with_the_element_count() -> None:
    module = load("engine_throughput")
    from accessibility_analyzer.engine import parse_page

    page = parse_page(module.generated_page(1000))
    assert 900 <= len(page.elements) <= 1200
    doubled = module.scale_page(b"<html><body><p>x</p></body></html>", 3)
    assert doubled.count(b"<p>") == 3


def test_parser_choice_runs(tiny_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = load("parser_choice")
    assert module.main([str(tiny_corpus), "--repeat", "1", "--only", "lexbor"]) == 0
    output = capsys.readouterr().out
    assert "selectolax lexbor" in output and "pages/s" in output
