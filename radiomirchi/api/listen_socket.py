"""``WS /api/v1/ws/{mission_id}/listen``: a show for its listeners, read-only (docs/PROTOCOL.md).

The same JSON events and binary audio frames as the player's socket, from the line on air when the
listener joins, plus the caller on air (``caller_start``, audio, ``caller_end``) and ``off_air``
while the player's connection is away. Anything a listener sends is answered with an error and
changes nothing. The stream ends with ``mission_end`` and a normal close.

The link's ``token`` (``GET /api/v1/missions/{id}/listen`` gives it to the mission's owner) grants
listening to that mission only; with API keys off no token is needed. Close codes: 4401 no valid
token, 4404 no such mission, 1013 the show or this address has as many listeners as it may take,
1008 a flood of messages. A listener too far behind is closed with 1013 too: the show never waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketDisconnect, WebSocketState

from radiomirchi.api import wire
from radiomirchi.api.game_socket import POLICY_VIOLATION_CLOSE_CODE, TRY_AGAIN_LATER_CLOSE_CODE, refuse
from radiomirchi.api.security import API_KEY_HEADER, API_KEY_QUERY
from radiomirchi.door import client_address
from radiomirchi.game import events
from radiomirchi.game.refusal import Refusal
from radiomirchi.game.relay import Listener
from radiomirchi.game.tasks import cancel_and_wait
from radiomirchi.limits import Admission, ConnectionLimits
from radiomirchi.schemas import MissionStatus, PropagandaMission
from radiomirchi.services import Services

router = APIRouter()

LISTEN_TOKEN_QUERY = "token"  # noqa: S105 - the query parameter's name, not a secret
LISTEN_ONLY_MESSAGE = "This is a listen link: listeners hear the show but cannot change it."
BEHIND_MESSAGE = "this listener fell too far behind the live show"


@router.websocket("/api/v1/ws/{mission_id}/listen")
async def listen_socket(websocket: WebSocket, mission_id: str) -> None:
    services: Services = websocket.app.state.services
    door = services.door
    await websocket.accept()
    presented = (
        websocket.query_params.get(LISTEN_TOKEN_QUERY)
        or websocket.headers.get(API_KEY_HEADER)
        or websocket.query_params.get(API_KEY_QUERY)
    )
    address = client_address(
        websocket.client.host if websocket.client is not None else None,
        websocket.headers.get("x-forwarded-for"),
        trust_forwarded=services.settings.trusts_forwarded_for,
    )
    try:
        mission = await door.listen(mission_id, presented)
        if mission.status.is_final:
            await _tell_finished(websocket, mission)
            return
        await door.refuse_listening_elsewhere(mission.id)
        async with door.listener(mission.id, address) as listener:
            await ListenConnection(websocket, services, mission, listener).serve()
    except Refusal as refusal:
        await refuse(websocket, refusal)


async def _tell_finished(websocket: WebSocket, mission: PropagandaMission) -> None:
    """A finished show has nothing left to hear live: its ending, and a normal close."""
    with contextlib.suppress(Exception):
        await websocket.send_json(listen_hello(mission))
        if mission.status is MissionStatus.failed or mission.result is None:
            await websocket.send_json(wire.error("This show failed before it went on air.", "mission_failed"))
        else:
            ended = events.MissionEnded(
                mission.result, mission.end_reason or "", mission.score or 0, mission.awakened_listeners
            )
            await websocket.send_json(wire.to_listener_message(ended))
        await websocket.close(1000)


def listen_hello(mission: PropagandaMission) -> dict[str, Any]:
    """What a listener is told first: which show this is (never its hidden facts)."""
    return {
        "status": "listening",
        "mission_id": str(mission.id),
        "station_name": mission.generation_result.station_name,
        "topic": mission.topic,
    }


class ListenConnection:
    def __init__(
        self, websocket: WebSocket, services: Services, mission: PropagandaMission, listener: Listener
    ) -> None:
        self._websocket = websocket
        self._mission = mission
        self._listener = listener
        self._off_air_wait = services.settings.listener_off_air_wait_seconds
        self._limits = ConnectionLimits.from_settings(services.settings, services.clock.monotonic)
        self._send_lock = asyncio.Lock()

    async def serve(self) -> None:
        relaying = asyncio.create_task(self._relay(), name=f"listen-{self._mission.id}")
        receiving = asyncio.create_task(self._receive(), name=f"listen-receive-{self._mission.id}")
        try:
            await asyncio.wait({relaying, receiving}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            await cancel_and_wait(receiving)
            await cancel_and_wait(relaying)
        if relaying.done() and not relaying.cancelled() and relaying.exception() is None:
            reason = relaying.result()
            if self._listener.dropped:
                await self._close(TRY_AGAIN_LATER_CLOSE_CODE, BEHIND_MESSAGE)
            else:
                await self._close(1000, reason)

    async def _relay(self) -> str:
        """Send the show until it ends; returns why the stream ended."""
        await self._send_json(listen_hello(self._mission))
        items = self._listener.items()
        off_air = False
        while True:
            try:
                async with asyncio.timeout(self._off_air_wait if off_air else None):
                    item = await anext(items)
            except StopAsyncIteration:
                return "the show ended"
            except TimeoutError:
                return "the show did not come back on the air"
            if isinstance(item, bytes):
                await self._send(self._websocket.send_bytes(item))
                continue
            off_air = isinstance(item, events.OffAir)
            await self._send_json(wire.to_listener_message(item))

    async def _receive(self) -> None:
        """Whatever a listener sends changes nothing: it is answered with an error (a flood closes)."""
        while True:
            message = await self._websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            audio = message.get("bytes")
            admission = self._limits.admit_text() if audio is None else self._limits.admit_audio(len(audio))
            if admission is Admission.CLOSE:
                await self._close(POLICY_VIOLATION_CLOSE_CODE, "too many messages")
                return
            if admission is Admission.ADMIT:
                await self._send_json(wire.error(LISTEN_ONLY_MESSAGE, "listen_only"))

    async def _send_json(self, message: dict[str, Any]) -> None:
        await self._send(self._websocket.send_text(json.dumps(message)))

    async def _send(self, sending: Any) -> None:
        async with self._send_lock:
            # The listener went: the receiver sees the disconnect and the connection ends.
            with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
                await sending

    async def _close(self, code: int, reason: str = "") -> None:
        if self._websocket.client_state is WebSocketState.CONNECTED:
            with contextlib.suppress(Exception):
                await self._websocket.close(code, reason[:120])
