"""OpenAI's ``response_format`` for structured output, built from the project's pydantic schemas.

Strict mode (and the grammars llama.cpp and Ollama compile from a schema) wants every object
closed (``additionalProperties: false``) with every property required, and does best without
``$ref``: the schema is inlined and stripped of titles. The loose LLM shapes have no defaults, so
requiring every field changes nothing they accept.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

# Keywords that carry no constraint, that strict mode refuses or that grammar builders ignore.
_DROPPED_KEYWORDS = frozenset({"title", "default", "examples"})


def response_format(schema: type[BaseModel]) -> dict[str, Any]:
    return {
        "type": "json_schema",
        "json_schema": {"name": schema.__name__, "schema": strict_schema(schema), "strict": True},
    }


def strict_schema(schema: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema, references inlined, every object closed and fully required."""
    raw = schema.model_json_schema()
    definitions: dict[str, Any] = raw.pop("$defs", {})
    closed: dict[str, Any] = _close(raw, definitions)
    return closed


def schema_text(schema: type[BaseModel]) -> str:
    """The strict schema as compact JSON, for the prompt of a server that ignores ``response_format``."""
    return json.dumps(strict_schema(schema), separators=(",", ":"))


def _close(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, list):
        return [_close(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str):
        name = reference.rsplit("/", 1)[-1]
        merged = {**definitions[name], **{k: v for k, v in node.items() if k != "$ref"}}
        return _close(merged, definitions)
    closed = {key: _close(value, definitions) for key, value in node.items() if key not in _DROPPED_KEYWORDS}
    if isinstance(node.get("properties"), dict):
        # Property names are the reply's fields, never keywords: a field may be called "title".
        closed["properties"] = {name: _close(sub, definitions) for name, sub in node["properties"].items()}
    if closed.get("type") == "object" and "properties" in closed:
        closed["required"] = list(closed["properties"])
        closed["additionalProperties"] = False
    return closed
