"""Who may do what: the configured API keys, their principals, and who may use a mission.

Every door (REST, the game socket, the page) asks these same questions; see ``api/security.py``
for how a key is presented over HTTP.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from urllib.parse import quote

from radiomirchi.config import Settings

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

    def listen_token(self, mission_id: str) -> str | None:
        """The token in a mission's listen link: it grants listening to that mission only. Derived
        from the keys (every process of a fleet shares them), so it needs no storing; None with keys
        off, when listening needs no token."""
        if not self._keys:
            return None
        secret = b"\n".join(sorted(secret for secret, _ in self._keys))
        return hmac.new(secret, b"listen:" + mission_id.encode(), hashlib.sha256).hexdigest()[:32]

    def listen_query(self, mission_id: str) -> str:
        """The query string a mission's listen and replay links carry ("" with keys off)."""
        token = self.listen_token(mission_id)
        return f"?token={quote(token)}" if token else ""

    def grants_listening(self, mission_id: str, presented: str | None) -> bool:
        token = self.listen_token(mission_id)
        # Bytes, not str: compare_digest refuses a str with characters beyond ASCII.
        return token is None or (
            presented is not None and hmac.compare_digest(token.encode(), presented.encode(errors="replace"))
        )

    def principal_for(self, presented: str | None) -> str | None:
        """The principal whose key this is, or None; compares in constant time per key."""
        if not presented:
            return None
        offered = presented.encode(errors="replace")
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
