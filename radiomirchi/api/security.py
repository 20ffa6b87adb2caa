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

import hashlib
import hmac
import logging
import re
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security, WebSocket, status
from fastapi.security import APIKeyHeader, APIKeyQuery

from radiomirchi.config import Settings

API_KEY_HEADER = "X-API-Key"
API_KEY_QUERY = "api_key"
UNAUTHORIZED_CLOSE_CODE = 4401
FORBIDDEN_CLOSE_CODE = 4403
UNAUTHORIZED_MESSAGE = (
    f"A valid API key is required: send it in the {API_KEY_HEADER} header "
    f"or the {API_KEY_QUERY} query parameter."
)
FORBIDDEN_MESSAGE = "This mission belongs to another API key."
_PRINCIPAL = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")


class ApiKeys:
    """The configured keys (secret -> principal); ``enabled`` is False when none are set."""

    def __init__(self, keys: dict[str, str]) -> None:
        self._keys = [(secret.encode(), principal) for secret, principal in keys.items()]

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiKeys:
        raw = settings.api_keys.get_secret_value() if settings.api_keys is not None else ""
        return cls.parse(raw)

    @classmethod
    def parse(cls, raw: str) -> ApiKeys:
        keys: dict[str, str] = {}
        for entry in (part.strip() for part in raw.split(",")):
            if not entry:
                continue
            name, sep, secret = entry.partition(":")
            if not (sep and _PRINCIPAL.match(name)):
                name, secret = principal_of_bare_key(entry), entry
            if not secret:
                raise ValueError(f"RADIOMIRCHI_API_KEYS: the key named {name!r} is empty")
            keys[secret] = name
        return cls(keys)

    @property
    def enabled(self) -> bool:
        return bool(self._keys)

    @property
    def principals(self) -> frozenset[str]:
        return frozenset(principal for _, principal in self._keys)

    @property
    def secrets(self) -> frozenset[str]:
        """Only for redaction."""
        return frozenset(secret.decode() for secret, _ in self._keys)

    def principal_for(self, presented: str | None) -> str | None:
        """The principal whose key this is, or None; compares in constant time per key."""
        if not presented:
            return None
        offered = presented.encode()
        found = None
        for secret, principal in self._keys:
            if hmac.compare_digest(secret, offered):
                found = principal
        return found


def principal_of_bare_key(secret: str) -> str:
    return "key-" + hashlib.sha256(secret.encode()).hexdigest()[:12]


def may_use(owner: str | None, principal: str | None) -> bool:
    """Keys off (no principal) or an unowned mission: anyone; otherwise only the owner."""
    return principal is None or owner is None or owner == principal


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


# --- WebSocket ---


def websocket_principal(websocket: WebSocket) -> tuple[bool, str | None]:
    """(allowed, principal) for a socket: allowed with principal None when keys are off."""
    keys: ApiKeys = websocket.app.state.api_keys
    if not keys.enabled:
        return True, None
    presented = websocket.headers.get(API_KEY_HEADER) or websocket.query_params.get(API_KEY_QUERY)
    principal = keys.principal_for(presented)
    return principal is not None, principal


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
    for secret in (settings.gemini_api_key, settings.deepgram_api_key, settings.hf_token):
        if secret is not None:
            _REDACTOR.secrets.add(secret.get_secret_value())
    for name in _LOGGERS_WITH_REQUEST_LINES:
        logger = logging.getLogger(name)
        if _REDACTOR not in logger.filters:
            logger.addFilter(_REDACTOR)
