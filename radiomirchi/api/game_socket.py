"""``WS /api/v1/ws/{mission_id}``: the live game over a WebSocket (docs/PROTOCOL.md). Thin: the show
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
from collections.abc import Coroutine
from typing import Any

from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketDisconnect, WebSocketState

from radiomirchi.api import wire
from radiomirchi.api.security import (
    API_KEY_HEADER,
    API_KEY_QUERY,
    FORBIDDEN_CLOSE_CODE,
    UNAUTHORIZED_CLOSE_CODE,
)
from radiomirchi.clock import REAL_CLOCK, Clock
from radiomirchi.game.events import LineStarted, ShowEvent
from radiomirchi.game.playability import Unplayable
from radiomirchi.game.refusal import Refusal
from radiomirchi.game.registry import REPLACED_CLOSE_CODE
from radiomirchi.game.session import GameSession, InterjectionRefused
from radiomirchi.game.tasks import cancel_and_wait, stop_and_wait
from radiomirchi.game.timing import SHUTDOWN_WAIT_SECONDS
from radiomirchi.limits import Admission, ConnectionLimits
from radiomirchi.schemas import MissionId
from radiomirchi.services import Services
from radiomirchi.speech.audio import pcm_seconds
from radiomirchi.speech.pacing import LEAD_SECONDS, RealTimeClock
from radiomirchi.store import StoreUnavailable

log = logging.getLogger(__name__)
router = APIRouter()

NOT_FOUND_CLOSE_CODE = 4404
TRY_AGAIN_LATER_CLOSE_CODE = 1013
# The voices could not carry one more show without stalling the live ones (HTTP's 503, in 4xxx).
NO_HEADROOM_CLOSE_CODE = 4503
POLICY_VIOLATION_CLOSE_CODE = 1008
# A listener reached a process of the fleet that does not play the show (HTTP's 421).
MISDIRECTED_CLOSE_CODE = 4421


class WebSocketSink:
    """The show on a socket: events as JSON, audio paced to a client playing it in real time.

    Sends are serialised (ticks and audio come from different tasks). A client that has gone is
    not an error: what it would have been sent is dropped, and the show ends through its own
    disconnect.
    """

    def __init__(self, websocket: WebSocket, clock: Clock = REAL_CLOCK) -> None:
        self._websocket = websocket
        self._lock = asyncio.Lock()
        self._clock = RealTimeClock(LEAD_SECONDS, clock)
        self._line_sent = 0.0
        self._gone = False

    async def emit(self, event: ShowEvent) -> None:
        if isinstance(event, LineStarted):
            self._line_sent = 0.0
        await self.send_json(wire.to_message(event))

    async def play(self, pcm: bytes) -> None:
        seconds = pcm_seconds(len(pcm))
        await self._clock.pace(seconds)
        self._line_sent += seconds
        await self._send(self._websocket.send_bytes(pcm))

    def heard_seconds(self) -> float:
        return max(0.0, self._line_sent - self._clock.ahead())

    def clear(self) -> float:
        self._line_sent = max(0.0, self._line_sent - self._clock.clear())
        return self._line_sent

    async def played_out(self) -> None:
        await self._clock.played_out()

    async def send_json(self, message: dict[str, Any]) -> None:
        await self._send(self._websocket.send_text(json.dumps(message)))

    async def _send(self, sending: Coroutine[Any, Any, None]) -> None:
        if self._gone:
            sending.close()
            return
        try:
            async with self._lock:
                await sending
        except (WebSocketDisconnect, RuntimeError, OSError):
            self._gone = True


# The socket's form of a refusal at the door: a close code, or (for the rest) an error message
# and a normal close.
_REFUSAL_CLOSE_CODES: dict[str, int] = {
    "unauthorized": UNAUTHORIZED_CLOSE_CODE,
    "forbidden": FORBIDDEN_CLOSE_CODE,
    "not_found": NOT_FOUND_CLOSE_CODE,
    "server_full": TRY_AGAIN_LATER_CLOSE_CODE,
    "no_headroom": NO_HEADROOM_CLOSE_CODE,
    "store_unavailable": TRY_AGAIN_LATER_CLOSE_CODE,
    "misdirected": MISDIRECTED_CLOSE_CODE,
}


@router.websocket("/api/v1/ws/{mission_id}")
async def game_socket(websocket: WebSocket, mission_id: str) -> None:
    services: Services = websocket.app.state.services
    door = services.door
    await websocket.accept()
    presented = websocket.headers.get(API_KEY_HEADER) or websocket.query_params.get(API_KEY_QUERY)
    try:
        mission = await door.admit(mission_id, door.principal(presented))
    except Refusal as refusal:
        await refuse(websocket, refusal)
        return
    await GameConnection(websocket, services, mission.id).serve()


async def refuse(websocket: WebSocket, refusal: Refusal) -> None:
    """Close a socket the door refused: with its close code, or with an error message first."""
    code = _REFUSAL_CLOSE_CODES.get(refusal.code)
    if code is None:
        with contextlib.suppress(Exception):
            await websocket.send_json(wire.error(str(refusal), refusal.code))
        code = 1000
    if websocket.client_state is WebSocketState.CONNECTED:
        with contextlib.suppress(Exception):
            await websocket.close(code, str(refusal)[:120])


class GameConnection:
    def __init__(self, websocket: WebSocket, services: Services, mission_id: MissionId) -> None:
        self._websocket = websocket
        self._services = services
        self._mission_id = mission_id
        self._sink = WebSocketSink(websocket, services.clock)
        self._run_task: asyncio.Task[None] | None = None
        self._limits = ConnectionLimits.from_settings(services.settings, services.clock.monotonic)

    async def serve(self) -> None:
        try:
            async with self._services.door.show(self._mission_id, self._evict) as session:
                self._run_task = asyncio.create_task(
                    session.run(self._sink), name=f"session-{self._mission_id}"
                )
                try:
                    await self._receive_until_done(self._run_task, session)
                finally:
                    await self._stop()
        except Refusal as refusal:
            await refuse(self._websocket, refusal)

    async def _receive_until_done(self, run_task: asyncio.Task[None], session: GameSession) -> None:
        while True:
            receive = asyncio.create_task(self._websocket.receive(), name=f"receive-{self._mission_id}")
            try:
                await asyncio.wait({receive, run_task}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                if run_task.done() or not receive.done():
                    # The show ended (what was received meanwhile no longer matters), or this
                    # connection is being stopped: the read is stopped and awaited either way.
                    await cancel_and_wait(receive)
                    if not receive.cancelled():
                        receive.exception()  # retrieved: a read that failed as the show ended
            if run_task.done():
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
                await self._handle_text(text, session)
            elif audio is not None and not session.speech_audio(audio):
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

    async def _handle_text(self, text: str, session: GameSession) -> None:
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
                session.ready_for_next()
            elif action == "user_dialogue":
                dialogue = payload.get("dialogue")
                if not isinstance(dialogue, str):
                    await self._reply_error("user_dialogue needs a 'dialogue' string.", "bad_message")
                    return
                await session.interject_text(dialogue)
            elif action == "start_speech":
                await session.start_speech()
            elif action == "stop_speech":
                await session.stop_speech()
            elif action == "end_mission":
                await session.end_mission()
            else:
                await self._reply_error(f"Unknown action: {str(action)[:40]!r}.", "unknown_action")
        except InterjectionRefused as refusal:
            await self._reply_error(str(refusal), refusal.code)

    async def _finish(self, run_task: asyncio.Task[None]) -> None:
        """The show ended by itself: say why if it failed, then close normally."""
        if run_task.cancelled():
            return
        failure = run_task.exception()
        if isinstance(failure, Unplayable):  # playable at the door, no longer as the show started
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
            await self._sink.send_json(wire.error(message, code))

    async def _stop(self) -> None:
        await stop_and_wait(self._run_task, SHUTDOWN_WAIT_SECONDS)

    async def _evict(self) -> None:
        await self._stop()
        await self._close(REPLACED_CLOSE_CODE, "another connection took over this mission")

    async def _close(self, code: int, reason: str = "") -> None:
        if self._websocket.client_state is WebSocketState.CONNECTED:
            with contextlib.suppress(Exception):
                await self._websocket.close(code, reason)
