"""The JSON in a chat completion's content, as a server that obeys ``response_format`` sends it
or as one that ignores it does: wrapped in a Markdown fence, after a reasoning model's ``<think>``
block, or inside a sentence of prose."""

from __future__ import annotations

import json
import re

_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.DOTALL)


class NoJsonInReply(ValueError):
    """The content holds no JSON object: prose, a refusal, or nothing at all."""


def json_object_text(content: str) -> str:
    """The first JSON object in ``content``, as text; raises ``NoJsonInReply`` when there is none."""
    text = _THINKING.sub("", content).strip()
    if not text:
        raise NoJsonInReply("empty reply")
    candidates = [text, *(match.group(1).strip() for match in _FENCE.finditer(text))]
    for candidate in candidates:
        if _is_object(candidate):
            return candidate
    found = _first_embedded_object(text)
    if found is None:
        raise NoJsonInReply(f"no JSON object in the reply: {_excerpt(text)}")
    return found


def _is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def _first_embedded_object(text: str) -> str | None:
    """An object that starts at some ``{`` of prose and decodes as JSON from there."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    while start != -1:
        try:
            value, end = decoder.raw_decode(text, start)
        except ValueError:
            start = text.find("{", start + 1)
            continue
        if isinstance(value, dict):
            return text[start:end]
        start = text.find("{", end)
    return None


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 80 else flat[:77] + "..."
