"""Listeners over WebRTC: a receive-only peer connection per listener, fed from the show's relay.

The listen page offers (``POST /api/v1/missions/{id}/listen/rtc``, non-trickle: its offer carries
its candidates) an audio transceiver to receive and a data channel named ``show``; the answer
carries the server's. The show's audio goes out as 20 ms frames at real time (silence between
lines), its events as the listen socket's JSON messages on the channel. The page falls back to the
listen socket when WebRTC cannot connect.

Each listener is one task owned by ``RtcListeners`` (stopped at shutdown), holding its place among
the show's listeners (the door's caps) for as long as it lasts: until the show ends, the peer
connection fails or closes, or it never connects.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from contextlib import AbstractAsyncContextManager
from fractions import Fraction
from typing import Any, Literal

from aiortc import (
    MediaStreamTrack,
    RTCConfiguration,
    RTCDataChannel,
    RTCIceServer,
    RTCPeerConnection,
    RTCSessionDescription,
)
from aiortc.mediastreams import MediaStreamError
from av import AudioFrame
from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from radiomirchi.api import wire
from radiomirchi.api.deps import ServicesDep
from radiomirchi.api.listen_socket import listen_hello
from radiomirchi.api.missions import (
    FORBIDDEN,
    NOT_FOUND,
    UNAUTHORIZED,
    Responses,
    http_refusal,
    request_address,
)
from radiomirchi.game import events
from radiomirchi.game.refusal import Refusal
from radiomirchi.game.relay import LONGEST_CALL_SECONDS, Listener
from radiomirchi.speech.audio import BYTES_PER_SAMPLE, WIRE_SAMPLE_RATE, seconds_to_bytes

log = logging.getLogger(__name__)

FRAME_SECONDS = 0.02
FRAME_SAMPLES = int(WIRE_SAMPLE_RATE * FRAME_SECONDS)
FRAME_BYTES = FRAME_SAMPLES * BYTES_PER_SAMPLE
# A listener that never gets connected is let go after this long.
CONNECT_WITHIN_SECONDS = 30.0
# After the show's end is sent, the channel gets this long to deliver it before the call closes.
GOODBYE_SECONDS = 2.0


class RelayTrack(MediaStreamTrack):
    """The show's audio as 20 ms frames at real time; silence when there is none."""

    kind = "audio"

    def __init__(self, max_buffered_seconds: float) -> None:
        super().__init__()
        self._buffer = bytearray()
        self._max_buffered = seconds_to_bytes(max_buffered_seconds)
        self._started: float | None = None
        self._sent = 0
        self.audio_frames = 0  # frames that carried show audio, not silence

    def feed(self, pcm: bytes) -> None:
        self._buffer += pcm
        if len(self._buffer) > self._max_buffered:  # too far behind: keep the newest audio
            del self._buffer[: len(self._buffer) - self._max_buffered]

    def clear(self) -> None:
        """A break-in cut the line: what is still queued of it is not played."""
        self._buffer.clear()

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        now = time.monotonic()
        if self._started is None:
            self._started = now
        due = self._started + self._sent * FRAME_SECONDS
        if due > now:
            await asyncio.sleep(due - now)
        pcm = bytes(self._buffer[:FRAME_BYTES])
        del self._buffer[:FRAME_BYTES]
        if pcm:
            self.audio_frames += 1
        frame = AudioFrame(format="s16", layout="mono", samples=FRAME_SAMPLES)
        frame.planes[0].update(pcm.ljust(FRAME_BYTES, b"\0"))
        frame.sample_rate = WIRE_SAMPLE_RATE
        frame.time_base = Fraction(1, WIRE_SAMPLE_RATE)
        frame.pts = self._sent * FRAME_SAMPLES
        self._sent += 1
        return frame


