"""A rule's documentation: the docstring of its class, compiled or not.

Classes compiled with mypyc keep no docstring (``__doc__`` is empty), so for them the
docstring is read from the module's source, which is installed beside the extension module.
Either way the text is what :func:`inspect.getdoc` gives for the pure-Python class: the
first docstring along the class's MRO, cleaned of its indentation.
"""

from __future__ import annotations

import ast
import inspect
import sys
from functools import cache
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path


def rule_documentation(rule: type) -> str:
    """The documentation of ``rule`` (Markdown sections, see :class:`Rule`), or ``""``."""
    for cls in rule.__mro__:
        if cls is object:
            break
        doc = cls.__doc__ or _docstring_in_source(cls.__module__, cls.__qualname__)
        if doc:
            return inspect.cleandoc(doc)
    return ""


def _docstring_in_source(module_name: str, qualname: str) -> str | None:
    return _class_docstrings(module_name).get(qualname)


@cache
def _class_docstrings(module_name: str) -> dict[str, str]:
    """Qualified class name -> docstring, for every class of the module's source."""
    module = sys.modules.get(module_name)
    filename = getattr(module, "__file__", None)
    if not filename:
        return {}
    source = Path(filename)
    for suffix in EXTENSION_SUFFIXES:
        if source.name.endswith(suffix):
            source = source.with_name(source.name[: -len(suffix)] + ".py")
            break
    if source.suffix != ".py" or not source.is_file():
        return {}
    found: dict[str, str] = {}
    pending: list[tuple[str, ast.AST]] = [("", ast.parse(source.read_bytes()))]
    while pending:
        prefix, node = pending.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                name = f"{prefix}{child.name}"
                docstring = ast.get_docstring(child, clean=False)
                if docstring is not None:
                    found[name] = docstring
                pending.append((f"{name}.", child))
    return found
