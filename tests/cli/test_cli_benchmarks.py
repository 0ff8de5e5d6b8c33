"""The CLI benchmarks run briefly on a tiny corpus (figures are printed, never asserted)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from cli_helpers import REPOSITORY


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPOSITORY / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    site = corpus / "site"
    (site / "css").mkdir(parents=True)
    (site / "css" / "main.css").write_text("p { color: #777 }")
    for index in range(3):
        (site / f"p{index}.html").write_text(
            '<!DOCTYPE html><html lang="en"><head><title>T</title>'
            '<link rel="stylesheet" href="/css/main.css"></head>'
            f'<body><main><h1>Page {index}</h1><p>Text</p><img src="x.png"></main></body></html>'
        )
    return corpus


def test_scale_benchmark_prints_memory_and_cache_figures(
    tiny_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Five pages from three: copies are made, each format measured, the cache re-run timed."""
    module = load("cli_scale")
    assert (
        module.main([str(tiny_corpus), "--pages", "5", "--formats", "json,jsonl", "--jobs", "1"])
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("5 pages")
    assert "json " in out and "jsonl " in out and "peak RSS" in out
    assert "same output: True" in out


def test_axe_comparison_prints_our_figure_without_the_baseline(
    tiny_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without axe-core installed the comparison says so and still times `a11y check`."""
    module = load("vs_axe_speed")
    assert (
        module.main(
            [str(tiny_corpus), "--pages", "2", "--axe", str(tmp_path / "none"), "--jobs", "1"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "a11y check --jobs 1: 2 pages in" in out
    assert "no comparison" in out
