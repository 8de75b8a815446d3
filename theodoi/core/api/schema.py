"""Schema post-processing: the error answers every endpoint shares, written once."""

from __future__ import annotations

from typing import Any

_ERROR = {
    "type": "object",
    "description": "An error, explained in Vietnamese.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
_FIELD_ERRORS = {
    "type": "object",
    "description": "Invalid parameters: each parameter's name with its messages.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def _response(description: str, component: str) -> dict[str, Any]:
    schema = {"$ref": f"#/components/schemas/{component}"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """401 wherever sign-in is needed, 404 wherever the path names an object (and on pages), 400 wherever
    the query takes parameters."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(
        {"Error": _ERROR, "FieldErrors": _FIELD_ERRORS}
    )
    for path, operations in result["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            if operation.get("security"):
                responses.setdefault("401", _response("Not signed in, or a bad token.", "Error"))
            if method != "get":
                continue
            parameters = operation.get("parameters", [])
            if "{" in path:
                responses.setdefault("404", _response("No such object, or outside your reach.", "Error"))
            elif any(parameter["name"] == "page" for parameter in parameters):
                responses.setdefault("404", _response("No such page.", "Error"))
            if any(parameter.get("in") == "query" for parameter in parameters):
                responses.setdefault("400", _response("A filter has an invalid value.", "FieldErrors"))
    return result
