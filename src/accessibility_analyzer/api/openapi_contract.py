"""Make the served OpenAPI document say exactly what the server does.

Litestar's generated document is close, but not exact, and schemathesis (run by the test
suite against a real server) holds the document to the server's behaviour in both
directions. The adjustments here are generic, driven by the document's own shape:

* **ids**: path parameters named ``*_id`` are our 32-hex ids, except ``rule_id`` (free
  text) and ``finding_id`` (a positive 64-bit integer, written in decimal); every other
  string parameter is text without control characters (the input guard refuses those with
  400 before routing).
* **request bodies**: the components of request structs are msgspec's own JSON schema of
  the struct, which keeps every constraint (Litestar's drops those of list items) and says
  ``additionalProperties: false`` for structs that refuse unknown fields; a body that may
  be ``null`` (``SessionCreate | None``) may also be absent.
* **unions**: Litestar writes a union as ``oneOf``, which requires exactly one alternative
  to match; ``int | float`` makes every integer match two. Such overlapping ``oneOf`` become
  ``anyOf`` (what a Python union means).
* **media types**: the report answers in one of the media types of ``reports.FORMATS``: a
  JSON document (an object) for JSON, SARIF and EARL, text for the others.
* **links**: an operation that creates or lists a resource links its ``id`` to every
  operation taking ``{<resource>_id}`` (and any route added later that follows the naming).
  The workflow's next steps, which no id names, are declared too: an upload is followed by
  an analysis of its session, and an analysis is read on to its failed findings (the ones
  with a fix suggestion; an unfiltered page starts with inapplicable ones) and to its
  report in every format. Together they let a client
  (and schemathesis's stateful phase) walk session → documents → analysis → findings →
  suggestion, and analysis → report.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable
from typing import Any, Final

import msgspec
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler

from accessibility_analyzer.reports import ReportFormat

__all__ = ["ID_PATTERN", "TEXT_PATTERN", "request_structs", "tighten"]

ID_PATTERN: Final = "^[0-9a-f]{32}$"
TEXT_PATTERN: Final = "^[^\\x00-\\x1f\\x7f]*$"
_FREE_TEXT_IDS: Final = frozenset({"rule_id"})
_ID_PATTERNS: Final = {"finding_id": "^[1-9][0-9]{0,18}$"}
_HTTP_METHODS: Final = frozenset({"get", "put", "post", "delete", "patch"})
_PRODUCER: Final = re.compile(r"^(create|list|upload)([A-Z][A-Za-z]*)$")
_REPORT_OPERATION: Final = "getReport"


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in schema.get("paths", {}).items()
        for method, operation in item.items()
        if method in _HTTP_METHODS and isinstance(operation, dict)
    ]


def _string_schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The string-typed alternatives of a parameter schema (plain, ``oneOf`` or nullable)."""
    candidates = [schema, *schema.get("oneOf", []), *schema.get("anyOf", [])]
    found = []
    for candidate in candidates:
        kind = candidate.get("type")
        if kind == "string" or (isinstance(kind, list) and "string" in kind):
            found.append(candidate)
    return found


