# One entry point: `make check` runs everything CI runs.
.PHONY: check lint format typecheck imports test

check: lint typecheck imports test

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
