# syntax=docker/dockerfile:1
# One image for the API (`a11y serve`) and the worker (`a11y worker`); see compose.yaml.
#
#   docker build -t accessibility-analyzer .
#
# Stage 1 resolves and installs the locked dependencies and the project into a virtual
# environment with uv, compiling the engine and rules with mypyc (hatch_build.py; gcc is
# needed in this stage only); stage 2 copies only that environment into a slim image and
# runs it as an unprivileged user. Nothing is downloaded at run time.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ghcr.io/astral-sh/uv:0.13.9 AS uv

FROM ${PYTHON_IMAGE} AS build
COPY --from=uv /uv /uvx /usr/local/bin/
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /src
# A C compiler for mypyc (without it the build warns and installs the engine as pure Python).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
# Dependencies first: this layer is reused until uv.lock or pyproject.toml change.
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --locked --no-dev --no-install-project
COPY pyproject.toml uv.lock README.md hatch_build.py ./
COPY src ./src
# The project itself, as a regular (non-editable) install: the runtime image needs no source tree.
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --locked --no-dev --no-editable

FROM ${PYTHON_IMAGE} AS runtime
RUN groupadd --system --gid 10001 a11y \
    && useradd --system --uid 10001 --gid a11y --home-dir /app --shell /usr/sbin/nologin a11y \
    && mkdir -p /app /data \
    && chown a11y:a11y /app /data
COPY --from=build --chown=a11y:a11y /app/.venv /app/.venv
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATA_DIR=/data
WORKDIR /app
USER a11y
VOLUME ["/data"]
EXPOSE 8000
CMD ["a11y", "serve", "--host", "0.0.0.0", "--port", "8000"]
