"""The mypyc build: compiled and pure Python find the same, the stale-build guard, CI compiles.

A compiled install (``uv sync`` with a C compiler) runs engine/ and rules/ as extension
modules; ``A11Y_PURE_PYTHON=1`` runs them from source. Tests needing the compiled build skip
without it, except under ``CI=true``, where they fail: CI's speed claims rest on it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from accessibility_analyzer import __version__, _native

REPOSITORY = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() == "true"
PACKAGE_DIR = Path(_native.PACKAGE_DIR)

# Prints the state, whether the engine is compiled, and a digest of every finding of a
# sample of corpus pages (every field, as the JSON output has it).
_DIGEST_SCRIPT = r"""
import hashlib, os, sys
from pathlib import Path
import msgspec
from accessibility_analyzer import __version__, _native
from accessibility_analyzer.engine import MappingSite, analyze_document
from accessibility_analyzer.rules import ALL_RULES

digest = hashlib.sha256()
count = 0
for site_root in [Path(arg) for arg in sys.argv[1:]]:
    files = {f.relative_to(site_root).as_posix(): f.read_bytes() for f in site_root.rglob("*.css")}
    site = MappingSite(files)
    for page in sorted(site_root.rglob("*.html"))[::23][:6]:
        path = page.relative_to(site_root).as_posix()
        result = analyze_document(page.read_bytes(), path=path, site=site, rules=ALL_RULES)
        assert result.error is None, result.error
        count += len(result.findings)
        digest.update(msgspec.json.encode(result))
