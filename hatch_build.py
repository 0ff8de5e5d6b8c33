"""Build hook: compile the engine and the rules with mypyc, or install them as pure Python.

Hatchling runs this for the wheel target: for ``uv sync`` (an editable install) the extension
modules are written into ``src/`` beside their sources; for ``uv build`` they go into the
wheel, which then carries the platform tag. Without a C compiler, on any mypyc or compiler
error, or with ``A11Y_COMPILE=0``, the build prints a warning and the install is pure Python.

Every build writes ``_native_manifest.txt`` into the package: the compiled modules and the
size, modification time and SHA-256 of the source each was compiled from. At import time
``accessibility_analyzer._native`` compares the sources of an editable install with it and
loads every engine and rules module from its ``.py`` when one changed (see that module).

The compile runs mypyc once for all modules (one shared library, so calls between modules
stay direct C calls), one C file per module, and then gcc on all cores at once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PACKAGE = "accessibility_analyzer"
COMPILED_PACKAGES = ("engine", "rules")
MANIFEST_NAME = "_native_manifest.txt"
# The shared library holding the code of every compiled module (each module's own extension
# is a small shim that loads it): ``accessibility_analyzer_native__mypyc.<suffix>``, beside
# the package (not in it: mypyc derives each module's ``__file__`` and ``__path__`` from the
# library's directory, so a library inside the package gave packages a wrong ``__path__``).
GROUP_NAME = f"{PACKAGE}_native"

# Modules left as Python, each with the reason. Everything else in engine/ and rules/ is
# compiled.
NOT_COMPILED = {
    # A @runtime_checkable Protocol: compiled, the module failed at import (not investigated
    # further: it is not on the per-page path).
    "engine/site.py",
    # msgspec Structs: msgspec reads the class annotations when it builds a decoder, and
    # mypyc records a union annotation (``str | None``) as ``type`` in a compiled module.
    "engine/result.py",
    "engine/oracle.py",
}

RECOMPILE_COMMAND = "uv sync --reinstall-package accessibility-analyzer"


class CompileFailedError(Exception):
    """mypyc or the C compiler failed; the install falls back to pure Python."""


def source_modules(package_dir: Path) -> list[Path]:
    """The ``.py`` files of engine/ and rules/ to compile, sorted."""
    found = []
    for sub in COMPILED_PACKAGES:
        for path in sorted((package_dir / sub).rglob("*.py")):
            relative = path.relative_to(package_dir).as_posix()
            if "__pycache__" not in path.parts and relative not in NOT_COMPILED:
                found.append(path)
    return found


def manifest_text(package_dir: Path, sources: list[Path], *, editable: bool) -> str:
    """The manifest ``accessibility_analyzer._native`` reads (plain text: parsing it must
    cost the CLI's start-up nothing measurable, and the ``json`` import alone costs 2 ms)."""
    lines = [
        "# Written by hatch_build.py: the modules compiled with mypyc and their sources",
        f"editable={int(editable)}",
        f"recompile={RECOMPILE_COMMAND}",
    ]
    for path in sources:
        stat = path.stat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        relative = path.relative_to(package_dir).as_posix()
        lines.append(f"{relative}\t{stat.st_size}\t{stat.st_mtime_ns}\t{digest}")
    return "\n".join(lines) + "\n"


def _parallel_compile(jobs: int) -> Callable[..., list[str]]:
    """A ``CCompiler.compile`` that runs gcc on ``jobs`` sources at once (setuptools runs
    the sources of one extension one after the other, and ours is one big extension)."""

    def compile_sources(  # noqa: PLR0917 - the signature of CCompiler.compile
        compiler: Any,
        sources: list[str],
        output_dir: str | None = None,
        macros: Any = None,
        include_dirs: Any = None,
        debug: bool = False,
        extra_preargs: Any = None,
        extra_postargs: Any = None,
        depends: Any = None,
    ) -> list[str]:
        macros, objects, extra_postargs, pp_opts, build = compiler._setup_compile(
            output_dir, macros, include_dirs, sources, depends, extra_postargs
        )
        cc_args = compiler._get_cc_args(pp_opts, debug, extra_preargs)

        def compile_one(obj: str) -> None:
            source, extension = build[obj]
            compiler._compile(obj, source, extension, cc_args, extra_postargs, pp_opts)

        # Biggest first, so the longest file does not start last.
        ordered = sorted(objects, key=lambda obj: -Path(build[obj][0]).stat().st_size)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(compile_one, ordered))
        return list(objects)

    return compile_sources


