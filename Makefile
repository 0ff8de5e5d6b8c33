# One entry point: `make check` runs everything CI runs.
.PHONY: check lint format typecheck imports test test-pure

check: lint typecheck imports test test-pure

lint:
	uv run ruff check src tests benchmarks
	uv run ruff format --check src tests benchmarks

format:
	uv run ruff format src tests benchmarks
	uv run ruff check --fix src tests benchmarks

typecheck:
	uv run mypy

imports:
	uv run lint-imports

# The README's test command, exactly.
test:
	uv run pytest

# The engine, rules and CLI again as pure Python: the fallback of an install without a C
# compiler must stay correct (`uv sync` compiles them with mypyc; see docs/performance.md).
test-pure:
	A11Y_PURE_PYTHON=1 uv run pytest -q tests/engine tests/rules tests/cli
