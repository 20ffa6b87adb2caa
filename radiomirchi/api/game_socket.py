"""``WS /api/v1/ws/{mission_id}``: the live game over a WebSocket (PROTOCOL.md). Thin: the show
itself is ``radiomirchi.game.session``; this module speaks the wire protocol and guards the door.

Close codes: 4401 no valid API key (keys on), 4403 the mission belongs to another key, 4404 no
such mission, 4409 another connection took the mission over, 1008 a message flood that went on,
1009 a frame over 1 MiB (uvicorn's ``ws_max_size``), 1013 try again later (the database is away,
or the process already plays ``RADIOMIRCHI_MAX_LIVE_SESSIONS`` shows).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketDisconnect, WebSocketState

from radiomirchi.api.rate_limit import Admission, ConnectionLimits
from radiomirchi.api.security import (
    FORBIDDEN_CLOSE_CODE,
    FORBIDDEN_MESSAGE,
    UNAUTHORIZED_CLOSE_CODE,
    may_use,
    websocket_principal,
)
from radiomirchi.game import messages
from radiomirchi.game.registry import REPLACED_CLOSE_CODE, RegistryFull
from radiomirchi.game.session import GameSession, InterjectionRefused, SessionEnded
from radiomirchi.schemas import MissionId, MissionStatus, parse_mission_id
from radiomirchi.services import Services
from radiomirchi.store import StoreUnavailable

log = logging.getLogger(__name__)
router = APIRouter()

NOT_FOUND_CLOSE_CODE = 4404
TRY_AGAIN_LATER_CLOSE_CODE = 1013
POLICY_VIOLATION_CLOSE_CODE = 1008
# After a disconnect, all work for the session must stop within a second.
STOP_TIMEOUT_SECONDS = 1.0


class WebSocketSink:
    """Serialises sends: ticks and audio come from different tasks."""

    def __init__(self, websocket: WebSocket) -> None:
        self._websocket = websocket
        self._lock = asyncio.Lock()

    async def send_json(self, message: dict[str, Any]) -> None:
        async with self._lock:
            await self._websocket.send_text(json.dumps(message))

    async def send_audio(self, pcm: bytes) -> None:
        async with self._lock:
            await self._websocket.send_bytes(pcm)


@router.websocket("/api/v1/ws/{mission_id}")
async def game_socket(websocket: WebSocket, mission_id: str) -> None:
    services: Services = websocket.app.state.services
    await websocket.accept()
    allowed, principal = websocket_principal(websocket)
    if not allowed:
        await websocket.close(UNAUTHORIZED_CLOSE_CODE, "a valid API key is required (X-API-Key or api_key)")
        return
    parsed_id = parse_mission_id(mission_id)
    if parsed_id is None:
        await websocket.close(NOT_FOUND_CLOSE_CODE, "mission not found")
        return
    try:
        mission = await services.store.get_mission(parsed_id)
    except StoreUnavailable:
        await websocket.close(TRY_AGAIN_LATER_CLOSE_CODE, "the mission database is unavailable")
        return
    if mission is None:
        await websocket.close(NOT_FOUND_CLOSE_CODE, "mission not found")
        return
    if not may_use(mission.owner, principal):
        await websocket.close(FORBIDDEN_CLOSE_CODE, FORBIDDEN_MESSAGE)
        return
    if mission.status in (MissionStatus.won, MissionStatus.lost):
        await websocket.send_json(
            messages.error(f"This mission is over: it was {mission.status.value}.", "mission_over")
        )
        await websocket.close()
        return
    await GameConnection(websocket, services, parsed_id).serve()


class GameConnection:
    def __init__(self, websocket: WebSocket, services: Services, mission_id: MissionId) -> None:
        self._websocket = websocket
        self._services = services
        self._mission_id = mission_id
        self._sink = WebSocketSink(websocket)
        self._session = GameSession(mission_id, services.session_deps())
        self._run_task: asyncio.Task[None] | None = None
        self._limits = ConnectionLimits.from_settings(services.settings)

    async def serve(self) -> None:
        cap = self._services.settings.max_live_sessions
        try:
            async with self._services.sessions.seat(self._mission_id, self._evict, max_sessions=cap):
                self._run_task = asyncio.create_task(
                    self._session.run(self._sink), name=f"session-{self._mission_id}"
                )
                try:
                    await self._receive_until_done(self._run_task)
                finally:
                    await self._stop()
        except RegistryFull:
            log.warning("Refused mission %s: %d live shows is this server's limit", self._mission_id, cap)
            await self._close(TRY_AGAIN_LATER_CLOSE_CODE, f"the server is at its limit of {cap} live shows")

    async def _receive_until_done(self, run_task: asyncio.Task[None]) -> None:
        while True:
            receive = asyncio.create_task(self._websocket.receive())
            done, _ = await asyncio.wait({receive, run_task}, return_when=asyncio.FIRST_COMPLETED)
            if run_task in done:
                receive.cancel()
                with contextlib.suppress(BaseException):
                    await receive
                await self._finish(run_task)
                return
            try:
                message = receive.result()
            except (WebSocketDisconnect, RuntimeError):
                return
            if message["type"] == "websocket.disconnect":
                return
            text, audio = message.get("text"), message.get("bytes")
            admission = self._limits.admit_text() if audio is None else self._limits.admit_audio(len(audio))
            if admission is not Admission.ADMIT:
                if await self._refuse_flood(admission):
                    return
            elif text is not None:
                await self._handle_text(text)
            elif audio is not None and not self._session.speech_audio(audio):
                await self._reply_error(
                    "Audio is only accepted between start_speech and stop_speech.", "unexpected_audio"
                )

    async def _refuse_flood(self, admission: Admission) -> bool:
        """Drop a message over the connection's budget; True when the flood closed the connection."""
        if admission is Admission.CLOSE:
            log.warning("Mission %s: closing a connection that kept flooding", self._mission_id)
            await self._stop()
            await self._close(POLICY_VIOLATION_CLOSE_CODE, "too many messages")
            return True
        if admission is Admission.DROP:
            await self._reply_error("Too many messages: slow down; this one was dropped.", "rate_limited")
        return False

    async def _handle_text(self, text: str) -> None:
        try:
            payload = json.loads(text)
        except (json.JSONDecodeError, RecursionError):  # RecursionError: nested too deep to parse
            await self._reply_error("Messages must be JSON objects.", "malformed_json")
            return
        if not isinstance(payload, dict):
            await self._reply_error("Messages must be JSON objects.", "malformed_json")
            return
        action = payload.get("action")
        # The seed's front end may also send {"user_dialogue": "..."} with no action.
        if action is None and "user_dialogue" in payload:
            action, payload = "user_dialogue", {"dialogue": payload["user_dialogue"]}
        try:
            if action == "ready_for_next":
                self._session.ready_for_next()
            elif action == "user_dialogue":
                dialogue = payload.get("dialogue")
                if not isinstance(dialogue, str):
                    await self._reply_error("user_dialogue needs a 'dialogue' string.", "bad_message")
                    return
                await self._session.interject_text(dialogue)
            elif action == "start_speech":
                await self._session.start_speech()
            elif action == "stop_speech":
                await self._session.stop_speech()
            elif action == "end_mission":
                await self._session.end_mission()
            else:
                await self._reply_error(f"Unknown action: {str(action)[:40]!r}.", "unknown_action")
        except InterjectionRefused as refusal:
            await self._reply_error(str(refusal), refusal.code)

    async def _finish(self, run_task: asyncio.Task[None]) -> None:
        """The show ended by itself: say why if it failed, then close normally."""
        if run_task.cancelled():
            return
        failure = run_task.exception()
        if isinstance(failure, SessionEnded):
            await self._reply_error(str(failure), failure.code)
        elif isinstance(failure, StoreUnavailable):
            log.warning("Mission %s: the show could not start: %s", self._mission_id, failure)
            await self._reply_error(
                "The mission database is unavailable; try again shortly.", "store_unavailable"
            )
            await self._close(TRY_AGAIN_LATER_CLOSE_CODE, "the mission database is unavailable")
            return
        elif failure is not None and not isinstance(failure, (WebSocketDisconnect, RuntimeError)):
            log.error("Session %s crashed", self._mission_id, exc_info=failure)
            await self._reply_error("The broadcast failed unexpectedly.", "internal_error")
        await self._close(1000)

    async def _reply_error(self, message: str, code: str) -> None:
        with contextlib.suppress(Exception):
            await self._sink.send_json(messages.error(message, code))

    async def _stop(self) -> None:
        task = self._run_task
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(task, STOP_TIMEOUT_SECONDS)

    async def _evict(self) -> None:
        await self._stop()
        await self._close(REPLACED_CLOSE_CODE, "another connection took over this mission")

    async def _close(self, code: int, reason: str = "") -> None:
        if self._websocket.client_state is WebSocketState.CONNECTED:
            with contextlib.suppress(Exception):
                await self._websocket.close(code, reason)
