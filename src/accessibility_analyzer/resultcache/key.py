"""The key of a page's results: its bytes, its path, the rules run and the engine's code.

The engine version is a hash over the source of every module of ``engine/`` and ``rules/``
(and the package version), computed once per process when first needed (a run without a
cache never reads the sources): any change to a rule's code, a table
or the runner changes every key, so a cache never serves results an older engine produced.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

from accessibility_analyzer import __version__

_PACKAGE = Path(__file__).resolve().parent.parent
_SOURCE_FOLDERS = ("engine", "rules")
_SOURCE_SUFFIXES = frozenset({".py", ".json", ".txt", ".yaml", ".toml"})


def engine_version(package: Path = _PACKAGE) -> str:
    """Hash of the package version and the source of the engine and the rules."""
    digest = hashlib.sha256(__version__.encode())
    for folder in _SOURCE_FOLDERS:
        root = package / folder
        for path in sorted(root.rglob("*")):
            if path.suffix not in _SOURCE_SUFFIXES or "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def current_engine_version() -> str:
    """The engine version of the code this process runs (computed once)."""
    return engine_version()


def page_key(source: bytes, *, site_path: str, rule_ids: Iterable[str], variant: str = "") -> str:
    """The key of one page's results before its site files are considered.

    Args:
        source: the page's bytes.
        site_path: its path inside its site (relative URLs resolve against it).
        rule_ids: the rules run, in order (the order of findings follows it).
        variant: what else shapes the stored result (the CLI stores slim and full results
            under different variants).
    """
    digest = hashlib.sha256(current_engine_version().encode())
    for part in (site_path, ",".join(rule_ids), variant):
        digest.update(b"\0")
        digest.update(part.encode("utf-8", "surrogateescape"))
    digest.update(b"\0")
    digest.update(source)
    return digest.hexdigest()