def _tighten_parameters(operation: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        # Litestar puts constraints beside a oneOf; keep them on the string alternative.
        for string_schema in _string_schemas(schema):
            if "enum" in string_schema or "enum" in schema:
                continue
            name = parameter.get("name", "")
            is_id = name.endswith("_id") and name not in _FREE_TEXT_IDS
            if parameter.get("in") == "path" and is_id:
                string_schema["pattern"] = _ID_PATTERNS.get(name, ID_PATTERN)
                continue
            if "pattern" not in string_schema and "pattern" not in schema:
                string_schema["pattern"] = TEXT_PATTERN


def _close_body_schemas(schema: dict[str, Any], operation: dict[str, Any]) -> None:
    body = operation.get("requestBody")
    if not isinstance(body, dict):
        return
    components = schema.get("components", {}).get("schemas", {})
    for media in body.get("content", {}).values():
        body_schema = media.get("schema", {})
        alternatives = [body_schema, *body_schema.get("oneOf", []), *body_schema.get("anyOf", [])]
        for alternative in alternatives:
            reference = alternative.get("$ref", "")
            if reference.startswith("#/components/schemas/"):
                target = components.get(reference.rsplit("/", 1)[1])
                if isinstance(target, dict) and target.get("type") == "object":
                    target["additionalProperties"] = False
        if any(alternative.get("type") == "null" for alternative in alternatives):
            body["required"] = False


def _types_overlap(alternatives: list[Any]) -> bool:
    kinds = [a.get("type") for a in alternatives if isinstance(a, dict)]
    names = [kind for kind in kinds if isinstance(kind, str)]
    return len(set(names)) < len(names) or {"integer", "number"} <= set(names)


def _overlapping_unions_to_any_of(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _overlapping_unions_to_any_of(item)
    elif isinstance(node, dict):
        alternatives = node.get("oneOf")
        if isinstance(alternatives, list) and _types_overlap(alternatives):
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _overlapping_unions_to_any_of(value)


def _report_media_types(operation: dict[str, Any]) -> None:
    ok = operation.get("responses", {}).get("200")
    if not isinstance(ok, dict):
        return
    content = {}
    for fmt in ReportFormat:
        media_type = fmt.media_type.split(";")[0].strip()
        is_json = media_type == "application/json" or media_type.endswith("+json")
        content[media_type] = {"schema": {"type": "object" if is_json else "string"}}
    ok["content"] = content
    ok["description"] = "The report, in the media type of the requested format"


def _resource(operation_id: str) -> tuple[str, bool] | None:
    """``("analysis", False)`` for createAnalysis, ``("finding", True)`` for listFindings."""
    match = _PRODUCER.match(operation_id)
    if match is None:
        return None
    verb, noun = match.groups()
    if verb == "create":
        return re.sub(r"(?<!^)(?=[A-Z])", "_", noun).lower(), False
    word = re.sub(r"(?<!^)(?=[A-Z])", "_", noun).lower()
    if word.endswith("analyses"):
        return word[: -len("analyses")] + "analysis", True
    if word.endswith("ies"):
        return word[:-3] + "y", True
    return word.removesuffix("s"), True


def _path_parameters(path: str) -> set[str]:
    return set(re.findall(r"{([^}:]+)(?::[^}]*)?}", path))


def _workflow_links() -> dict[str, dict[str, dict[str, Any]]]:
    """Links by source operation id: the workflow's next steps that no id names."""
    same_session = {"session_id": "$request.path.session_id"}
    same_analysis = {"analysis_id": "$response.body#/id"}
    reports = {
        f"getReport{fmt.name.capitalize()}": {
            "operationId": _REPORT_OPERATION,
            "parameters": {**same_analysis, "query.format": fmt.value},
        }
        for fmt in ReportFormat
    }
    failed_findings = {
        "listFailedFindings": {
            "operationId": "listFindings",
            "parameters": {**same_analysis, "query.outcome": "failed"},
        }
    }
    return {
        "uploadDocuments": {
            "createAnalysis": {"operationId": "createAnalysis", "parameters": same_session},
        },
        # Reports and findings exist once the analysis completed (poll getAnalysis first).
        "createAnalysis": {**failed_findings, **reports},
        "getAnalysis": {**failed_findings, **reports},
    }


def _add_workflow_links(schema: dict[str, Any]) -> None:
    workflow = _workflow_links()
    for _, _, operation in _operations(schema):
        links = workflow.get(str(operation.get("operationId", "")))
        if links is None:
            continue
        for status, response in operation.get("responses", {}).items():
            if status.startswith("2") and isinstance(response, dict):
                response.setdefault("links", {}).update(links)


def _add_links(schema: dict[str, Any]) -> None:
    operations = _operations(schema)
    for path, _, operation in operations:
        resource = _resource(str(operation.get("operationId", "")))
        if resource is None:
            continue
        noun, listed = resource
        parameter = f"{noun}_id"
        pointer = "/items/0/id" if listed else "/id"
        if not listed and noun == "document":
            pointer = "/documents/0/id"
        source_parameters = _path_parameters(path)
        links: dict[str, Any] = {}
        for target_path, _, target in operations:
            wanted = _path_parameters(target_path)
            if parameter not in wanted or target is operation:
                continue
            if not wanted <= source_parameters | {parameter}:
                continue
            values = {parameter: f"$response.body#{pointer}"}
            values.update({name: f"$request.path.{name}" for name in wanted - {parameter}})
            links[str(target["operationId"])] = {
                "operationId": target["operationId"],
                "parameters": values,
            }
        if not links:
            continue
        for status, response in operation.get("responses", {}).items():
            if status.startswith("2") and isinstance(response, dict):
                response.setdefault("links", {}).update(links)


def _structs_in(annotation: Any) -> Iterable[type[msgspec.Struct]]:
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _structs_in(argument)


def request_structs(app: Litestar) -> list[type[msgspec.Struct]]:
    """The msgspec structs the app's handlers take as request bodies (``data``)."""
    found: dict[str, type[msgspec.Struct]] = {}
    for route in app.routes:
        for handler in getattr(route, "route_handlers", ()):
            if not isinstance(handler, HTTPRouteHandler):
                continue
            data = handler.parsed_fn_signature.parameters.get("data")
            if data is not None:
                for struct in _structs_in(data.annotation):
                    found[struct.__name__] = struct
    return list(found.values())


def _replace_body_components(
    schema: dict[str, Any], structs: Iterable[type[msgspec.Struct]]
) -> None:
    _, components = msgspec.json.schema_components(
        list(structs), ref_template="#/components/schemas/{name}"
    )
    schema.setdefault("components", {}).setdefault("schemas", {}).update(components)


def tighten(schema: dict[str, Any], structs: Iterable[type[msgspec.Struct]] = ()) -> dict[str, Any]:
    """Apply every adjustment above to ``schema`` (in place) and return it.

    Args:
        schema: the OpenAPI document.
        structs: the request body structs (``request_structs(app)``).
    """
    _replace_body_components(schema, structs)
    _overlapping_unions_to_any_of(schema)
    for _, _, operation in _operations(schema):
        _tighten_parameters(operation)
        _close_body_schemas(schema, operation)
        if operation.get("operationId") == _REPORT_OPERATION:
            _report_media_types(operation)
    _add_links(schema)
    _add_workflow_links(schema)
    return schema
