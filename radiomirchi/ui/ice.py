"""Where WebRTC finds its ICE servers, and which microphone processing the browser applies.

- ``RADIOMIRCHI_RTC_ICE_SERVERS`` (JSON) if set: for the browser and the server alike.
- On a Hugging Face Space with ``HF_TOKEN``: Hugging Face's TURN servers (fastrtc's helper).
- Otherwise none at all, on both sides: media flows between the machine's own host candidates,
  and no connection ever asks a public STUN server (aiortc falls back to Google's otherwise).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from radiomirchi.config import Settings

log = logging.getLogger(__name__)

NO_ICE_SERVERS: dict[str, Any] = {"iceServers": []}
# TURN credentials for the server side live for the process; the browser's are fetched per call.
SERVER_TURN_TTL_SECONDS = 360_000
BROWSER_TURN_TTL_SECONDS = 3_600

BrowserConfig = dict[str, Any] | Callable[[], Coroutine[Any, Any, dict[str, Any]]]


class IceConfigError(ValueError):
    """RADIOMIRCHI_RTC_ICE_SERVERS is not a usable ICE configuration."""


@dataclass(frozen=True)
class IceConfig:
    browser: BrowserConfig  # a dict, or an async function the page calls before each connection
    server: dict[str, Any]
    source: str


def parse_ice_servers(raw: str) -> dict[str, Any]:
    """``{"iceServers": [...]}`` (a bare list is accepted too), each server with ``urls``."""
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise IceConfigError(f"RADIOMIRCHI_RTC_ICE_SERVERS is not JSON: {exc}") from exc
    if isinstance(value, list):
        value = {"iceServers": value}
    if not isinstance(value, dict) or not isinstance(value.get("iceServers"), list):
        raise IceConfigError('RADIOMIRCHI_RTC_ICE_SERVERS must look like {"iceServers": [...]}')
    for server in value["iceServers"]:
        if not isinstance(server, dict) or "urls" not in server:
            raise IceConfigError("every ICE server needs 'urls'")
    return value


def ice_config(settings: Settings) -> IceConfig:
    if settings.rtc_ice_servers:
        servers = parse_ice_servers(settings.rtc_ice_servers)
        return IceConfig(browser=servers, server=servers, source="RADIOMIRCHI_RTC_ICE_SERVERS")
    if settings.hf_token is not None and settings.space_id:
        return _hugging_face_turn(settings.hf_token.get_secret_value())
    return IceConfig(browser=NO_ICE_SERVERS, server=NO_ICE_SERVERS, source="none (local)")


def _hugging_face_turn(token: str) -> IceConfig:
    from fastrtc import get_cloudflare_turn_credentials, get_cloudflare_turn_credentials_async

    async def browser() -> dict[str, Any]:
        result: dict[str, Any] = await get_cloudflare_turn_credentials_async(
            hf_token=token, ttl=BROWSER_TURN_TTL_SECONDS
        )
        return result

    try:
        server: dict[str, Any] = get_cloudflare_turn_credentials(  # type: ignore[no-untyped-call]
            hf_token=token, ttl=SERVER_TURN_TTL_SECONDS
        )
    except Exception as exc:
        # The browser's relay candidates alone usually still connect; log and go on.
        log.warning("No TURN credentials for the server side (%s); it uses host candidates only", exc)
        server = NO_ICE_SERVERS
    return IceConfig(browser=browser, server=server, source="Hugging Face TURN")


def track_constraints(raw_mic: bool) -> dict[str, Any]:
    """Microphone constraints: the browser's echo cancellation, noise suppression and auto gain
    stay on for players (the hosts' voices must not barge in); ``raw_mic`` is for fake-mic tests."""
    processing = not raw_mic
    return {
        "echoCancellation": processing,
        "noiseSuppression": processing,
        "autoGainControl": processing,
        "sampleRate": {"ideal": 48000},
        "sampleSize": {"ideal": 16},
        "channelCount": {"exact": 1},
    }
