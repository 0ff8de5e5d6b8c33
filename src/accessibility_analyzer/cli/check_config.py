"""`a11y check`'s settings from ``a11y.toml`` or ``[tool.a11y]`` in ``pyproject.toml``.

The nearest file wins, searching from the working directory upwards; in one folder
``a11y.toml`` (whose keys are at the top level) wins over ``pyproject.toml`` (whose keys are
under ``[tool.a11y]``; a ``pyproject.toml`` without that table is skipped). Paths in the file
(``cache-dir``, ``baseline``, ``answers``) are relative to the file's folder. Flags on the
command line win over the file. An unknown key or a value of the wrong type is an error naming
it.

```toml
[tool.a11y]
rules = ["image-alt", "link-name"]    # default: every rule
tags = ["wcag2a", "wcag2aa"]
level = "AA"
fail-on = "serious"
format = "text"
jobs = 2
cache-dir = ".a11y_cache"
cache = true
cache-max-mb = 512
include-passed = false
baseline = "a11y-baseline.json"
answers = ["a11y-answers.toml"]        # a tester's answers to open questions

[tool.a11y.ignore]
rules = ["region"]                     # never run these
pages = ["vendor/*", "*/legacy/*.html"] # fnmatch globs over the page path
selectors = ["#cookie-banner"]         # findings on these elements or inside them
```
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

CONFIG_FILE = "a11y.toml"
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """The configuration file cannot be used (the message names the file and the key)."""


class IgnoreConfig(msgspec.Struct, frozen=True, forbid_unknown_fields=True, rename="kebab"):
    """What a project never wants reported."""

    rules: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    selectors: tuple[str, ...] = ()


class CheckConfig(msgspec.Struct, frozen=True, forbid_unknown_fields=True, rename="kebab"):
    """The keys a configuration file may set (``None``: not set)."""

    rules: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    level: Literal["A", "AA", "AAA"] | None = None
    fail_on: Literal["critical", "serious", "moderate", "minor"] | None = None
    format: Literal["text", "json", "jsonl", "html", "sarif", "csv", "earl"] | None = None
    jobs: Annotated[int, msgspec.Meta(ge=1)] | None = None
    cache: bool | None = None
    cache_dir: str | None = None
    cache_max_mb: Annotated[int, msgspec.Meta(ge=1)] | None = None
    include_passed: bool | None = None
    baseline: str | None = None
    answers: tuple[str, ...] | None = None
    ignore: IgnoreConfig = IgnoreConfig()


class LoadedConfig(msgspec.Struct, frozen=True):
    """A configuration and the file it came from (``None``: no file found)."""

    config: CheckConfig
    path: Path | None

    def resolve(self, value: str | None) -> Path | None:
        """A path from the file, relative to the file's folder."""
        if value is None:
            return None
        base = self.path.parent if self.path is not None else Path()
        return base / value


def find_config(start: Path) -> Path | None:
    """The configuration file nearest to ``start`` (a folder), searching upwards."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _tool_table(pyproject) is not None:
            return pyproject
    return None


def load_config(start: Path) -> LoadedConfig:
    """The configuration that applies in ``start``; an empty one when no file is found.

    Raises:
        ConfigError: the file is not valid TOML, or a key is unknown or of the wrong type.
    """
    path = find_config(start.resolve())
    if path is None:
        return LoadedConfig(CheckConfig(), None)
    if path.name == PYPROJECT:
        table, where = _tool_table(path) or {}, f"{path} [tool.a11y]"
    else:
        table, where = _read_toml(path), str(path)
    try:
        config = msgspec.convert(table, CheckConfig)
    except msgspec.ValidationError as error:
        raise ConfigError(f"{where}: {_describe(error)}") from error
    return LoadedConfig(config, path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: not readable TOML ({error})") from error


def _tool_table(path: Path) -> dict[str, Any] | None:
    table = _read_toml(path).get("tool", {}).get("a11y")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.a11y] must be a table")
    return table


def _describe(error: msgspec.ValidationError) -> str:
    # msgspec says "Object contains unknown field `x` - at `$.ignore`"; name the key plainly.
    text = str(error)
    if text.startswith("Object contains unknown field"):
        name = text.split("`")[1]
        where = text.split("at `$", 1)[1].rstrip("`") if "at `$" in text else ""
        section = f" in [{where.lstrip('.')}]" if where else ""
        return f"unknown key '{name}'{section}"
    return text.replace("`$.", "`").replace("`$`", "the table")
