"""Compiled or pure Python: which engine and rules modules this process loads.

The build (``hatch_build.py``) compiles ``engine/`` and ``rules/`` with mypyc when it can
and writes ``_native_manifest.txt`` beside this file: one line per compiled module with the
size, modification time and SHA-256 of the source it was compiled from. Python prefers an
extension module to the ``.py`` of the same name, so in an editable install (what ``uv sync``
makes) a module edited after the build would still run its old compiled code. At import of
the package, :func:`choose` therefore compares the sources with the manifest and, when one
differs (or ``A11Y_PURE_PYTHON=1``), puts a finder first on ``sys.meta_path`` that loads
every engine and rules module from its ``.py``: all of them, never a mix of old compiled
code and new source. It warns once, on stderr, with the command that recompiles.

Checking costs one ``stat`` per compiled module (a source whose size and time match is not
read); only a source whose time changed (a ``git checkout``) is hashed. A wheel install is
not checked: its sources are not meant to be edited in place.
"""

# This runs at every start of the package, before anything else: plain ``os`` calls on
# strings (no Path objects; pyproject.toml lets this file off PTH) and lazy imports of what
# only the rare paths need.

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any

PACKAGE = "accessibility_analyzer"
PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
MANIFEST_PATH = os.path.join(PACKAGE_DIR, "_native_manifest.txt")
COMPILED_PACKAGES = (f"{PACKAGE}.engine", f"{PACKAGE}.rules")
# The shared library with the code of every compiled module (see hatch_build.py).
SHARED_LIBRARY = f"{PACKAGE}_native__mypyc"
_SUBMODULE_PREFIXES = tuple(f"{package}." for package in COMPILED_PACKAGES)
RECOMPILE_COMMAND = "uv sync --reinstall-package accessibility-analyzer"

_state = "pure Python (not compiled)"

if TYPE_CHECKING:
    from mypy_extensions import mypyc_attr as mypyc_attr  # noqa: PLC0414 - re-exported
else:
    # mypyc reads ``@mypyc_attr(...)`` at compile time (mypy resolves this name to
    # mypy_extensions'); the compiled class never calls it. In pure Python it must do
    # nothing, without making mypy_extensions a run-time dependency. Not in a compiled
    # module: mypyc compiles that branch as unreachable code.

    def mypyc_attr(*_args: Any, **_kwargs: Any) -> Any:
        return lambda cls: cls


def state() -> str:
    """How the engine and rules are loaded, in words (``a11y --version`` prints it)."""
    return _state


def compiled() -> bool:
    """Whether the engine really runs compiled: its core module is an extension module."""
    from accessibility_analyzer.engine import dom  # noqa: PLC0415 - imports the engine

    spec = dom.__spec__
    return spec is not None and isinstance(spec.loader, ExtensionFileLoader)


class SourceOnlyFinder:
    """Loads every engine and rules module from its ``.py``, never from an extension.

    A meta path finder by protocol (``find_spec``): ``importlib.abc`` costs 15 ms to import.
    """

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname == SHARED_LIBRARY:
            raise ModuleNotFoundError(f"{fullname} is not used in pure Python", name=fullname)
        if fullname not in COMPILED_PACKAGES and not fullname.startswith(_SUBMODULE_PREFIXES):
            return None
        from importlib.util import spec_from_file_location  # noqa: PLC0415 - pure runs only

        name = fullname.rpartition(".")[2]
        for directory in path or ():
            package_init = os.path.join(directory, name, "__init__.py")
            if os.path.isfile(package_init):
                return spec_from_file_location(
                    fullname,
                    package_init,
                    submodule_search_locations=[os.path.dirname(package_init)],
                )
            module = os.path.join(directory, f"{name}.py")
            if os.path.isfile(module):
                return spec_from_file_location(fullname, module)
        # No source: a leftover extension of a deleted module must not load either.
        raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)


def _read_manifest() -> tuple[dict[str, str], list[list[str]]] | None:
    """(header fields, [relative path, size, mtime_ns, sha256] per module), or None."""
    try:
        with open(MANIFEST_PATH, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except FileNotFoundError:
        return None
    header: dict[str, str] = {}
    modules: list[list[str]] = []
    for line in lines:
        if line.startswith("#") or not line:
            continue
        if "=" in line and "\t" not in line:
            key, _, value = line.partition("=")
            header[key] = value
        else:
            modules.append(line.split("\t"))
    return header, modules


def changed_sources(modules: list[list[str]]) -> list[str]:
    """Relative paths of the compiled modules whose source differs from the compiled one."""
    changed = []
    for relative, size, mtime_ns, digest in modules:
        path = os.path.join(PACKAGE_DIR, relative)
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            changed.append(relative)
            continue
        if stat.st_size == int(size) and stat.st_mtime_ns == int(mtime_ns):
            continue
        import hashlib  # noqa: PLC0415 - only for a source whose time changed

        with open(path, "rb") as file:
            if stat.st_size != int(size) or hashlib.sha256(file.read()).hexdigest() != digest:
                changed.append(relative)
    return changed


def _use_sources(reason: str, *, warn: bool) -> None:
    global _state  # noqa: PLW0603 - decided once per process, at import of the package
    if not any(isinstance(finder, SourceOnlyFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, SourceOnlyFinder())
    _state = f"pure Python ({reason})"
    if warn:
        sys.stderr.write(
            f"accessibility-analyzer: the compiled engine is out of date ({reason}); running"
            f" the engine and rules as pure Python (slower). To recompile: {RECOMPILE_COMMAND}\n"
        )


def choose() -> None:
    """Decide, once per process, whether engine and rules load compiled or from source."""
    global _state  # noqa: PLW0603 - decided once per process, at import of the package
    forced = os.environ.get("A11Y_PURE_PYTHON", "").strip() not in ("", "0")
    manifest = _read_manifest()
    if manifest is None:
        library = os.path.join(os.path.dirname(PACKAGE_DIR), SHARED_LIBRARY + EXTENSION_SUFFIXES[0])
        if os.path.exists(library):  # a build stopped before writing its manifest
            _use_sources("the last build did not finish", warn=not forced)
        return
    header, modules = manifest
    if "not-compiled" in header:  # the build fell back to pure Python, and says why
        _state = f"pure Python (not compiled: {header['not-compiled']})"
        return
    if forced:
        _use_sources("A11Y_PURE_PYTHON=1", warn=False)
        return
    if header.get("editable") == "1":
        changed = changed_sources(modules)
        if changed:
            shown = ", ".join(changed[:3]) + (
                f" and {len(changed) - 3} more" if len(changed) > 3 else ""
            )
            _use_sources(f"changed since the build: {shown}", warn=True)
            return
    _state = f"compiled with mypyc ({len(modules)} modules)"
