"""Optional API keys for REST and WebSocket, who owns a mission, and keeping secrets out of logs.

``RADIOMIRCHI_API_KEYS`` unset (the default): everything is open, as on a developer's machine.
Set (comma-separated), every REST route under ``/api/v1`` and the game socket need a key, sent
as the ``X-API-Key`` header or the ``api_key`` query parameter (a browser's WebSocket cannot send
headers). ``/health``, ``/docs`` and ``/openapi.json`` stay open.

Each key belongs to a principal: ``alice:secret1`` is alice's key; a bare ``secret1`` is its own
principal, named ``key-`` and a short hash of it (the key itself is never stored or shown). The
principal that creates a mission owns it; with keys on, only the owner may play it or read it.
"""

from __future__ import annotations

import logging
import re
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import APIKeyHeader, APIKeyQuery

from radiomirchi.access import ApiKeys as ApiKeys
from radiomirchi.access import principal_of_bare_key as principal_of_bare_key
from radiomirchi.config import Settings

API_KEY_HEADER = "X-API-Key"
API_KEY_QUERY = "api_key"
UNAUTHORIZED_CLOSE_CODE = 4401
FORBIDDEN_CLOSE_CODE = 4403
UNAUTHORIZED_MESSAGE = (
    f"A valid API key is required: send it in the {API_KEY_HEADER} header "
    f"or the {API_KEY_QUERY} query parameter."
)


# --- REST ---

_header_key = APIKeyHeader(
    name=API_KEY_HEADER, auto_error=False, description="Needed only when the server sets API keys."
)
_query_key = APIKeyQuery(
    name=API_KEY_QUERY, auto_error=False, description="The same key, for clients that cannot set headers."
)


def get_api_keys(request: Request) -> ApiKeys:
    keys: ApiKeys = request.app.state.api_keys
    return keys


async def authenticate(
    request: Request,
    header: Annotated[str | None, Security(_header_key)],
    query: Annotated[str | None, Security(_query_key)],
) -> str | None:
    """The caller's principal; None when keys are off. A missing or unknown key is a 401."""
    keys = get_api_keys(request)
    if not keys.enabled:
        return None
    principal = keys.principal_for(header or query)
    if principal is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, UNAUTHORIZED_MESSAGE, headers={"WWW-Authenticate": "APIKey"}
        )
    return principal


PrincipalDep = Annotated[str | None, Depends(authenticate)]


# --- logs ---

_QUERY_KEY = re.compile(rf"({API_KEY_QUERY}=)[^&\s\"']+", re.IGNORECASE)


class RedactSecrets(logging.Filter):
    """Blanks API keys in logged request lines (uvicorn logs the query string) and any known secret."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True

    def redact(self, text: str) -> str:
        redacted = _QUERY_KEY.sub(r"\1***", text)
        for secret in self.secrets:
            redacted = redacted.replace(secret, "***")
        return redacted


_REDACTOR = RedactSecrets()
_LOGGERS_WITH_REQUEST_LINES = ("uvicorn.access", "uvicorn.error")


def redact_secrets(text: str) -> str:
    """``text`` with API keys in query strings and every secret this app knows blanked out."""
    return _REDACTOR.redact(text)


def install_log_redaction(settings: Settings) -> None:
    """Keep this app's secrets out of uvicorn's request logs (idempotent; secrets accumulate)."""
    _REDACTOR.secrets.update(ApiKeys.from_settings(settings).secrets)
    for secret in (
        settings.gemini_api_key,
        settings.llm_api_key,
        settings.deepgram_api_key,
        settings.hf_token,
    ):
        if secret is not None:
            _REDACTOR.secrets.add(secret.get_secret_value())
    for name in _LOGGERS_WITH_REQUEST_LINES:
        logger = logging.getLogger(name)
        if _REDACTOR not in logger.filters:
            logger.addFilter(_REDACTOR)