print(_native.state())
print(_native.compiled())
print(count, digest.hexdigest())
"""


def _require_compiled() -> None:
    """Skip without a compiled build, but fail in CI."""
    if _native.compiled():
        return
    message = f"the engine is not compiled: {_native.state()}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def _corpus_sites() -> list[Path]:
    for candidate in (
        os.environ.get("A11Y_CORPUS"),
        REPOSITORY.parent / "shared" / "corpus",
        Path("/work/shared/corpus"),
    ):
        if candidate and Path(candidate).is_dir():
            return sorted(path for path in Path(candidate).iterdir() if path.is_dir())
    if IN_CI:
        pytest.fail("the shared corpus is missing")
    pytest.skip("the shared corpus is missing")


def _run(code: str, *args: str, pure: bool, pythonpath: Path | None = None) -> list[str]:
    env = {key: value for key, value in os.environ.items() if key != "A11Y_PURE_PYTHON"}
    if pure:
        env["A11Y_PURE_PYTHON"] = "1"
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    completed = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    return [completed.stderr, *completed.stdout.splitlines()]


def test_in_ci_the_engine_is_compiled() -> None:
    """A CI run on a build that fell back to pure Python fails here (never skips)."""
    _require_compiled()
    assert _native.state().startswith("compiled with mypyc")
    from accessibility_analyzer.rules.text_alternatives import image_alt

    assert image_alt.__file__ is not None
    assert not image_alt.__file__.endswith(".py")  # the rules are compiled too


def test_compiled_and_pure_python_find_exactly_the_same_on_corpus_pages() -> None:
    _require_compiled()
    sites = [str(site) for site in _corpus_sites()]
    _, compiled_state, compiled_flag, compiled_digest = _run(_DIGEST_SCRIPT, *sites, pure=False)
    pure_stderr, pure_state, pure_flag, pure_digest = _run(_DIGEST_SCRIPT, *sites, pure=True)
    assert (compiled_flag, pure_flag) == ("True", "False")
    assert compiled_state.startswith("compiled")
    assert pure_state == "pure Python (A11Y_PURE_PYTHON=1)"
    assert pure_stderr == ""  # forcing pure Python is not a warning
    assert int(compiled_digest.split()[0]) > 500  # the sample has findings to compare
    assert compiled_digest == pure_digest


def test_pure_python_loads_every_engine_and_rules_module_from_source() -> None:
    code = (
        "import sys\nfrom accessibility_analyzer.rules import ALL_RULES\n"
        "from accessibility_analyzer.engine import analyze_document\n"
        "names = [n for n in sys.modules if n.startswith(('accessibility_analyzer.engine',"
        " 'accessibility_analyzer.rules'))]\n"
        "print(len(names))\n"
        "print(sorted(n for n in names if not sys.modules[n].__file__.endswith('.py')))\n"
        "print('accessibility_analyzer_native__mypyc' in sys.modules)\n"
    )
    _, count, not_from_source, library_loaded = _run(code, pure=True)
    assert int(count) > 200
    assert not_from_source == "[]"
    assert library_loaded == "False"


def _copy_install(target: Path) -> Path:
    """A copy of the editable install (sources, extensions, manifest) under ``target``."""
    src = target / "src"
    shutil.copytree(
        PACKAGE_DIR, src / "accessibility_analyzer", ignore=shutil.ignore_patterns("__pycache__")
    )
    for library in PACKAGE_DIR.parent.glob(f"{_native.SHARED_LIBRARY}.*"):
        shutil.copy2(library, src / library.name)
    return src


_STATE_SCRIPT = (
    "from accessibility_analyzer import _native\n"
    "print(_native.state())\nprint(_native.compiled())\n"
)


def test_an_edited_source_runs_everything_from_source_until_recompiled(tmp_path: Path) -> None:
    _require_compiled()
    manifest = (PACKAGE_DIR / "_native_manifest.txt").read_text()
    if "editable=1" not in manifest:
        pytest.skip("the installed build is a wheel: its sources are not checked")
    src = _copy_install(tmp_path)
    # Copies keep the sources' times, so the stat check alone says "unchanged".
    stderr, state, flag = _run(_STATE_SCRIPT, pure=False, pythonpath=src)
    assert (stderr, flag) == ("", "True")

    edited = src / "accessibility_analyzer" / "engine" / "dom.py"
    original = edited.read_bytes()
    edited.write_bytes(original + b"\n# edited\n")
    stderr, state, flag = _run(_STATE_SCRIPT, pure=False, pythonpath=src)
    assert flag == "False"
    assert state == "pure Python (changed since the build: engine/dom.py)"
    assert stderr.count("\n") == 1  # warned once
    assert "uv sync --reinstall-package accessibility-analyzer" in stderr
    code = _STATE_SCRIPT + (
        "import sys\nfrom accessibility_analyzer.rules import ALL_RULES\n"
        "print(sorted(n for n in sys.modules if n.startswith('accessibility_analyzer.')"
        " and not (sys.modules[n].__file__ or '.py').endswith('.py')))\n"
    )
    assert _run(code, pure=False, pythonpath=src)[-1] == "[]"  # never a mix

    # The same bytes again (a newer time, as after `git checkout`): compiled again.
    edited.write_bytes(original)
    stderr, state, flag = _run(_STATE_SCRIPT, pure=False, pythonpath=src)
    assert (stderr, flag) == ("", "True")

    # A deleted source: its leftover extension must not load.
    (src / "accessibility_analyzer" / "engine" / "xhtml.py").unlink()
    code = (
        "from accessibility_analyzer import _native\nprint(_native.state())\n"
        "try:\n    import accessibility_analyzer.engine.xhtml\n"
        "except ModuleNotFoundError as error:\n    print(error.name)\n"
    )
    stderr, state, missing = _run(code, pure=False, pythonpath=src)
    assert state == "pure Python (changed since the build: engine/xhtml.py)"
    assert missing == "accessibility_analyzer.engine.xhtml"


def test_extensions_without_their_manifest_are_not_loaded(tmp_path: Path) -> None:
    """A build stopped between copying the extensions and writing the manifest."""
    _require_compiled()
    src = _copy_install(tmp_path)
    (src / "accessibility_analyzer" / "_native_manifest.txt").unlink()
    stderr, state, flag = _run(_STATE_SCRIPT, pure=False, pythonpath=src)
    assert flag == "False"
    assert state == "pure Python (the last build did not finish)"
    assert "uv sync --reinstall-package accessibility-analyzer" in stderr


def _locked_versions() -> dict[str, str]:
    lock = tomllib.loads((REPOSITORY / "uv.lock").read_text())
    return {package["name"]: package["version"] for package in lock["package"]}


def test_build_requirements_are_the_locked_versions() -> None:
    """The compile type-checks with the packages `uv run mypy` uses, at the same versions."""
    pyproject = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())
    pins = dict(
        re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", requirement).groups()  # type: ignore[union-attr]
        for requirement in pyproject["build-system"]["requires"]
    )
    locked = _locked_versions()
    for name in ("mypy", "msgspec", "selectolax", "tinycss2"):
        assert pins[name] == locked[name], name
    assert {"hatchling", "setuptools"} <= pins.keys()


def test_version_says_whether_the_engine_is_compiled() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "accessibility_analyzer", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert completed.stdout == f"a11y {__version__} (engine and rules: {_native.state()})\n"


def test_without_a_c_compiler_the_wheel_is_pure_python_and_works(tmp_path: Path) -> None:
    """The build hook's fallback: a warning, a pure wheel that says why, a working engine."""
    uv = shutil.which("uv")
    if uv is None:
        if IN_CI:
            pytest.fail("uv is not on the PATH")
        pytest.skip("uv is not on the PATH")
    env = {**os.environ, "CC": "/bin/false"}
    built = subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(REPOSITORY)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=True,
    )
    assert "the C compiler failed" in built.stderr + built.stdout
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")  # no platform tag: nothing compiled
    shutil.unpack_archive(wheel, tmp_path / "site", format="zip")
    assert not list((tmp_path / "site").rglob("*.so"))
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="en"><title>T</title><img src="a.png"></html>')
    code = (
        "import sys\nfrom accessibility_analyzer import _native\n"
        "from accessibility_analyzer.cli import main\n"
        "print(_native.state())\nprint(_native.compiled())\n"
        f"code = main(['check', {str(page)!r}, '--no-cache', '--format', 'json'])\n"
        "print()\nprint(code)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        timeout=120,
        check=False,
    )
    lines = completed.stdout.splitlines()
    assert lines[0] == "pure Python (not compiled: the C compiler failed (its error is above))"
    assert lines[1] == "False"
    assert '"ruleId":"image-alt"' in completed.stdout.replace(" ", "")
    assert lines[-1] == "1"  # image-alt fails: exit code 1