def compile_extensions(root: Path, work_dir: Path, jobs: int, log: Callable[[str], None]) -> Path:
    """Run mypyc and gcc; return the directory holding the built package tree of ``.so``s."""
    # Imported here: a pure build (A11Y_COMPILE=0) needs neither.
    from mypyc.build import mypycify  # noqa: PLC0415
    from setuptools import Distribution  # noqa: PLC0415

    package_dir = root / "src" / PACKAGE
    sources = [path.relative_to(root).as_posix() for path in source_modules(package_dir)]
    c_dir = work_dir / "c"
    lib_dir = work_dir / "lib"
    shutil.rmtree(lib_dir, ignore_errors=True)
    started = time.monotonic()
    cwd = Path.cwd()
    os.chdir(root)  # mypy reads [tool.mypy] of pyproject.toml and resolves paths from here
    try:
        extensions = mypycify(
            [
                *sources,
                f"--cache-dir={work_dir / 'mypy_cache'}",
                "--config-file=pyproject.toml",
            ],
            opt_level="3",
            multi_file=True,
            group_name=GROUP_NAME,
            target_dir=str(c_dir),
        )
    except SystemExit as error:  # mypyc reports type errors by exiting
        raise CompileFailedError(f"mypyc failed (exit status {error.code})") from error
    finally:
        os.chdir(cwd)
    log(f"mypyc: {len(sources)} modules to C in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    distribution = Distribution({"name": "accessibility-analyzer", "ext_modules": extensions})
    command: Any = distribution.get_command_obj("build_ext")
    command.build_lib = str(lib_dir)
    command.build_temp = str(work_dir / "obj")
    command.parallel = jobs
    command.ensure_finalized()
    parallel = _parallel_compile(jobs)
    build_extensions = command.build_extensions

    def build_extensions_in_parallel() -> None:  # run() has made the compiler by now
        compiler = command.compiler
        compiler.compile = lambda *args, **kwargs: parallel(compiler, *args, **kwargs)
        build_extensions()

    command.build_extensions = build_extensions_in_parallel
    cwd = Path.cwd()
    os.chdir(root)
    try:
        command.run()
    except Exception as error:  # CompileError, LinkError, a missing compiler...
        raise CompileFailedError("the C compiler failed (its error is above)") from error
    finally:
        os.chdir(cwd)
    log(f"gcc: {len(extensions)} extensions with {jobs} jobs in {time.monotonic() - started:.0f} s")
    return lib_dir


def built_files(lib_dir: Path) -> Iterator[tuple[Path, str]]:
    """(built file, its path in the package tree, e.g. ``accessibility_analyzer/x.so``)."""
    for path in sorted(lib_dir.rglob("*")):
        if path.is_file():
            yield path, path.relative_to(lib_dir).as_posix()


def remove_compiled(src_dir: Path) -> None:
    """Delete the extension modules and the manifest of an earlier editable build."""
    package_dir = src_dir / PACKAGE
    (package_dir / MANIFEST_NAME).unlink(missing_ok=True)
    for suffix in ("*.so", "*.pyd"):
        for path in [*package_dir.rglob(suffix), *src_dir.glob(f"{GROUP_NAME}__mypyc.{suffix}")]:
            path.unlink()


class MypycBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile engine/ and rules/ into the wheel, or in place for an editable install."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        editable = self._editable = version == "editable"
        src_dir = root / "src"
        if editable:
            remove_compiled(src_dir)  # never leave a stale .so behind, compiled or not
        package_dir = src_dir / PACKAGE
        work_dir = root / "build" / "mypyc"
        work_dir.mkdir(parents=True, exist_ok=True)
        if os.environ.get("A11Y_COMPILE", "1").strip() == "0":
            self._install_pure(build_data, work_dir, "A11Y_COMPILE=0 at build time")
            return
        # Taken before the compile: a source edited while it runs no longer matches.
        sources = source_modules(package_dir)
        manifest = manifest_text(package_dir, sources, editable=editable)
        jobs = max(1, int(os.environ.get("A11Y_COMPILE_JOBS", "0")) or os.cpu_count() or 1)
        try:
            lib_dir = compile_extensions(root, work_dir, jobs, self.app.display_info)
        except (CompileFailedError, ImportError, OSError) as error:
            self.app.display_info(traceback.format_exc())
            self._install_pure(build_data, work_dir, str(error))
            return
        if editable:
            for built, relative in built_files(lib_dir):
                shutil.copy2(built, src_dir / relative)
            # Written last: a build stopped half-way leaves extensions without a manifest,
            # which the import-time guard treats as stale.
            (package_dir / MANIFEST_NAME).write_text(manifest)
        else:
            for built, relative in built_files(lib_dir):
                build_data["force_include"][str(built)] = relative
            self._include_manifest(build_data, work_dir, manifest)
            build_data["pure_python"] = False
            build_data["infer_tag"] = True
        self.app.display_info(f"engine and rules compiled with mypyc ({len(sources)} modules)")

    def _install_pure(self, build_data: dict[str, Any], work_dir: Path, reason: str) -> None:
        """Warn, and record why, so that ``a11y --version`` can say it."""
        self.app.display_warning(
            f"WARNING accessibility-analyzer: {reason}; the engine and rules are installed as"
            " pure Python (correct, about half as fast)"
        )
        manifest = f"# Written by hatch_build.py\nnot-compiled={reason.splitlines()[0][:160]}\n"
        if self._editable:
            (Path(self.root) / "src" / PACKAGE / MANIFEST_NAME).write_text(manifest)
        else:
            self._include_manifest(build_data, work_dir, manifest)

    def _include_manifest(self, build_data: dict[str, Any], work_dir: Path, text: str) -> None:
        path = work_dir / MANIFEST_NAME
        path.write_text(text)
        build_data["force_include"][str(path)] = f"{PACKAGE}/{MANIFEST_NAME}"
