"""``POST {base}/chat/completions`` over httpx, as every OpenAI-compatible server speaks it.

The reply's text is ``choices[0].message.content``; a refusal is an HTTP status with an
``{"error": {"message", "type", "code"}}`` body (Ollama's native ``{"error": "..."}`` and plain
text are read too) and, on a 429, a ``Retry-After`` header in seconds (or OpenAI's
``retry-after-ms``). Each call opens its own connection: a call cancelled by its deadline closes
it, which is what tells llama.cpp and Ollama to stop generating.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from pydantic import SecretStr


@dataclass(frozen=True, slots=True)
class Completion:
    content: str
    finish_reason: str | None


class ChatCompletionError(Exception):
    """The server answered with an error status; ``retry_after`` is its requested wait, if any."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        error_type: str | None,
        code: str | None,
        retry_after: float | None,
    ) -> None:
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.message = message
        self.error_type = error_type
        self.code = code
        self.retry_after = retry_after


class MalformedCompletion(ValueError):
    """A 200 whose body is not a chat completion with text in its first choice."""


class ChatCompletionsClient:
    def __init__(
        self,
        base_url: str,
        api_key: SecretStr | None = None,
        *,
        timeout_seconds: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self._api_key = api_key
        self._timeout = timeout_seconds
        self._transport = transport

    async def complete(
        self,
        *,
        model: str,
        messages: list[dict[str, str]],
        response_format: dict[str, Any],
        max_tokens: int,
        temperature: float,
    ) -> Completion:
        body = {
            "model": model,
            "messages": messages,
            "response_format": response_format,
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": False,
        }
        headers = {"Accept": "application/json"}
        if self._api_key is not None:
            headers["Authorization"] = f"Bearer {self._api_key.get_secret_value()}"
        async with httpx.AsyncClient(timeout=self._timeout, transport=self._transport) as http:
            response = await http.post(self.url, json=body, headers=headers)
        if response.status_code != 200:
            raise _error_from(response)
        return _completion_from(response)


def _completion_from(response: httpx.Response) -> Completion:
    try:
        body = response.json()
        choice = body["choices"][0]
        message = choice["message"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise MalformedCompletion(f"not a chat completion: {response.text[:120]!r}") from exc
    content = _text_of(message.get("content")) if isinstance(message, dict) else None
    if content is None:
        refusal = message.get("refusal") if isinstance(message, dict) else None
        raise MalformedCompletion(f"the model refused: {refusal}" if refusal else "no text in the reply")
    finish = choice.get("finish_reason")
    return Completion(content=content, finish_reason=finish if isinstance(finish, str) else None)


def _text_of(content: object) -> str | None:
    """A message's text: a string, or (as some servers send it) a list of ``{"type": "text"}`` parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = [part.get("text") for part in content if isinstance(part, dict)]
        return "".join(text for text in texts if isinstance(text, str)) if texts else None
    return None


def _error_from(response: httpx.Response) -> ChatCompletionError:
    message = response.text.strip()[:300] or response.reason_phrase
    error_type: str | None = None
    code: str | None = None
    try:
        body = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        message = str(error.get("message") or message)
        error_type = str(error["type"]) if error.get("type") is not None else None
        code = str(error["code"]) if error.get("code") is not None else None
    elif isinstance(error, str):
        message = error
    elif isinstance(body, dict) and isinstance(body.get("detail"), str):
        message = body["detail"]
    return ChatCompletionError(
        response.status_code,
        " ".join(message.split()),
        error_type=error_type,
        code=code,
        retry_after=retry_after_seconds(response.headers),
    )


def retry_after_seconds(headers: httpx.Headers) -> float | None:
    """The wait a 429 or 503 asks for: ``retry-after-ms``, else ``Retry-After`` in seconds."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) * scale
        except ValueError:
            continue  # an HTTP date: no server of this kind sends one; treated as no delay given
        if seconds >= 0:
            return seconds
    return None