class RtcListening:
    """One WebRTC listener: its peer connection, its track, its channel, and the pump between the
    relay and them."""

    def __init__(self, ice_servers: dict[str, Any], hello: dict[str, Any], max_behind_seconds: float) -> None:
        servers = [RTCIceServer(**server) for server in ice_servers.get("iceServers", [])]
        self.connection = RTCPeerConnection(RTCConfiguration(iceServers=servers))
        self.track = RelayTrack(max_behind_seconds + LONGEST_CALL_SECONDS)
        self.connection.addTrack(self.track)
        self._channel: RTCDataChannel | None = None
        self._pending: list[str] = [json.dumps(hello)]
        self._gone = asyncio.Event()
        self._connected = asyncio.Event()

        @self.connection.on("datachannel")
        def on_channel(channel: RTCDataChannel) -> None:
            self._channel = channel
            channel.on("open", self._flush)
            if channel.readyState == "open":
                self._flush()

        @self.connection.on("connectionstatechange")
        def on_state() -> None:
            state = self.connection.connectionState
            if state == "connected":
                self._connected.set()
            elif state in ("failed", "closed"):
                self._gone.set()

    async def answer(self, offer: RTCSessionDescription) -> RTCSessionDescription:
        await self.connection.setRemoteDescription(offer)
        await self.connection.setLocalDescription(await self.connection.createAnswer())
        return self.connection.localDescription

    async def close(self) -> None:
        self.track.stop()
        await self.connection.close()

    async def serve(self, listener: Listener, off_air_wait: float) -> None:
        """Pump the show to the peer until it ends, the peer goes, or it never connects."""
        pump = asyncio.create_task(self._pump(listener, off_air_wait), name="rtc-listen-pump")
        gone = asyncio.create_task(self._gone.wait(), name="rtc-listen-gone")
        connected = asyncio.create_task(self._connected.wait(), name="rtc-listen-connected")
        try:
            await asyncio.wait({connected, gone}, timeout=CONNECT_WITHIN_SECONDS)
            if connected.done():
                await asyncio.wait({pump, gone}, return_when=asyncio.FIRST_COMPLETED)
            elif not gone.done():
                log.info("A WebRTC listener never connected")
        finally:
            for task in (pump, gone, connected):
                task.cancel()
            await asyncio.gather(pump, gone, connected, return_exceptions=True)
            await self.close()

    async def _pump(self, listener: Listener, off_air_wait: float) -> None:
        items = listener.items()
        off_air = False
        while True:
            try:
                async with asyncio.timeout(off_air_wait if off_air else None):
                    item = await anext(items)
            except (StopAsyncIteration, TimeoutError):
                break
            if isinstance(item, bytes):
                if self._connected.is_set():  # audio from before the call connected is not late-played
                    self.track.feed(item)
                continue
            if isinstance(item, events.LineInterrupted):
                self.track.clear()
            off_air = isinstance(item, events.OffAir)
            self._send(wire.to_listener_message(item))
        await asyncio.sleep(GOODBYE_SECONDS)  # the last words and the ending reach the page

    def _send(self, message: dict[str, Any]) -> None:
        self._pending.append(json.dumps(message))
        self._flush()

    def _flush(self) -> None:
        channel = self._channel
        if channel is None or channel.readyState != "open":
            return
        for text in self._pending:
            channel.send(text)
        self._pending.clear()


class RtcListeners:
    """Every WebRTC listener of this process: each one's task, stopped at shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    def start(
        self,
        listening: RtcListening,
        place: AbstractAsyncContextManager[Listener],
        listener: Listener,
        off_air_wait: float,
    ) -> None:
        """Serve ``listening`` in the background; ``place`` (entered already) is left when it ends."""

        async def run() -> None:
            try:
                await listening.serve(listener, off_air_wait)
            finally:
                await place.__aexit__(None, None, None)

        task = asyncio.create_task(run(), name="rtc-listener")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(Exception):
            await asyncio.gather(*self._tasks, return_exceptions=True)


# --- the offer endpoint ---

router = APIRouter(prefix="/api/v1", tags=["sharing"])


class RtcOffer(BaseModel):
    sdp: str = Field(max_length=20_000)
    type: Literal["offer"]


class RtcAnswer(BaseModel):
    sdp: str
    type: str


@router.get("/listen/ice")
async def listen_ice(request: Request) -> dict[str, Any]:
    """The ICE servers a listen page's peer connection uses (none when serving locally)."""
    browser = request.app.state.listen_ice.browser
    config: dict[str, Any] = await browser() if callable(browser) else browser
    return config


_RTC_RESPONSES: Responses = {
    **UNAUTHORIZED,
    **FORBIDDEN,
    **NOT_FOUND,
    409: {"description": "The show is over: its replay is at /replay/{mission_id}."},
    421: {"description": "Another process of the fleet plays this show; route by mission id."},
    429: {"description": "This address already listens to as many shows as it may; see Retry-After."},
    503: {"description": "The show has all the listeners it can take, or the database is away."},
}


@router.post("/missions/{mission_id}/listen/rtc", response_model=RtcAnswer, responses=_RTC_RESPONSES)
async def listen_rtc(
    mission_id: str, offer: RtcOffer, request: Request, services: ServicesDep, token: str | None = None
) -> RtcAnswer:
    """A WebRTC listener: the page's offer (an audio transceiver to receive, a data channel named
    ``show``, its candidates gathered), answered with the server's. The same door as the listen
    socket: the link's token, the caps, 4421's routing (here a 421)."""
    door = services.door
    try:
        mission = await door.listen(mission_id, token)
        if mission.status.is_final:
            raise Refusal("This show is over: open its replay instead.", "mission_over")
        await door.refuse_listening_elsewhere(mission.id)
        place = door.listener(mission.id, request_address(request, services))
        listener = await place.__aenter__()
    except Refusal as refusal:
        raise http_refusal(refusal) from None
    settings = services.settings
    listening = RtcListening(
        request.app.state.listen_ice.server, listen_hello(mission), settings.listener_max_behind_seconds
    )
    try:
        answer = await listening.answer(RTCSessionDescription(sdp=offer.sdp, type=offer.type))
    except BaseException as exc:
        await listening.close()
        await place.__aexit__(None, None, None)
        if isinstance(exc, ValueError):  # aiortc's word for an SDP it cannot parse or answer
            # Unusable input like any other: the API's readable 422.
            problem = {"type": "value_error", "loc": ("body", "sdp"), "msg": f"not a usable offer: {exc}"}
            raise RequestValidationError([problem]) from None
        raise
    listeners: RtcListeners = request.app.state.rtc_listeners
    listeners.start(listening, place, listener, settings.listener_off_air_wait_seconds)
    return RtcAnswer(sdp=answer.sdp, type=answer.type)
